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

    Plain English prose is recognised without the model: when at least a fifth of its
    first 150 words are English function words that other languages do not use ("the",
    "of", "and", "which", …), it is English with probability 1. Everything else goes to
    the model (about half a millisecond a page)."""
    sample = text[:SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if len(words) >= MIN_WORDS and sum(w in ENGLISH_MARKERS for w in words) >= ENGLISH_SHARE * len(
        words
    ):
        return Guess("en", 1.0)
    language, probability = _identifier().classify(sample)
    return Guess(str(language), float(probability))


# English function words that are not words of other languages written in the Latin
# alphabet (so not "a", "in", "on", "to", "die", "be", "is", "was" …).
ENGLISH_MARKERS = frozenset(
    [
        "the",
        "of",
        "and",
        "that",
        "with",
        "for",
        "from",
        "this",
        "which",
        "would",
        "their",
        "they",
        "been",
        "have",
        "has",
        "were",
        "had",
        "said",
        "says",
        "told",
        "there",
        "what",
        "when",
        "who",
        "will",
        "about",
        "after",
        "also",
        "than",
        "into",
        "its",
        "could",
        "should",
        "his",
        "her",
        "him",
        "she",
        "are",
        "by",
        "at",
        "it",
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
        "must",
        "can",
        "over",
        "between",
        "against",
        "during",
        "while",
        "since",
        "before",
        "because",
        "under",
        "again",
        "new",
        "more",
        "most",
        "many",
        "first",
        "last",
        "week",
        "year",
        "two",
        "three",
        "government",
        "president",
        "minister",
        "officials",
        "people",
        "talks",
        "meeting",
        "statement",
        "police",
    ]
)
ENGLISH_SHARE = 0.12
MIN_WORDS = 30
_WORD = re.compile(r"[^\W\d_]+")
