"""``tacitus fetch``: fetch the articles that feeds link to, politely, into a folder.

Feeds are read from URLs or files (:mod:`tacitus.ingest.feeds`); each entry's link is
fetched once and saved as ``OUT/HOST/KEY.html`` with a ``KEY.meta.json`` sidecar (the
URL, the feed's title, date and author, and the HTTP validators), which ``tacitus code
OUT`` reads. The folder is the cache: a page already saved is not fetched again, and
``refresh`` asks the server whether it changed (``If-None-Match`` /
``If-Modified-Since``).

Politeness: every request carries a User-Agent; ``robots.txt`` is read once per host and
obeyed (RFC 9309: a 4xx robots.txt allows everything, a 5xx or unreachable one allows
nothing; a ``Crawl-delay`` longer than ours is used); requests to one host are spaced
by at least ``delay`` seconds; a failed request (network error, 429, 5xx) is retried
with exponential backoff, waiting as long as a ``Retry-After`` header asks (capped).
Responses are read as a stream and cut off past ``max_bytes``. Files are written to a
temporary name and renamed, the sidecar first, so a run killed at any point leaves no
half-written page and the next run picks up where it stopped.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from tacitus import __version__
from tacitus.errors import Rejected, Rejections
from tacitus.ingest.feeds import FeedItem, parse_feed
from tacitus.ingest.meta import SIDECAR_SUFFIX

DEFAULT_USER_AGENT = f"tacitus/{__version__} (political event coder; polite fetcher)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
PAGE_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom")


@dataclass(frozen=True, slots=True)
class FetchOptions:
    out: Path
    user_agent: str = DEFAULT_USER_AGENT
    delay: float = 1.0  # seconds between two requests to one host
    retries: int = 3
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    refresh: bool = False
    backoff: float = 1.0  # first retry waits this long, then twice as long each time
    max_wait: float = 120.0  # no Retry-After or backoff wait longer than this


@dataclass(slots=True)
class FetchReport:
    """What a fetch run did: counts for the summary, and every failure with its reason."""

    feeds: int = 0
    entries: int = 0
    fetched: int = 0
    cached: int = 0
    not_modified: int = 0
    failures: Rejections = field(default_factory=Rejections)
    saved: list[Path] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # after redirects
    status: int
    headers: httpx.Headers
    content: bytes


class Fetcher:
    """HTTP GET with robots.txt, per-host spacing, retries and a size limit.

    ``sleep`` and ``clock`` are injectable so that tests can check the waits without
    waiting."""

    def __init__(
        self,
        options: FetchOptions,
        *,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options
        self.client = client or httpx.Client(
            headers={"User-Agent": options.user_agent},
            timeout=options.timeout,
            # Redirects are followed here, one hop at a time, so that every hop is checked
            # against its host's robots.txt and spaced like any request to that host.
            follow_redirects=False,
        )
        self.sleep = sleep
        self.clock = clock
        self._robots: dict[str, Protego | Rejected | bool] = {}
        self._last: dict[str, float] = {}
        self.waits: list[float] = []  # every wait, for the record

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The response to a polite GET; ``Rejected`` with the reason when there is none.

        Redirects (at most ``MAX_REDIRECTS``) are followed hop by hop, each hop checked
        against robots.txt. Statuses other than 200 and 304 are failures (``http
        status``); so is anything httpx cannot do with the URL or the response."""
        original = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                self._check_allowed(url)
                response = self._request(url, headers or {})
                location = response.headers.get("Location")
                if response.status in REDIRECT_STATUSES and location:
                    url = urljoin(url, location)
                    continue
                if response.status not in (200, 304):
                    raise Rejected("http status", f"{response.status} for {url}", url)
                return response
        except Rejected as exc:
            if url == original:
                raise
            raise Rejected(exc.reason, f"redirected to {url}: {exc.detail}", original) from None
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            raise Rejected("fetch failed", f"{type(exc).__name__}: {exc}", original) from None
        raise Rejected("fetch failed", f"more than {MAX_REDIRECTS} redirects", original)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url`` (RFC 9309, parsed by Protego)."""
        try:
            self._check_allowed(url)
        except Rejected:
            return False
        return True

    def _check_allowed(self, url: str) -> None:
        host = _host(url)
        rules = self._robots.get(host)
        if rules is None:
            rules = self._read_robots(host)
            self._robots[host] = rules
        if isinstance(rules, Rejected):
            raise Rejected(rules.reason, f"{rules.detail}; not fetching {url}", url)
        if rules is False or (
            isinstance(rules, Protego) and not rules.can_fetch(url, self.options.user_agent)
        ):
            raise Rejected("disallowed by robots.txt", url, url)

    def _read_robots(self, host: str) -> Protego | Rejected | bool:
        """The rules of ``host``; ``True`` for none (a 4xx robots.txt: RFC 9309 says
        "unavailable", anything goes); a ``Rejected`` when it is unreachable (a 5xx or
        no answer: RFC 9309 says assume complete disallow)."""
        try:
            response = self._request(f"{host}/robots.txt", {})
        except Rejected as exc:
            return Rejected("robots.txt unreachable", exc.detail, host)
        except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:
            return Rejected("robots.txt unreachable", f"{type(exc).__name__}: {exc}", host)
        if response.status in REDIRECT_STATUSES:
            return True  # RFC 9309 follows up to five redirects; we do not, and allow
        if 400 <= response.status < 500:
            return True
        if response.status != 200:
            return Rejected("robots.txt unreachable", f"HTTP {response.status}", host)
        return Protego.parse(response.content.decode("utf-8", errors="replace"))

    def _delay(self, host: str) -> float:
        rules = self._robots.get(host)
        asked = rules.crawl_delay(self.options.user_agent) if isinstance(rules, Protego) else None
        return max(self.options.delay, float(asked or 0.0))

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self.waits.append(seconds)
            self.sleep(seconds)

    def _request(self, url: str, headers: dict[str, str]) -> Response:
        host = _host(url)
        problem = ""
        for attempt in range(self.options.retries + 1):
            last = self._last.get(host)
            if last is not None:
                self._wait(last + self._delay(host) - self.clock())
            try:
                response = self._once(url, headers)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}"
                retry_after = None
            else:
                if response.status not in RETRY_STATUSES:
                    return response
                problem = f"HTTP {response.status}"
                retry_after = _retry_after(response.headers.get("Retry-After"))
            finally:
                self._last[host] = self.clock()
            if attempt < self.options.retries:
                backoff = self.options.backoff * 2**attempt
                self._wait(min(self.options.max_wait, max(backoff, retry_after or 0.0)))
        detail = f"{problem} after {self.options.retries + 1} attempts"
        raise Rejected("fetch failed", detail, url)

    def _once(self, url: str, headers: dict[str, str]) -> Response:
        with self.client.stream("GET", url, headers=headers) as response:
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.options.max_bytes:
                    detail = f"more than max_bytes {self.options.max_bytes} bytes"
                    raise Rejected("too large", detail, url)
                chunks.append(chunk)
            return Response(
                str(response.url), response.status_code, response.headers, b"".join(chunks)
            )


def _host(url: str) -> str:
    """``scheme://host[:port]`` of an http(s) URL; ``Rejected("bad url")`` otherwise."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises on a port that is not a number
    except ValueError as exc:
        raise Rejected("bad url", f"{exc}: {url!r}", url) from None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Rejected("bad url", f"not an http(s) URL: {url!r}", url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def page_path(out: Path, url: str) -> Path:
    """Where the page at ``url`` is saved: ``OUT/HOST/KEY.html``, KEY a hash of the URL."""
    host = urlsplit(url).netloc.lower().replace(":", "_") or "unknown-host"
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:20]
    return out / host / f"{key}.html"


def fetch(
    feeds: Iterable[str],
    urls: Iterable[str],
    options: FetchOptions,
    *,
    fetcher: Fetcher | None = None,
    progress: Callable[[int], None] | None = None,
    total: Callable[[int], None] | None = None,
) -> FetchReport:
    """Fetch the articles of ``feeds`` (URLs or files) and the pages ``urls`` into
    ``options.out``. Failures are counted in the report; nothing raises for one bad feed
    or page."""
    report = FetchReport()
    own = fetcher is None
    fetcher = fetcher or Fetcher(options)
    try:
        items = list(_items(feeds, urls, fetcher, report))
        if total is not None:
            total(len(items))
        for item in items:
            try:
                _fetch_item(item, fetcher, options, report)
            except Rejected as rejected:
                report.failures.add(rejected)
            except ValueError as exc:  # a URL no part of the chain could use
                report.failures.add(Rejected("bad url", str(exc), item.url))
            if progress is not None:
                progress(1)
    finally:
        if own:
            fetcher.close()
    return report


def _items(
    feeds: Iterable[str], urls: Iterable[str], fetcher: Fetcher, report: FetchReport
) -> Iterator[FeedItem]:
    seen: set[str] = set()
    for source in feeds:
        try:
            data = _feed_bytes(source, fetcher)
            base = source if source.startswith(("http://", "https://")) else None
            feed = parse_feed(data, source, base_url=base)
        except Rejected as rejected:
            report.failures.add(rejected)
            continue
        report.feeds += 1
        for item in feed.items:
            report.entries += 1
            if not item.url:
                report.failures.add(Rejected("no link", item.title or "an entry", source))
            elif item.url not in seen:
                seen.add(item.url)
                yield item
    for url in urls:
        url = url.strip()
        if url and not url.startswith("#") and url not in seen:
            seen.add(url)
            yield FeedItem(url, None, None, None, None, None, "")


def _feed_bytes(source: str, fetcher: Fetcher) -> bytes:
    if source.startswith(("http://", "https://")):
        return fetcher.get(source).content
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > fetcher.options.max_bytes:
            raise Rejected("too large", f"{size} bytes > max_bytes", source)
        return path.read_bytes()
    except OSError as exc:
        raise Rejected("unreadable", exc.strerror or str(exc), source) from None


def _fetch_item(
    item: FeedItem, fetcher: Fetcher, options: FetchOptions, report: FetchReport
) -> None:
    assert item.url is not None
    _host(item.url)  # Rejected("bad url") before anything is written
    target = page_path(options.out, item.url)
    sidecar = target.with_name(target.stem + SIDECAR_SUFFIX)
    saved = _read_json(sidecar) if target.exists() else None
    headers: dict[str, str] = {}
    if saved is not None:
        if not options.refresh:
            report.cached += 1
            report.saved.append(target)
            return
        if saved.get("etag"):
            headers["If-None-Match"] = str(saved["etag"])
        if saved.get("last_modified"):
            headers["If-Modified-Since"] = str(saved["last_modified"])
    try:
        response = fetcher.get(item.url, headers)
        if response.status == 304 and saved is not None:
            report.not_modified += 1
            report.saved.append(target)
            return
        content_type = response.headers.get("Content-Type", "")
        if content_type and not content_type.lower().startswith(PAGE_TYPES):
            raise Rejected("not a page", f"content type {content_type} at {item.url}", item.url)
    except Rejected as rejected:
        report.failures.add(rejected)
        return
    meta = {
        "url": item.url,
        "final_url": response.url if response.url != item.url else None,
        "title": item.title,
        "published": item.published.isoformat() if item.published else None,
        "author": item.author,
        "publisher": item.publisher,
        "fetched": datetime.now(UTC).isoformat(timespec="seconds"),
        "content_type": content_type or None,
        "etag": response.headers.get("ETag"),
        "last_modified": response.headers.get("Last-Modified"),
    }
    _write_atomic(
        sidecar, json.dumps({k: v for k, v in meta.items() if v is not None}, indent=1).encode()
    )
    _write_atomic(target, response.content)
    report.fetched += 1
    report.saved.append(target)


def _read_json(path: Path) -> dict[str, object] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a page without a readable sidecar is still cached
    return value if isinstance(value, dict) else {}


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(path)
