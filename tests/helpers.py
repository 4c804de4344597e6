"""Small helpers shared by the per-type event tests."""

from __future__ import annotations

from collections import Counter
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


def split_forms(field: str) -> list[str]:
    """The ``|``-separated forms of a list field (none for an empty field)."""
    return field.split("|") if field else []


def place_forms(path: Path) -> list[tuple[int, str]]:
    """Every (line number, name or alias) of a place file (cities.tsv, regions.tsv: name
    in the first column, aliases in the second)."""
    forms: list[tuple[int, str]] = []
    for lineno, fields in read_tsv(path)[1]:
        forms.append((lineno, fields[0]))
        forms.extend((lineno, alias) for alias in split_forms(fields[1]))
    return forms


def forms_in(path: Path, columns: list[str]) -> set[str]:
    """The surface forms in the given columns of an actor data file."""
    header, rows = read_tsv(path)
    indexes = [header.index(column) for column in columns]
    return {form for _, fields in rows for i in indexes for form in split_forms(fields[i])}


def repeated_forms(forms: list[tuple[int, str]]) -> list[str]:
    """The forms used more than once."""
    counts = Counter(form for _, form in forms)
    return sorted(form for form, n in counts.items() if n > 1)


def clashing_forms(
    forms: list[tuple[int, str]], taken: set[str], *, fold: bool = True
) -> list[tuple[int, str]]:
    """The (line number, form) pairs whose form is in ``taken`` (case-folded with
    ``fold``: "Georgia" and "GEORGIA" are one name)."""
    if fold:
        taken = {t.casefold() for t in taken}
    return [
        (lineno, form) for lineno, form in forms if (form.casefold() if fold else form) in taken
    ]
