"""Document metadata from sidecar files, JSONL fields and reader options."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tacitus.errors import Rejected

SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about a document apart from its text; ``None`` means unknown."""

    doc_id: str | None = None
    url: str | None = None
    published: date | None = None
    title: str | None = None
    publisher: str | None = None

    @classmethod
    def from_mapping(
        cls, obj: Mapping[str, Any], *, source: str, reason: str = "bad metadata"
    ) -> Metadata:
        """Read the keys ``id``, ``url``, ``published``, ``title``, ``publisher``.

        Unknown keys are ignored. A value of the wrong type raises ``Rejected(reason)``;
        a date that does not parse raises ``Rejected("bad date")``.
        """
        _check_encodable(obj, source)
        doc_id = obj.get("id")
        # Numeric ids are common in exported corpora; bool is an int subclass but no id.
        if isinstance(doc_id, int) and not isinstance(doc_id, bool):
            doc_id = str(doc_id)
        published = obj.get("published")
        if published is not None:
            try:
                published = parse_date(published)
            except ValueError as exc:
                raise Rejected("bad date", str(exc), source) from None
        return cls(
            doc_id=_text_field("id", doc_id, source, reason),
            url=_text_field("url", obj.get("url"), source, reason),
            published=published,
            title=_text_field("title", obj.get("title"), source, reason),
            publisher=_text_field("publisher", obj.get("publisher"), source, reason),
        )

    def override(self, *, published: date | None = None, url: str | None = None) -> Metadata:
        """A copy with the given values (the reader options) taking precedence."""
        return replace(
            self,
            published=published if published is not None else self.published,
            url=url if url is not None else self.url,
        )


def parse_date(value: object) -> date:
    """``YYYY-MM-DD`` or an ISO 8601 datetime as a date (the date as written, no tz shift)."""
    if not isinstance(value, str):
        raise ValueError(f"not a date string: {value!r}")
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r}") from None


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
