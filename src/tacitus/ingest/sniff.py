"""Byte-level checks: input kinds, compression, binary detection, text decoding."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Literal, NamedTuple

from tacitus.errors import Rejected

Kind = Literal["text", "html", "jsonl", "json", "csv", "warc", "feed"]
KINDS: tuple[Kind, ...] = ("text", "html", "jsonl", "json", "csv", "warc", "feed")

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
}
GZIP_SUFFIXES = frozenset({".gz", ".gzip"})
GZIP_MAGIC = b"\x1f\x8b"

HEAD_BYTES = 8192
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"BZh", "BZIP2"),
    (b"\xfd7zXZ\x00", "XZ"),
    (b"(\xb5/\xfd", "ZSTD"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)

_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body[\s>]", re.IGNORECASE)
# What may stand before an XML or HTML root element: the XML declaration, processing
# instructions (<?xml-stylesheet …?>), comments and a document type declaration.
_PROLOG = re.compile(
    r"(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE(?:[^>\[]|\[[^\]]*\])*>)*", re.DOTALL | re.IGNORECASE
)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_WARC_START = re.compile(rb"\s*WARC/\d")


def kind_for_path(path: Path) -> tuple[Kind | None, bool]:
    """The kind named by the file extension (``None``: sniff the content), and whether
    the name says gzip (``story.html.gz``, ``CC-NEWS-….warc.gz``)."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    gzipped = bool(suffixes) and suffixes[-1] in GZIP_SUFFIXES
    if gzipped:
        suffixes.pop()
    return (EXTENSIONS.get(suffixes[-1]) if suffixes else None), gzipped


def check_bytes(head: bytes, source: str, *, allow_utf16: bool = True) -> None:
    """Reject an empty or binary input from its first bytes."""
    if not head.strip():
        raise Rejected("empty", "no content", source)
    for magic, name in _MAGIC:
        if head.startswith(magic):
            raise Rejected("binary", f"{name} file", source)
    if head.startswith(GZIP_MAGIC):
        raise Rejected("binary", "GZIP data inside a compressed file", source)
    # UTF-16 text is full of NUL bytes; its BOM is what tells it from binary data.
    if allow_utf16 and head.startswith(UTF16_BOMS):
        return
    nul = head.find(b"\x00", 0, HEAD_BYTES)
    if nul >= 0:
        raise Rejected("binary", f"NUL byte at offset {nul}", source)


class Decoded(NamedTuple):
    """Decoded text, and what was repaired to decode it (``None``: nothing)."""

    text: str
    repair: str | None = None


def decode_text(data: bytes, source: str) -> Decoded:
    """UTF-16 when it has a UTF-16 BOM, else UTF-8 (BOM stripped), repaired as
    :func:`decode_repairing` says."""
    if data.startswith(UTF16_BOMS):
        return decode_repairing(data, "utf-16")
    return decode_repairing(data, "utf-8-sig")


_ESCAPED = re.compile("[\udc80-\udcff]")
# Below this share of non-ASCII bytes that are not UTF-8, the text is UTF-8 with a few
# stray bytes (a pasted windows-1252 quote); above it, it is not UTF-8 at all.
MIXED_MAX_SHARE = 0.5


def decode_repairing(data: bytes, encoding: str) -> Decoded:
    """``data`` in ``encoding``; bytes that are not valid in it are *repaired*, never
    dropped: in UTF-8 text with a few stray bytes each is read as windows-1252 (mixed
    encodings, common in scraped pages), text that is mostly not UTF-8 is read as
    windows-1252 throughout (the WHATWG default for legacy pages), and broken UTF-16
    gets U+FFFD replacement characters. The repair is said in ``Decoded.repair``."""
    try:
        return Decoded(data.decode(encoding))
    except UnicodeDecodeError:
        pass
    if encoding.startswith("utf-16"):
        text = data.decode(encoding, errors="replace")
        return Decoded(text, "broken UTF-16: undecodable bytes replaced")
    text = data.decode(encoding, errors="surrogateescape")
    stray = len(_ESCAPED.findall(text))
    non_ascii = sum(1 for byte in data if byte >= 0x80)
    if stray > MIXED_MAX_SHARE * non_ascii:
        return Decoded(_cp1252(data).removeprefix("\ufeff"), "not UTF-8: read as windows-1252")
    text, _ = repair_escaped(text)
    return Decoded(text, mixed_encodings(stray))


def mixed_encodings(count: int) -> str:
    """The repair note for ``count`` stray bytes read as windows-1252."""
    return f"mixed encodings: {count} byte{'s' if count != 1 else ''} read as windows-1252"


def repair_escaped(text: str) -> tuple[str, int]:
    """Text decoded with ``surrogateescape``, its stray bytes read as windows-1252, and
    how many there were."""
    count = len(_ESCAPED.findall(text))
    if not count:
        return text, 0
    return _ESCAPED.sub(lambda m: _cp1252(bytes([ord(m.group()) - 0xDC00])), text), count


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


# The five bytes windows-1252 leaves undefined are read as Latin-1, as browsers do.
codecs.register_error("tacitus-latin1", _latin1_fallback)


def _cp1252(data: bytes) -> str:
    return data.decode("cp1252", errors="tacitus-latin1")


def normalise(text: str) -> str:
    """``\\n`` line ends, no leading blank lines or trailing whitespace; nothing else changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\A(?:[ \t\f\v]*\n)+", "", text).rstrip()


def sniff_kind(head: bytes) -> Kind:
    """From the first bytes: a WARC, a feed, an HTML page, JSON lines, a JSON document,
    else text.

    CSV is never guessed (any text has commas); it is read by extension or when asked.
    """
    if _WARC_START.match(head):
        return "warc"
    encoding = "utf-16" if head.startswith(UTF16_BOMS) else "utf-8-sig"
    # Lenient decoding: this only guesses the kind; the reader reports bad bytes.
    content = head.decode(encoding, errors="replace")
    prolog = _PROLOG.match(content)
    rest = content[prolog.end() if prolog else 0 :]
    if _FEED_ROOT.match(rest):
        return "feed"
    if _HTML_START.match(rest) or _HTML_START.match(content.lstrip()) or _BODY_TAG.search(content):
        return "html"
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    cut = len(head) >= HEAD_BYTES  # the last line of the head may be cut short
    whole = lines[:-1] if cut and len(lines) > 1 else lines
    if whole and all(line.startswith("{") for line in whole):
        # Not "every line parses": one corrupt line should be rejected on its own, not
        # turn the whole corpus into a single text document made of JSON.
        if any(_is_json_object(line) for line in whole[:50]):
            return "jsonl"
        if cut and len(whole) == 1 and whole[0].startswith('{"'):
            return "jsonl"  # one line longer than the head
    if lines and lines[0][:1] in "{[":
        return "json"
    return "text"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False
