"""The reference case of DESIGN.md, asserted field by field.

A scraped JNS page about Blinken's calls with Netanyahu (Tuesday) and Abbas (Monday)
must yield exactly those two events, with evidence, attribution, dates and topics,
and report the page's boilerplate as removed.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from tacitus import Pipeline, Settings
from tacitus.cli import app
from tacitus.ingest import read_paths
from tacitus.records import CodedDocument, Event
from tests.conftest import shared_path

SAMPLE = ("samples", "000_6406694f00667199.txt")


@pytest.fixture(scope="module")
def coded(pipeline: Pipeline) -> CodedDocument:
    documents = list(read_paths([shared_path(*SAMPLE)], settings=Settings()))
    result = list(pipeline.code_documents(documents))
    assert len(result) == 1
    return result[0]


def _happened(coded: CodedDocument) -> list[Event]:
    return [e for e in coded.events if e.status == "happened"]


def _by_target(coded: CodedDocument, name: str) -> Event:
    matches = [e for e in _happened(coded) if [a.name for a in e.target] == [name]]
    assert len(matches) == 1, [e.as_dict() for e in coded.events]
    return matches[0]


def test_document_metadata_comes_from_the_sidecar(coded: CodedDocument) -> None:
    document = coded.document
    assert document.doc_id == "000_6406694f00667199"
    assert document.published == date(2023, 9, 5)
    assert document.publisher == "JNS"
    assert document.url is not None and document.url.startswith("https://www.jns.org/")


def test_exactly_two_events(coded: CodedDocument) -> None:
    assert len(coded.events) == 2
    assert {e.status for e in coded.events} == {"happened"}


@pytest.mark.parametrize(
    ("target", "country", "day", "date_text"),
    [
        ("Benjamin Netanyahu", "ISR", date(2023, 9, 5), "on Tuesday"),
        ("Mahmoud Abbas", "PSE", date(2023, 9, 4), "on Monday"),
    ],
)
def test_each_call(
    coded: CodedDocument, target: str, country: str, day: date, date_text: str
) -> None:
    event = _by_target(coded, target)
    assert event.type == "CONSULT"
    assert event.mode == "phone"
    assert event.quad_class == "verbal cooperation"
    assert event.score == 1.0
    [source] = event.source
    assert (source.name, source.country, source.sector) == ("Antony Blinken", "USA", "GOV")
    assert source.actor_id == "antony-blinken"
    [tgt] = event.target
    assert (tgt.country, tgt.sector) == (country, "GOV")
    assert event.date == day
    assert event.date_precision == "day"
    assert event.date_text == date_text
    assert not event.date_from_publication
    names = {a.name for a in event.attribution}
    assert "Matthew Miller" in names
    miller = next(a for a in event.attribution if a.name == "Matthew Miller")
    assert miller.organization is not None and "State Department" in miller.organization


def test_first_call_attribution_has_role(coded: CodedDocument) -> None:
    event = _by_target(coded, "Benjamin Netanyahu")
    miller = next(a for a in event.attribution if a.name == "Matthew Miller")
    assert miller.role == "spokesman"
    assert miller.organization == "U.S. State Department"


def test_evidence_offsets_point_into_the_text(coded: CodedDocument) -> None:
    text = coded.document.text
    for event in coded.events:
        assert event.mentions
        for mention in event.mentions:
            assert text[mention.start : mention.end] == mention.sentence
            assert mention.doc_id == "000_6406694f00667199"


def test_headline_lede_and_body_are_mentions_of_the_same_events(coded: CodedDocument) -> None:
    headline = "Blinken holds phone calls with Netanyahu, Abbas"
    netanyahu = _by_target(coded, "Benjamin Netanyahu")
    abbas = _by_target(coded, "Mahmoud Abbas")
    for event in (netanyahu, abbas):
        assert any(m.sentence.startswith(headline) for m in event.mentions)
    assert any(m.sentence.startswith("The U.S. secretary and") for m in netanyahu.mentions)
    assert any("spoke on the phone" in m.sentence for m in netanyahu.mentions)
    assert any("call on Monday" in m.sentence for m in abbas.mentions)
    assert any("Blinken and Abbas" in m.sentence for m in abbas.mentions)


def test_caption_and_boilerplate_yield_no_mention(coded: CodedDocument) -> None:
    removed = [(r.start, r.end) for r in coded.document.removed]
    for event in coded.events:
        for mention in event.mentions:
            assert not any(s <= mention.start < e for s, e in removed), mention
            assert "Photo by" not in mention.sentence
            assert "Jan. 30" not in mention.sentence


def test_topics(coded: CodedDocument) -> None:
    netanyahu = _by_target(coded, "Benjamin Netanyahu")
    abbas = _by_target(coded, "Mahmoud Abbas")
    assert {"Iran", "regional integration"} <= set(netanyahu.topics)
    assert {"West Bank violence", "two-state solution"} <= set(abbas.topics)
    assert "Israel" not in netanyahu.topics  # a party to the call is not its topic


def test_removed_boilerplate_is_reported(coded: CodedDocument) -> None:
    removed = {r.text: r.reason for r in coded.document.removed}
    assert removed["update deskU.S.-Israel Relations"] == "section label"
    assert removed["You have read 3 articles this month."] == "paywall nag"
    assert removed["You have read more than 10 articles this month."] == "paywall nag"
    assert removed["Register to receive full access to JNS."] == "paywall nag"
    assert removed["Just before you scroll on..."] == "donation appeal"
    assert removed["Become a part of our mission by donating today"] == "donation appeal"
    assert removed["Topics"] == removed["Comments"] == "page chrome"
    captions = [
        r for r in coded.document.removed if r.text.endswith("Photo by Yoav Ari Dudkevitch/POOL.")
    ]
    assert len(captions) == 2
    assert any(text.startswith("Israel is at war.") for text in removed)
    assert len(coded.document.removed) == 13
    for span in coded.document.removed:
        assert coded.document.text[span.start : span.end] == span.text


def test_no_article_sentence_is_removed(coded: CodedDocument) -> None:
    removed_text = " ".join(r.text for r in coded.document.removed)
    for fragment in (
        "Blinken holds phone calls",
        "spoke on the phone with Israeli Prime Minister",
        "reiterated continued U.S. support",
        "A separate State Department statement",
        "discussed their support for a two-state solution",
    ):
        assert fragment not in removed_text


def test_quotes_have_speakers(coded: CodedDocument) -> None:
    quotes = {q.text[:30]: q for q in coded.quotes}
    reiterated = next(q for k, q in quotes.items() if k.startswith("reiterated continued"))
    assert reiterated.speaker is not None and reiterated.speaker.name == "Matthew Miller"
    for quote in coded.quotes:
        assert coded.document.text[quote.start : quote.end] == quote.text


def test_cli_table_shows_both_calls() -> None:
    result = CliRunner().invoke(app, ["code", str(shared_path(*SAMPLE)), "--format", "table"])
    assert result.exit_code == 0, result.output
    for expected in (
        "Antony Blinken",
        "Benjamin Netanyahu",
        "Mahmoud Abbas",
        "2023-09-05",
        "2023-09-04",
    ):
        assert expected in result.output


def test_cli_jsonl_fields() -> None:
    result = CliRunner().invoke(app, ["code", str(shared_path(*SAMPLE)), "--quiet"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(events) == 2
    for event in events:
        assert event["doc_id"] == "000_6406694f00667199"
        assert event["type"] == "CONSULT" and event["mode"] == "phone"
        for side in ("source", "target"):
            assert {"name", "country", "sector"} <= set(event[side][0])
        assert event["status"] == "happened"
        assert event["attribution"]
        assert all({"sentence", "start", "end"} <= set(m) for m in event["evidence"])
    assert sorted(e["date"] for e in events) == ["2023-09-04", "2023-09-05"]
