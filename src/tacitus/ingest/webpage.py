"""HTML pages: decoding, main-text extraction (trafilatura) and publication dates (htmldate)."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import date

import courlan
import lxml.html
import trafilatura
from lxml import etree

from tacitus.errors import Rejected
from tacitus.ingest.sniff import UTF16_BOMS, Decoded, decode_repairing

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
    author: str | None = None
    published: date | None = None


def decode_html(data: bytes, source: str, *, charset: str | None = None) -> Decoded:
    """Decode by BOM, then the HTTP ``charset``, then the ``<meta charset>`` declaration,
    then UTF-8; what none of them decodes is repaired (:func:`decode_repairing`)."""
    if data.startswith(codecs.BOM_UTF8):
        return decode_repairing(data, "utf-8-sig")
    if data.startswith(UTF16_BOMS):
        return decode_repairing(data, "utf-16")
    declared = _encodings(charset) if charset else []
    for encoding in [*declared, *_declared_encodings(data[:8192])]:
        try:
            return Decoded(data.decode(encoding))
        except LookupError:  # a codec that is no text encoding, such as rot13 or base64
            continue
        except UnicodeDecodeError:
            continue
    return decode_repairing(data, "utf-8")


def _declared_encodings(head: bytes) -> list[str]:
    match = _META_CHARSET.search(head)
    return _encodings(match.group(1).decode("ascii")) if match else []


def _encodings(label: str) -> list[str]:
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return []
    # A UTF-16 declaration in an ASCII-readable head is wrong by construction.
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return []
    return ["cp1252", name] if name in _AS_CP1252 else [name]


# Below this many characters the fast pass may have missed the article (an unusual
# layout); the page is extracted again with trafilatura's fallback extractors.
FAST_MIN_CHARS = 500


def extract_page(html: str, *, url: str | None, source: str) -> Page:
    """The main text and metadata of a page; ``Rejected("no article text")`` if none.

    trafilatura runs first without its fallback extractors (readability, jusText), which
    finds the same text on ordinary news pages at about 80 % of the cost, and again with
    them when that finds little text. Its metadata pass gives title, site name, author,
    canonical URL and the publication date (htmldate, original date, no extensive
    search)."""
    result = _extract(html, url, source, fast=True)
    if len(_text(result)) < FAST_MIN_CHARS:
        result = _extract(html, url, source, fast=False)
    text = _text(result)
    if not text.strip():
        raise Rejected("no article text", "no main text found in the page", source)
    return Page(
        text=text,
        title=_field(result, "title"),
        publisher=_field(result, "sitename"),
        url=_field(result, "url"),
        author=_field(result, "author"),
        published=_date(_field(result, "date")),
    )


def _extract(html: str, url: str | None, source: str, *, fast: bool) -> object:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            fast=fast,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    # A third-party parser on arbitrary input: any failure means no usable text.
    except Exception as exc:
        raise Rejected("no article text", f"extraction failed: {exc!r}", source) from None


def _text(result: object) -> str:
    text = getattr(result, "text", None)
    return text if isinstance(text, str) else ""


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def canonical_url(url: str | None) -> str | None:
    """The URL in canonical form (courlan: lower-case host, no default port, fragment or
    tracking parameters), or ``None`` for anything that is not an http(s) URL."""
    if not url:
        return None
    try:
        normal = courlan.normalize_url(url.strip(), strict=True)
    # A third-party parser on arbitrary strings: any failure means no usable URL.
    except Exception:
        return None
    return normal if normal.startswith(("http://", "https://")) and "." in normal else None


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content): paragraphs and other blocks
    on lines of their own, markup and scripts gone (and control characters, which
    neither XML nor the coder wants)."""
    html = _CONTROL.sub("", html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html if "<" not in html else ""
    for bad in list(root.iter("script", "style", "noscript")):
        bad.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n\n" + (element.tail or "")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section")


def _field(result: object, name: str) -> str | None:
    value = getattr(result, name, None)
    return value.strip() or None if isinstance(value, str) else None
