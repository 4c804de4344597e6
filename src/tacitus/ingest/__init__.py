"""Readers: turn files, directories, globs and stdin into :class:`Document` records.

Every input yields ``Document`` records or a ``Rejected`` saying why one was not read;
bad input never raises. Kinds (:data:`~tacitus.ingest.sniff.KINDS`) are text, HTML,
JSON Lines, CSV/TSV, WARC and RSS/Atom feeds, chosen by file extension or sniffed from
the content; any of them may be gzip-compressed (``.gz``, or sniffed by its magic
bytes), and is then decompressed as a stream with a guard against decompression bombs.
Metadata comes from the records themselves (JSONL/CSV fields, feed entries, WARC
headers, the page) or a ``NAME.meta.json`` sidecar, and the ``published``/``url``
options override all of them.
"""

from __future__ import annotations

import glob
import io
import itertools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from tacitus.errors import Rejected
from tacitus.ingest.compressed import GuardedGzip, open_gzip, read_at_most, with_head
from tacitus.ingest.documents import (
    Result,
    attempt,
    html_bytes_document,
    text_bytes_document,
    too_large,
)
from tacitus.ingest.feeds import read_feed
from tacitus.ingest.meta import SIDECAR_SUFFIX, Columns, Metadata, load_sidecar, parse_date
from tacitus.ingest.sniff import (
    EXTENSIONS,
    GZIP_MAGIC,
    GZIP_SUFFIXES,
    HEAD_BYTES,
    KINDS,
    Kind,
    check_bytes,
    kind_for_path,
    sniff_kind,
)
from tacitus.ingest.tables import read_csv, read_json, read_jsonl
from tacitus.ingest.warc import read_warc
from tacitus.records import Document
from tacitus.settings import Settings

__all__ = [
    "Columns",
    "Found",
    "Metadata",
    "Result",
    "expand_paths",
    "parse_date",
    "read_bytes",
    "read_paths",
    "read_stream",
]

_GLOB_CHARS = frozenset("*?[")
# Kinds that hold many documents and are read as streams, record by record.
_CORPUS_KINDS = frozenset({"jsonl", "csv", "warc"})
_SINGLE_KINDS = frozenset({"text", "html", "feed", "json"})


@dataclass(frozen=True, slots=True)
class Found:
    """A file to read, and the folder its document id is relative to (``None``: the
    id is the file name without its extension)."""

    path: Path
    root: Path | None = None

    @property
    def doc_id(self) -> str:
        """``story`` for ``story.txt`` given by name; ``africa/story`` for the file
        ``africa/story.txt`` found under a folder or pattern, so that files of one
        name in different folders keep different ids."""
        name = self.path.name
        for suffix in reversed(self.path.suffixes[-2:]):
            if suffix.lower() in (*GZIP_SUFFIXES, *EXTENSIONS) and name.endswith(suffix):
                name = name[: -len(suffix)]
            else:
                break
        if self.root is None:
            return name
        try:
            folder = self.path.parent.relative_to(self.root)
        except ValueError:
            return name
        return (folder / name).as_posix() if folder.parts else name


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Found | Rejected]:
    """Each file named, every file under each directory (recursively, sorted; hidden
    files and sidecars skipped; symbolic links to folders followed once), and the files
    matching each glob pattern (``news/**/*.html``); a name that matches nothing is a
    ``Rejected("not found")``."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from (Found(file, path) for file in _walk(path))
        elif path.exists():
            yield Found(path)
        elif _GLOB_CHARS & set(str(given)):
            # Path.glob takes no absolute patterns; glob.glob takes both.
            matches = sorted(glob.glob(str(given), recursive=True))  # noqa: PTH207
            files = [Path(m) for m in matches if Path(m).is_file() and _wanted(Path(m).name)]
            for match in matches:
                if Path(match).is_dir():
                    files += _walk(Path(match))
            if not files:
                yield Rejected("not found", "no file matches the pattern", str(given))
            base = _glob_base(str(given))
            yield from (Found(f, base) for f in sorted(set(files), key=lambda p: p.parts))
        else:
            yield Rejected("not found", "no such file or directory", str(path))


def _glob_base(pattern: str) -> Path:
    """The folder a pattern starts from: its parts before the first one with a wildcard."""
    parts = Path(pattern).parts
    fixed = list(itertools.takewhile(lambda p: not (_GLOB_CHARS & set(p)), parts))
    return Path(*fixed) if fixed else Path()


def read_paths(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    published: date | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> Iterator[Result]:
    """Read files, directories and glob patterns (see :func:`expand_paths`), each by the
    kind its name says (or sniffed), or all as ``kind`` when one is given."""
    forced = _check_kind(kind)
    for found in expand_paths(paths):
        if isinstance(found, Rejected):
            yield found
        else:
            yield from _read_file(found, settings, published, url, forced)


def read_stream(
    data: bytes | BinaryIO,
    *,
    name: str,
    settings: Settings,
    published: date | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> Iterator[Result]:
    """Read standard input (bytes, or a binary stream read as it comes): the kind is
    sniffed unless given, and ids default to content hashes."""
    forced = _check_kind(kind)
    stream = io.BytesIO(data) if isinstance(data, bytes) else data
    meta = Metadata().override(published=published, url=url)
    yield from _read_stream(stream, name, settings, forced, False, meta, None)


def read_bytes(
    data: bytes,
    *,
    name: str,
    settings: Settings,
    kind: str | None = None,
    meta: Metadata | None = None,
) -> Iterator[Result]:
    """Read one input of the given kind (sniffed when ``None``); ``name`` is its source.

    The document id is ``meta.doc_id`` (or the record's own id), else the stem of
    ``name``.
    """
    forced = _check_kind(kind)
    stream = io.BytesIO(data)
    default_id = Path(name).stem
    yield from _read_stream(stream, name, settings, forced, False, meta or Metadata(), default_id)


def _check_kind(kind: str | None) -> Kind | None:
    if kind is None:
        return None
    for known in KINDS:
        if kind == known:
            return known
    raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


def _wanted(name: str) -> bool:
    return not name.startswith(".") and not name.endswith(SIDECAR_SUFFIX)


def _walk(root: Path) -> list[Path]:
    found = []
    seen: set[str] = set()  # real paths of the folders walked, against link loops
    for folder, dirs, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(folder, name) for name in files if _wanted(name)]
    # By path components, so a folder's files and subfolders interleave by name.
    return sorted(found, key=lambda path: path.parts)


def _read_file(
    found: Found,
    settings: Settings,
    published: date | None,
    url: str | None,
    forced: Kind | None = None,
) -> Iterator[Result]:
    path = found.path
    source = str(path)
    kind, gzipped = kind_for_path(path)
    kind = forced or kind
    try:
        if not path.is_file():
            raise Rejected("unreadable", "not a regular file", source)
        size = path.stat().st_size
        if not gzipped and kind in _SINGLE_KINDS and size > settings.max_bytes:
            # Known too large without reading it (a corpus file is limited per record).
            raise too_large(size, source, settings)
        meta = load_sidecar(path).override(published=published, url=url)
        stream = path.open("rb")
    except Rejected as rejected:
        yield rejected
        return
    except OSError as exc:
        yield Rejected("unreadable", exc.strerror or str(exc), source)
        return
    with stream:
        try:
            yield from _read_stream(stream, source, settings, kind, gzipped, meta, found.doc_id)
        except OSError as exc:  # the file went away or the disk failed mid-read
            yield Rejected("unreadable", exc.strerror or str(exc), source)


def _read_stream(
    raw: BinaryIO,
    source: str,
    settings: Settings,
    kind: Kind | None,
    gzipped: bool,
    meta: Metadata,
    default_id: str | None,
) -> Iterator[Result]:
    guard: GuardedGzip | None = None
    try:
        stream, head = with_head(raw, HEAD_BYTES)
        if gzipped or head.startswith(GZIP_MAGIC):
            # Every gzip input, WARC.gz included, is decompressed here as one guarded
            # stream (gzip reads Common Crawl's one-member-per-record files as one).
            if not head.startswith(GZIP_MAGIC):
                raise Rejected("bad gzip", "named .gz but not gzip data", source)
            stream, guard = open_gzip(stream, source=source, max_bytes=settings.max_bytes)
            stream, head = with_head(stream, HEAD_BYTES)
        # A crawl holds images and other binary records: it is known by its first line,
        # before any check for binary content.
        kind = kind or ("warc" if sniff_kind(head) == "warc" else None)
        if kind is None:
            check_bytes(head, source)
            kind = sniff_kind(head)
        elif kind == "warc":
            if not head.strip():
                raise Rejected("empty", "no content", source)
        else:
            check_bytes(head, source, allow_utf16=kind not in _CORPUS_KINDS)
    except Rejected as rejected:
        yield rejected
        return
    try:
        if kind == "jsonl":
            yield from read_jsonl(stream, source, settings, meta, _columns(settings))
        elif kind == "csv":
            tsv = source.lower().removesuffix(".gz").endswith(".tsv")
            yield from read_csv(
                stream, source, settings, meta, _columns(settings), delimiter="\t" if tsv else ","
            )
        elif kind == "warc":
            yield from read_warc(stream, source, settings, meta)
        else:
            data = read_at_most(stream, settings.max_bytes)
            if len(data) > settings.max_bytes:
                yield too_large(len(data), source, settings)
                return
            if kind == "feed":
                results = list(read_feed(data, source, settings, meta))
            elif kind == "json":
                results = list(read_json(data, source, settings, meta, _columns(settings)))
            elif kind == "html":
                results = [attempt(html_bytes_document, data, source, settings, meta, default_id)]
            else:
                results = [attempt(text_bytes_document, data, source, settings, meta, default_id)]
            if guard is not None and guard.cut:  # kept, but said to be incomplete
                guard.reported = True
                for result in results:
                    if isinstance(result, Document):
                        result.repairs.append(f"gzip input cut short: {guard.cut_detail}")
            yield from results
    except Rejected as rejected:  # a compressed stream that fails part way
        yield rejected
        return
    if guard is not None and guard.cut and not guard.reported:
        yield Rejected("truncated", guard.cut_detail, source)


def _columns(settings: Settings) -> Columns:
    return Columns.parse(settings.columns)
