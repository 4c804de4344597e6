"""The table attribute ruler gives every token what the model's own attribute_ruler
gives it (tacitus.attributes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from benchmarks.corpus import make_stories
from spacy.language import Language

from tacitus.attributes import TABLE_RULER, TableAttributeRuler, use_table_ruler
from tacitus.nlp import resolve_model_name

REPO = Path(__file__).resolve().parents[1]
ODD = [
    "I ain't gonna do it, y'all.",
    "It's not what he'd have done; there're many who'd disagree.",
    "We\n\nmet  them   there .",
    "Gon na go. Nothin' doin'. Does he have it? He does.",
    "There is a meeting, and that is what this was about.",
]


def _pipeline(table: bool) -> Language:
    nlp = spacy.load(resolve_model_name(), exclude=["ner"])
    if table:
        assert use_table_ruler(nlp)
    return nlp


@pytest.mark.slow
def test_same_annotations_as_the_stock_component() -> None:
    texts = [story.text for story in make_stories(40, seed=11)] + ODD
    for path in sorted((REPO / "training" / "data").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()[:12]
        texts.extend(json.loads(line)["text"] for line in lines)
    stock, table = _pipeline(False), _pipeline(True)
    assert TABLE_RULER in table.pipe_names and "attribute_ruler" not in table.pipe_names
    tokens = 0
    for ours, theirs in zip(table.pipe(texts), stock.pipe(texts), strict=True):
        for a, b in zip(ours, theirs, strict=True):
            tokens += 1
            got = (a.tag_, a.pos_, str(a.morph), a.lemma_, a.dep_)
            assert got == (b.tag_, b.pos_, str(b.morph), b.lemma_, b.dep_), a.text
    assert tokens > 5000


def test_later_patterns_override_earlier_ones_attribute_by_attribute() -> None:
    nlp = spacy.blank("en")
    ruler = TableAttributeRuler(
        [
            {"patterns": [[{"LOWER": "talks"}]], "attrs": {"POS": "NOUN", "LEMMA": "talk"}},
            {"patterns": [[{"LOWER": {"IN": ["talks"]}}]], "attrs": {"POS": "VERB"}},
            {"patterns": [[{"LOWER": "peace"}, {"LOWER": "talks"}]], "attrs": {"TAG": "X"}},
        ]
    )
    doc = ruler(nlp("peace talks"))
    assert [(t.pos_, t.lemma_, t.tag_) for t in doc] == [("", "", "X"), ("VERB", "talk", "")]


def test_unsupported_patterns_keep_the_stock_component() -> None:
    nlp = spacy.blank("en")
    stock = nlp.add_pipe("attribute_ruler")
    stock.add([[{"LENGTH": {">": 3}}]], {"POS": "NOUN"})
    assert not use_table_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]
