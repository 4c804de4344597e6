"""The memo lemmatizer gives every token what the model's own lemmatizer gives it
(tacitus.lemmas)."""

from __future__ import annotations

import pytest
import spacy
from benchmarks.corpus import make_stories
from spacy.language import Language

from tacitus.lemmas import MEMO_LEMMATIZER, use_memo_lemmatizer
from tacitus.nlp import resolve_model_name

ODD = [
    "I ain't gonna do it, y'all. Does he have it? He does; they did.",
    "The talks were held; talks are held. Held, holding, holds.",
    "We\n\nmet  them   there .",
]


def _pipeline(memo: bool) -> Language:
    nlp = spacy.load(resolve_model_name(), exclude=["ner"])
    if memo:
        assert use_memo_lemmatizer(nlp)
    return nlp


@pytest.mark.slow
def test_same_lemmas_as_the_stock_component() -> None:
    texts = [story.text for story in make_stories(30, seed=12)] + ODD
    stock, memo = _pipeline(False), _pipeline(True)
    assert MEMO_LEMMATIZER in memo.pipe_names and "lemmatizer" not in memo.pipe_names
    tokens = 0
    for _ in range(2):  # the second time from the memo
        for ours, theirs in zip(memo.pipe(texts), stock.pipe(texts), strict=True):
            for a, b in zip(ours, theirs, strict=True):
                tokens += 1
                assert (a.lemma_, a.pos_, str(a.morph)) == (b.lemma_, b.pos_, str(b.morph)), a.text
    assert tokens > 5000


def test_a_pipeline_without_a_lemmatizer_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not use_memo_lemmatizer(nlp)
    assert nlp.pipe_names == []
