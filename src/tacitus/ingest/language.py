"""Language identification (py3langid: langid.py's model, shipped in its PyPI package).

tacitus codes English. A document whose text is confidently in another language is
set aside with the reason ``other language`` and the language found, instead of being
parsed as English. The model is confident on a few sentences of news; on very short or
mixed texts it is not, and those are kept (the coder finds nothing in them that is not
there).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# Enough text for a sure answer; reading more only costs time.
SAMPLE_CHARS = 3000


@dataclass(frozen=True, slots=True)
class Guess:
    language: str
    probability: float


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> Guess:
    """The most probable language of ``text`` (ISO 639-1 code) and its probability."""
    language, probability = _identifier().classify(text[:SAMPLE_CHARS])
    return Guess(str(language), float(probability))
