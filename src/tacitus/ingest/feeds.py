"""RSS and Atom feeds (feedparser): entries as documents, and the links to fetch.

``tacitus code feed.xml`` codes what the feed itself carries: an entry's full content
(``content:encoded``, Atom ``content``) or else its summary, with the entry's title on
top; entries that carry too little text are rejected with a pointer to ``tacitus
fetch``, which fetches the linked articles (:mod:`tacitus.ingest.fetch`). A feed that is
not well-formed XML is read by feedparser's lenient parser when it can be, and the
repair is noted on each document; one that yields no entries at all is rejected.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from tacitus.errors import Rejected
from tacitus.ingest.documents import Result, attempt, text_document
from tacitus.ingest.meta import Metadata, parse_date
from tacitus.ingest.webpage import fragment_text
from tacitus.records import Document
from tacitus.settings import Settings

# Not well-formedness problems: a feed that declares one encoding and is served as another.
_BENIGN = (feedparser.CharacterEncodingOverride,)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: where its article is and what the feed says about it."""

    url: str | None
    entry_id: str | None
    title: str | None
    published: date | None
    author: str | None
    publisher: str | None
    content: str  # the entry's own text (content, else summary), markup removed


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    items: list[FeedItem]
    repair: str | None  # what the lenient parser had to repair, if anything


def parse_feed(data: bytes, source: str, *, base_url: str | None = None) -> Feed:
    """The entries of an RSS or Atom feed; ``Rejected("bad feed")`` if it has none.

    Relative links are resolved against ``base_url`` (where the feed came from)."""
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    # A third-party parser on arbitrary bytes: any failure means no usable feed.
    except Exception as exc:
        raise Rejected("bad feed", f"feedparser failed: {exc!r}", source) from None
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if isinstance(problem, _BENIGN):
        problem = None
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries:
        if problem is not None:
            raise Rejected("bad feed", f"not a readable feed: {_describe(problem)}", source)
        if not version:
            raise Rejected("bad feed", "not an RSS or Atom feed", source)
        raise Rejected("empty", "the feed has no entries", source)
    head = parsed.get("feed") or {}
    title = _clean(head.get("title"))
    items = [_item(entry, title, base_url) for entry in entries]
    repair = f"feed XML repaired: {_describe(problem)}" if problem is not None else None
    return Feed(title, items, repair)


def read_feed(
    data: bytes, source: str, settings: Settings, overrides: Metadata
) -> Iterator[Result]:
    try:
        feed = parse_feed(data, source)
    except Rejected as rejected:
        yield rejected
        return
    for number, item in enumerate(feed.items, start=1):
        where = f"{source}#{number}"
        yield attempt(_entry_document, item, feed.repair, where, settings, overrides)


def _entry_document(
    item: FeedItem, repair: str | None, source: str, settings: Settings, overrides: Metadata
) -> Document:
    meta = Metadata(
        doc_id=item.entry_id or item.url,
        url=item.url,
        published=item.published,
        title=item.title,
        publisher=item.publisher,
        author=item.author,
    ).override(published=overrides.published, url=overrides.url)
    body = item.content
    if len(body.strip()) < settings.min_text_chars:
        detail = (
            f"the entry has {len(body.strip())} characters of text; "
            "`tacitus fetch` fetches the linked article"
        )
        raise Rejected("too short", detail, source)
    title = item.title
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    document = text_document(text, source, settings, meta, None)
    if repair:
        document.repairs.append(repair)
    return document


def _item(entry: Any, publisher: str | None, base_url: str | None) -> FeedItem:
    contents = entry.get("content") or []
    raw = next((c.get("value") for c in contents if c.get("value")), None)
    raw = raw or entry.get("summary") or ""
    return FeedItem(
        url=_link(_clean(entry.get("link")), base_url),
        entry_id=_clean(entry.get("id")),
        title=_clean(entry.get("title")),
        published=_entry_date(entry),
        author=_clean(entry.get("author")),
        publisher=publisher,
        content=fragment_text(raw) if "<" in raw else raw.strip(),
    )


def _entry_date(entry: Any) -> date | None:
    """The date as the feed writes it (no time-zone shift), else feedparser's UTC date."""
    for key in ("published", "updated", "created"):
        value = _raw(entry, key)
        if isinstance(value, str):
            try:
                return parse_date(value)
            except ValueError:
                continue
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = _raw(entry, key)
        if isinstance(value, time.struct_time):
            try:
                return datetime.fromtimestamp(calendar.timegm(value), tz=UTC).date()
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _link(link: str | None, base_url: str | None) -> str | None:
    if link and base_url and not link.startswith(("http://", "https://")):
        return urljoin(base_url, link)
    return link


def _raw(entry: Any, key: str) -> Any:
    """The entry's own value: feedparser's ``get`` maps a missing ``updated`` to
    ``published`` (with a DeprecationWarning); we look at each date key ourselves."""
    return dict.get(entry, key) if isinstance(entry, dict) else None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _describe(problem: object) -> str:
    text = str(problem).strip().splitlines()
    return (text[0] if text else type(problem).__name__)[:200]
