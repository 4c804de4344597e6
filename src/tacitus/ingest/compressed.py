"""Gzip input, read as a stream with a guard against decompression bombs.

A gzip file is decompressed lazily, so a multi-gigabyte ``.jsonl.gz`` corpus or
``.warc.gz`` crawl never sits in memory. A *bomb* (a small file that inflates without
bound) is stopped as soon as the output passes ``max_bytes`` while being more than
``MAX_RATIO`` times the input read so far: news text compresses about 3 to 10 times, so
real files are nowhere near that ratio.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO, cast

from tacitus.errors import Rejected

MAX_RATIO = 200


class GuardedGzip(io.RawIOBase):
    """A readable binary stream of the decompressed bytes of ``raw``.

    Raises ``Rejected("decompression bomb")`` as above and ``Rejected("bad gzip")`` when
    the compressed data is corrupt. Compressed data that is *cut short* first reads as
    the end of the stream, so that a buffered reader delivers everything decompressed
    before the cut (a WARC reader reads 16 KiB blocks, which would otherwise be lost);
    ``cut`` is then true, and any further read raises ``Rejected("truncated")``.
    """

    def __init__(self, raw: BinaryIO, *, source: str, max_bytes: int) -> None:
        super().__init__()
        self._raw = raw
        self._start = raw.tell() if raw.seekable() else 0
        self._gzip = gzip.GzipFile(fileobj=raw, mode="rb")
        self._source = source
        self._max_bytes = max_bytes
        self.produced = 0
        self.cut = False
        self.reported = False  # the cut was raised to a reader

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self.cut:
            self.reported = True
            raise Rejected("truncated", self.cut_detail, self._source)
        try:
            # One read of the compressed input at a time (read1), so that what was
            # decompressed before a cut is delivered before the cut is reported.
            chunk = self._gzip.read1(len(buffer))
        except EOFError:
            self.cut = True
            return 0
        except (gzip.BadGzipFile, zlib.error, OSError) as exc:
            raise Rejected("bad gzip", str(exc), self._source) from None
        n = len(chunk)
        buffer[:n] = chunk
        self.produced += n
        if self.produced > self._max_bytes:
            consumed = max(1, self._consumed())
            if self.produced > MAX_RATIO * consumed:
                raise Rejected(
                    "decompression bomb",
                    f"{self.produced} bytes from {consumed} compressed (ratio over {MAX_RATIO})",
                    self._source,
                )
        return n

    @property
    def cut_detail(self) -> str:
        return f"the gzip stream ends early, after {self.produced} bytes"

    def _consumed(self) -> int:
        try:
            return self._raw.tell() - self._start
        except (OSError, ValueError):
            return 1

    def close(self) -> None:
        self._gzip.close()
        super().close()


def open_gzip(raw: BinaryIO, *, source: str, max_bytes: int) -> tuple[BinaryIO, GuardedGzip]:
    """A buffered decompressing reader over ``raw`` (which the caller closes), and its
    guard (to ask, at the end, whether the input was cut short)."""
    guard = GuardedGzip(raw, source=source, max_bytes=max_bytes)
    return cast(BinaryIO, io.BufferedReader(guard)), guard


def buffered(raw: BinaryIO) -> BinaryIO:
    """``raw`` itself if it can ``peek`` (a buffered file, BytesIO is handled by
    :func:`peek`), else a buffered reader over it."""
    if isinstance(raw, io.BufferedReader | io.BytesIO):
        return raw
    return cast(BinaryIO, io.BufferedReader(cast(io.RawIOBase, raw)))


def peek(stream: BinaryIO, size: int) -> bytes:
    """The next ``size`` bytes of ``stream`` (from :func:`buffered`), not consumed."""
    if isinstance(stream, io.BytesIO):
        position = stream.tell()
        head = stream.read(size)
        stream.seek(position)
        return head
    return cast(io.BufferedReader, stream).peek(size)[:size]


def read_at_most(stream: BinaryIO, limit: int, chunk: int = 1 << 20) -> bytes:
    """Up to ``limit + 1`` bytes of ``stream`` (one more than allowed tells the caller it
    is too large), read in chunks: ``read(limit + 1)`` would allocate the whole limit
    (20 MB by default) for every small page."""
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        want = min(chunk, limit + 1 - size)
        part = stream.read(want)
        parts.append(part)
        size += len(part)
        if len(part) < want:  # a blocking stream returns less only at its end
            break
    return b"".join(parts)
