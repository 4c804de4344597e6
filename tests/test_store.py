"""The store: tacitus ingest, idempotent and crash-safe; tacitus events, dyad, actors.

Every test that takes ``databases`` runs twice: on DuckDB and on a real PostgreSQL
server (``tests/pgserver.py`` starts one when none is named)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.errors import ConfigError
from tacitus.store import EventFilter, Store
from tacitus.store.engines import connect
from tacitus.store.schema import SCHEMA_VERSION

from . import pgserver
from .conftest import Databases

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
runner = CliRunner()


def ingest(db: str, *paths: Path | str, env: dict[str, str] | None = None) -> Any:
    result = runner.invoke(app, ["ingest", *map(str, paths), "--db", str(db)], env=env)
    assert result.exit_code == 0, result.output
    return result


def snapshot(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, timestamps left out, sorted."""
    with Store.open(db, read_only=True) as store:
        tables = [
            "documents",
            "events",
            "event_actors",
            "mentions",
            "event_topics",
            "event_contexts",
            "quotes",
            "event_pairs",
            "people_seen",
        ]
        found = {}
        for table in tables:
            columns = [
                c
                for (c,) in store.query(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = ? AND table_schema = current_schema() "
                    "ORDER BY ordinal_position",
                    [table],
                )
                if c not in {"ingested_at", "recorded_at"}
            ]
            if not columns:  # killed before the schema was written
                found[table] = []
                continue
            quoted = ", ".join('"' + c + '"' for c in columns)
            rows = store.query(f"SELECT {quoted} FROM {table}")
            found[table] = sorted(rows, key=repr)
        return found


def repeated_keys(db: str) -> dict[str, list[tuple[Any, ...]]]:
    """The keys (``schema.ROW_KEYS``: the primary keys of schema version 4) that more
    than one row of a table has, by table: none, always. On DuckDB since version 5 only
    the store's own checks keep the tables of events free of them."""
    from tacitus.store.schema import ROW_KEYS

    with Store.open(db, read_only=True) as store:
        found = {}
        for table, key in ROW_KEYS.items():
            columns = ", ".join(f'"{c}"' for c in key)
            found[table] = store.query(
                f"SELECT {columns}, count(*) FROM {table} GROUP BY {columns} HAVING count(*) > 1"
            )
        return {table: rows for table, rows in found.items() if rows}


@pytest.fixture(scope="module")
def stored(databases: Databases) -> str:
    db = databases.new("examples")
    ingest(db, EXAMPLES)
    return db


def test_a_fresh_store_has_the_schema_and_records_its_migrations(databases: Databases) -> None:
    with Store.open(databases.new()) as store:
        assert store.applied() == [
            (1, "initial"),
            (2, "event_matching"),
            (3, "event_pairs"),
            (4, "actor_memory"),
            (5, "unkeyed_event_tables"),
        ]
        assert store.migrate() == []  # nothing left to apply
    assert SCHEMA_VERSION == 5


def _schema_at(old: Any, version: int) -> None:
    """Tables as tacitus made them at schema ``version``, on an engine connection."""
    from tacitus.store.schema import MIGRATIONS

    old.execute(
        "CREATE TABLE tacitus_migrations (version INTEGER PRIMARY KEY, "
        "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    for migration in MIGRATIONS[:version]:
        for statement in migration.statements:
            old.execute(old.ddl(statement))
        old.execute(
            "INSERT INTO tacitus_migrations VALUES (?, ?, now())",
            [migration.version, migration.name],
        )


def test_a_version_1_store_is_upgraded_with_its_data(databases: Databases) -> None:

    path = databases.new("old")
    old = connect(path)  # what tacitus wrote before migration 2
    try:
        _schema_at(old, 1)
        old.execute(
            "INSERT INTO events (event_id, type, status, confidence, first_doc_key) "
            "VALUES ('e1', 'CONSULT', 'happened', 0.5, 'd'), ('e2', 'ASSAULT', 'happened', 0.5, 'd')"
        )
        old.execute(
            "INSERT INTO event_actors VALUES ('e1', 'source', 0, 'b', 'B', NULL, NULL, NULL, 'person'),"
            "('e1', 'target', 0, 'a', 'A', NULL, NULL, NULL, 'person'),"
            "('e2', 'source', 0, 'b', 'B', NULL, NULL, NULL, 'person'),"
            "('e2', 'target', 0, 'a', 'A', NULL, NULL, NULL, 'person')"
        )
    finally:
        old.close()
    with Store.open(path) as store:
        assert [v for v, _ in store.applied()] == [1, 2, 3, 4, 5]
        rows = store.query(
            "SELECT event_id, participants, date_inferred FROM events ORDER BY event_id"
        )
        pairs = store.query(
            "SELECT event_id, source_key, target_key, type FROM event_pairs ORDER BY event_id"
        )
    assert rows == [("e1", "=a,b", False), ("e2", "b>a", False)]
    assert pairs == [("e1", "b", "a", "CONSULT"), ("e2", "b", "a", "ASSAULT")]


def test_one_event_reported_by_several_documents_is_one_event(
    databases: Databases, tmp_path: Path
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    stories = {
        # dated by the text: Tuesday before a Thursday paper
        "a": (
            "2024-03-14",
            "Olaf Scholz spoke by phone with Emmanuel Macron on Tuesday about Ukraine.",
        ),
        # no date in the text: only the publication date, a day later than the call
        "b": (
            "2024-03-13",
            "Emmanuel Macron and Olaf Scholz held a phone call about Ukraine, officials said.",
        ),
        # the next day, dated by the text: one day apart
        "c": (
            "2024-03-14",
            "Olaf Scholz spoke by phone with Emmanuel Macron on Wednesday about Ukraine.",
        ),
        # two months later: another call
        "d": (
            "2024-05-21",
            "Olaf Scholz spoke by phone with Emmanuel Macron on Monday about Ukraine.",
        ),
    }
    for name, (day, text) in stories.items():
        (docs / f"{name}.txt").write_text(text)
        (docs / f"{name}.meta.json").write_text(json.dumps({"published": day, "publisher": name}))

    def calls(window: str) -> list[tuple[str, int]]:
        db = databases.new(f"w{window}")
        ingest(db, docs, env={"TACITUS_MERGE_WINDOW_DAYS": window})
        with Store.open(db, read_only=True) as store:
            found = store.events(EventFilter(types=("CONSULT",)))
        return sorted((e["date"], e["document_count"]) for e in found)

    assert calls("1") == [("2024-03-12", 3), ("2024-05-20", 1)]
    # same day only: the Wednesday call is another; the undated report still joins (±2)
    assert calls("0") == [("2024-03-12", 2), ("2024-03-13", 1), ("2024-05-20", 1)]


def test_the_actor_memory_carries_over_from_one_ingest_to_the_next(
    databases: Databases, tmp_path: Path
) -> None:
    from .test_actor_memory import write

    db = databases.new("memory")
    ingest(db, write(tmp_path / "first", ["first"]))
    result = ingest(db, write(tmp_path / "later", ["later"]))
    with Store.open(db, read_only=True) as store:
        (accuse,) = store.events(EventFilter(types=("ACCUSE",)))
        people = store.query("SELECT name, surname, country, documents FROM people_seen")
    assert [(a["name"], a["country"]) for a in accuse["source"]] == [("Halima Osoro", "KEN")]
    assert ("Halima Osoro", "Osoro", "KEN", 1) in people
    assert "surnames resolved from people named with a title in earlier documents: 1" in (
        result.stderr
    )


def test_a_store_from_a_newer_tacitus_is_refused(databases: Databases) -> None:
    path = databases.new()
    with Store.open(path) as store:
        store.query("INSERT INTO tacitus_migrations VALUES (99, 'future', now()) RETURNING version")
    with pytest.raises(ConfigError, match="schema version 99"):
        Store.open(path)


def test_ingest_stores_documents_events_and_evidence(stored: str) -> None:
    with Store.open(stored, read_only=True) as store:
        counts = store.counts()
        phone = store.events(EventFilter(types=("CONSULT",), mode="phone"))
    assert counts["documents"] == 12
    assert counts["events"] >= 15 and counts["mentions"] > counts["events"]
    # one phone call reported by four outlets (text, JSONL, RSS): one event, four documents
    (call,) = [
        e
        for e in phone
        if {a["name"] for a in e["source"] + e["target"]} == {"Hakan Fidan", "Badr Abdelatty"}
    ]
    assert call["document_count"] == 4 and call["source_count"] == 4
    assert call["mention_count"] >= 4
    for evidence in call["evidence"]:
        assert evidence["sentence"] and evidence["end"] > evidence["start"]


def test_ingest_summary_counts_repeated_events_and_dyads(databases: Databases) -> None:
    result = ingest(databases.new(), EXAMPLES)
    assert re.search(
        r"of \d+ events that happened, [1-9]\d* are reported by more than one", result.stderr
    )
    assert "busiest dyads: EGY–TUR 4 events" in result.stderr


def test_ingesting_again_adds_nothing(stored: str, databases: Databases) -> None:
    copy = databases.new("again")
    ingest(copy, EXAMPLES)
    before = snapshot(copy)
    result = ingest(copy, EXAMPLES)
    assert snapshot(copy) == before
    assert "stored 0 documents (12 already stored)" in result.stderr
    assert before == snapshot(stored)  # and two clean runs store the same
    assert repeated_keys(copy) == {}


def write_corpus(folder: Path, n: int) -> Path:
    sys.path.insert(0, str(REPO))
    from benchmarks.corpus import make_stories

    folder.mkdir()
    for story in make_stories(n):
        (folder / f"{story.doc_id}.txt").write_text(story.text)
        assert story.published is not None
        (folder / f"{story.doc_id}.meta.json").write_text(
            json.dumps({"published": story.published.isoformat()})
        )
    return folder


@pytest.mark.slow  # three ingests of 40 stories in subprocesses: about 40 s
@pytest.mark.parametrize("moment", ["early", "late"])
def test_an_ingest_killed_at_any_moment_then_run_again_equals_one_clean_run(
    databases: Databases, tmp_path: Path, moment: str
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 40)
    env = {**os.environ, "TACITUS_STORE_BATCH": "4"}
    clean, killed = databases.new("clean"), databases.new("killed")
    command = [sys.executable, "-m", "tacitus", "ingest", str(corpus), "-q", "--db"]
    subprocess.run([*command, clean], env=env, check=True, timeout=300)

    schema = _log_of_the_schema(tmp_path) if databases.engine == "duckdb" else 0
    process = subprocess.Popen([*command, killed], env=env)
    # kill -9 once the first batches are in, mid-way through the run
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _batches_written(databases, killed, late=moment == "late", schema=schema):
            break
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    partial = snapshot(killed)["documents"]
    subprocess.run([*command, str(killed)], env=env, check=True, timeout=300)

    assert 0 < len(partial) < 40  # the kill did land mid-way, after some batches
    assert snapshot(killed) == snapshot(clean)
    assert repeated_keys(killed) == {} and repeated_keys(clean) == {}


def _log_of_the_schema(folder: Path) -> int:
    """The size of a new DuckDB store's log (.wal) once the migrations have written the
    schema, before any batch."""
    path = str(folder / "schema.duckdb")
    store = Store.open(path)
    try:
        wal = Path(path + ".wal")
        return wal.stat().st_size if wal.exists() else 0
    finally:
        store.close()


def _batches_written(databases: Databases, db: str, *, late: bool, schema: int) -> bool:
    """Whether the first batches (or, ``late``, half the documents) of an ingest running
    in another process are committed; ``schema``: the size of a DuckDB log that holds
    the schema only."""
    if databases.engine == "duckdb":
        # DuckDB holds the file locked; its log (.wal) grows by about 15 kB a batch of
        # four documents (measured) after the schema: 35 kB more holds two whole batches
        # (a kill as the log passes a smaller mark could land in the first batch's
        # commit), 80 kB about half of the 40 documents
        wal = Path(db + ".wal")
        return wal.exists() and wal.stat().st_size > schema + (80_000 if late else 35_000)
    try:
        with Store.open(db, read_only=True) as store:
            return store.counts()["documents"] >= (20 if late else 4)
    except Exception:  # the schema is not there yet
        return False


def test_both_engines_store_the_same(postgres: pgserver.Server, tmp_path: Path) -> None:
    """One corpus ingested into DuckDB and into PostgreSQL: the same rows."""
    duck = str(tmp_path / "same.duckdb")
    server = pgserver.create_database(postgres, f"t_same_{uuid.uuid4().hex[:10]}")
    ingest(duck, EXAMPLES)
    ingest(server, EXAMPLES)
    assert snapshot(server) == snapshot(duck)

    def frames(db: str) -> list[Any]:
        with Store.open(db, read_only=True) as store:
            return [
                store.events_frame(EventFilter(status=None)),
                store.dyad("TUR", "EGY", by="week"),
                store.dyad_counts(by="month"),
                store.actors(limit=None),
            ]

    for left, right in zip(frames(duck), frames(server), strict=True):
        assert list(left.columns) == list(right.columns)
        assert left.astype(str).values.tolist() == right.astype(str).values.tolist()


def test_events_filters(stored: str) -> None:
    with Store.open(stored, read_only=True) as store:
        everything = store.events(EventFilter(status=None))
        happened = store.events()
        egypt = store.events(EventFilter(country="egy"))
        fidan = store.events(EventFilter(actor="Fidan"))
        september = store.events(EventFilter(since=date(2024, 9, 1), until=date(2024, 9, 30)))
        call_words = store.events(EventFilter(text="phone"))
        agree = store.events(EventFilter(types=("agree",)))
    assert len(everything) >= len(happened) > 0
    assert egypt and all("EGY" in {a["country"] for a in e["source"] + e["target"]} for e in egypt)
    assert fidan and all(
        any("Fidan" in a["name"] for a in e["source"] + e["target"]) for e in fidan
    )
    assert september and all("2024-09-01" <= e["date"] <= "2024-09-30" for e in september)
    assert call_words and all(
        any("phone" in m["sentence"].lower() for m in e["evidence"]) for e in call_words
    )
    assert agree and {e["type"] for e in agree} == {"AGREE"}
    assert [e["date"] for e in happened] == sorted((e["date"] for e in happened), reverse=True)


def test_cli_events_table_and_jsonl(stored: str) -> None:
    table = runner.invoke(app, ["events", "--db", str(stored), "--type", "CONSULT"])
    lines = runner.invoke(app, ["events", "--db", str(stored), "--format", "jsonl", "--limit", "3"])
    missing = runner.invoke(app, ["events", "--db", str(Path(stored).parent / "nowhere.duckdb")])

    assert table.exit_code == 0 and "CONSULT / phone" in table.stdout
    records = [json.loads(line) for line in lines.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        assert {"event_id", "type", "source", "target", "date", "evidence"} <= set(record)
        assert {"mention_count", "source_count", "document_count"} <= set(record)
    assert missing.exit_code != 0


def test_event_pairs_agree_with_the_actors_table(stored: str) -> None:
    with Store.open(stored, read_only=True) as store:
        joined = store.query(
            "SELECT DISTINCT e.event_id, s.actor_key, t.actor_key, e.date FROM events e "
            "JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source' "
            "JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target' "
            "ORDER BY 1, 2, 3, 4"
        )
        pairs = store.query(
            "SELECT event_id, source_key, target_key, date FROM event_pairs ORDER BY 1, 2, 3, 4"
        )
        counts = store.dyad_counts(by="month")
        ((countable,),) = store.query(
            "SELECT count(*) FROM events e "
            "JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source' "
            "JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target' "
            "WHERE e.status = 'happened' AND e.date IS NOT NULL "
            "AND s.country IS NOT NULL AND t.country IS NOT NULL"
        )
    assert pairs == joined and pairs
    assert int(counts.events.sum()) == countable  # every pair of a dated event, once


def test_frames_dyads_and_actors(stored: str) -> None:
    with Store.open(stored, read_only=True) as store:
        frame = store.events_frame(EventFilter(country="TUR"))
        dyad = store.dyad("TUR", "EGY", by="month")
        by_name = store.dyad("Fidan", "Abdelatty", by="year")
        actors = store.actors(limit=5)
        polars = store.events_frame(EventFilter(country="TUR"), library="polars")
        with pytest.raises(ValueError, match="library must be"):
            store.actors(library="arrow")
        with pytest.raises(ValueError, match="by must be one of"):
            store.dyad("TUR", "EGY", by="fortnight")
    assert list(frame.columns)[:4] == ["event_id", "date", "type", "mode"]
    assert polars.columns == list(frame.columns) and polars.height == len(frame)
    assert polars["event_id"].to_list() == frame.event_id.tolist()
    assert len(frame) > 0 and all(
        "TUR" in f"{s};{t}" for s, t in zip(frame.source_country, frame.target_country, strict=True)
    )
    # both directions, each with its quad-class counts, the total and the mean score
    assert set(dyad.direction) == {"TUR→EGY", "EGY→TUR"}
    quads = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict"]
    assert (dyad[quads].sum(axis=1) == dyad.events).all()
    assert dyad.events.sum() == by_name.events.sum()  # the same dyad by names
    assert list(actors.columns) == [
        "name",
        "country",
        "sector",
        "actor_id",
        "as_source",
        "as_target",
        "events",
        "mentions",
    ]
    assert actors.events.is_monotonic_decreasing
    assert actors.iloc[0]["name"] == "Badr Abdelatty"  # in the call, the visits and the meeting


def test_cli_dyad_and_actors(stored: str) -> None:
    dyad = runner.invoke(
        app, ["dyad", "TUR", "EGY", "--db", str(stored), "--by", "month", "-f", "jsonl"]
    )
    actors = runner.invoke(app, ["actors", "--db", str(stored), "--limit", "3"])
    bad = runner.invoke(app, ["dyad", "TUR", "EGY", "--db", str(stored), "--by", "fortnight"])
    assert dyad.exit_code == 0, dyad.output
    rows = [json.loads(line) for line in dyad.stdout.splitlines()]
    assert {r["direction"] for r in rows} == {"TUR→EGY", "EGY→TUR"}
    assert all(r["period"] == "2024-09-01" for r in rows)
    assert actors.exit_code == 0 and "Badr Abdelatty" in actors.stdout
    assert bad.exit_code == 2


# -- Store.add with coded documents made by hand (no model), on both engines ----------


def _actor(name: str, country: str | None = "EGY", actor_id: str | None = None) -> Any:
    from tacitus.records import Actor

    return Actor(name=name, text=name, country=country, sector="GOV", actor_id=actor_id)


def _event(
    kind: str,
    sources: list[Any],
    targets: list[Any],
    day: date | None,
    *,
    doc_id: str = "d",
    start: int = 0,
    mode: str | None = None,
    inferred: bool = False,
    topics: tuple[str, ...] = (),
    contexts: tuple[str, ...] = (),
) -> Any:
    from tacitus.records import Event, Mention

    return Event(
        type=kind,
        mode=mode,
        source=sources,
        target=targets,
        mentions=[Mention(doc_id, f"Sentence at {start}.", start, start + 16, "t")],
        quad_class="verbal conflict",
        score=-2.0,
        date=day,
        date_precision="day" if day else None,
        date_from_publication=inferred,
        topics=list(topics),
        context=list(contexts),
    )


def _coded(doc_id: str, events: list[Any], published: date | None = date(2024, 5, 2)) -> Any:
    from tacitus.records import CodedDocument, Document

    document = Document(doc_id=doc_id, text=f"Text of {doc_id}.", published=published)
    return CodedDocument(document, [], events, [], [])


def test_the_stored_ids_and_participants_are_those_of_the_records() -> None:
    """The store hashes an event's id itself (one call, keys computed once): the same
    ids as ``Event.event_id``, whatever the actors, mode, date and type."""
    from tacitus.store import _ID, _PARTICIPANTS, _Rows, participants

    sisi, fidan = _actor("Abdel Fattah el-Sisi", actor_id="Q1"), _actor("Hakan Fidan", "TUR")
    no_id = _actor("Ümit Özdağ", "TUR")  # no id: the key is country|sector|lower name
    nobody = _actor("protesters", None)
    events = [
        _event("ACCUSE", [sisi], [fidan], date(2024, 5, 1)),
        _event("ACCUSE", [fidan, no_id, sisi], [nobody, sisi], None, mode="verbal"),
        _event("CONSULT", [fidan], [sisi, no_id], date(2024, 5, 1), mode="phone"),
        _event("AGREE", [], [no_id], date(2023, 12, 31)),
        _event("PROTEST", [nobody], [], date(2024, 2, 29), inferred=True),
        _event("ASSAULT", [], [], None),
    ]
    rows = _Rows()
    rows.add("key", _coded("d", events))
    assert [r[_ID] for r in rows.events] == [e.event_id for e in events]
    assert [r[_PARTICIPANTS] for r in rows.events] == [participants(e) for e in events]


def test_rows_the_batch_repeats_are_stored_once(databases: Databases) -> None:
    """The same event twice in one document, and again in another document of the same
    batch: one event; the mentions that share a key (the same document and offset) are
    one; a stored event read again with a topic it has keeps one topic row."""
    db = databases.new("repeats")
    sisi, fidan = _actor("Sisi", actor_id="Q1"), _actor("Fidan", "TUR", actor_id="Q2")
    day = date(2024, 5, 1)
    first = _coded(
        "a",
        [
            _event("ACCUSE", [sisi], [fidan], day, doc_id="a", topics=("gaza",)),
            _event("ACCUSE", [sisi], [fidan], day, doc_id="a", topics=("gaza",)),
            _event("ACCUSE", [sisi], [fidan], day, doc_id="a", start=40),
        ],
    )
    second = _coded("b", [_event("ACCUSE", [sisi], [fidan], day, doc_id="b", topics=("gaza",))])
    with Store.open(db) as store:
        stats = store.add([first, second], batch=10)
        again = store.add(
            [_coded("c", [_event("ACCUSE", [sisi], [fidan], day, doc_id="c", topics=("gaza",))])]
        )
        rows = {
            table: store.query(f"SELECT count(*) FROM {table}")[0][0]
            for table in ("events", "event_actors", "event_pairs", "mentions", "event_topics")
        }
    assert rows == {
        "events": 1,
        "event_actors": 2,
        "event_pairs": 1,
        "mentions": 4,  # a@0 (twice in the document: once), a@40, b@0, c@0
        "event_topics": 1,
    }
    assert (stats.documents, stats.events_new, again.events_seen) == (2, 1, 1)


def test_events_of_a_batch_match_each_other_and_the_stored_ones(databases: Databases) -> None:
    """Matching across documents, in a batch and against the store: within the window
    (two days more for a date taken from the publication), modes compatible, either
    direction for symmetric types; the text's date replaces a publication date."""
    db = databases.new("matching")
    a, b = _actor("Sisi", actor_id="Q1"), _actor("Fidan", "TUR", actor_id="Q2")
    with Store.open(db) as store:
        store.add(
            [
                _coded("p", [_event("CONSULT", [a], [b], date(2024, 5, 2), inferred=True)]),
                _coded("q", [_event("ACCUSE", [a], [b], date(2024, 5, 1), mode="verbal")]),
            ]
        )
        stats = store.add(
            [
                # dated by the text two days before the publication date stored: the same
                _coded("r", [_event("CONSULT", [b], [a], date(2024, 4, 30))]),
                # the same call again, in the same batch
                _coded("s", [_event("CONSULT", [a], [b], date(2024, 5, 1), mode="phone")]),
                # three days after the accusation: another one; then one a day later
                _coded("t", [_event("ACCUSE", [a], [b], date(2024, 5, 4))]),
                _coded("u", [_event("ACCUSE", [a], [b], date(2024, 5, 5))]),
                # another mode: another event
                _coded("v", [_event("ACCUSE", [a], [b], date(2024, 5, 1), mode="written")]),
            ],
            batch=3,
        )
        events = store.query(
            "SELECT type, mode, date, date_inferred, "
            "(SELECT count(*) FROM mentions m WHERE m.event_id = e.event_id) "
            "FROM events e ORDER BY type, date, mode"
        )
        pairs = store.query("SELECT date FROM event_pairs WHERE type = 'CONSULT'")
    assert events == [
        ("ACCUSE", "verbal", date(2024, 5, 1), False, 1),
        ("ACCUSE", "written", date(2024, 5, 1), False, 1),
        ("ACCUSE", None, date(2024, 5, 4), False, 2),
        ("CONSULT", None, date(2024, 4, 30), False, 3),
    ]
    assert pairs == [(date(2024, 4, 30),)]
    assert (stats.events_new, stats.events_seen) == (2, 3)


def test_adding_leaves_the_collector_and_duckdb_as_they_were(tmp_path: Path) -> None:
    import gc

    with Store.open(tmp_path / "s.duckdb") as store:
        before = store.query("SELECT current_setting('checkpoint_threshold')")
        store.add([_coded("a", [_event("ACCUSE", [_actor("A")], [_actor("B")], None)])])
        assert gc.isenabled()
        with pytest.raises(RuntimeError):

            def failing() -> Any:
                yield _coded("b", [])
                raise RuntimeError("the pipeline failed")

            store.add(failing(), batch=1)
        assert gc.isenabled()
        assert store.query("SELECT current_setting('checkpoint_threshold')") == before
        assert store.counts()["documents"] == 2  # the batch before the failure is kept


def test_no_table_holds_a_row_twice(databases: Databases) -> None:
    """On DuckDB the tables of events have no primary key (schema version 5): the store
    alone keeps their rows unique. One batch holds the same document twice and the same
    events reported by several documents (dated, undated, and a report a day later that
    matches); the batch is added again, to the same store and to the store opened
    anew; then later reports add a topic and a context to the stored events, repeat
    one in a document, and report a new event twice in one batch."""
    db = databases.new("unique")
    sisi, fidan = _actor("Sisi", actor_id="Q1"), _actor("Fidan", "TUR", actor_id="Q2")
    day = date(2024, 5, 1)

    def report(
        doc_id: str,
        *,
        on: date = day,
        topics: tuple[str, ...] = ("gaza",),
        contexts: tuple[str, ...] = ("diplomacy",),
        again: bool = False,
    ) -> Any:
        accusations = [
            _event("ACCUSE", [sisi], [fidan], on, doc_id=doc_id, topics=topics, contexts=contexts)
        ] * (2 if again else 1)
        call = _event("CONSULT", [fidan], [sisi], None, doc_id=doc_id, start=40, topics=topics)
        return _coded(doc_id, [*accusations, call])

    batch = [report("a"), report("a"), report("b"), report("c", on=date(2024, 5, 2))]
    with Store.open(db) as store:
        first = store.add(batch, batch=10)
        again = store.add(batch, batch=10)
    with Store.open(db) as store:
        anew = store.add(batch, batch=2)
        counts = {t: store.query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    assert (first.documents, first.already_stored, first.events_new) == (3, 1, 2)
    assert (again.documents, anew.documents) == (0, 0)
    assert repeated_keys(db) == {}
    assert counts == {
        "documents": 3,
        "events": 2,  # the accusation (b's the same, c's a day later: matched) and the call
        "event_actors": 4,
        "event_pairs": 2,
        "mentions": 6,
        "event_topics": 2,
        "event_contexts": 1,
    }

    protest = [
        _event("PROTEST", [fidan], [sisi], day, doc_id=d, topics=("gaza",), contexts=("diplomacy",))
        for d in "fg"
    ]
    with Store.open(db) as store:
        later = store.add(
            [
                report("d", topics=("gaza", "talks"), contexts=("diplomacy", "security")),
                report("e", again=True),  # the accusation twice in one document
                _coded("f", [protest[0]]),
                _coded("g", [protest[1]]),
                # the accusation a day later (matched with the stored one), a new topic
                report("h", on=date(2024, 5, 2), topics=("gaza", "ceasefire")),
            ]
        )
        counts = {t: store.query(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    assert (later.documents, later.events_new) == (5, 1)
    assert repeated_keys(db) == {}
    assert counts == {
        "documents": 8,
        "events": 3,
        "event_actors": 6,
        "event_pairs": 3,
        "mentions": 6 + 2 + 2 + 2 + 2,  # d, e, h: one each of the two events; f, g: the protest
        # the accusation and the call each gain "talks" (d) and "ceasefire" (h: the
        # accusation through the report matched with it); the protest has "gaza"
        "event_topics": 2 + 2 + 2 + 1,
        "event_contexts": 3,  # the accusation gains "security"; the protest has "diplomacy"
    }


TABLES = (
    "documents",
    "events",
    "event_actors",
    "event_pairs",
    "mentions",
    "event_topics",
    "event_contexts",
)


def test_a_version_4_store_is_upgraded_with_every_row_once(
    stored: str, databases: Databases
) -> None:
    """A store at schema version 4 (tables of events with primary keys), holding every
    row of the sample corpus, migrates to version 5 with the same rows, each once. On
    DuckDB the tables of events lose their keys and the matching index, and
    ``documents`` keeps its key; PostgreSQL keeps them all. The upgraded store goes on
    as a new one: the corpus ingested again adds nothing."""
    from tacitus.store.schema import ROW_KEYS

    def every_row(db: str) -> dict[str, list[tuple[Any, ...]]]:
        with Store.open(db, read_only=True) as store:
            return {
                table: sorted(store.query(f"SELECT * FROM {table}"), key=repr) for table in ROW_KEYS
            }

    rows = every_row(stored)
    path = databases.new("v4")
    old = connect(path)  # what tacitus wrote before migration 5
    try:
        _schema_at(old, 4)
        for table, values in rows.items():
            if values:
                marks = ", ".join("?" for _ in values[0])
                old.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    finally:
        old.close()
    assert all(rows[t] for t in ("documents", "events", "event_topics", "event_contexts"))

    with Store.open(path) as store:
        assert [v for v, _ in store.applied()] == [1, 2, 3, 4, 5]
        keyed = {
            str(t)
            for (t,) in store.query(
                "SELECT table_name FROM information_schema.table_constraints "
                "WHERE constraint_type = 'PRIMARY KEY' AND table_schema = current_schema()"
            )
        }
        indexes = (
            {str(n) for (n,) in store.query("SELECT index_name FROM duckdb_indexes()")}
            if databases.engine == "duckdb"
            else {str(n) for (n,) in store.query("SELECT indexname FROM pg_indexes")}
        )
    assert every_row(path) == rows
    assert repeated_keys(path) == {}
    unkeyed = {"events", "event_actors", "mentions", "event_topics", "event_contexts"}
    unkeyed.add("event_pairs")
    if databases.engine == "duckdb":
        assert keyed & set(ROW_KEYS) == {"documents", "quotes", "set_aside", "people_seen"}
        assert "events_matching" not in indexes
    else:
        assert set(ROW_KEYS) <= keyed and "events_matching" in indexes
    result = ingest(path, EXAMPLES)
    assert "stored 0 documents (12 already stored)" in result.stderr
    assert every_row(path) == rows


def test_a_stored_document_is_never_written_again(
    databases: Databases, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``documents`` keeps its primary key on both engines, and every other row of a
    batch hangs on a new document or a new event: should the store's look-up miss a
    stored document, nothing is written twice (DuckDB refuses the batch, whose
    transaction is rolled back, with the key's own error; PostgreSQL leaves out the
    rows it holds)."""
    import duckdb

    db = databases.new("guard")
    document = _coded("a", [_event("ACCUSE", [_actor("A")], [_actor("B")], date(2024, 5, 1))])
    with Store.open(db) as store:
        store.add([document])
    before = snapshot(db)
    with Store.open(db) as store:
        monkeypatch.setattr(Store, "_stored_documents", lambda self, keys: set())
        if databases.engine == "duckdb":
            with pytest.raises(duckdb.ConstraintException, match=r"(?i)duplicate key"):
                store.add([document])
        else:
            store.add([document])
        store.add([_coded("b", [])])  # and the store goes on
    after = snapshot(db)
    assert [r[1] for r in after.pop("documents")] == ["a", "b"]
    before.pop("documents")
    assert after == before
    assert repeated_keys(db) == {}


def _near_duplicates(seed: int, documents: int, actors: int = 0) -> list[Any]:
    """Documents reporting events drawn from few actors, types, modes and days (some
    undated, some dated by the publication, some before 1970, some 2,870 years apart,
    whose periods agree modulo 2**16), so that many match each other, in a batch and
    across batches, and many nearly do; the actors ``Q<actors>`` to ``Q<actors + 3>``."""
    import random

    rng = random.Random(seed)
    pool = [_actor(f"A{i}", actor_id=f"Q{i}") for i in range(actors, actors + 4)]
    days = [
        None,
        date(1969, 12, 30),
        date(1970, 1, 2),
        date(2024, 5, 1),
        date(2024, 5, 3),
        date(4895, 2, 23),  # 65,536 periods of 16 days after 2024-03-30
        date(2024, 3, 30),
        date(2024, 3, 31),
    ]
    coded = []
    for d in range(documents):
        events = []
        for i in range(rng.randrange(0, 4)):
            sources, targets = rng.sample(pool, 2)
            day = rng.choice(days)
            if day is not None:
                day = date.fromordinal(day.toordinal() + rng.randrange(-2, 3))
            events.append(
                _event(
                    rng.choice(("ACCUSE", "CONSULT", "AGREE")),
                    [sources],
                    [targets] if rng.random() < 0.9 else [],
                    day,
                    doc_id=f"n{seed}-{d}",
                    start=40 * i,
                    mode=rng.choice((None, None, "verbal", "phone")),
                    inferred=day is not None and rng.random() < 0.3,
                    topics=tuple(rng.sample(("gaza", "talks", "trade"), rng.randrange(0, 2))),
                )
            )
        coded.append(_coded(f"n{seed}-{d}", events))
    return coded


@pytest.mark.parametrize("window", [0, 1, 3])
def test_the_numbers_in_memory_leave_matching_as_the_table_alone_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    """On DuckDB a batch's events are matched with the stored ones by the stored
    events' numbers in memory (``stored_keys``), without reading the table: every table
    and every count of every ``add`` is what matching by the table makes. Batches of
    several sizes, later ingests in the same store and in the store opened anew, one
    written by a second connection (the numbers are read again), one ingested twice;
    ties, modes, publication dates, and stored dates replaced by a batch's."""
    from tacitus.store.stored_keys import StoredEvents

    first, second, third = (_near_duplicates(seed, 120) for seed in range(3))
    # others' events: only the second connection has written them when they are read again
    others = _near_duplicates(3, 80, actors=10)

    def ingest_all(db: Path) -> list[tuple[int, ...]]:
        done = []
        with Store.open(db, merge_window_days=window) as store:
            done.append(store.add(first[:70], batch=7))
            with Store.open(db, merge_window_days=window) as other:
                done.append(other.add(second[:60] + others[:40], batch=60))
            done.append(store.add(first[70:] + second[60:] + others[40:], batch=13))
        with Store.open(db, merge_window_days=window) as store:
            done.append(store.add(third, batch=4))
            done.append(store.add(third + first, batch=50))
        return [
            (s.documents, s.already_stored, s.events_new, s.events_seen, s.mentions) for s in done
        ]

    decided: list[bool] = []
    redated: list[int] = []
    in_memory, redate = Store._in_memory, StoredEvents.redate

    def deciding(stored: Any, batch: Any) -> bool:
        decided.append(in_memory(stored, batch))
        return decided[-1]

    def redating(self: Any, position: int, day: int) -> None:
        redated.append(position)
        redate(self, position, day)

    monkeypatch.setattr(Store, "_in_memory", staticmethod(deciding))
    monkeypatch.setattr(StoredEvents, "redate", redating)
    filtered = ingest_all(tmp_path / "filtered.duckdb")
    assert decided and all(decided)  # every batch matched in memory
    assert redated  # and stored dates replaced in memory

    monkeypatch.setattr(Store, "_in_memory", staticmethod(lambda stored, batch: False))
    unfiltered = ingest_all(tmp_path / "unfiltered.duckdb")
    assert filtered == unfiltered
    assert sum(counts[3] for counts in filtered) > 20  # many matched across documents
    assert snapshot(str(tmp_path / "filtered.duckdb")) == snapshot(
        str(tmp_path / "unfiltered.duckdb")
    )
    assert repeated_keys(str(tmp_path / "filtered.duckdb")) == {}


def test_a_key_set_finds_what_it_holds_and_nothing_else() -> None:
    import numpy as np

    from tacitus.store.stored_keys import KeySet

    rng = np.random.default_rng(0)
    held = rng.integers(0, 2**64 - 1, 5000, dtype=np.uint64, endpoint=True)
    keys = KeySet(held[:100])
    for start in range(100, 5000, 700):
        keys.add(held[start : start + 700])
    others = rng.integers(0, 2**64 - 1, 5000, dtype=np.uint64, endpoint=True)
    assert keys.contains(held).all()
    assert not keys.contains(np.setdiff1d(others, held)).any()
    assert len(keys) == 5000
    assert not KeySet(np.empty(0, dtype=np.uint64)).contains(held).any()


def test_a_store_holding_ids_of_another_form_is_matched_by_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The numbers in memory read an event id as the number its 16 hex digits are: a
    store holding another id (written by hand here) is matched by the table, with the
    same result."""
    documents = _near_duplicates(5, 90)
    legacy = (
        "INSERT INTO events (event_id, type, status, confidence, first_doc_key, "
        "participants, date) VALUES ('legacy-1', 'ACCUSE', 'happened', 1.0, 'x', "
        "'Q0>Q1', DATE '2024-05-01')"
    )

    def ingest(db: Path) -> list[tuple[int, ...]]:
        with Store.open(db) as store:
            first = store.add(documents[:40], batch=10)
            store.query(legacy)
            second = store.add(documents[40:], batch=10)
        return [(s.events_new, s.events_seen, s.mentions) for s in (first, second)]

    decided: list[bool] = []
    in_memory = Store._in_memory

    def deciding(stored: Any, batch: Any) -> bool:
        decided.append(in_memory(stored, batch))
        return decided[-1]

    monkeypatch.setattr(Store, "_in_memory", staticmethod(deciding))
    counted = ingest(tmp_path / "memory.duckdb")
    assert decided == [True] * 4 + [False] * 5
    monkeypatch.setattr(Store, "_in_memory", staticmethod(lambda stored, batch: False))
    assert ingest(tmp_path / "table.duckdb") == counted
    assert snapshot(str(tmp_path / "memory.duckdb")) == snapshot(str(tmp_path / "table.duckdb"))


def test_runs_find_every_position_of_a_key_and_ids_read_as_numbers() -> None:
    import numpy as np

    from tacitus.store.stored_keys import Runs, hex_numbers

    rng = np.random.default_rng(1)
    runs = Runs()
    held = rng.integers(0, 50, 3000, dtype=np.uint64)  # many positions a key
    for start in range(0, 3000, 170):
        chunk = held[start : start + 170]
        runs.add(chunk, np.arange(start, start + len(chunk), dtype=np.int64))
    asked = rng.integers(0, 60, 400, dtype=np.uint64)
    at, positions = runs.pairs(asked)
    found = sorted(zip(at.tolist(), positions.tolist(), strict=True))
    assert found == [
        (i, p) for i, key in enumerate(asked.tolist()) for p in np.flatnonzero(held == key)
    ]
    ids = ["0123456789abcdef", "ffffffffffffffff", "0000000000000000"]
    assert hex_numbers(ids).tolist() == [int(i, 16) for i in ids]  # type: ignore[union-attr]
    for other in (["0123456789ABCDEF"], ["0123456789abcde"], ["0123456789abcdeg"], ["é" * 16]):
        assert hex_numbers(ids + other) is None
