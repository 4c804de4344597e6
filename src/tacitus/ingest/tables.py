"""Corpora of one document per record: JSON Lines and CSV/TSV, with a column mapping.

Both are streamed, so a corpus of any size is read in constant memory; the size limit
(``max_bytes``) applies to each record, and a record over it is rejected and skipped
without being held in memory. Each record gives the document's text in the ``text`` or
``html`` field, and its metadata in ``id``, ``url``, ``title``, ``publisher``,
``author`` and ``published``; :class:`~tacitus.ingest.meta.Columns` renames them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from tacitus.errors import Rejected
from tacitus.ingest.documents import (
    Result,
    attempt,
    html_document,
    text_document,
    too_large,
)
from tacitus.ingest.meta import NO_COLUMNS, Columns, Metadata
from tacitus.ingest.sniff import mixed_encodings, repair_escaped
from tacitus.records import Document
from tacitus.settings import Settings


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line without its line end)``; ``None`` for a line over ``limit``
    bytes, which is skipped in chunks rather than read into memory."""
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 16)
            yield lineno, None
            continue
        yield lineno, line.rstrip(b"\r\n")


def read_jsonl(
    stream: BinaryIO,
    source: str,
    settings: Settings,
    overrides: Metadata,
    columns: Columns = NO_COLUMNS,
) -> Iterator[Result]:
    try:
        for lineno, line in bounded_lines(stream, settings.max_bytes):
            where = f"{source}:{lineno}"
            if line is None:
                yield too_large(settings.max_bytes + 1, where, settings)
            elif line.strip():
                yield attempt(_jsonl_document, line, lineno, where, settings, overrides, columns)
    except Rejected as rejected:  # the stream itself failed (a cut-off or corrupt .gz)
        yield rejected


def _jsonl_document(
    line: bytes,
    lineno: int,
    source: str,
    settings: Settings,
    overrides: Metadata,
    columns: Columns,
) -> Document:
    try:
        obj = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise Rejected("undecodable", f"not valid UTF-8 at byte {exc.start}", source) from None
    except (ValueError, RecursionError) as exc:
        raise Rejected("bad line", f"not JSON: {exc}", source) from None
    if not isinstance(obj, dict):
        raise Rejected("bad line", f"not a JSON object but {type(obj).__name__}", source)
    return record_document(obj, source, settings, overrides, columns, reason="bad line")


def read_json(
    data: bytes,
    source: str,
    settings: Settings,
    overrides: Metadata,
    columns: Columns = NO_COLUMNS,
) -> Iterator[Result]:
    """A JSON document: one object (a document) or an array of objects (one each,
    numbered from 1 in the source). It is read whole, so it must fit ``max_bytes``;
    a larger corpus belongs in JSON Lines."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield Rejected("undecodable", f"not valid UTF-8 at byte {exc.start}", source)
        return
    except (ValueError, RecursionError) as exc:
        yield Rejected("bad json", f"not JSON: {exc}", source)
        return
    if isinstance(value, dict):
        yield attempt(
            record_document, value, source, settings, overrides, columns, reason="bad json"
        )
        return
    if not isinstance(value, list):
        yield Rejected(
            "bad json", f"neither an object nor an array but {type(value).__name__}", source
        )
        return
    for number, item in enumerate(value, start=1):
        where = f"{source}#{number}"
        if isinstance(item, dict):
            yield attempt(
                record_document, item, where, settings, overrides, columns, reason="bad json"
            )
        else:
            yield Rejected(
                "bad json", f"item {number} is not an object but {type(item).__name__}", where
            )


def record_document(
    obj: Mapping[str, Any],
    source: str,
    settings: Settings,
    overrides: Metadata,
    columns: Columns,
    *,
    reason: str,
) -> Document:
    """One JSONL object or CSV row as a Document (text wins over html when both exist)."""
    meta = Metadata.from_mapping(obj, source=source, reason=reason, columns=columns)
    meta = meta.override(published=overrides.published, url=overrides.url)
    text, html = columns.get(obj, "text"), columns.get(obj, "html")
    if isinstance(text, str) and text.strip():
        return text_document(text, source, settings, meta, None)
    if isinstance(html, str) and html.strip():
        return html_document(html, source, settings, meta, None)
    if isinstance(text, str) or isinstance(html, str):
        raise Rejected("empty", "the text field is empty", source)
    names = " or ".join(repr(columns.column(name)) for name in ("text", "html"))
    raise Rejected(reason, f"needs a string {names} field", source)


def read_csv(
    stream: BinaryIO,
    source: str,
    settings: Settings,
    overrides: Metadata,
    columns: Columns = NO_COLUMNS,
    *,
    delimiter: str = ",",
) -> Iterator[Result]:
    """Rows of a CSV (or TSV) file with a header row, numbered as a spreadsheet shows
    them (the header is row 1, each record one row, however many lines it spans).

    The parser is lenient (a stray quote inside a field is kept as text), a row it
    cannot parse is set aside and the next one read, a field over ``max_bytes`` stops
    being read, and bytes that are not UTF-8 are repaired as in any text."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _csv_rows(text, source, settings, overrides, columns, delimiter)
    finally:
        text.detach()  # the caller closes the stream it gave


def _csv_rows(
    text: io.TextIOWrapper,
    source: str,
    settings: Settings,
    overrides: Metadata,
    columns: Columns,
    delimiter: str,
) -> Iterator[Result]:
    csv.field_size_limit(max(settings.max_bytes, 1024))
    reader = csv.reader(text, delimiter=delimiter, strict=False)
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        yield Rejected("empty", "no header row", source)
        return
    except csv.Error as exc:
        yield Rejected("bad header", f"the header row is not CSV: {exc}", source)
        return
    problem = _header_problem(header, columns)
    if problem:
        yield Rejected("bad header", problem, source)
        return
    row_number = 1
    while True:
        row_number += 1
        where = f"{source}:{row_number}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                yield too_large(settings.max_bytes + 1, where, settings)
            else:
                yield Rejected("bad row", str(exc), where)
            continue
        if not any(cell.strip() for cell in cells):
            row_number -= 1  # a blank line is no row
            continue
        if len(cells) > len(header):
            extra = len(cells) - len(header)
            yield Rejected("bad row", f"{extra} cells more than the header", where)
            continue
        repaired = 0
        for i, cell in enumerate(cells):
            if not cell.isascii():
                cells[i], count = repair_escaped(cell)
                repaired += count
        row = dict(zip(header, cells, strict=False))
        result = attempt(
            record_document, row, where, settings, overrides, columns, reason="bad row"
        )
        if repaired and isinstance(result, Document):
            result.repairs.append(mixed_encodings(repaired))
        yield result


def _header_problem(header: list[str], columns: Columns) -> str | None:
    wanted = {columns.column("text"), columns.column("html")}
    found = ", ".join(header[:12]) or "none"
    if not wanted & set(header):
        return f"no column {' or '.join(sorted(wanted))}; columns: {found}"
    missing = [
        f"{column!r} (for {field})"
        for field, column in columns.names
        if field not in ("text", "html") and column not in header
    ]
    if missing:
        return f"the column mapping names no such column: {', '.join(missing)}; columns: {found}"
    return None
