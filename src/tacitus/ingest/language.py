"""Language identification (py3langid: langid.py's model, shipped in its PyPI package).

tacitus codes English. A document whose text is confidently in another language is
set aside with the reason ``other language`` and the language found, instead of being
parsed as English. The model is confident on a few sentences of news; on very short or
mixed texts it is not, and those are kept (the coder finds nothing in them that is not
there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# Enough text for a sure answer (about 150 words); reading more only costs time.
SAMPLE_CHARS = 1000

# English words that are not words of other languages written in the Latin alphabet:
# not "a", "in", "on", "to", "die", "be", "is", "was"; not Dutch "of", "week",
# "minister"; not German "will", "also"; not Danish or Norwegian "at", "for", "her",
# "over", "by", "had", "have", "under"; not French "police".
ENGLISH_MARKERS = frozenset(
    [
        "the",
        "that",
        "with",
        "from",
        "this",
        "which",
        "would",
        "their",
        "they",
        "been",
        "were",
        "said",
        "says",
        "told",
        "there",
        "what",
        "when",
        "who",
        "about",
        "after",
        "than",
        "into",
        "its",
        "could",
        "should",
        "his",
        "him",
        "she",
        "are",
        "not",
        "these",
        "those",
        "them",
        "then",
        "where",
        "why",
        "any",
        "some",
        "such",
        "other",
        "only",
        "being",
        "did",
        "does",
        "can",
        "between",
        "against",
        "during",
        "while",
        "since",
        "before",
        "because",
        "again",
        "more",
        "many",
        "first",
        "two",
        "three",
        "government",
        "officials",
        "talks",
        "statement",
    ]
)
ENGLISH_SHARE = 0.1
MIN_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Guess:
    language: str
    probability: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> Guess:
    """The most probable language of ``text`` (ISO 639-1 code) and its probability.

    Plain English prose is recognised without the model: when at least a tenth of the
    words sampled (from the start and from the middle of the text, so that an English
    quote at the top of a German story does not decide) are English words that other
    languages written in the Latin alphabet do not use ("the", "which", "said", …), it
    is English with probability 1. Everything else goes to the model (about half a
    millisecond a page)."""
    sample = _sample(text)
    words = _WORD.findall(sample.lower())
    markers = sum(word in ENGLISH_MARKERS for word in words)
    if len(words) >= MIN_WORDS and markers >= ENGLISH_SHARE * len(words):
        return Guess("en", 1.0)
    language, probability = _identifier().classify(sample)
    return Guess(str(language), float(probability))


def _sample(text: str) -> str:
    if len(text) <= SAMPLE_CHARS:
        return text
    half = SAMPLE_CHARS // 2
    middle = len(text) // 2
    return text[:half] + "\n" + text[middle : middle + half]
