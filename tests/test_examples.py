"""The README's main job: the bundled corpus against the expected events it documents.

`examples/README.md` lists, in a table, every event the sample stories state. This
test codes `examples/corpus` and counts how many expected events come out exactly
(type, mode, participants, date, status). The table lists the types it covers (CONSULT
today); events of other types are not counted as extra. The pinned minimum only goes up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from tacitus import Pipeline, Settings
from tacitus.ingest import read_paths
from tacitus.records import Event

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MIN_EXACT = 20  # of 22; raise it when the coder improves, never lower it silently
# 2 since the feed story (feed 1) was added: "the two men reviewed the talks on a
# ceasefire" is read as a second meeting of the two ministers (a known miss, listed in
# examples/README.md); the other is 005's Sabbagh meeting, read as happened.
MAX_EXTRA = 2
WIRE_IDS = {
    "wire 1": "northline-20240910-0417",
    "wire 2": "northline-20241003-1122",
    "wire 3": "northline-20240718-0893",
    "feed 1": "nilecourier-20240911-0042",
    "crawl 1": "4d3f2a10-7c1e-4b8e-9a51-2f0c6d7e8b91",
}
_NAME = re.compile(r"([^(),]+?)\s*\(([A-Z]{3}|\?)(?:,\s*[A-Z]{3})?\)")


@dataclass(frozen=True)
class Expected:
    doc: str
    letter: str
    type: str
    mode: str | None
    parties: frozenset[str]
    day: date
    precision: str
    status: str


def _parse_date(cell: str) -> tuple[date, str]:
    if cell.startswith("week of "):
        return date.fromisoformat(cell[8:18]), "week"
    found = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", cell)
    assert found, cell
    year, month, day = found.groups()
    if day is None:
        return date(int(year), int(month), 1), "month"
    return date(int(year), int(month), int(day)), "day"


def expected_events() -> list[Expected]:
    rows = []
    for line in (EXAMPLES / "README.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 9 or not re.match(r"^(\d{3}|(wire|feed|crawl) \d)$", cells[0]):
            continue
        doc, letter, kind, mode, source, target, when, status, _ = cells
        parties = {m.group(1).strip() for m in _NAME.finditer(source + "," + target)}
        day, precision = _parse_date(when)
        rows.append(
            Expected(
                doc=doc,
                letter=letter,
                type=kind,
                mode=None if mode.startswith("-") else mode,
                parties=frozenset(parties),
                day=day,
                precision=precision,
                status=status,
            )
        )
    return rows


def _doc_key(doc_id: str) -> str:
    for key, wire_id in WIRE_IDS.items():
        if doc_id == wire_id:
            return key
    return doc_id[:3]


def _matches(expected: Expected, event: Event) -> bool:
    parties = {a.name for a in event.source + event.target}
    if (event.type, event.mode, event.status) != (expected.type, expected.mode, expected.status):
        return False
    if parties != expected.parties or event.date is None:
        return False
    if expected.precision == "week":
        monday = expected.day - timedelta(days=expected.day.weekday())
        return monday <= event.date <= monday + timedelta(days=6)
    if expected.precision == "month":
        return (event.date.year, event.date.month) == (expected.day.year, expected.day.month)
    return event.date == expected.day


@pytest.fixture(scope="module")
def coded() -> dict[str, list[Event]]:
    pipeline = Pipeline(Settings())
    documents = list(read_paths([EXAMPLES / "corpus"], settings=Settings()))
    by_doc: dict[str, list[Event]] = {}
    for result in pipeline.code_documents(documents):
        by_doc.setdefault(_doc_key(result.document.doc_id), []).extend(result.events)
    assert pipeline.stats.rejections.counts() == {}
    return by_doc


def test_expected_table_is_parsed() -> None:
    rows = expected_events()
    assert len(rows) == 22
    assert {r.doc for r in rows} >= {"001", "007", "wire 3", "feed 1", "crawl 1"}


def test_the_main_job_finds_the_documented_events(coded: dict[str, list[Event]]) -> None:
    expected = expected_events()
    found, missed = [], []
    used: set[int] = set()
    for row in expected:
        hit = next(
            (e for e in coded.get(row.doc, []) if id(e) not in used and _matches(row, e)), None
        )
        if hit is None:
            missed.append(f"{row.doc} {row.letter} {row.mode} {sorted(row.parties)} {row.day}")
        else:
            used.add(id(hit))
            found.append(row)
    extra = [
        f"{doc}: {e.mode} {[a.name for a in e.source + e.target]} {e.date} {e.status}"
        for doc, events in coded.items()
        for e in events
        if id(e) not in used and e.type in {r.type for r in expected}
    ]
    report = "\nmissed:\n  " + "\n  ".join(missed) + "\nextra:\n  " + "\n  ".join(extra)
    assert len(found) >= MIN_EXACT, report
    assert len(extra) <= MAX_EXTRA, report


def test_same_event_same_id_across_outlets(coded: dict[str, list[Event]]) -> None:
    """The Starmer visit reported by two outlets is one event id."""
    ids = {
        doc: {e.event_id for e in coded[doc] if {a.name for a in e.source} == {"Keir Starmer"}}
        for doc in ("003", "006")
    }
    assert ids["003"] & ids["006"]
