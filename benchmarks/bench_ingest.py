"""Reading and cleaning throughput of tacitus against trafilatura's bare ``extract``.

    python benchmarks/bench_ingest.py --pages 300 --repeat 3
    python benchmarks/bench_ingest.py --pages 300 --json

In one run it writes ``--pages`` news pages (the stories of ``benchmarks/corpus.py``
inside a page template of our own: navigation, a most-read list, related links, JSON-LD,
scripts, comments and a footer, 20–30 KB each) to a folder of ``.html`` files and to a
``.warc.gz`` crawl laid out like Common Crawl's news crawl (a request and a response
record per page, one gzip member per record), and times:

* baseline, HTML: for each file, read its bytes, decode, ``trafilatura.extract(html)``;
* baseline, WARC: iterate the crawl with warcio, read each response's payload,
  ``trafilatura.extract`` it — the least any WARC reader has to do;
* tacitus, on each input: ``Pipeline.prepare(read_paths([...]))`` — reading, decoding,
  gzip and WARC handling, trafilatura, metadata (title, publisher, author, canonical
  URL, publication date with htmldate), boilerplate cleaning, language identification
  and duplicate detection: everything before spaCy.

Runs alternate ``--repeat`` times. Everything runs in this one process, so the ratio is
taken on CPU seconds (``time.process_time``), which other work on a shared machine
disturbs much less than wall-clock time; the median of each side is used, and the
wall-clock ratio is printed beside it. The overhead is ``tacitus seconds / baseline
seconds - 1`` (the target is under 25 %).
This is a benchmark, not a test: nothing is asserted about the timings.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import trafilatura
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import make_stories
from tacitus import Document, Pipeline, Settings
from tacitus.ingest import read_paths
from tacitus.ingest.duplicates import DuplicateFinder

SECTIONS = ("World", "Politics", "Business", "Science", "Sport", "Culture", "Opinion", "Travel")


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="pages to generate")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each side")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.pages < 1 or args.repeat < 1:
        parser.error("--pages and --repeat must be at least 1")
    return args


def news_page(story: Document, rng: random.Random) -> str:
    """One story as a news site would serve it (template written for this benchmark)."""
    title = story.title or story.text.split("\n", 1)[0]
    body = story.text.split("\n\n", 1)[1] if "\n\n" in story.text else story.text
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    nav = "".join(f'<li><a href="/{s.lower()}">{s}</a></li>' for s in SECTIONS)
    most_read = "".join(
        f'<li><a href="/story/{rng.randrange(10**6)}">Most read story number {i} of the day '
        f"about {rng.choice(SECTIONS).lower()}</a></li>"
        for i in range(10)
    )
    related = "".join(
        f'<a class="card" href="/story/{rng.randrange(10**6)}"><img src="/img/{i}.jpg" '
        f'alt="photo {i}"><span>Related coverage {i}: more from the {rng.choice(SECTIONS)} desk'
        "</span></a>"
        for i in range(8)
    )
    comments = "".join(
        f'<div class="comment"><b>reader{rng.randrange(1000)}</b><p>Comment {i}: I have been '
        "following this for weeks and the coverage here is the best I have found.</p></div>"
        for i in range(rng.randrange(3, 9))
    )
    published = story.published.isoformat() if story.published else "2024-01-01"
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": published,
            "author": {"@type": "Person", "name": "Staff Writer"},
        }
    )
    script = "var tracker = {" + ", ".join(f'"k{i}": {i}' for i in range(200)) + "};"
    style = " ".join(f".c{i} {{ margin: {i}px; padding: {i % 7}px; }}" for i in range(150))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} | The Daily Example</title>"
        f'<meta property="og:site_name" content="The Daily Example">'
        f'<meta property="og:title" content="{title}">'
        f'<meta name="author" content="Staff Writer">'
        f'<meta property="article:published_time" content="{published}T08:00:00Z">'
        f'<link rel="canonical" href="https://daily.example.com/{story.doc_id}">'
        f'<script type="application/ld+json">{ld}</script><style>{style}</style>'
        f"<script>{script}</script></head><body>"
        '<div class="cookie">We use cookies to improve your experience. Accept all</div>'
        f'<header><nav><ul>{nav}</ul></nav><form><input name="q"></form></header>'
        f'<main><article><h1>{title}</h1><p class="byline">By Staff Writer</p>'
        f"{paragraphs}</article>"
        f"<aside><h2>Most read</h2><ol>{most_read}</ol></aside>"
        f'<section class="related">{related}</section>'
        f'<section class="comments"><h2>Comments</h2>{comments}</section></main>'
        "<footer><p>Copyright 2024 The Daily Example. All rights reserved.</p>"
        f"<ul>{nav}</ul></footer><script>{script}</script></body></html>\n"
    )


CHUNK_PAGES = 25


def write_inputs(pages: Sequence[tuple[str, str]], folder: Path) -> list[tuple[Path, Path]]:
    """The pages in chunks of ``CHUNK_PAGES``: a folder of HTML files and a WARC.gz each
    (Common Crawl's news crawl is many files too)."""
    chunks = []
    for number, start in enumerate(range(0, len(pages), CHUNK_PAGES)):
        part = pages[start : start + CHUNK_PAGES]
        html_dir = folder / "html" / f"part-{number:03d}"
        html_dir.mkdir(parents=True)
        for name, html in part:
            (html_dir / f"{name}.html").write_text(html, encoding="utf-8")
        warc = folder / f"CC-NEWS-20240305101500-{number:05d}.warc.gz"
        _write_warc(part, warc)
        chunks.append((html_dir, warc))
    return chunks


def _write_warc(pages: Sequence[tuple[str, str]], warc: Path) -> None:
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for name, html in pages:
            url = f"https://daily.example.com/{name}"
            body = html.encode("utf-8")
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "daily.example.com")], is_http_request=True
                ),
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                ),
            )
            writer.write_record(request)
            writer.write_record(response)


def baseline_html(folder: Path) -> int:
    found = 0
    for path in sorted(folder.iterdir()):
        text = trafilatura.extract(path.read_bytes().decode("utf-8"))
        found += bool(text)
    return found


def baseline_warc(path: Path) -> int:
    found = 0
    with path.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                html = record.content_stream().read().decode("utf-8")
                found += bool(trafilatura.extract(html))
    return found


def tacitus_run(target: Path, pipeline: Pipeline, finder: DuplicateFinder) -> int:
    """One chunk through everything before spaCy, with the run's duplicate finder."""
    documents = read_paths([target], settings=pipeline.settings)
    return sum(1 for _ in pipeline.prepare(documents, finder=finder))


def _tacitus_html(pipeline: Pipeline, finder: DuplicateFinder, html: Path, warc: Path) -> int:
    return tacitus_run(html, pipeline, finder)


def _tacitus_warc(pipeline: Pipeline, finder: DuplicateFinder, html: Path, warc: Path) -> int:
    return tacitus_run(warc, pipeline, finder)


def _timed(fn: Callable[[], int]) -> tuple[float, float, int]:
    """CPU seconds, wall seconds, and what ``fn`` returned."""
    cpu, wall = time.process_time(), time.perf_counter()
    value = fn()
    return time.process_time() - cpu, time.perf_counter() - wall, value


def measure(args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    stories = make_stories(args.pages, seed=args.seed)
    pages = [(s.doc_id, news_page(s, rng)) for s in stories]
    size = sum(len(h.encode()) for _, h in pages)
    names = ("baseline_html", "tacitus_html", "baseline_warc", "tacitus_warc")
    seconds: dict[str, list[float]] = {name: [] for name in names}
    walls: dict[str, list[float]] = {name: [] for name in names}
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="tacitus-bench-") as tmp:
        chunks = write_inputs(pages, Path(tmp))
        warm = Pipeline(Settings())
        tacitus_run(chunks[0][0], warm, DuplicateFinder(warm.settings.near_duplicate))
        for _ in range(args.repeat):
            # One pipeline and one duplicate finder per run, as in `tacitus code`.
            pipelines = {kind: Pipeline(Settings()) for kind in ("html", "warc")}
            finders = {k: DuplicateFinder(p.settings.near_duplicate) for k, p in pipelines.items()}
            runs: dict[str, Callable[[Path, Path], int]] = {
                "baseline_html": lambda html, warc: baseline_html(html),
                "tacitus_html": partial(_tacitus_html, pipelines["html"], finders["html"]),
                "baseline_warc": lambda html, warc: baseline_warc(warc),
                "tacitus_warc": partial(_tacitus_warc, pipelines["warc"], finders["warc"]),
            }
            cpu = dict.fromkeys(names, 0.0)
            wall = dict.fromkeys(names, 0.0)
            found = dict.fromkeys(names, 0)
            # Chunk by chunk, all four sides in turn (in a rotating order), so that the
            # machine's drift during a run weighs on every side alike.
            for number, (html_dir, warc) in enumerate(chunks):
                order = names[number % 4 :] + names[: number % 4]
                for name in order:
                    spent, elapsed, n = _timed(lambda: runs[name](html_dir, warc))  # noqa: B023
                    cpu[name] += spent
                    wall[name] += elapsed
                    found[name] += n
            for name in names:
                seconds[name].append(cpu[name])
                walls[name].append(wall[name])
            counts = found
        warc_bytes = sum(warc.stat().st_size for _, warc in chunks)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    median_wall = {name: statistics.median(values) for name, values in walls.items()}
    result: dict[str, Any] = {
        "pages": args.pages,
        "mean_page_kb": round(size / args.pages / 1024, 1),
        "warc_gz_mb": round(warc_bytes / 2**20, 2),
        "chunks": len(chunks),
        "repeat": args.repeat,
        "cpu_seconds": {name: [round(v, 3) for v in values] for name, values in seconds.items()},
        "wall_seconds": {name: [round(v, 3) for v in values] for name, values in walls.items()},
        "documents": counts,
    }
    for kind in ("html", "warc"):
        base, ours = median[f"baseline_{kind}"], median[f"tacitus_{kind}"]
        result[f"{kind}_pages_per_s"] = {
            "baseline": round(args.pages / base, 1),
            "tacitus": round(args.pages / ours, 1),
        }
        result[f"{kind}_ratio"] = round(base / ours, 3)
        result[f"{kind}_overhead_percent"] = round((ours / base - 1) * 100, 1)
        wall_base, wall_ours = median_wall[f"baseline_{kind}"], median_wall[f"tacitus_{kind}"]
        result[f"{kind}_wall_overhead_percent"] = round((wall_ours / wall_base - 1) * 100, 1)
        # The fastest run of each side: the one least slowed by other work.
        fastest = min(seconds[f"tacitus_{kind}"]) / min(seconds[f"baseline_{kind}"])
        result[f"{kind}_fastest_overhead_percent"] = round((fastest - 1) * 100, 1)
    return result


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse(argv)
    result = measure(args)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['pages']} pages, {result['mean_page_kb']} KB each on average; "
        f"WARC.gz {result['warc_gz_mb']} MB in {result['chunks']} files; "
        f"median CPU seconds of {result['repeat']} runs"
    )
    for kind in ("html", "warc"):
        rate = result[f"{kind}_pages_per_s"]
        print(
            f"{kind.upper():>4}: trafilatura extract {rate['baseline']} pages/s, "
            f"tacitus {rate['tacitus']} pages/s, ratio {result[f'{kind}_ratio']}, "
            f"overhead {result[f'{kind}_overhead_percent']:+.1f}% (target < 25%)"
        )
    for kind in ("html", "warc"):
        print(
            f"  {kind}: overhead on wall-clock medians "
            f"{result[f'{kind}_wall_overhead_percent']:+.1f}%, "
            f"on the fastest CPU runs {result[f'{kind}_fastest_overhead_percent']:+.1f}%"
        )
    for name, values in result["cpu_seconds"].items():
        walls = ", ".join(f"{v:.2f}" for v in result["wall_seconds"][name])
        cpus = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name}: CPU {cpus} s, wall {walls} s ({result['documents'][name]} documents)")


if __name__ == "__main__":
    main()
