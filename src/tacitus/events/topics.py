"""Topics of an event: lexicon phrases (data/events/topics.toml) and discussed countries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from tacitus._data import read_toml
from tacitus.actors.kb import Place
from tacitus.actors.resolve import ActorResolver
from tacitus.errors import ConfigError
from tacitus.events.lexicon import load_lexicon

WORDS = load_lexicon()


@dataclass(frozen=True, slots=True)
class TopicLexicon:
    topics: tuple[tuple[str, re.Pattern[str]], ...]

    def find(self, text: str) -> list[str]:
        return [name for name, pattern in self.topics if pattern.search(text)]


@cache
def load_topics() -> TopicLexicon:
    raw = read_toml("events/topics.toml").get("topics", {})
    topics = []
    for name, patterns in raw.items():
        try:
            topics.append((name, re.compile("|".join(f"(?:{p})" for p in patterns), re.I)))
        except re.error as exc:
            raise ConfigError(f"topic {name!r}: bad pattern: {exc}") from exc
    return TopicLexicon(tuple(topics))


def content_verbs(sentence: Span) -> list[Token]:
    return [t for t in sentence if t.lemma_.lower() in WORDS.content_verbs and t.pos_ == "VERB"]


def discussed_countries(sentence: Span, resolver: ActorResolver) -> list[str]:
    """Countries named in what was discussed ("threats posed by Iran" -> IRN)."""
    found: list[str] = []
    for verb in content_verbs(sentence):
        for child in verb.children:
            if child.dep_ not in {"dobj", "prep", "ccomp"}:
                continue
            for match in resolver.matches(sentence.doc, child.left_edge.i, child.right_edge.i + 1):
                if match.kind == "place" and isinstance(match.value, Place):
                    token = sentence.doc[match.end - 1]
                    # "Israel's regional integration" names a party, not a topic
                    if token.dep_ == "poss" or (
                        match.end < len(sentence.doc) and sentence.doc[match.end].dep_ == "case"
                    ):
                        continue
                    if match.value.country not in found:
                        found.append(match.value.country)
    return found
