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
    the compressed data is corrupt from the start. Compressed data that is *cut short*
    (or followed by bytes that are not gzip, as some servers append) first reads as the
    end of the stream, so that a buffered reader delivers everything decompressed before
    (a WARC reader reads 16 KiB blocks, which would otherwise be lost); ``cut`` is then
    true, and any further read raises ``Rejected("truncated")``.
    """

    def __init__(self, raw: BinaryIO, *, source: str, max_bytes: int) -> None:
        super().__init__()
        # Compressed bytes are counted as they are read: tell() fails on pipes.
        self._raw = _Counting(raw)
        self._gzip = gzip.GzipFile(fileobj=self._raw, mode="rb")
        self._source = source
        self._max_bytes = max_bytes
        self.produced = 0
        self.cut = False
        self.reported = False  # the cut was raised to a reader
        self._cut_reason = "the gzip stream ends early"

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
            if self.produced == 0:
                raise Rejected("bad gzip", str(exc), self._source) from None
            self.cut = True  # what came before the bad bytes is kept, and they are noted
            self._cut_reason = f"bytes that are not gzip follow the data ({exc})"
            return 0
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
        return f"{self._cut_reason}, after {self.produced} bytes"

    def _consumed(self) -> int:
        return self._raw.count

    def close(self) -> None:
        self._gzip.close()
        super().close()


class _Counting(io.RawIOBase):
    """A readable stream that counts the bytes read through it."""

    def __init__(self, raw: BinaryIO) -> None:
        super().__init__()
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self.count += len(data)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def open_gzip(raw: BinaryIO, *, source: str, max_bytes: int) -> tuple[BinaryIO, GuardedGzip]:
    """A buffered decompressing reader over ``raw`` (which the caller closes), and its
    guard (to ask, at the end, whether the input was cut short)."""
    guard = GuardedGzip(raw, source=source, max_bytes=max_bytes)
    return cast(BinaryIO, io.BufferedReader(guard)), guard


def with_head(raw: BinaryIO, size: int) -> tuple[BinaryIO, bytes]:
    """The first ``size`` bytes of ``raw`` (fewer only at its end), and a stream that
    still reads from the start. A pipe delivers what has arrived so far, so the head is
    read until it is complete rather than peeked once (one pipe read may return a few
    bytes)."""
    if isinstance(raw, io.BytesIO | io.BufferedReader) and raw.seekable():
        position = raw.tell()
        head = raw.read(size)
        raw.seek(position)
        return raw, head
    parts: list[bytes] = []
    got = 0
    ended = False
    while got < size:
        want = size - got
        part = raw.read(want)
        parts.append(part)
        got += len(part)
        # A buffered stream (stdin's, a decompressor's) returns less only at its end;
        # a raw one may return less at any time and is asked again.
        if not part or (len(part) < want and isinstance(raw, io.BufferedIOBase)):
            ended = True
            break
    head = b"".join(parts)
    return cast(BinaryIO, io.BufferedReader(_Prefixed(head, raw, ended=ended))), head


class _Prefixed(io.RawIOBase):
    """``head`` followed by the rest of ``raw``."""

    def __init__(self, head: bytes, raw: BinaryIO, *, ended: bool = False) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._raw = raw
        self._ended = ended

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        if self._ended:
            return 0
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        # A short read from a buffered stream is its end: asking again would make a
        # decompressor report a cut that the caller learns of from its guard.
        self._ended = len(data) < len(buffer) and isinstance(self._raw, io.BufferedIOBase)
        return len(data)


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
