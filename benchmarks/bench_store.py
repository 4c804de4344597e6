"""The store at scale: synthetic events inserted and queried, each against plain DuckDB.

    python benchmarks/bench_store.py --events 1000000
    # the issue's size (4.7 GB of memory at most; without the one-transaction baseline)
    python benchmarks/bench_store.py --events 10000000 --batch 20000 --no-single-transaction

In one run it makes ``--events`` synthetic events (``--per-doc`` to a document, actors
drawn from a pool of 3,000 across 60 countries, 16 PLOVER types, dates over ten years,
one evidence mention each) as coded documents, and times:

* **ingest**: ``Store.add`` into a new DuckDB file, ``--batch`` documents to a
  transaction: the coded documents turned into rows, documents and events
  de-duplicated, events matched across documents, the rows inserted and each batch
  committed (its log written), and the final checkpoint (the log folded into the
  file). The documents are made a batch at a time as ``Store.add`` asks for them (the
  same seed, the same documents), and the time spent making them is taken off the
  ingest's, so that no more than a batch of them is ever in memory; the time spent
  matching (``Store._match_events``: on DuckDB by the stored events' numbers in
  memory) is reported on its own.
  Against it, a baseline that inserts the same rows into the same tables —
  ``documents``, ``events``, ``event_actors``, ``mentions`` and ``event_pairs`` of a
  second store of the same schema version, so the same layout (since version 5 the
  tables of events have no primary key) — tabulated in pandas frames (rows that repeat
  a key left out), with plain ``INSERT INTO … SELECT * FROM frame`` in one
  transaction, then a checkpoint: what DuckDB alone takes to store these rows on this
  machine, with no Python objects to read, no checks, no matching and no batches.
  The same again in the store's transactions (``--batch`` documents each, every
  commit writing its log, one checkpoint at the end, into a third store): the most
  ``Store.add`` could do with its batches. The baselines' documents are made again and
  tabulated a chunk at a time (a transaction's, or 50,000 documents), untimed: only
  their statements, commits and checkpoint are. The ratio is the store's time over
  the first. Each database runs under DuckDB's ``--memory-limit`` (default 4 GB), so
  that ten million events fit a shared machine.
* **dyad × month**: ``Store.dyad_counts(by="month")`` over every event, against the
  same aggregation written as one plain SQL query over a flat table (one row per
  event and actor pair) made beforehand.
* **filtered search**: ``Store.events_frame`` with a country, a type and a year,
  against the same answer (events, actor names and countries, mention, document and
  source counts) written as one plain query that finds the events in the flat table.

Each query is timed ``--runs`` times, store and plain in turn, and the best of each is
reported (a shared machine's noise is larger than a short query's time). Ratios are
store seconds / plain seconds (above 1: the store is slower); targets of issue 5:
ingest at least 100,000 events/s, query overhead at most 1.5×. Nothing is asserted
about timings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tacitus.records import Actor, CodedDocument, Document, Event, Mention
from tacitus.store import EventFilter, Store, _collector_paused
from tacitus.store import _Rows as Rows
from tacitus.store.engines import DuckDBEngine

TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
QUADS = {
    "AGREE": "verbal cooperation",
    "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation",
    "CONCEDE": "material cooperation",
    "COOPERATE": "material cooperation",
    "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict",
    "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict",
    "SANCTION": "material conflict",
    "MOBILIZE": "material conflict",
    "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}
SECTORS = ("GOV", "MIL", "COP", "REB", "OPP", "CVL", "BUS", "MED")


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--per-doc", type=int, default=5, help="events per document")
    parser.add_argument("--batch", type=int, default=10_000, help="documents per transaction")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of each query, in turn; the best is reported"
    )
    parser.add_argument(
        "--no-single-transaction",
        action="store_true",
        help="skip the baseline of one transaction (DuckDB holds it in memory: too much "
        "at ten million events for a shared machine); the ratio is then to the batched one",
    )
    parser.add_argument(
        "--memory-limit",
        default="4GB",
        help="DuckDB's memory_limit on each database of the run (its default is 80%% of RAM)",
    )
    parser.add_argument("--json", action="store_true")
    return parser.parse_args(argv)


def iter_documents(n_events: int, per_doc: int, seed: int) -> Iterator[CodedDocument]:
    """The synthetic documents one by one (the same seed, the same documents)."""
    rng = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    pool = [
        Actor(
            name=f"Actor {i}",
            text=f"Actor {i}",
            country=rng.choice(countries),
            sector=rng.choice(SECTORS),
            actor_id=f"actor-{i}",
        )
        for i in range(3000)
    ]
    start = date(2015, 1, 1)
    for d in range(n_events // per_doc):
        doc_id = f"doc-{d}"
        published = start + timedelta(days=rng.randrange(3650))
        text = f"Synthetic document {d}."
        events = []
        for i in range(per_doc):
            kind = rng.choice(TYPES)
            sentence = f"Sentence {i} of document {d}."
            events.append(
                Event(
                    type=kind,
                    mode=None,
                    source=[rng.choice(pool)],
                    target=[rng.choice(pool)],
                    mentions=[Mention(doc_id, sentence, i * 40, i * 40 + len(sentence), "t")],
                    quad_class=QUADS[kind],
                    score=round(rng.uniform(-10, 10), 1),
                    date=published - timedelta(days=rng.randrange(3)),
                    date_precision="day",
                )
            )
        document = Document(doc_id=doc_id, text=text, published=published)
        yield CodedDocument(document, [], events, [], [])


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _open(path: Path, args: argparse.Namespace) -> Store:
    """A store for the run, with DuckDB's memory limit for it (the same for all)."""
    store = Store.open(path)
    _duckdb(store).execute(f"SET memory_limit = '{args.memory_limit}'")
    return store


def _duckdb(store: Store) -> duckdb.DuckDBPyConnection:
    """The DuckDB connection under a store, for the plain-SQL baseline."""
    assert isinstance(store.engine, DuckDBEngine)
    return store.engine.connection


# the plain baseline's tables, with the keys of their rows (schema.ROW_KEYS)
PLAIN_TABLES = {
    "documents": ("documents", ["doc_key"]),
    "events": ("events", ["event_id"]),
    "event_actors": ("actors", ["event_id", "role", "position"]),
    "mentions": ("mentions", ["event_id", "doc_key", "start"]),
    "event_pairs": ("pairs", ["event_id", "source_key", "target_key"]),
}
# the tables whose rows belong to an event (a row of an event read again repeats a key)
OF_EVENT = ("events", "event_actors", "event_pairs")


class Clock:
    """Seconds spent outside what is timed (making the synthetic documents)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.events = 0
        self.documents = 0


def chunked_documents(
    args: argparse.Namespace, chunk: int, clock: Clock
) -> Iterator[CodedDocument]:
    """The synthetic documents, made ``chunk`` at a time (the time it takes added to
    ``clock``, to be taken off the ingest's): never more than a chunk in memory."""
    documents = iter_documents(args.events, args.per_doc, args.seed)
    while True:
        start = time.perf_counter()
        with _collector_paused():  # millions of objects and no cycles: faster
            made = list(itertools.islice(documents, chunk))
        clock.seconds += time.perf_counter() - start
        if not made:
            return
        clock.documents += len(made)
        clock.events += sum(len(d.events) for d in made)
        yield from made
        del made


def table_columns(store: Store) -> dict[str, list[str]]:
    """The columns of the baseline's tables, in order."""
    return {
        name: [
            c
            for (c,) in _duckdb(store)
            .execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [name],
            )
            .fetchall()
        ]
        for name in PLAIN_TABLES
    }


def plain_frames(
    documents: Sequence[CodedDocument],
    number: int,
    columns: dict[str, list[str]],
    seen: set[int],
) -> dict[str, Any]:
    """The rows ``Store.add`` is given for these documents (numbered from ``number``: the
    keys are ``k<number>``), tabulated as it tabulates them, one pandas frame per table.
    A row whose key an earlier row has (the same event read again, in these documents
    or before: ``seen`` holds the ids of the events of earlier chunks) is left out: the
    plain INSERT checks nothing."""
    rows = Rows()
    for offset, coded in enumerate(documents):
        rows.add(f"k{number + offset}", coded)
    frames = {}
    for table, (attribute, key) in PLAIN_TABLES.items():
        data = getattr(rows, attribute)
        if table in OF_EVENT and seen:
            data = [row for row in data if int(row[0], 16) not in seen]
        arrays = [
            np.fromiter(column, dtype=object, count=len(data)) for column in zip(*data, strict=True)
        ]
        # the column types pandas gives rows read from records (from_records)
        frame = pd.DataFrame(dict(zip(columns[table], arrays, strict=True))).infer_objects()
        repeated = frame.duplicated(subset=key)
        frames[table] = frame[~repeated].reset_index(drop=True) if repeated.any() else frame
    seen.update(int(event_id, 16) for event_id in frames["events"]["event_id"])
    return frames


def plain_insert(
    into: Store,
    args: argparse.Namespace,
    columns: dict[str, list[str]],
    transaction: int | None,
) -> float:
    """The synthetic documents' rows (made again, the same seed) inserted with plain
    ``INSERT INTO … SELECT * FROM frame``: in one transaction (``transaction`` None),
    or one per ``transaction`` documents as ``Store.add`` cuts them (an event's rows
    with the document that first reports it), each commit writing its log, and a
    checkpoint at the end. The rows are tabulated a chunk of documents at a time (a
    transaction's, else 50,000 documents'): only the statements, the commits and the
    checkpoint are timed. The seconds."""
    connection = _duckdb(into)
    chunk = transaction or 50_000
    documents = iter_documents(args.events, args.per_doc, args.seed)
    seen: set[int] = set()
    number = 0
    seconds = 0.0
    with into.engine.bulk():  # the store's log setting: checkpoint at the end
        start = time.perf_counter()
        connection.execute("BEGIN TRANSACTION")
        while True:
            seconds += time.perf_counter() - start
            with _collector_paused():
                made = list(itertools.islice(documents, chunk))
                frames = plain_frames(made, number, columns, seen) if made else {}
            number += len(made)
            del made
            start = time.perf_counter()
            for name, frame in frames.items():
                connection.register("f", frame)
                connection.execute(f"INSERT INTO {name} SELECT * FROM f")
                connection.unregister("f")
            if not frames:
                connection.execute("COMMIT")
                break
            if transaction:
                connection.execute("COMMIT")
                connection.execute("BEGIN TRANSACTION")
        start = time.perf_counter()  # the checkpoint, as the block ends
    return seconds + time.perf_counter() - start


@contextmanager
def _timing(owner: Any, name: str) -> Iterator[list[float]]:
    """The seconds spent in the method ``owner.name`` while the block runs (summed
    into the list's one number)."""
    spent = [0.0]
    method = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - start

    setattr(owner, name, timed)
    try:
        yield spent
    finally:
        setattr(owner, name, method)


def _best(runs: int, *queries: Callable[[], Any]) -> list[tuple[float, Any]]:
    """Each query's best time of ``runs`` (taken in turn) and its answer."""
    best: list[tuple[float, Any]] = [(float("inf"), None)] * len(queries)
    for _ in range(runs):
        for i, query in enumerate(queries):
            seconds, value = _timed(query)
            best[i] = (min(best[i][0], seconds), value)
    return best


def measure(args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tacitus-store-bench-") as tmp:
        folder = Path(tmp)
        store = _open(folder / "store.duckdb", args)
        # the documents made a batch at a time while the store takes them; the time
        # spent making them is taken off the ingest's
        clock = Clock()
        documents = chunked_documents(args, args.batch, clock)
        with _timing(Store, "_match_events") as matching:
            total_s, stats = _timed(lambda: store.add(documents, batch=args.batch))
        ingest_s = total_s - clock.seconds
        n_events, n_documents = clock.events, clock.documents

        # the same rows, already tabulated, into the same schema with plain INSERTs
        plain = _open(folder / "plain.duckdb", args)
        columns = table_columns(plain)
        plain_s = (
            float("nan") if args.no_single_transaction else plain_insert(plain, args, columns, None)
        )
        plain.close()
        print(
            f"ingest {ingest_s:.2f} s ({n_events} events), matching {matching[0]:.2f} s, "
            f"plain INSERT {plain_s:.2f} s",
            file=sys.stderr,
            flush=True,
        )
        # again in the store's transactions, each with its log written at the commit
        batched = _open(folder / "plain_batched.duckdb", args)
        plain_batched_s = plain_insert(batched, args, columns, args.batch)
        batched.close()

        # a flat table for the plain queries: one row per event and actor pair
        flat = _duckdb(store)
        flat.execute(
            "CREATE TEMP TABLE flat AS SELECT e.event_id, e.type, e.status, e.date, "
            "e.quad_class, e.score, s.country AS source_country, t.country AS target_country "
            "FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source' "
            "JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target'"
        )
        (store_dyad_s, dyads), (plain_dyad_s, plain_dyads) = _best(
            args.runs,
            lambda: store.dyad_counts(by="month"),
            lambda: flat.execute(
                "SELECT date_trunc('month', date)::DATE AS period, source_country, "
                "target_country, count(*) FILTER (WHERE quad_class = 'verbal cooperation'), "
                "count(*) FILTER (WHERE quad_class = 'material cooperation'), "
                "count(*) FILTER (WHERE quad_class = 'verbal conflict'), "
                "count(*) FILTER (WHERE quad_class = 'material conflict'), count(*), "
                "avg(score) FROM flat WHERE status = 'happened' AND date IS NOT NULL "
                "GROUP BY ALL ORDER BY 1, 2, 3"
            ).df(),
        )
        where = EventFilter(
            country="C07", types=("ASSAULT",), since=date(2020, 1, 1), until=date(2020, 12, 31)
        )
        # the same answer written by hand: the events, their actors' names and
        # countries, and their mention, document and source counts
        (store_search_s, found), (plain_search_s, plain_found) = _best(
            args.runs,
            lambda: store.events_frame(where),
            lambda: flat.execute(
                "WITH hit AS (SELECT DISTINCT event_id FROM flat WHERE type = 'ASSAULT' "
                "AND status = 'happened' AND date BETWEEN '2020-01-01' AND '2020-12-31' "
                "AND (source_country = 'C07' OR target_country = 'C07')), "
                "names AS (SELECT a.event_id, "
                "string_agg(name, '; ' ORDER BY position) FILTER (WHERE role = 'source') "
                "AS source, "
                "string_agg(coalesce(country, '?'), '; ' ORDER BY position) "
                "FILTER (WHERE role = 'source') AS source_country, "
                "string_agg(name, '; ' ORDER BY position) FILTER (WHERE role = 'target') "
                "AS target, "
                "string_agg(coalesce(country, '?'), '; ' ORDER BY position) "
                "FILTER (WHERE role = 'target') AS target_country "
                "FROM event_actors a JOIN hit USING (event_id) GROUP BY a.event_id), "
                "counts AS (SELECT m.event_id, count(*) AS mention_count, "
                "count(DISTINCT m.doc_key) AS document_count, "
                "count(DISTINCT coalesce(d.publisher, d.doc_key)) AS source_count "
                "FROM mentions m JOIN hit USING (event_id) JOIN documents d USING (doc_key) "
                "GROUP BY m.event_id) "
                "SELECT e.event_id, e.date, e.type, e.mode, e.status, e.quad_class, e.score, "
                "n.source, n.source_country, n.target, n.target_country, c.mention_count, "
                "c.document_count, c.source_count, e.confidence FROM events e "
                "JOIN hit USING (event_id) JOIN names n USING (event_id) "
                "JOIN counts c USING (event_id) ORDER BY e.date DESC, e.event_id"
            ).df(),
        )
        counts = store.counts()
        store.close()
    return {
        "events": n_events,
        "documents": n_documents,
        "batch": args.batch,
        "stored_events": counts["events"],
        "events_matched_across_documents": stats.events_seen,
        "ingest_seconds": round(ingest_s, 2),
        "ingest_events_per_s": round(n_events / ingest_s),
        "matching_seconds": round(matching[0], 2),
        "plain_insert_seconds": round(plain_s, 2),
        "plain_insert_events_per_s": None if plain_s != plain_s else round(n_events / plain_s),
        "plain_batched_seconds": round(plain_batched_s, 2),
        "plain_batched_events_per_s": round(n_events / plain_batched_s),
        "ingest_ratio": None if plain_s != plain_s else round(ingest_s / plain_s, 2),
        "ingest_ratio_batched": round(ingest_s / plain_batched_s, 2),
        "query_runs": args.runs,
        "dyad_month_seconds": round(store_dyad_s, 3),
        "plain_dyad_month_seconds": round(plain_dyad_s, 3),
        "dyad_ratio": round(store_dyad_s / plain_dyad_s, 2),
        "dyad_rows": [len(dyads), len(plain_dyads)],
        "search_seconds": round(store_search_s, 3),
        "plain_search_seconds": round(plain_search_s, 3),
        "search_ratio": round(store_search_s / plain_search_s, 2),
        "search_rows": [len(found), len(plain_found)],
        # the whole run's (the documents are made and tabulated a chunk at a time)
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: Sequence[str] | None = None) -> None:
    args = _parse(argv)
    result = measure(args)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['events']} events in {result['documents']} documents, "
        f"{result['batch']} documents a transaction"
    )
    print(
        f"ingest: {result['ingest_seconds']} s = {result['ingest_events_per_s']} events/s "
        f"(target ≥ 100000); plain INSERT of the same rows {result['plain_insert_seconds']} s "
        f"= {result['plain_insert_events_per_s']} events/s, in transactions of "
        f"{result['batch']} documents {result['plain_batched_seconds']} s "
        f"= {result['plain_batched_events_per_s']} events/s; "
        f"ratio {result['ingest_ratio']}, batched ratio {result['ingest_ratio_batched']}; "
        f"{result['stored_events']} events stored, "
        f"{result['events_matched_across_documents']} matched across documents; "
        f"matching {result['matching_seconds']} s of the ingest"
    )
    print(
        f"dyad × month: store {result['dyad_month_seconds']} s, plain SQL "
        f"{result['plain_dyad_month_seconds']} s, ratio {result['dyad_ratio']} (target ≤ 1.5); "
        f"rows {result['dyad_rows']}"
    )
    print(
        f"filtered search: store {result['search_seconds']} s, plain SQL "
        f"{result['plain_search_seconds']} s, ratio {result['search_ratio']} (target ≤ 1.5); "
        f"rows {result['search_rows']}"
    )
    print(f"peak RSS: {result['peak_rss_mb']} MB")


if __name__ == "__main__":
    main()
