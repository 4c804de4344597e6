"""Building one Document from text or HTML plus what is known about it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ParamSpec

from tacitus.errors import Rejected
from tacitus.ingest.meta import Metadata
from tacitus.ingest.sniff import decode_text, normalise
from tacitus.ingest.webpage import canonical_url, decode_html, extract_page
from tacitus.records import Document
from tacitus.settings import Settings

Result = Document | Rejected
P = ParamSpec("P")


def text_document(
    raw: str, source: str, settings: Settings, meta: Metadata, default_id: str | None
) -> Document:
    text = normalise(raw)
    check_length(text, source, settings)
    return Document(
        doc_id=meta.doc_id or default_id or Document.make_id(text),
        text=text,
        url=meta.url,
        title=meta.title,
        publisher=meta.publisher,
        published=meta.published,
        source_path=source,
        author=meta.author,
        canonical_url=canonical_url(meta.url),
    )


def html_document(
    html: str,
    source: str,
    settings: Settings,
    meta: Metadata,
    default_id: str | None,
    *,
    fallback_published: date | None = None,
) -> Document:
    """The page's main text (trafilatura) with the title on top; ``meta`` wins over what
    the page says, and ``fallback_published`` (a crawl date) is used only when neither
    the metadata nor the page gives a publication date."""
    page = extract_page(html, url=meta.url, source=source)
    body = normalise(page.text)
    check_length(body, source, settings)
    title = meta.title or page.title
    # Offsets refer to this text, so the title is part of it rather than a side field only.
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    url = meta.url or page.url
    return Document(
        doc_id=meta.doc_id or default_id or Document.make_id(text),
        text=text,
        url=url,
        title=title,
        publisher=meta.publisher or page.publisher,
        published=meta.published or page.published or fallback_published,
        source_path=source,
        author=meta.author or page.author,
        canonical_url=canonical_url(page.url) or canonical_url(url),
    )


def html_bytes_document(
    data: bytes,
    source: str,
    settings: Settings,
    meta: Metadata,
    default_id: str | None,
    *,
    fallback_published: date | None = None,
    charset: str | None = None,
) -> Document:
    """``charset`` is what the HTTP headers declare; the page's own BOM comes first."""
    html, repair = decode_html(data, source, charset=charset)
    document = html_document(
        html, source, settings, meta, default_id, fallback_published=fallback_published
    )
    if repair:
        document.repairs.append(repair)
    return document


def text_bytes_document(
    data: bytes, source: str, settings: Settings, meta: Metadata, default_id: str | None
) -> Document:
    text, repair = decode_text(data, source)
    document = text_document(text, source, settings, meta, default_id)
    if repair:
        document.repairs.append(repair)
    return document


def check_length(text: str, source: str, settings: Settings) -> None:
    size = len(text.strip())
    if size == 0:
        raise Rejected("empty", "no text", source)
    if size < settings.min_text_chars:
        raise Rejected(
            "too short", f"{size} characters < min_text_chars {settings.min_text_chars}", source
        )


def too_large(size: int, source: str, settings: Settings) -> Rejected:
    return Rejected("too large", f"{size} bytes > max_bytes {settings.max_bytes}", source)


def attempt(make: Callable[P, Document], *args: P.args, **kwargs: P.kwargs) -> Result:
    """``make(...)``, or the ``Rejected`` it raised."""
    try:
        return make(*args, **kwargs)
    except Rejected as rejected:
        return rejected
