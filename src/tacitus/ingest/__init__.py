"""Readers: turn files, directories and stdin into :class:`Document` records.

Every input yields either a ``Document`` or a ``Rejected`` saying why it was not read;
bad input never raises. Kinds are text, HTML and JSON Lines, chosen by file extension
or sniffed from the content. Metadata comes from JSONL fields or a ``NAME.meta.json``
sidecar, and the ``published``/``url`` options override both.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import ParamSpec

from tacitus.errors import Rejected
from tacitus.ingest.meta import SIDECAR_SUFFIX, Metadata, load_sidecar, parse_date
from tacitus.ingest.sniff import (
    HEAD_BYTES,
    KINDS,
    check_bytes,
    decode_text,
    kind_for_path,
    normalise,
    sniff_kind,
)
from tacitus.ingest.webpage import decode_html, extract_page, find_published
from tacitus.records import Document
from tacitus.settings import Settings

__all__ = ["Metadata", "parse_date", "read_bytes", "read_paths", "read_stream"]

Result = Document | Rejected
P = ParamSpec("P")


def read_paths(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    published: date | None = None,
    url: str | None = None,
) -> Iterator[Result]:
    """Read files, and directories recursively (sorted; hidden files and sidecars skipped)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, settings, published, url)
        elif path.exists():
            yield from _read_file(path, settings, published, url)
        else:
            yield Rejected("not found", "no such file or directory", str(path))


def read_stream(
    data: bytes,
    *,
    name: str,
    settings: Settings,
    published: date | None = None,
    url: str | None = None,
) -> Iterator[Result]:
    """Read standard input: the kind is sniffed, and ids default to content hashes."""
    meta = Metadata().override(published=published, url=url)
    yield from _read_data(data, name, settings, None, meta, default_id=None)


def read_bytes(
    data: bytes,
    *,
    name: str,
    settings: Settings,
    kind: str | None = None,
    meta: Metadata | None = None,
) -> Iterator[Result]:
    """Read one input of the given kind (sniffed when ``None``); ``name`` is its source.

    The document id is ``meta.doc_id`` (or the JSONL ``id``), else the stem of ``name``.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    yield from _read_data(data, name, settings, kind, meta or Metadata(), Path(name).stem)


def _walk(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(folder, name)
            for name in files
            if not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX)
        ]
    # By path components, so a folder's files and subfolders interleave by name.
    return sorted(found, key=lambda path: path.parts)


def _read_file(
    path: Path, settings: Settings, published: date | None, url: str | None
) -> Iterator[Result]:
    source = str(path)
    kind = kind_for_path(path)
    try:
        if not path.is_file():
            raise Rejected("unreadable", "not a regular file", source)
        if kind == "jsonl":
            # Streamed: a JSONL file is a corpus, so the size limit applies per line.
            yield from _read_jsonl_file(path, settings, published, url)
            return
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise Rejected("too large", f"{size} bytes > max_bytes {settings.max_bytes}", source)
        meta = load_sidecar(path).override(published=published, url=url)
        data = path.read_bytes()
    except Rejected as rejected:
        yield rejected
        return
    except OSError as exc:
        yield Rejected("unreadable", exc.strerror or str(exc), source)
        return
    yield from _read_data(data, source, settings, kind, meta, path.stem)


def _read_data(
    data: bytes,
    source: str,
    settings: Settings,
    kind: str | None,
    meta: Metadata,
    default_id: str | None,
) -> Iterator[Result]:
    try:
        if len(data) > settings.max_bytes:
            raise Rejected(
                "too large", f"{len(data)} bytes > max_bytes {settings.max_bytes}", source
            )
        check_bytes(data[:HEAD_BYTES], source, allow_utf16=kind != "jsonl")
        kind = kind or sniff_kind(data)
    except Rejected as rejected:
        yield rejected
        return
    if kind == "jsonl":
        lines = (line.rstrip(b"\r") for line in data.split(b"\n"))
        yield from _read_jsonl_lines(lines, source, settings, meta)
    else:
        yield _attempt(_document, data, kind, source, settings, meta, default_id)


def _document(
    data: bytes,
    kind: str,
    source: str,
    settings: Settings,
    meta: Metadata,
    default_id: str | None,
) -> Document:
    if kind == "html":
        return _html_document(decode_html(data, source), source, settings, meta, default_id)
    return _text_document(decode_text(data, source), source, settings, meta, default_id)


def _text_document(
    raw: str, source: str, settings: Settings, meta: Metadata, default_id: str | None
) -> Document:
    text = normalise(raw)
    _check_length(text, source, settings)
    return Document(
        doc_id=meta.doc_id or default_id or Document.make_id(text),
        text=text,
        url=meta.url,
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
        source_path=source,
    )


def _html_document(
    html: str, source: str, settings: Settings, meta: Metadata, default_id: str | None
) -> Document:
    page = extract_page(html, url=meta.url, source=source)
    body = normalise(page.text)
    _check_length(body, source, settings)
    title = meta.title or page.title
    # Offsets refer to this text, so the title is part of it rather than a side field only.
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    return Document(
        doc_id=meta.doc_id or default_id or Document.make_id(text),
        text=text,
        url=meta.url or page.url,
        title=title,
        publisher=meta.publisher or page.publisher,
        published=meta.published or find_published(html),
        source_path=source,
    )


def _check_length(text: str, source: str, settings: Settings) -> None:
    size = len(text.strip())
    if size == 0:
        raise Rejected("empty", "no text", source)
    if size < settings.min_text_chars:
        raise Rejected(
            "too short", f"{size} characters < min_text_chars {settings.min_text_chars}", source
        )


def _read_jsonl_file(
    path: Path, settings: Settings, published: date | None, url: str | None
) -> Iterator[Result]:
    source = str(path)
    overrides = Metadata().override(published=published, url=url)
    with path.open("rb") as stream:
        try:
            check_bytes(stream.read(HEAD_BYTES), source, allow_utf16=False)
        except Rejected as rejected:
            yield rejected
            return
        stream.seek(0)
        lines = (line.rstrip(b"\r\n") for line in stream)
        yield from _read_jsonl_lines(lines, source, settings, overrides)


def _read_jsonl_lines(
    lines: Iterable[bytes], source: str, settings: Settings, overrides: Metadata
) -> Iterator[Result]:
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            where = f"{source}:{lineno}"
            yield _attempt(_jsonl_document, line, lineno, where, settings, overrides)


def _jsonl_document(
    line: bytes, lineno: int, source: str, settings: Settings, overrides: Metadata
) -> Document:
    if len(line) > settings.max_bytes:
        raise Rejected("too large", f"{len(line)} bytes > max_bytes {settings.max_bytes}", source)
    try:
        obj = json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise Rejected("undecodable", f"not valid UTF-8 at byte {exc.start}", source) from None
    except (ValueError, RecursionError) as exc:
        raise Rejected("bad line", f"not JSON: {exc}", source) from None
    if not isinstance(obj, dict):
        raise Rejected("bad line", f"not a JSON object but {type(obj).__name__}", source)
    meta = Metadata.from_mapping(obj, source=source, reason="bad line")
    meta = meta.override(published=overrides.published, url=overrides.url)
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str):
        return _text_document(text, source, settings, meta, None)
    if isinstance(html, str):
        return _html_document(html, source, settings, meta, None)
    raise Rejected("bad line", "needs a string 'text' or 'html' field", source)


def _attempt(make: Callable[P, Document], *args: P.args, **kwargs: P.kwargs) -> Result:
    try:
        return make(*args, **kwargs)
    except Rejected as rejected:
        return rejected
