"""Direct quotes and who said them."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from tacitus.actors.resolve import ActorResolver, DocumentActors
from tacitus.events.lexicon import load_lexicon
from tacitus.records import Actor, Quote

_QUOTE_RE = re.compile(r"“([^”]{3,}?)”|\"([^\"\n]{3,}?)\"")
MIN_QUOTE_WORDS = 3
WORDS = load_lexicon()


def find_quotes(
    doc: Doc,
    masked: str,
    doc_id: str,
    resolver: ActorResolver,
    memory: DocumentActors,
    day: date | None,
) -> list[Quote]:
    quotes = []
    for match in _QUOTE_RE.finditer(masked):
        group = 1 if match.group(1) is not None else 2
        text = match.group(group)
        if len(text.split()) < MIN_QUOTE_WORDS:
            continue
        start, end = match.start(group), match.end(group)
        span = doc.char_span(start, end, alignment_mode="expand")
        speaker = None
        if span is not None:
            speaker = quote_speaker(span.sent, span, resolver, memory, day)
        quotes.append(Quote(text=text, speaker=speaker, doc_id=doc_id, start=start, end=end))
    return quotes


def quote_speaker(
    sentence: Span,
    quote: Span,
    resolver: ActorResolver,
    memory: DocumentActors,
    day: date | None,
) -> Actor | None:
    """The speaker: the subject of a speech verb outside the quote, or "according to X"."""
    inside = range(quote.start, quote.end)
    for token in sentence:
        if token.i in inside:
            continue
        if token.lemma_.lower() in WORDS.speech_verbs and token.pos_ == "VERB":
            for child in token.children:
                if child.dep_ == "nsubj" and child.i not in inside:
                    speaker = _speaker(child, resolver, memory, day)
                    if speaker is not None:
                        return speaker
        if token.lemma_.lower() == "accord":
            for to in token.children:
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        speaker = _speaker(obj, resolver, memory, day)
                        if speaker is not None:
                            return speaker
    return None


def _speaker(
    head: Token, resolver: ActorResolver, memory: DocumentActors, day: date | None
) -> Actor | None:
    if head.lower_ in {"who", "he", "she", "they"} and head.head.dep_ == "relcl":
        head = head.head.head
    return resolver.resolve(head, memory, day)
