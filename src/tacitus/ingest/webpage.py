"""HTML pages: decoding, main-text extraction (trafilatura) and publication dates (htmldate)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date

import htmldate
import trafilatura

from tacitus.errors import Rejected
from tacitus.ingest.sniff import UTF16_BOMS

_META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and pages rely on it
# for curly quotes and dashes in 0x80-0x9F.
_AS_CP1252 = {"iso8859-1", "ascii"}


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in a page."""

    text: str
    title: str | None
    publisher: str | None
    url: str | None


def decode_html(data: bytes, source: str) -> str:
    """Decode by BOM, then the ``<meta charset>`` declaration, then UTF-8; else reject."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith(UTF16_BOMS):
        candidates = ["utf-16"]
    else:
        candidates = [*_declared_encodings(data[:8192]), "utf-8"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except LookupError:  # a codec that is no text encoding, such as rot13 or base64
            continue
        except UnicodeDecodeError as exc:
            error = exc
    raise Rejected(
        "undecodable", f"not valid {error.encoding.upper()} at byte {error.start}", source
    ) from None


def _declared_encodings(head: bytes) -> list[str]:
    match = _META_CHARSET.search(head)
    if not match:
        return []
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return []
    # A UTF-16 declaration in an ASCII-readable head is wrong by construction.
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return []
    return ["cp1252", name] if name in _AS_CP1252 else [name]


def extract_page(html: str, *, url: str | None, source: str) -> Page:
    """The main text and metadata of a page; ``Rejected("no article text")`` if none."""
    try:
        result = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
            # The date is found separately (find_published); keep trafilatura's pass cheap.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    # A third-party parser on arbitrary input: any failure means no usable text.
    except Exception as exc:
        raise Rejected("no article text", f"extraction failed: {exc!r}", source) from None
    text = getattr(result, "text", None)
    if not isinstance(text, str) or not text.strip():
        raise Rejected("no article text", "no main text found in the page", source)
    return Page(
        text=text,
        title=_field(result, "title"),
        publisher=_field(result, "sitename"),
        url=_field(result, "url"),
    )


def find_published(html: str) -> date | None:
    """The original publication date stated in the page, if any."""
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True)
        return date.fromisoformat(found) if found else None
    # Best effort: a page without a readable date is still a document.
    except Exception:
        return None


def _field(result: object, name: str) -> str | None:
    value = getattr(result, name, None)
    return value.strip() or None if isinstance(value, str) else None
