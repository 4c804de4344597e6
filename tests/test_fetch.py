"""``tacitus fetch`` against a real HTTP server on localhost: robots.txt, spacing,
retries with backoff, caching and revalidation, size limits, and the folder it writes
read back by ``tacitus code``."""

from __future__ import annotations

import itertools
import json
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.ingest import read_paths
from tacitus.ingest.fetch import Fetcher, FetchOptions, fetch, page_path
from tacitus.records import Document
from tacitus.settings import Settings

from .ingest_data import STORIES, page


@dataclass
class Site:
    """A small news site: what it serves and what it was asked."""

    robots: tuple[int, str] = (200, "User-agent: *\nDisallow: /private/\n")
    hits: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)
    flaky_failures: int = 2
    base: str = ""

    def feed(self) -> str:
        items = [
            ("Ferry crews strike", "/news/ferry", "Wed, 06 Mar 2024 09:00:00 +0000"),
            ("Presidents meet at Lisk", "/news/lisk", "Thu, 07 Mar 2024 09:00:00 +0000"),
            ("Court halts decree", "/news/flaky", "Mon, 04 Mar 2024 09:00:00 +0000"),
            ("Members only", "/private/memo", "Mon, 04 Mar 2024 09:00:00 +0000"),
            ("Gone", "/news/gone", "Mon, 04 Mar 2024 09:00:00 +0000"),
            ("A picture", "/news/logo.png", "Mon, 04 Mar 2024 09:00:00 +0000"),
            ("Huge", "/news/huge", "Mon, 04 Mar 2024 09:00:00 +0000"),
            ("Ferry crews strike (again)", "/news/ferry", "Wed, 06 Mar 2024 09:00:00 +0000"),
        ]
        entries = "".join(
            f"<item><title>{t}</title><link>{self.base}{p}</link><pubDate>{d}</pubDate>"
            "<description>Short summary.</description></item>"
            for t, p, d in items
        )
        return (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>The Island Courier</title>{entries}</channel></rss>"
        )

    def respond(self, path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        html = {"Content-Type": "text/html; charset=utf-8"}
        other_host = headers.get("host", "").startswith("localhost")
        if path == "/robots.txt":
            if other_host:  # a second site on the same server, closed to robots
                return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /\n"
            return self.robots[0], {"Content-Type": "text/plain"}, self.robots[1].encode()
        if path == "/go-elsewhere":
            port = self.base.rsplit(":", 1)[1]
            return 302, {"Location": f"http://localhost:{port}/news/lisk"}, b""
        if path == "/go-here":
            return 301, {"Location": "/news/lisk"}, b""
        if path == "/loop":
            return 302, {"Location": "/loop"}, b""
        if path == "/relative.xml":
            entry = "<entry><title>Lisk</title><id>r1</id><link href='/news/lisk'/></entry>"
            return (
                200,
                {"Content-Type": "application/atom+xml"},
                (
                    "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                    f"<title>Rel</title>{entry}</feed>"
                ).encode(),
            )
        if path == "/feed.xml":
            return 200, {"Content-Type": "application/rss+xml"}, self.feed().encode()
        if path == "/news/ferry":
            if headers.get("if-none-match") == '"v1"':
                return 304, {"ETag": '"v1"'}, b""
            body = page("Ferry crews strike", STORIES["ferry"])
            return 200, {**html, "ETag": '"v1"'}, body.encode()
        if path == "/news/lisk":
            return 200, html, page("Presidents meet at Lisk", STORIES["summit"]).encode()
        if path == "/news/flaky":
            if self.hits[path] <= self.flaky_failures:
                return 503, {"Retry-After": "2"}, b"busy"
            return 200, html, page("Court halts decree", STORIES["court"]).encode()
        if path == "/news/down":
            return 503, {}, b"down"
        if path == "/news/logo.png":
            return 200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"
        if path == "/news/huge":
            return 200, html, b"<html><body>" + b"<p>word</p>" * 20_000 + b"</body></html>"
        return 404, {"Content-Type": "text/plain"}, b"not found"


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits[self.path] += 1
            state.agents.add(self.headers.get("User-Agent", ""))
            status, headers, body = state.respond(
                self.path, {k.lower(): v for k, v in self.headers.items()}
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


class FakeTime:
    """A clock that moves only when the fetcher sleeps: waits are checked, not waited."""

    def __init__(self) -> None:
        self.now = 0.0
        self.requests: list[tuple[float, str]] = []

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def clock(self) -> float:
        return self.now


def fake_fetcher(options: FetchOptions, fake: FakeTime) -> Fetcher:
    client = httpx.Client(
        headers={"User-Agent": options.user_agent},
        follow_redirects=True,
        timeout=5,
        event_hooks={"request": [lambda r: fake.requests.append((fake.now, r.url.path))]},
    )
    return Fetcher(options, client=client, sleep=fake.sleep, clock=fake.clock)


def options(out: Path, **overrides: object) -> FetchOptions:
    values: dict[str, object] = {"delay": 1.5, "retries": 3, "backoff": 0.5, "max_bytes": 100_000}
    values.update(overrides)
    return FetchOptions(out=out, **values)  # type: ignore[arg-type]


def test_fetch_is_polite_and_counts_every_failure(site: Site, tmp_path: Path) -> None:
    fake = FakeTime()
    opts = options(tmp_path / "out")
    with fake_fetcher(opts, fake) as fetcher:
        report = fetch([f"{site.base}/feed.xml"], [], opts, fetcher=fetcher)

    assert (report.feeds, report.entries, report.fetched) == (1, 8, 3)
    assert dict(report.failures.counts()) == {
        "disallowed by robots.txt": 1,
        "http status": 1,
        "not a page": 1,
        "too large": 1,
    }
    assert site.hits["/robots.txt"] == 1  # read once per host
    assert site.hits["/private/memo"] == 0  # never asked for
    assert site.hits["/news/ferry"] == 1  # listed twice, fetched once
    assert site.hits["/news/flaky"] == 3  # two 503s, then the page
    assert site.agents == {opts.user_agent}
    # Requests to the host are spaced by the delay; retries wait for Retry-After (2 s)
    # when it is longer than the backoff (0.5 s, then 1 s).
    times = [t for t, _ in fake.requests]
    assert all(b - a >= opts.delay for a, b in itertools.pairwise(times))
    flaky = [t for t, p in fake.requests if p == "/news/flaky"]
    assert [round(b - a, 6) for a, b in itertools.pairwise(flaky)] == [2.0, 2.0]


def test_retries_give_up_with_the_reason(site: Site, tmp_path: Path) -> None:
    fake = FakeTime()
    opts = options(tmp_path / "out", retries=2)
    with fake_fetcher(opts, fake) as fetcher:
        report = fetch([], [f"{site.base}/news/down"], opts, fetcher=fetcher)

    (failure,) = report.failures.items
    assert failure.reason == "fetch failed"
    assert failure.detail == "HTTP 503 after 3 attempts"
    downs = [t for t, p in fake.requests if p == "/news/down"]
    # exponential backoff (0.5 s, 1 s) but never less than the per-host delay
    assert [round(b - a, 6) for a, b in itertools.pairwise(downs)] == [1.5, 1.5]
    assert site.hits["/news/down"] == 3


@pytest.mark.parametrize(
    ("robots", "allowed"),
    [
        ((404, "no robots here"), True),
        ((500, "oops"), False),
        ((200, "User-agent: *\nDisallow: /\n"), False),
    ],
)
def test_robots_txt_rules(
    site: Site, tmp_path: Path, robots: tuple[int, str], allowed: bool
) -> None:
    site.robots = robots
    fake = FakeTime()
    opts = options(tmp_path / "out", retries=0)
    with fake_fetcher(opts, fake) as fetcher:
        report = fetch([], [f"{site.base}/news/lisk"], opts, fetcher=fetcher)
    assert report.fetched == (1 if allowed else 0)
    assert site.hits["/news/lisk"] == (1 if allowed else 0)


def test_the_folder_is_the_cache_and_refresh_revalidates(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    urls = [f"{site.base}/news/ferry", f"{site.base}/news/lisk"]
    first = fetch([], urls, options(out, delay=0))
    second = fetch([], urls, options(out, delay=0))
    third = fetch([], urls, options(out, delay=0, refresh=True))

    assert (first.fetched, second.fetched, second.cached) == (2, 0, 2)
    assert (third.not_modified, third.fetched) == (1, 1)  # ferry has an ETag, lisk none
    assert site.hits["/news/ferry"] == 2 and site.hits["/news/lisk"] == 2
    sidecar = page_path(out, urls[0]).with_suffix("").with_suffix(".meta.json")
    assert json.loads(sidecar.read_text())["etag"] == '"v1"'


def test_leftovers_of_a_killed_run_are_ignored_and_refetched(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    url = f"{site.base}/news/lisk"
    target = page_path(out, url)
    target.parent.mkdir(parents=True)
    # killed after the sidecar, before the page was renamed into place
    target.with_name(target.stem + ".meta.json").write_text('{"url": "x"}')
    target.with_name(f".{target.name}.123.tmp").write_text("<html><body><p>half")

    report = fetch([], [url], options(out, delay=0))
    results = list(read_paths([out], settings=Settings()))

    assert report.fetched == 1
    assert [r.url for r in results if isinstance(r, Document)] == [url]


def test_cli_fetch_then_code(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    site.flaky_failures = 1  # one Retry-After of 2 s
    runner = CliRunner()
    feed = f"{site.base}/feed.xml"

    limit = {"TACITUS_MAX_BYTES": "100000"}
    args = ["fetch", feed, "--out", str(out), "--delay", "0", "--retries", "3"]
    fetched = runner.invoke(app, args, env=limit)
    documents = tmp_path / "docs.jsonl"
    coded = runner.invoke(app, ["code", str(out), "--documents", str(documents), "-q"])

    assert fetched.exit_code == 0, fetched.output
    assert "1 feeds, 8 entries: fetched 3 pages" in fetched.stderr
    assert "failed (disallowed by robots.txt): 1" in fetched.stderr
    assert coded.exit_code == 0, coded.output
    rows = {r["title"]: r for r in map(json.loads, documents.read_text().splitlines())}
    assert set(rows) == {"Ferry crews strike", "Presidents meet at Lisk", "Court halts decree"}
    assert rows["Ferry crews strike"]["published"] == "2024-03-06"  # from the feed
    assert rows["Ferry crews strike"]["publisher"] == "The Island Courier"
    assert rows["Ferry crews strike"]["url"] == f"{site.base}/news/ferry"


def test_cli_fetch_needs_something_to_fetch(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["fetch", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "give feeds" in result.output


def test_feed_dates_are_kept_in_the_sidecar(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.flaky_failures = 0
    fetch([f"{site.base}/feed.xml"], [], options(out, delay=0))
    (lisk,) = [
        r
        for r in read_paths([out], settings=Settings())
        if isinstance(r, Document) and r.title == "Presidents meet at Lisk"
    ]
    assert lisk.published == date(2024, 3, 7)


def test_redirects_are_followed_hop_by_hop_and_each_hop_obeys_robots(
    site: Site, tmp_path: Path
) -> None:
    opts = options(tmp_path / "out", delay=0, retries=0)
    urls = [f"{site.base}/go-elsewhere", f"{site.base}/go-here", f"{site.base}/loop"]
    report = fetch([], urls, opts)

    assert report.fetched == 1  # /go-here → /news/lisk on the same host
    assert site.hits["/news/lisk"] == 1  # never through the other host, whose robots.txt says no
    assert {(f.source, f.reason) for f in report.failures.items} == {
        (urls[0], "disallowed by robots.txt"),
        (urls[2], "fetch failed"),
    }


def test_robots_rules_follow_rfc_9309(site: Site, tmp_path: Path) -> None:
    site.robots = (200, "User-agent: *\nAllow: /\nDisallow: /private/\nDisallow: /*.png$\n")
    opts = options(tmp_path / "out", delay=0)
    fetcher = Fetcher(opts)
    with fetcher:
        assert fetcher.allowed(f"{site.base}/news/lisk")
        assert not fetcher.allowed(f"{site.base}/private/memo")  # longest match wins
        assert not fetcher.allowed(f"{site.base}/news/logo.png")


def test_relative_feed_links_bad_urls_and_unreachable_hosts(site: Site, tmp_path: Path) -> None:
    opts = options(tmp_path / "out", delay=0, retries=0, timeout=2)
    report = fetch(
        [f"{site.base}/relative.xml"],
        ["http://[::1/x", "ftp://example.org/a", "http://127.0.0.1:9/closed"],
        opts,
    )

    assert report.fetched == 1 and site.hits["/news/lisk"] == 1
    assert sorted(f.reason for f in report.failures.items) == [
        "bad url",
        "bad url",
        "robots.txt unreachable",
    ]
