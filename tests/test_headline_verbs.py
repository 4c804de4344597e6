"""Headlines whose present-tense verb the parser read as a noun are parsed again with the
verb in the past (tacitus.headline_verbs)."""

from __future__ import annotations

import pytest

from tacitus import Pipeline
from tacitus.headline_verbs import HEADLINE_VERBS, past_form

from .helpers import one

BODY = "\n\nOfficials gave no further details on Monday."


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ratifies", ("ratified", "VBZ")),
        ("sign", ("signed", "VBP")),
        ("thanks", ("thanked", "VBZ")),
        ("makes", ("made", "VBZ")),
        ("Rally", ("rallied", "VBP")),
        ("treaty", None),
        ("signed", None),  # already past: nothing to do
    ],
)
def test_past_form(word: str, expected: tuple[str, str] | None) -> None:
    assert past_form(word) == expected


def _parse(nlp, text: str, repair: bool):  # type: ignore[no-untyped-def]
    if repair:
        return nlp(text)
    with nlp.select_pipes(disable=[HEADLINE_VERBS]):
        return nlp(text)


@pytest.mark.parametrize(
    ("headline", "verb", "subject", "obj"),
    [
        ("Peru Ratifies Treaty Signed by Chile", "Ratifies", "Peru", "Treaty"),
        ("Estonia and Latvia Sign Border Agreement", "Sign", "Estonia", "Agreement"),
        ("Norway Thanks Japan for Support on Fisheries", "Thanks", "Norway", "Japan"),
    ],
)
def test_headline_verb_read_as_noun_is_the_root(nlp, headline, verb, subject, obj) -> None:  # type: ignore[no-untyped-def]
    text = headline + BODY
    before = _parse(nlp, text, repair=False)
    token = next(t for t in before if t.text == verb)
    assert token.pos_ != "VERB"  # the model alone gets it wrong
    after = _parse(nlp, text, repair=True)
    assert after.text == text and [t.idx for t in after] == [t.idx for t in before]
    token = next(t for t in after if t.text == verb)
    assert (token.pos_, token.dep_) == ("VERB", "ROOT")
    assert token.tag_ in {"VBZ", "VBP"}  # the present, as written
    assert any(c.dep_ == "nsubj" and subject in [x.text for x in c.subtree] for c in token.children)
    assert any(c.dep_ == "dobj" and c.text == obj for c in token.children)
    # the body, a sentence with a full stop, is parsed as before
    body = [(t.text, t.dep_, t.head.i, t.pos_) for t in after if t.i >= len(headline.split())]
    assert body == [
        (t.text, t.dep_, t.head.i, t.pos_) for t in before if t.i >= len(headline.split())
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kenya suspends talks with Uganda" + BODY,  # the parser found the verb
        "Ministers sign border agreement in Tallinn." + BODY,  # a sentence, not a headline
        "Quarterly Regional Economic Outlook" + BODY,  # no verb to try
    ],
)
def test_lines_left_alone(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    before, after = _parse(nlp, text, repair=False), _parse(nlp, text, repair=True)
    assert [(t.tag_, t.dep_, t.head.i) for t in after] == [
        (t.tag_, t.dep_, t.head.i) for t in before
    ]


def test_repaired_headline_is_coded(pipeline: Pipeline) -> None:
    event = one(pipeline, "Norway Thanks Japan for Support on Fisheries" + BODY, "SUPPORT")
    assert [a.country for a in event.source] == ["NOR"]
    assert [a.country for a in event.target] == ["JPN"]
    assert event.status == "happened"
    assert event.mentions[0].sentence == "Norway Thanks Japan for Support on Fisheries"
