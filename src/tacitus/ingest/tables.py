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
import sys
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from tacitus.errors import Rejected
from tacitus.ingest.compressed import buffered, peek
from tacitus.ingest.documents import (
    Result,
    attempt,
    html_document,
    text_document,
    too_large,
)
from tacitus.ingest.meta import NO_COLUMNS, Columns, Metadata
from tacitus.ingest.sniff import HEAD_BYTES, check_bytes
from tacitus.records import Document
from tacitus.settings import Settings

# csv's own limit (128 KiB a field) is below a long article; ours is max_bytes.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


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
    """Rows of a CSV (or TSV) file with a header row; rows are numbered from 2 (the
    header is row 1), as a spreadsheet shows them."""
    stream = buffered(stream)
    try:
        check_bytes(peek(stream, HEAD_BYTES), source, allow_utf16=False)
    except Rejected as rejected:
        yield rejected
        return
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="strict", newline="")
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
    reader = csv.DictReader(text, delimiter=delimiter, strict=True)
    try:
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            yield Rejected("bad header", f"the header row is not CSV: {exc}", source)
            return
        wanted = {columns.column("text"), columns.column("html")}
        if not wanted & set(header):
            names = " or ".join(sorted(wanted))
            found = ", ".join(header[:12]) or "none"
            yield Rejected("bad header", f"no column {names}; columns: {found}", source)
            return
        while True:
            row_number = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Rejected("bad row", str(exc), f"{source}:{row_number}")
                return  # the parser cannot find the next row after a broken quote
            where = f"{source}:{row_number}"
            size = sum(len(value) for value in row.values() if isinstance(value, str))
            if size > settings.max_bytes:
                yield too_large(size, where, settings)
                continue
            if None in row:  # more cells than the header names
                extra = len(row[None])
                yield Rejected("bad row", f"{extra} cells more than the header", where)
                continue
            yield attempt(
                record_document, row, where, settings, overrides, columns, reason="bad row"
            )
    except UnicodeDecodeError as exc:
        yield Rejected("undecodable", f"not valid UTF-8 ({exc.reason})", source)
    except Rejected as rejected:
        yield rejected
