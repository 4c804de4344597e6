"""PLOVER contexts of sentences, events and documents, from the word lists of
data/events/contexts.toml.

A sentence is in a context when one of the context's words or phrases occurs among its
lemmas. An event takes the contexts of the sentences it was read from, or the
document's when those have none; a document is in the contexts of its first two
sentences (headline and lede) and of any context at least two of its sentences share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from tacitus._data import read_toml
from tacitus.errors import ConfigError
from tacitus.ontology import load_ontology

LEDE_SENTENCES = 2  # the headline and the first sentence set the story's context
MIN_SENTENCES = 2  # elsewhere a context must come back in this many sentences


@dataclass(frozen=True, slots=True)
class ContextLexicon:
    # first lemma -> (the whole phrase as lemmas, context), longest phrases first
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]

    def find(self, tokens: Iterable[Token]) -> list[str]:
        """The contexts a run of tokens is in, in the order they first occur."""
        lemmas = [t.lemma_.lower() for t in tokens if not t.is_space]
        found: list[str] = []
        for i, lemma in enumerate(lemmas):
            for phrase, context in self.phrases.get(lemma, ()):
                if tuple(lemmas[i : i + len(phrase)]) == phrase and context not in found:
                    found.append(context)
        return found


@cache
def load_contexts() -> ContextLexicon:
    raw = read_toml("events/contexts.toml").get("contexts", {})
    known = set(load_ontology().contexts)
    unknown = sorted(set(raw) - known)
    missing = sorted(known - set(raw))
    if unknown or missing:
        raise ConfigError(f"events/contexts.toml: unknown contexts {unknown}, missing {missing}")
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for context, table in raw.items():
        words = table.get("words")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise ConfigError(f"events/contexts.toml: {context}: words must be a list of strings")
        for entry in words:
            phrase = tuple(entry.lower().split())
            phrases.setdefault(phrase[0], []).append((phrase, context))
    return ContextLexicon(
        {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()}
    )


def document_contexts(per_sentence: Sequence[Sequence[str]]) -> list[str]:
    """Contexts of the lede, then those that at least two sentences share."""
    found: list[str] = []
    for contexts in per_sentence[:LEDE_SENTENCES]:
        found.extend(c for c in contexts if c not in found)
    counts = Counter(c for contexts in per_sentence for c in set(contexts))
    for contexts in per_sentence:
        found.extend(c for c in contexts if counts[c] >= MIN_SENTENCES and c not in found)
    return found
