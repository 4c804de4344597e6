"""Byte-level checks: input kinds, binary detection, text decoding."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import Path
from typing import Literal

from tacitus.errors import Rejected

Kind = Literal["text", "html", "jsonl"]
KINDS: tuple[Kind, ...] = ("text", "html", "jsonl")

_EXTENSIONS: dict[str, Kind] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

HEAD_BYTES = 8192
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"\x1f\x8b", "GZIP"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
)

_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html)", re.IGNORECASE)
_BODY_TAG = re.compile(r"<body", re.IGNORECASE)


def kind_for_path(path: Path) -> Kind | None:
    """The kind named by the file extension; ``None`` means sniff the content."""
    return _EXTENSIONS.get(path.suffix.lower())


def check_bytes(head: bytes, source: str, *, allow_utf16: bool = True) -> None:
    """Reject an empty or binary input from its first bytes."""
    if not head.strip():
        raise Rejected("empty", "no content", source)
    for magic, name in _MAGIC:
        if head.startswith(magic):
            raise Rejected("binary", f"{name} file", source)
    # UTF-16 text is full of NUL bytes; its BOM is what tells it from binary data.
    if allow_utf16 and head.startswith(UTF16_BOMS):
        return
    nul = head.find(b"\x00", 0, HEAD_BYTES)
    if nul >= 0:
        raise Rejected("binary", f"NUL byte at offset {nul}", source)


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 (BOM stripped), or UTF-16 when it has a UTF-16 BOM; else reject."""
    encoding = "utf-16" if data.startswith(UTF16_BOMS) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise Rejected("undecodable", f"not valid {name} at byte {exc.start}", source) from None


def normalise(text: str) -> str:
    """``\\n`` line ends, no leading blank lines or trailing whitespace; nothing else changed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"\A(?:[ \t\f\v]*\n)+", "", text).rstrip()


def sniff_kind(data: bytes) -> Kind:
    """HTML if it looks like a page, JSONL if it is lines of JSON objects, else text."""
    encoding = "utf-16" if data.startswith(UTF16_BOMS) else "utf-8-sig"
    # Lenient decoding: this only guesses the kind; the reader reports bad bytes.
    content = data.decode(encoding, errors="replace")
    if _HTML_START.match(content) or _BODY_TAG.search(content):
        return "html"
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    # Not "every line parses": one corrupt line should be rejected on its own, not turn
    # the whole corpus into a single text document made of JSON.
    if lines and _is_json_object(lines[0]) and all(line.startswith("{") for line in lines):
        return "jsonl"
    return "text"


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False
