"""Smoke tests for the synthetic corpus and the throughput benchmark (benchmarks/)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import bench_ingest, bench_throughput  # noqa: E402
from benchmarks.corpus import make_stories  # noqa: E402

SENTENCE_END = re.compile(r"[.!?][\"']?(?=\s|$)")


@pytest.fixture(scope="module")
def stories():
    return make_stories(20)


def test_same_seed_same_texts(stories):
    again = make_stories(20)
    assert [s.text for s in again] == [s.text for s in stories]
    assert [s.published for s in again] == [s.published for s in stories]


def test_different_seed_different_texts(stories):
    other = make_stories(20, seed=1)
    assert [s.text for s in other] != [s.text for s in stories]


def test_prefix_stable(stories):
    assert [s.text for s in make_stories(5)] == [s.text for s in stories[:5]]


def test_doc_ids_unique(stories):
    ids = [s.doc_id for s in stories]
    assert len(set(ids)) == len(ids)
    assert ids[0] == "bench-0001"


def test_story_shape(stories):
    for story in stories:
        headline, blank, *_ = story.text.split("\n", 2)
        assert headline.strip() and not headline.endswith("."), story.doc_id
        assert blank == "", story.doc_id
        assert story.title == headline
        paragraphs = story.text.split("\n\n")[1:]
        article = [p for p in paragraphs if not p.startswith("You have read")]
        assert len(SENTENCE_END.findall(" ".join(article))) >= 3, story.doc_id
        assert story.published is not None and 2016 <= story.published.year <= 2025


@pytest.mark.slow  # loads the spaCy model twice and parses 30 stories: 4.4-5.9 s measured
def test_benchmark_prints_ratio(capsys):
    assert bench_throughput.main(["--stories", "10", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^ratio \(tacitus speed / bare spaCy speed\): \d+\.\d\d$", out, re.M)
    assert re.search(r"^stories: 10$", out, re.M)


def test_ingest_benchmark_prints_both_ratios(capsys):
    bench_ingest.main(["--pages", "12", "--repeat", "1"])
    out = capsys.readouterr().out
    for kind in ("HTML", "WARC"):
        assert re.search(
            rf"^ *{kind}: trafilatura extract [\d.]+ pages/s, tacitus [\d.]+ pages/s, "
            r"ratio [\d.]+, overhead [+-][\d.]+% \(target < 25%\)$",
            out,
            re.M,
        ), out
    # every page is read by both sides, from the folder and from the crawl
    assert out.count("(12 documents)") == 4


def test_ingest_benchmark_pages_look_like_news_sites():
    import random

    story = make_stories(1)[0]
    html = bench_ingest.news_page(story, random.Random(0))
    assert 10_000 < len(html) < 40_000
    assert "<nav>" in html and "Most read" in html and "application/ld+json" in html


def test_store_benchmark_prints_ratios(capsys):
    from benchmarks import bench_store

    bench_store.main(["--events", "2000", "--batch", "100"])
    out = capsys.readouterr().out
    assert re.search(
        r"^ingest: [\d.]+ s = \d+ events/s .* ratio [\d.]+; 2000 events stored", out, re.M
    ), out
    assert re.search(r"^dyad × month: store [\d.]+ s, plain SQL [\d.]+ s, ratio [\d.]+", out, re.M)
    # the store and the plain query agree on what they count
    rows = re.search(r"dyad × month: .* rows \[(\d+), (\d+)\]", out)
    assert rows and rows.group(1) == rows.group(2)
    found = re.search(r"filtered search: .* rows \[(\d+), (\d+)\]", out)
    assert found and found.group(1) == found.group(2)


def test_store_benchmark_makes_the_same_documents_in_chunks():
    import argparse

    from benchmarks import bench_store

    from tacitus.store import Store

    args = argparse.Namespace(events=300, per_doc=5, seed=3)
    whole = list(bench_store.iter_documents(300, 5, 3))
    clock = bench_store.Clock()
    chunked = list(bench_store.chunked_documents(args, 7, clock))
    assert [c.document.doc_id for c in chunked] == [c.document.doc_id for c in whole]
    assert [e.event_id for c in chunked for e in c.events] == [
        e.event_id for c in whole for e in c.events
    ]
    assert (clock.documents, clock.events) == (60, 300)
    # the baseline's rows tabulated a chunk at a time are those tabulated at once
    with Store.open(":memory:") as store:
        columns = bench_store.table_columns(store)
    once = bench_store.plain_frames(whole, 0, columns, set())
    seen: set[int] = set()
    parts = [bench_store.plain_frames(whole[i : i + 7], i, columns, seen) for i in range(0, 60, 7)]
    for table, frame in once.items():
        together = pd.concat([part[table] for part in parts], ignore_index=True)
        if table == "documents":  # but the time each row is made
            together, frame = together.iloc[:, :-1], frame.iloc[:, :-1]
        assert together.astype(str).equals(frame.astype(str)), table
