"""The model's own lemmatizer, its answer remembered per word, part of speech and
morphology.

spaCy's rule lemmatizer works token by token in Python and remembers only some of its
answers (not those for base forms, which it works out again for every token, reading
the morphology each time): about a tenth of the whole pipeline. Its answer depends on
nothing but the token's text, part of speech and morphology (and its fixed tables), so
:class:`MemoLemmatizer` reads those three columns at once, asks the stock component
once per distinct combination, and writes the lemmas with one ``Doc.from_array`` call.
Tokens that already have a lemma keep it unless the component overwrites, as in spaCy.
``tests/test_lemmas.py`` checks that every token gets the same lemma as with the stock
component.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.language import Language
from spacy.tokens import Doc

CACHE_LIMIT = 200_000  # distinct (word, part of speech, morphology) remembered
MEMO_LEMMATIZER = "tacitus_lemma_memo"
# modes whose answer is a function of the token's text, part of speech and morphology
_PURE_MODES = frozenset({"rule", "lookup"})


class MemoLemmatizer:
    """The stock ``lemmatizer`` of the pipeline, asked once per distinct token."""

    def __init__(self, nlp: Language, name: str, lemmatizer: str = "lemmatizer") -> None:
        self.name = name
        self.stock: Any = nlp.get_pipe(lemmatizer)
        self._memo: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if len(self._memo) > CACHE_LIMIT:  # distinct words keep coming in a long run
            self._memo.clear()
        stock = self.stock
        if not getattr(stock, "_validated", True):  # as the stock component's first call
            stock._validate_tables(Errors.E1004)
        overwrite = bool(stock.overwrite)
        strings = doc.vocab.strings
        memo = self._memo
        columns: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])  # uint64 ids, a row per token
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = stock.lemmatize(doc[i])[0]
                if pos:  # no part of speech: spaCy warns every time, so ask every time
                    memo[key] = found
            lemmas[i] = strings.add(found)
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(MEMO_LEMMATIZER, default_config={"lemmatizer": "lemmatizer"})
def make_memo_lemmatizer(nlp: Language, name: str, lemmatizer: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp, name, lemmatizer)


def use_memo_lemmatizer(nlp: Language) -> bool:
    """Put :class:`MemoLemmatizer` in place of the pipeline's ``lemmatizer`` (which stays,
    disabled, for its tables); one of another mode keeps its place (False)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    stock = nlp.get_pipe("lemmatizer")
    if getattr(stock, "mode", None) not in _PURE_MODES or not hasattr(stock, "lemmatize"):
        return False
    nlp.add_pipe(MEMO_LEMMATIZER, after="lemmatizer")
    nlp.disable_pipe("lemmatizer")
    return True
