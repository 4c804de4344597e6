"""Document metadata from sidecar files, JSONL/CSV fields and reader options."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from tacitus.errors import Rejected

SIDECAR_SUFFIX = ".meta.json"
# The fields a record (JSONL line, CSV row, sidecar) can give, by their tacitus names.
FIELDS = ("id", "text", "html", "url", "title", "publisher", "author", "published")


@dataclass(frozen=True, slots=True)
class Columns:
    """Which column of a JSONL or CSV corpus holds each field (default: its own name)."""

    names: tuple[tuple[str, str], ...] = ()

    @classmethod
    def parse(cls, spec: str) -> Columns:
        """``"text=body,published=date"``: the ``body`` column is the text, and so on."""
        pairs: dict[str, str] = {}
        for item in spec.split(","):
            if not item.strip():
                continue
            field, sep, column = (part.strip() for part in item.partition("="))
            if not sep or not field or not column:
                raise ValueError(f"column mapping {item.strip()!r} is not FIELD=COLUMN")
            if field not in FIELDS:
                raise ValueError(f"unknown field {field!r}; fields: {', '.join(FIELDS)}")
            pairs[field] = column
        return cls(tuple(pairs.items()))

    def column(self, field: str) -> str:
        return dict(self.names).get(field, field)

    def get(self, obj: Mapping[str, Any], field: str) -> Any:
        return obj.get(self.column(field))


NO_COLUMNS = Columns()


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document apart from its text; ``None`` means unknown."""

    doc_id: str | None = None
    url: str | None = None
    published: date | None = None
    title: str | None = None
    publisher: str | None = None
    author: str | None = None

    @classmethod
    def from_mapping(
        cls,
        obj: Mapping[str, Any],
        *,
        source: str,
        reason: str = "bad metadata",
        columns: Columns = NO_COLUMNS,
    ) -> Metadata:
        """Read the fields ``id``, ``url``, ``published``, ``title``, ``publisher``,
        ``author`` (from the columns that ``columns`` names for them).

        Unknown keys are ignored. A value of the wrong type raises ``Rejected(reason)``;
        a date that does not parse raises ``Rejected("bad date")``.
        """
        _check_encodable(obj, source)
        doc_id = columns.get(obj, "id")
        # Numeric ids are common in exported corpora; bool is an int subclass but no id.
        if isinstance(doc_id, int) and not isinstance(doc_id, bool):
            doc_id = str(doc_id)
        published = columns.get(obj, "published")
        if isinstance(published, str) and not published.strip():
            published = None  # an empty CSV cell
        if published is not None:
            try:
                published = parse_date(published)
            except ValueError as exc:
                raise Rejected("bad date", str(exc), source) from None

        def text(name: str) -> str | None:
            return _text_field(columns.column(name), columns.get(obj, name), source, reason)

        return cls(
            doc_id=_text_field(columns.column("id"), doc_id, source, reason),
            url=text("url"),
            published=published,
            title=text("title"),
            publisher=text("publisher"),
            author=text("author"),
        )

    def override(self, *, published: date | None = None, url: str | None = None) -> Metadata:
        """A copy with the given values (the reader options) taking precedence."""
        return replace(
            self,
            published=published if published is not None else self.published,
            url=url if url is not None else self.url,
        )


def parse_date(value: object) -> date:
    """``YYYY-MM-DD``, an ISO 8601 datetime (the date as written, no tz shift), an
    RFC 2822 date as in feeds and HTTP headers (``Tue, 05 Mar 2024 10:00:00 GMT``), or a
    date written out with its month in words (``March 5, 2024``)."""
    if not isinstance(value, str):
        raise ValueError(f"not a date string: {value!r}")
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = _written_date(value.strip())
    if found is None:
        raise ValueError(f"not a date with day, month and year: {value!r}")
    return found


def _written_date(value: str) -> date | None:
    """A date written out ("March 5, 2024", "5 March 2024"): dateparser, strictly (day,
    month and year must all be there), English month names, no relative dates."""
    if not value or len(value) > 64 or not any(c.isalpha() for c in value):
        return None
    import dateparser  # slow to import; most dates are ISO

    parsed = dateparser.parse(
        value,
        languages=["en"],
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["absolute-time"],
        },
    )
    return parsed.date() if parsed else None


def sidecar_path(path: Path) -> Path | None:
    """The sidecar of ``path``: ``NAME.txt.meta.json``, else ``NAME.meta.json``, if present."""
    for candidate in (
        path.with_name(path.name + SIDECAR_SUFFIX),
        path.with_name(path.stem + SIDECAR_SUFFIX),
    ):
        if candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path) -> Metadata:
    """The metadata for the document at ``path``; empty when it has no sidecar."""
    sidecar = sidecar_path(path)
    if sidecar is None:
        return Metadata()
    try:
        obj = json.loads(sidecar.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise Rejected("bad metadata", f"{sidecar.name}: {exc}", str(path)) from None
    if not isinstance(obj, dict):
        raise Rejected("bad metadata", f"{sidecar.name}: not a JSON object", str(path))
    return Metadata.from_mapping(obj, source=str(path))


def _text_field(key: str, value: object, source: str, reason: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise Rejected(reason, f"{key!r} must be a string, not {type(value).__name__}", source)
    return value.strip() or None


def _check_encodable(obj: Mapping[str, Any], source: str) -> None:
    # JSON may escape lone surrogates ("\ud800"), which no later stage can encode.
    for key, value in obj.items():
        if isinstance(value, str) and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                detail = f"{key!r} has a lone surrogate at character {exc.start}"
                raise Rejected("undecodable", detail, source) from None
