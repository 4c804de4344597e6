"""Small helpers shared by the per-type event tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tacitus import Actor, Event, Pipeline

PUBLISHED = date(2024, 3, 14)  # a Thursday: Biden, Blinken, Scholz, Sunak in office


def code(pipeline: Pipeline, text: str, published: date | None = PUBLISHED) -> list[Event]:
    return pipeline.code_text(text, published=published).events


def of_type(
    pipeline: Pipeline, text: str, kind: str, published: date | None = PUBLISHED
) -> list[Event]:
    return [e for e in code(pipeline, text, published) if e.type == kind]


def one(pipeline: Pipeline, text: str, kind: str, published: date | None = PUBLISHED) -> Event:
    """The single event of ``kind`` in ``text`` (all events shown when there is not one)."""
    events = code(pipeline, text, published)
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, [e.as_dict() for e in events]
    return found[0]


def names(actors: list[Actor]) -> list[str]:
    return [a.name for a in actors]


def countries(actors: list[Actor]) -> list[str | None]:
    return [a.country for a in actors]


def sectors(actors: list[Actor]) -> list[str | None]:
    return [a.sector for a in actors]


def side(actors: list[Actor]) -> list[tuple[str | None, str | None]]:
    return [(a.country, a.sector) for a in actors]


def read_tsv(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, fields) rows of a data file, comments skipped.

    Data-file tests parse the files themselves, independently of the package's loader.
    """
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
        else:
            rows.append((lineno, fields))
    assert header is not None, f"{path.name}: no header line"
    return header, rows
