"""The store: coded documents and their events in DuckDB (an embedded file, the default)
or PostgreSQL (a server: ``postgresql://…``), behind one interface (``engines``).

``Store.open(path)`` creates or upgrades the database (``schema.MIGRATIONS``);
``Store.add(coded_documents)`` writes documents with their events, actors, mentions,
topics, contexts and quotes in batches, each batch one transaction, so that a run
killed at any moment leaves whole documents only, and a run started again adds exactly
what is missing. A document already stored (same key: its id and text) is skipped, and
an event already stored (same ``event_id``: type, mode, actors, date, status) gains the
new document's mentions instead of a second row: the same event reported by several
outlets is one event with several mentions and sources.

Writing is the hot path of a large ingest: a batch's rows are made in one pass over its
events (``_Rows``), its events are matched with the stored ones (on DuckDB by the stored
events' numbers in memory, ``stored_keys``; on PostgreSQL in two set-based queries),
and each table gets one bulk insert of only the rows it lacks
(``_Rows.insert``). On
DuckDB the tables of events have no primary key since schema version 5 (keeping them
was most of an ingest's time), so that rule is what keeps their rows unique: one writer
at a time. ``benchmarks/bench_store.py`` measures it against plain DuckDB.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from hashlib import sha256
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from tacitus.actors.memory import ActorMemory, Remembered
from tacitus.errors import ConfigError, Rejection
from tacitus.records import Actor, CodedDocument, Document, Event, content_hash
from tacitus.store.engines import (
    DuckDBEngine,
    Engine,
    PostgresEngine,
    Result,
    connect,
    is_server_url,
    redact,
)
from tacitus.store.schema import MIGRATIONS, SCHEMA_VERSION
from tacitus.store.stored_keys import EPOCH, BatchKeys, StoredEvents

__all__ = ["DEFAULT_DB", "EventFilter", "Store", "StoreStats", "document_key", "is_server_url"]

DEFAULT_DB = "tacitus.duckdb"
BATCH_DOCUMENTS = 50


def document_key(document: Document) -> str:
    """A document's identity in the store: its id and its text (so a corrected text
    under the same id is a new document, and the same file read twice is not)."""
    return content_hash(document.doc_id, document.text, length=24)


@dataclass(slots=True)
class StoreStats:
    """What one ``add`` call did."""

    documents: int = 0  # stored now
    already_stored: int = 0
    events_new: int = 0
    events_seen: int = 0  # events already stored, reported again by a new document
    mentions: int = 0
    set_aside: int = 0


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What ``Store.events`` selects; ``None`` or empty means no condition."""

    actor: str | None = None  # a substring of an actor's name, or an actor id
    country: str | None = None  # source or target country code
    sector: str | None = None
    types: tuple[str, ...] = ()
    mode: str | None = None
    status: str | None = "happened"
    since: date | None = None
    until: date | None = None
    text: str | None = None  # a substring of an evidence sentence
    limit: int | None = None


@dataclass(slots=True)
class Store:
    """A database of coded documents and events (DuckDB or PostgreSQL)."""

    path: str
    engine: DuckDBEngine | PostgresEngine
    merge_window_days: int = 1
    actor_memory_days: int = 365
    _known: set[str] = field(default_factory=set)
    _memory: ActorMemory | None = None
    _layouts: dict[str, tuple[list[str], dict[str, str]]] = field(default_factory=dict)
    # DuckDB: the stored events as numbers (``stored_keys``), and the batch's, added to
    # them once its transaction commits
    _stored_keys: StoredEvents | None = None
    _batch_keys: BatchKeys | None = None
    # the positions among those numbers of the stored events the batch matched, by id,
    # and the stored events the batch dates by their text (position, day number)
    _matched_at: dict[str, int] = field(default_factory=dict)
    _redated: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def open(
        cls,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        merge_window_days: int = 1,
        actor_memory_days: int = 365,
    ) -> Store:
        """Open (creating or upgrading) the database at ``path``: a DuckDB file
        (``:memory:`` for none) or a PostgreSQL URL (``postgresql://user@host/db``)."""
        name = str(path)
        store = cls(name, connect(name, read_only=read_only), merge_window_days, actor_memory_days)
        try:
            if read_only:
                store._check_version()
            else:
                store.migrate()
        except BaseException:
            store.close()
            raise
        return store

    @property
    def name(self) -> str:
        """Where the store is, for messages (a server URL without its password)."""
        return redact(self.path)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a query in the store's SQL (``?`` parameters) on either engine."""
        return [tuple(row) for row in self._execute(sql, params).fetchall()]

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        return self.engine.execute(sql, params)

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------

    def applied(self) -> list[tuple[int, str]]:
        """The migrations applied to this database, oldest first."""
        if not self._has_table("tacitus_migrations"):
            return []
        rows = self._execute(
            "SELECT version, name FROM tacitus_migrations ORDER BY version"
        ).fetchall()
        return [(int(v), str(n)) for v, n in rows]

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks; their names."""
        self._execute(
            "CREATE TABLE IF NOT EXISTS tacitus_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
        )
        self._check_version()
        done = {version for version, _ in self.applied()}
        names = []
        for migration in MIGRATIONS:
            if migration.version in done:
                continue
            with self._transaction():
                if self.engine.name in migration.engines:
                    for statement in migration.statements:
                        self._execute(self.engine.ddl(statement))
                self._execute(
                    "INSERT INTO tacitus_migrations VALUES (?, ?, ?)",
                    [migration.version, migration.name, _now()],
                )
            names.append(f"{migration.version:04d}_{migration.name}")
        return names

    def _check_version(self) -> None:
        newest = max((v for v, _ in self.applied()), default=0)
        if newest > SCHEMA_VERSION:
            raise ConfigError(
                f"the store {self.name} has schema version {newest}; this tacitus knows up "
                f"to {SCHEMA_VERSION}: upgrade tacitus to use it"
            )

    def _has_table(self, name: str) -> bool:
        row = self._execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_name = ? AND table_schema = current_schema()",
            [name],
        ).fetchone()
        return bool(row and row[0])

    # -- writing --------------------------------------------------------------------

    def has(self, document: Document) -> bool:
        """Whether this document (same id and text) is stored."""
        key = document_key(document)
        if key in self._known:
            return True
        row = self._execute("SELECT 1 FROM documents WHERE doc_key = ?", [key]).fetchone()
        if row:
            self._known.add(key)
        return row is not None

    def add(
        self,
        coded: Iterable[CodedDocument],
        *,
        set_aside: Iterable[Rejection] = (),
        batch: int = BATCH_DOCUMENTS,
    ) -> StoreStats:
        """Store coded documents (and the record of inputs set aside), ``batch`` documents
        to a transaction (on DuckDB, its log is folded into the file once, at the end:
        ``DuckDBEngine.bulk``)."""
        stats = StoreStats()
        pending: list[CodedDocument] = []
        with self.engine.bulk():
            for item in coded:
                pending.append(item)
                if len(pending) >= batch:
                    self._write(pending, stats)
                    pending = []
            if pending:
                self._write(pending, stats)
        rows = [(r.source or "", r.reason, r.detail or "", _now()) for r in set_aside]
        if rows:
            with self._transaction():
                before = self._count("set_aside")
                self.engine.executemany(
                    "INSERT INTO set_aside VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", rows
                )
                stats.set_aside += self._count("set_aside") - before
        return stats

    def _write(self, batch: Sequence[CodedDocument], stats: StoreStats) -> None:
        # a batch makes millions of tuples and no reference cycles: Python's cycle
        # collector, which the tuples set off again and again to walk every object the
        # process holds, would take longer than building them
        with _collector_paused():
            self._write_batch(batch, stats)

    def _write_batch(self, batch: Sequence[CodedDocument], stats: StoreStats) -> None:
        rows = _Rows()
        keys = [document_key(coded.document) for coded in batch]
        stored_documents = self._stored_documents(set(keys) - self._known) | (
            set(keys) & self._known
        )
        keys_in_batch: set[str] = set()
        now = _now()
        for key, coded in zip(keys, batch, strict=True):
            if key in keys_in_batch or key in stored_documents:
                stats.already_stored += 1
                continue
            keys_in_batch.add(key)
            rows.add(key, coded, now)
        if not keys_in_batch:
            return
        # what the pipeline's actor memory learned from the documents coded since the
        # last batch, that is from this batch's: written in its transaction
        learned = self._memory.take_changed() if self._memory is not None else []
        rows.people = [_person_row(p) for p in learned]
        self._batch_keys = None
        events = rows.events
        with self._transaction():
            if learned:
                self._execute(
                    f"DELETE FROM people_seen WHERE {self.engine.in_list('name')}",
                    [sorted(p.name for p in learned)],
                )
            known, remap, stored = self._match_events(rows)
            rows.remap(remap)
            written = rows.insert(self.engine, self._layout, stored, self._labels(rows, stored))
        self._remember(events, written, len(rows.documents))
        self._known.update(keys_in_batch)
        stats.documents += len(keys_in_batch)
        ids = {e[0] for e in rows.events}
        stats.events_new += len(ids - known)
        stats.events_seen += len(ids & known) + len(set(remap))
        stats.mentions += len(rows.mentions)

    def _remember(
        self, events: list[tuple[Any, ...]], written: list[tuple[Any, ...]], documents: int
    ) -> None:
        """After a batch's commit: its events ``written`` (of ``events``, the batch's) and
        the dates it gave stored events added to the numbers in memory, if they matched
        it; else their counts moved on (when they cannot decide anything anyway) or
        the numbers dropped, to be read again."""
        memory = self._stored_keys
        if memory is None:
            return
        if self._batch_keys is not None:
            # the rows written are rows of ``events`` (the same tuples), in its order
            positions = []
            ahead = iter(written)
            wanted = next(ahead, None)
            for position, event in enumerate(events):
                if event is wanted:
                    positions.append(position)
                    wanted = next(ahead, None)
            if wanted is not None:
                first: dict[str, int] = {}
                for position, event in enumerate(events):
                    first.setdefault(event[_ID], position)
                positions = [first[e[_ID]] for e in written]
            memory.add(self._batch_keys, positions, documents)
            for position, day in self._redated:
                memory.redate(position, day)
        elif memory.exact:
            self._stored_keys = None
        else:
            memory.rows += len(written)
            memory.documents += documents
        self._batch_keys = None
        self._redated = []

    def _match_events(self, rows: _Rows) -> tuple[set[str], dict[str, str], set[str]]:
        """Which events of the batch are stored already (the same ``event_id``); for
        each other event that is an event already stored (or earlier in the batch) read
        again, the id it is stored under; and the ids of the stored events among those
        (the first, and the stored ones the second maps to). The rule: the same type and
        status, the same participants (either direction for symmetric types), modes equal
        or one unknown, and dates at most ``merge_window_days`` apart, or ``+ 2`` days
        when one of the two dates is only the publication date. The stored events are
        found in memory or in two queries for the whole batch (``_stored_events``), the
        batch's own in a dictionary of its events by type, status and participants (on
        DuckDB only of the events whose kind another of the batch's has: the others
        match none of them). (The events are rows of the ``events`` table: ``_ID``,
        ``_TYPE``… are the positions of what the rule reads.)"""
        known, stored = self._stored_events(rows.events)
        fresh = [e for e in rows.events if e[_ID] not in known] if known else rows.events
        remap: dict[str, str] = {}
        window = self.merge_window_days
        candidates = fresh
        if self._batch_keys is not None:
            # the events of a kind no other event of the batch has (by its hash: those of
            # one kind have the same) are matched to stored events only, after the loop
            kinds = self._batch_keys.kinds
            _, inverse, counts = np.unique(kinds, return_inverse=True, return_counts=True)
            events = rows.events
            candidates = [
                events[i]
                for i in np.flatnonzero(counts[inverse] > 1).tolist()
                if events[i][_ID] not in known
            ]
        # earlier events of the batch, by what must be equal for a match
        earlier: dict[tuple[str, str, str], list[tuple[Any, ...]]] = {}
        for candidate in candidates:
            event_id = candidate[_ID]
            if event_id in remap:
                continue
            group = earlier.setdefault(
                (candidate[_TYPE], candidate[_STATUS], candidate[_PARTICIPANTS]), []
            )
            match = None
            for event in group:
                if _same_event(event, candidate, window):
                    match = event[_ID]
                    break
            match = match or stored.get(event_id)
            if match is None or match == event_id:
                group.append(candidate)
                continue
            remap[event_id] = match
        if candidates is not fresh:
            looped = {e[_ID] for e in candidates}
            for event_id, match in stored.items():
                if event_id not in looped and event_id not in known:
                    remap[event_id] = match
        # a date read from the text replaces one taken from a publication date: the
        # first of the batch's (for the event and its pairs alike)
        dated = list(
            {
                remap[e[_ID]]: (e[_DATE], e[_PRECISION], remap[e[_ID]])
                for e in reversed(fresh)
                if e[_ID] in remap and not e[_INFERRED] and e[_DATE] is not None
            }.values()
        )
        self._redated = []
        if dated and self._batch_keys is not None and self._stored_keys is not None:
            # matched in memory: it knows which of the events are stored with a
            # publication date, the only ones the statements change
            memory, at = self._stored_keys, self._matched_at
            dated = [d for d in dated if d[2] in at and memory.inferred[at[d[2]]]]
            self._redated = [(at[d[2]], d[0].toordinal() - EPOCH) for d in dated]
        if dated:
            # one statement a table (the tables have no index to find one event by)
            days, precisions, ids = zip(*dated, strict=True)
            columns = {"event_id": ids, "day": days, "date_precision": precisions}
            with self.engine.relation("tacitus_dated", columns, {"day": "DATE"}):
                self._execute(
                    "UPDATE event_pairs SET date = d.day FROM tacitus_dated d "
                    "WHERE event_pairs.event_id = d.event_id AND d.event_id IN "
                    "(SELECT event_id FROM events WHERE date_inferred)"
                )
                self._execute(
                    "UPDATE events SET date = d.day, date_precision = d.date_precision, "
                    "date_inferred = false FROM tacitus_dated d "
                    "WHERE events.event_id = d.event_id AND events.date_inferred"
                )
        fresh_ids = {e[_ID] for e in fresh}
        return known, remap, known | {old for old in remap.values() if old not in fresh_ids}

    def _stored_events(self, events: list[tuple[Any, ...]]) -> tuple[set[str], dict[str, str]]:
        """Of the batch's events (rows of ``events``): the ids already stored, and for
        each dated one the nearest other stored event it matches. On DuckDB both are
        answered by the stored events' numbers in memory (``stored_keys``: read from the
        table when it holds other counts than they have seen), without reading the
        table; on PostgreSQL, or when the numbers cannot decide, by two set-based
        queries (the batch's events as one relation, joined with ``events``)."""
        self._batch_keys = None
        self._matched_at = {}
        if not events:
            return set(), {}
        # only the columns the rule reads (a transposition of all costs more)
        columns = {
            name: list(map(itemgetter(at), events))
            for name, at in (
                ("event_id", _ID),
                ("type", _TYPE),
                ("status", _STATUS),
                ("participants", _PARTICIPANTS),
                ("mode", _MODE),
                ("date", _DATE),
                ("inferred", _INFERRED),
            )
        }
        types = {"date": "DATE", "inferred": "BOOLEAN"}
        if isinstance(self.engine, DuckDBEngine):
            found = self._stored_in_memory(columns)
            if found is not None:
                return found
        with self.engine.relation("tacitus_batch_keys", columns, types):
            return self._stored_ids(), self._nearest_stored(columns["date"])

    def _stored_in_memory(
        self, columns: dict[str, list[Any]]
    ) -> tuple[set[str], dict[str, str]] | None:
        """``_stored_events`` answered by the stored events' numbers (``stored_keys``),
        or None when they cannot decide (the table then answers). The batch's numbers
        are kept, to be added once the batch is stored, and the positions of the stored
        events matched, by id."""
        assert isinstance(self.engine, DuckDBEngine)
        connection = self.engine.connection
        ids = columns["event_id"]
        keys = {"position": range(len(ids))} | {
            c: columns[c] for c in ("type", "status", "participants", "mode")
        }
        with self.engine.relation("tacitus_batch_keys", keys, {"position": "INTEGER"}):
            batch = BatchKeys.read(
                connection, "tacitus_batch_keys", ids, columns["date"], columns["inferred"]
            )
        stored = self._stored_keys
        if stored is None or not stored.fresh(connection):
            stored = self._stored_keys = StoredEvents.read(connection)
        if not self._in_memory(stored, batch):
            return None
        self._batch_keys = batch
        known = {ids[i] for i in np.flatnonzero(stored.known(batch)).tolist()}
        nearest: dict[str, str] = {}
        for new, (old, position) in stored.nearest(
            batch, self.merge_window_days, INFERRED_EXTRA_DAYS
        ).items():
            old_id = f"{old:016x}"
            nearest[f"{new:016x}"] = old_id
            self._matched_at[old_id] = position
        return known, nearest

    @staticmethod
    def _in_memory(stored: StoredEvents, batch: BatchKeys) -> bool:
        """Whether the numbers in memory decide this batch's matching."""
        return stored.accepts(batch)

    def _stored_ids(self) -> set[str]:
        """The ids of the events of ``tacitus_batch_keys`` that ``events`` holds."""
        return {
            str(event_id)
            for (event_id,) in self._execute(
                "SELECT event_id FROM events "
                "WHERE event_id IN (SELECT event_id FROM tacitus_batch_keys)"
            ).fetchall()
        }

    def _nearest_stored(self, dates: Sequence[date | None]) -> dict[str, str]:
        """For each dated event of ``tacitus_batch_keys`` (its dates: ``dates``) that a
        stored event matches, the nearest one's id (by the rule of ``_match_events``)."""
        days = [day for day in dates if day is not None]
        if not days:
            return {}
        window = self.merge_window_days
        reach = window + INFERRED_EXTRA_DAYS
        # a bound on the dates of the events to look at, implied by the window: when a
        # store is filled in the order of the news, it skips most of what is stored
        span = [min(days) - timedelta(days=reach), max(days) + timedelta(days=reach)]
        rows = self._execute(
            "SELECT new_id, old_id FROM (SELECT k.event_id AS new_id, e.event_id AS old_id, "
            "row_number() OVER (PARTITION BY k.event_id "
            "ORDER BY abs(e.date - CAST(k.date AS DATE)), e.event_id) AS nearest "
            "FROM tacitus_batch_keys k JOIN events e "
            "ON e.type = k.type AND e.status = k.status AND e.participants = k.participants "
            "WHERE k.date IS NOT NULL AND e.date BETWEEN ? AND ? AND e.event_id <> k.event_id "
            "AND (e.mode IS NULL OR k.mode IS NULL OR e.mode = CAST(k.mode AS VARCHAR)) "
            "AND abs(e.date - CAST(k.date AS DATE)) <= "
            "CASE WHEN e.date_inferred OR k.inferred THEN ? ELSE ? END) ranked "
            "WHERE nearest = 1",
            [*span, reach, window],
        ).fetchall()
        return {str(new): str(old) for new, old in rows}

    def _labels(self, rows: _Rows, stored: set[str]) -> dict[str, set[tuple[str, str]]]:
        """The topics and contexts the stored events among the batch's (``stored``)
        have already, for those the batch gives them (one query a table)."""
        found: dict[str, set[tuple[str, str]]] = {}
        for table, column, labels in (
            ("event_topics", "topic", rows.topics),
            ("event_contexts", "context", rows.contexts),
        ):
            ids = {row[0] for row in labels if row[0] in stored} if stored else set()
            if not ids:
                continue
            found[table] = {
                (str(event_id), str(label))
                for event_id, label in self._execute(
                    f"SELECT event_id, {column} FROM {table} "
                    f"WHERE {self.engine.in_list('event_id')}",
                    [sorted(ids)],
                ).fetchall()
            }
        return found

    def _layout(self, table: str) -> tuple[list[str], dict[str, str]]:
        """The table's columns in order (rows are built in this order) and their types
        (read once per store)."""
        found = self._layouts.get(table)
        if found is None:
            rows = self._execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? AND table_schema = current_schema() "
                "ORDER BY ordinal_position",
                [table],
            ).fetchall()
            found = self._layouts[table] = (
                [str(c) for c, _ in rows],
                {str(c): str(t) for c, t in rows},
            )
        return found

    def memory(self) -> ActorMemory:
        """The actor memory of the documents stored so far (read once). Give it to the
        pipeline that codes the documents to add (``Pipeline(settings, memory=...)``):
        its surnames then resolve to people stored documents named with a title, and
        what it learns is stored with each batch."""
        if self._memory is None:
            rows = self.query(
                "SELECT name, surname, role, country, sector, actor_id, first_seen, last_seen, "
                "documents, office_start, office_end FROM people_seen"
            )
            self._memory = ActorMemory(self.actor_memory_days, (Remembered(*row) for row in rows))
        return self._memory

    def _stored_documents(self, keys: set[str]) -> set[str]:
        return self._present("documents", "doc_key", keys)

    def _present(self, table: str, column: str, values: set[str]) -> set[str]:
        """Which of ``values`` the table's key column holds (one query)."""
        if not values:
            return set()
        found = self._execute(
            f"SELECT {column} FROM {table} WHERE {self.engine.in_list(column)}",
            [sorted(values)],
        ).fetchall()
        return {str(r[0]) for r in found}

    def _transaction(self) -> _Transaction:
        return _Transaction(self.engine)

    def _count(self, table: str) -> int:
        row = self._execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    # -- reading --------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table (documents, events, mentions, …)."""
        tables = ("documents", "events", "event_actors", "mentions", "quotes", "set_aside")
        return {table: self._count(table) for table in tables}

    def events(self, where: EventFilter | None = None) -> list[dict[str, Any]]:
        """Events as dictionaries with the fields of ``tacitus code``'s JSON lines, plus
        ``mention_count``, ``source_count`` (distinct publishers, else documents) and
        ``document_count``; newest first."""
        sql, params = _select_events(where or EventFilter())
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description or []]
        records = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        details = self._details([r["event_id"] for r in records])
        return [self._event_record(r, details) for r in records]

    def _details(self, ids: list[str]) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
        """The actors, mentions, topics and contexts of the events ``ids``: for each
        kind, its rows by event id, in order (one query a table for all the events, as
        the tables have no index to find one event's rows by)."""
        found: dict[str, dict[str, list[tuple[Any, ...]]]] = {}
        for kind, sql in (
            (
                "actors",
                "SELECT event_id, role, name, country, sector, actor_id, kind FROM event_actors "
                "WHERE {ids} ORDER BY event_id, role, position",
            ),
            (
                "mentions",
                'SELECT event_id, doc_id, sentence, start, "end", trigger, date_text, '
                "attribution FROM mentions WHERE {ids} ORDER BY event_id, doc_id, start",
            ),
            ("topics", "SELECT event_id, topic FROM event_topics WHERE {ids} ORDER BY 1, 2"),
            ("contexts", "SELECT event_id, context FROM event_contexts WHERE {ids} ORDER BY 1, 2"),
        ):
            rows: dict[str, list[tuple[Any, ...]]] = {}
            found[kind] = rows
            if not ids:
                continue
            for row in self._execute(
                sql.format(ids=self.engine.in_list("event_id")), [ids]
            ).fetchall():
                rows.setdefault(row[0], []).append(tuple(row[1:]))
        return found

    def events_frame(self, where: EventFilter | None = None, *, library: str = "pandas") -> Any:
        """Events as a DataFrame (``library``: ``pandas`` or ``polars``), one row per
        event: its fields, the source and target names and countries joined with
        ``;``, and the mention, document and source counts. The events are selected
        first and only theirs are aggregated."""
        where = where or EventFilter()
        conditions, params = _conditions(where)
        limit = (
            f" ORDER BY e.date DESC NULLS LAST, e.event_id LIMIT {int(where.limit)}"
            if where.limit
            else ""
        )
        hit = (
            "SELECT e.event_id FROM events e"
            + (" WHERE " + " AND ".join(conditions) if conditions else "")
            + limit
        )
        sql = (
            f"WITH hit AS ({hit}), "
            "names AS (SELECT a.event_id, "
            "string_agg(name, '; ' ORDER BY position) FILTER (WHERE role = 'source') AS source, "
            "string_agg(coalesce(country, '?'), '; ' ORDER BY position) "
            "FILTER (WHERE role = 'source') AS source_country, "
            "string_agg(name, '; ' ORDER BY position) FILTER (WHERE role = 'target') AS target, "
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
            "c.document_count, c.source_count, e.confidence "
            "FROM events e JOIN hit USING (event_id) JOIN counts c USING (event_id) "
            "LEFT JOIN names n USING (event_id) ORDER BY e.date DESC NULLS LAST, e.event_id"
        )
        return self.engine.frame(sql, params, library)

    def dyad(self, a: str, b: str, *, by: str = "month", library: str = "pandas") -> Any:
        """Events between two actors per period, both directions: for each period and
        direction (``a→b``, ``b→a``), the count of each quad class, all events and the
        mean PLOVER score. ``a`` and ``b`` are country codes (``EGY``), actor ids or
        parts of names. Only events that happened and have a date."""
        if by not in PERIODS:
            raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
        match_a, params_a = _actor_match(a)
        match_b, params_b = _actor_match(b)
        quads = ", ".join(
            f"count(*) FILTER (WHERE quad_class = '{q}') AS \"{q}\"" for q in QUAD_CLASSES
        )

        def direction(label: str, src: str, tgt: str) -> str:
            return (
                f"SELECT CAST(date_trunc('{by}', e.date) AS DATE) AS period, "
                f"'{label}' AS direction, {quads}, count(*) AS events, "
                "CAST(round(CAST(avg(e.score) AS NUMERIC), 2) AS DOUBLE PRECISION) AS mean_score "
                "FROM events e WHERE e.status = 'happened' AND e.date IS NOT NULL "
                "AND e.event_id IN (SELECT event_id FROM event_actors WHERE role = 'source' "
                f"AND {src}) "
                "AND e.event_id IN (SELECT event_id FROM event_actors WHERE role = 'target' "
                f"AND {tgt}) GROUP BY 1, 2"
            )

        sql = (
            direction(f"{a}→{b}", match_a, match_b)
            + " UNION ALL "
            + direction(f"{b}→{a}", match_b, match_a)
            + " ORDER BY period, direction"
        )
        params = params_a + params_b + params_b + params_a
        return self.engine.frame(sql, params, library)

    def reported_more_than_once(self) -> tuple[int, int]:
        """(events reported by more than one document, all events that happened)."""
        row = self._execute(
            "SELECT count(*) FILTER (WHERE docs > 1), count(*) FROM ("
            "SELECT e.event_id, count(DISTINCT m.doc_key) AS docs FROM events e "
            "JOIN mentions m USING (event_id) WHERE e.status = 'happened' GROUP BY e.event_id) "
            "AS reported"
        ).fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def top_dyads(self, limit: int = 5) -> list[tuple[str, str, int, float | None]]:
        """The country pairs with most events that happened (either direction): the two
        codes, the number of events and their mean PLOVER score."""
        rows = self._execute(
            "WITH pairs AS (SELECT DISTINCT e.event_id, e.score, "
            "least(s.country, t.country) AS a, greatest(s.country, t.country) AS b "
            "FROM events e JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source' "
            "JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target' "
            "WHERE e.status = 'happened' AND s.country IS NOT NULL AND t.country IS NOT NULL "
            "AND s.country <> t.country) "
            "SELECT a, b, count(*) AS n, avg(score) FROM pairs GROUP BY a, b "
            "ORDER BY n DESC, a, b LIMIT ?",
            [limit],
        ).fetchall()
        return [
            (str(a), str(b), int(n), float(m) if m is not None else None) for a, b, n, m in rows
        ]

    def dyad_counts(self, *, by: str = "month", library: str = "pandas") -> Any:
        """Every country dyad per period: events that happened from a source country to
        a target country, counted by quad class, with the mean PLOVER score."""
        if by not in PERIODS:
            raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
        quads = ", ".join(
            f"count(*) FILTER (WHERE quad_class = '{q}') AS \"{q}\"" for q in QUAD_CLASSES
        )
        sql = (
            f"SELECT CAST(date_trunc('{by}', date) AS DATE) AS period, source_country, "
            f"target_country, {quads}, count(*) AS events, avg(score) AS mean_score "
            "FROM event_pairs WHERE status = 'happened' AND date IS NOT NULL "
            "AND source_country IS NOT NULL AND target_country IS NOT NULL "
            "GROUP BY 1, 2, 3 ORDER BY period, source_country, target_country"
        )
        return self.engine.frame(sql, (), library)

    def actors(self, *, limit: int | None = 20, library: str = "pandas") -> Any:
        """Who appears most in events that happened: name, country, sector, id, events
        as source, as target, in all, and mentions."""
        sql = (
            "SELECT a.name, a.country, a.sector, a.actor_id, "
            "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'source') AS as_source, "
            "count(DISTINCT a.event_id) FILTER (WHERE a.role = 'target') AS as_target, "
            "count(DISTINCT a.event_id) AS events, "
            "(SELECT count(*) FROM mentions m WHERE m.event_id IN "
            "  (SELECT b.event_id FROM event_actors b WHERE b.actor_key = a.actor_key)) "
            "AS mentions "
            "FROM event_actors a JOIN events e USING (event_id) WHERE e.status = 'happened' "
            "GROUP BY a.actor_key, a.name, a.country, a.sector, a.actor_id "
            # (the actor key breaks ties: one name may be two actors, "United States"
            # the government and the military, and both engines must list them alike)
            "ORDER BY events DESC, mentions DESC, a.name, a.actor_key"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        return self.engine.frame(sql, (), library)

    def _event_record(
        self, row: dict[str, Any], details: dict[str, dict[str, list[tuple[Any, ...]]]]
    ) -> dict[str, Any]:
        event_id = row["event_id"]
        actors = details["actors"].get(event_id, [])
        mentions = details["mentions"].get(event_id, [])
        topics = [t for (t,) in details["topics"].get(event_id, [])]
        contexts = [c for (c,) in details["contexts"].get(event_id, [])]

        def actor(r: tuple[Any, ...]) -> dict[str, Any]:
            return {"name": r[1], "country": r[2], "sector": r[3], "actor_id": r[4], "kind": r[5]}

        return {
            "event_id": event_id,
            "type": row["type"],
            "mode": row["mode"],
            "context": contexts,
            "quad_class": row["quad_class"],
            "score": row["score"],
            "cameo": row["cameo"],
            "source": [actor(a) for a in actors if a[0] == "source"],
            "target": [actor(a) for a in actors if a[0] == "target"],
            "date": row["date"].isoformat() if row["date"] else None,
            "date_precision": row["date_precision"],
            "location": (
                {
                    "name": row["location"],
                    "country": row["location_country"],
                    "lat": row["lat"],
                    "lon": row["lon"],
                }
                if row["location"]
                else None
            ),
            "status": row["status"],
            "topics": topics,
            "confidence": row["confidence"],
            "mention_count": int(row["mention_count"]),
            "source_count": int(row["source_count"]),
            "document_count": int(row["document_count"]),
            "evidence": [
                {
                    "doc_id": m[0],
                    "sentence": m[1],
                    "start": m[2],
                    "end": m[3],
                    "trigger": m[4],
                    "date_text": m[5],
                    "attribution": json.loads(m[6]) if m[6] else [],
                }
                for m in mentions
            ],
        }


QUAD_CLASSES = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)
PERIODS = ("day", "week", "month", "quarter", "year")


def _actor_match(selector: str) -> tuple[str, list[Any]]:
    """SQL for an actor selector: a three-letter code is a country (``EGY``, or ``IGO``
    for IGOs), anything else an actor id or part of a name."""
    if len(selector) == 3 and selector.isalpha() and selector.isupper():
        return "country = ?", [selector]
    return "(actor_id = ? OR name ILIKE ?)", [selector, f"%{selector}%"]


def _select_events(where: EventFilter) -> tuple[str, list[Any]]:
    conditions, params = _conditions(where)
    sql = (
        "SELECT e.*, c.mention_count, c.source_count, c.document_count FROM events e JOIN ("
        "SELECT m.event_id, count(*) AS mention_count, "
        "count(DISTINCT coalesce(d.publisher, d.doc_key)) AS source_count, "
        "count(DISTINCT m.doc_key) AS document_count "
        "FROM mentions m JOIN documents d USING (doc_key) GROUP BY m.event_id) c "
        "USING (event_id)"
        + (" WHERE " + " AND ".join(conditions) if conditions else "")
        + " ORDER BY e.date DESC NULLS LAST, e.event_id"
    )
    if where.limit:
        sql += f" LIMIT {int(where.limit)}"
    return sql, params


def _conditions(where: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions on ``events e`` for the filter, and their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    if where.types:
        conditions.append(f"e.type IN ({', '.join('?' for _ in where.types)})")
        params += [t.upper() for t in where.types]
    if where.mode:
        conditions.append("e.mode = ?")
        params.append(where.mode)
    if where.status:
        conditions.append("e.status = ?")
        params.append(where.status)
    if where.since:
        conditions.append("e.date >= ?")
        params.append(where.since)
    if where.until:
        conditions.append("e.date <= ?")
        params.append(where.until)
    actor_conditions = []
    if where.actor:
        actor_conditions.append("(a.actor_id = ? OR a.name ILIKE ?)")
        params += [where.actor, f"%{where.actor}%"]
    if where.country:
        actor_conditions.append("a.country = ?")
        params.append(where.country.upper())
    if where.sector:
        actor_conditions.append("a.sector = ?")
        params.append(where.sector.upper())
    if actor_conditions:
        conditions.append(
            "e.event_id IN (SELECT a.event_id FROM event_actors a WHERE "
            + " AND ".join(actor_conditions)
            + ")"
        )
    if where.text:
        conditions.append(
            "e.event_id IN (SELECT m.event_id FROM mentions m WHERE m.sentence ILIKE ?)"
        )
        params.append(f"%{where.text}%")
    return conditions, params


class _Transaction:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> None:
        self.engine.begin()

    def __exit__(self, kind: object, *rest: object) -> None:
        if kind is not None:
            self.engine.rollback()
        else:
            self.engine.commit()


INFERRED_EXTRA_DAYS = 2
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


# positions in a row of ``events`` (the table's column order, as ``_Rows`` builds it) of
# what matching reads
_ID, _TYPE, _MODE, _STATUS, _DATE, _PRECISION, _PARTICIPANTS, _INFERRED = 0, 1, 2, 3, 7, 8, 15, 16


def participants(event: Event) -> str:
    """The participants as one string (``events.participants``): sorted source keys
    ``>`` sorted target keys, or, for symmetric types, all keys sorted after ``=``."""
    if event.type in SYMMETRIC:
        return "=" + ",".join(sorted(a.key for a in event.source + event.target))
    sources = ",".join(sorted(a.key for a in event.source))
    return sources + ">" + ",".join(sorted(a.key for a in event.target))


def _same_event(a: tuple[Any, ...], b: tuple[Any, ...], window: int) -> bool:
    """Whether two rows of ``events`` are one event read twice (the rule of
    ``Store._match_events``)."""
    if (a[_TYPE], a[_STATUS], a[_PARTICIPANTS]) != (b[_TYPE], b[_STATUS], b[_PARTICIPANTS]):
        return False
    if a[_MODE] and b[_MODE] and a[_MODE] != b[_MODE]:
        return False
    if a[_DATE] is None or b[_DATE] is None:
        return False
    limit = window + (INFERRED_EXTRA_DAYS if a[_INFERRED] or b[_INFERRED] else 0)
    return bool(abs((a[_DATE] - b[_DATE]).days) <= limit)


@dataclass(slots=True)
class _Rows:
    """The rows of one batch, table by table, as tuples in the tables' column order
    (built with as little work per event as can be: each actor's key, the event id
    and the participants once; they are read column-wise by ``Engine.insert``)."""

    documents: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    actors: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    topics: list[tuple[Any, ...]] = field(default_factory=list)
    contexts: list[tuple[Any, ...]] = field(default_factory=list)
    quotes: list[tuple[Any, ...]] = field(default_factory=list)
    pairs: list[tuple[Any, ...]] = field(default_factory=list)
    people: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, key: str, coded: CodedDocument, now: datetime | None = None) -> None:
        d = coded.document
        self.documents.append(
            (
                key,
                d.doc_id,
                d.url,
                d.canonical_url,
                d.title,
                d.publisher,
                d.author,
                d.published,
                d.language,
                d.source_path,
                d.text,
                list(coded.contexts),
                list(d.repairs),
                len(d.removed),
                d.duplicate_of,
                d.duplicate_kind,
                d.similarity,
                now or _now(),
            )
        )
        if coded.events:
            self._events(key, d.doc_id, coded.events)
        for quote in coded.quotes:
            speaker = quote.speaker
            self.quotes.append(
                (
                    key,
                    quote.start,
                    quote.end,
                    quote.text,
                    speaker.name if speaker else None,
                    speaker.country if speaker else None,
                    speaker.actor_id if speaker else None,
                )
            )

    def _events(self, key: str, doc_id: str, events: Sequence[Event]) -> None:
        # the hot loop of an ingest: each actor's key computed once (Actor.key, written
        # out), one actor a side without a list or a sort, the event id hashed in one
        # call, dates' ISO forms and rounded confidences looked up, bound methods
        add_event, add_actor = self.events.append, self.actors.append
        add_pair, add_mention = self.pairs.append, self.mentions.append
        iso, rounded = _ISO_DATES, _ROUNDED
        if len(iso) > _CACHE_LIMIT:
            iso.clear()
        if len(rounded) > _CACHE_LIMIT:
            rounded.clear()
        for event in events:
            kind, mode, status, day = event.type, event.mode, event.status, event.date
            sources, targets = event.source, event.target
            # the sorted keys, joined: as Event.event_id hashes them
            source_keys, joined_sources = _side_keys(sources)
            target_keys, joined_targets = _side_keys(targets)
            day_text = iso.get(day)
            if day_text is None:
                day_text = iso[day] = day.isoformat() if day else ""
            # Event.event_id: content_hash of the six parts, each followed by \x1f
            event_id = sha256(
                f"{kind}\x1f{mode or ''}\x1f{joined_sources}\x1f{joined_targets}\x1f"
                f"{day_text}\x1f{status}\x1f".encode()
            ).hexdigest()[:16]
            together = (
                "=" + ",".join(sorted((*source_keys, *target_keys)))
                if kind in SYMMETRIC
                else f"{joined_sources}>{joined_targets}"
            )
            inferred = event.date_from_publication
            quad, score, location = event.quad_class, event.score, event.location
            confidence = rounded.get(event.confidence)
            if confidence is None:
                confidence = rounded[event.confidence] = round(event.confidence, 3)
            add_event(
                (
                    event_id,
                    kind,
                    mode,
                    status,
                    quad,
                    score,
                    event.cameo,
                    day,
                    event.date_precision,
                    location.name if location else None,
                    location.country if location else None,
                    location.lat if location else None,
                    location.lon if location else None,
                    confidence,
                    key,
                    together,
                    inferred,
                )
            )
            for position in range(len(sources)):
                actor = sources[position]
                add_actor(
                    (
                        event_id,
                        "source",
                        position,
                        source_keys[position],
                        actor.name,
                        actor.country,
                        actor.sector,
                        actor.actor_id,
                        actor.kind,
                    )
                )
            for position in range(len(targets)):
                actor = targets[position]
                add_actor(
                    (
                        event_id,
                        "target",
                        position,
                        target_keys[position],
                        actor.name,
                        actor.country,
                        actor.sector,
                        actor.actor_id,
                        actor.kind,
                    )
                )
            if len(sources) == 1 and len(targets) == 1:
                add_pair(
                    (
                        event_id,
                        joined_sources,
                        joined_targets,
                        sources[0].country,
                        targets[0].country,
                        kind,
                        status,
                        day,
                        quad,
                        score,
                    )
                )
            elif targets:
                for source, source_key in zip(sources, source_keys, strict=True):
                    country = source.country
                    for target, target_key in zip(targets, target_keys, strict=True):
                        add_pair(
                            (
                                event_id,
                                source_key,
                                target_key,
                                country,
                                target.country,
                                kind,
                                status,
                                day,
                                quad,
                                score,
                            )
                        )
            attribution = (
                json.dumps(
                    [
                        {"name": a.name, "role": a.role, "organization": a.organization}
                        for a in event.attribution
                    ],
                    ensure_ascii=False,
                )
                if event.attribution
                else None
            )
            date_text = event.date_text
            for mention in event.mentions:
                add_mention(
                    (
                        event_id,
                        key,
                        doc_id,
                        mention.start,
                        mention.end,
                        mention.sentence,
                        mention.trigger,
                        date_text,
                        inferred,
                        attribution,
                    )
                )
            if event.topics:
                self.topics += [(event_id, topic) for topic in event.topics]
            if event.context:
                self.contexts += [(event_id, context) for context in event.context]

    def remap(self, ids: dict[str, str]) -> None:
        """Store events read again under the ids they already have: their mentions,
        topics and contexts go to that event, their own rows are dropped."""
        if not ids:
            return
        self.events = [row for row in self.events if row[0] not in ids]
        self.actors = [row for row in self.actors if row[0] not in ids]
        self.pairs = [row for row in self.pairs if row[0] not in ids]
        self.mentions = [(ids.get(r[0], r[0]), *r[1:]) for r in self.mentions]
        self.topics = [(ids.get(r[0], r[0]), *r[1:]) for r in self.topics]
        self.contexts = [(ids.get(r[0], r[0]), *r[1:]) for r in self.contexts]

    def insert(
        self,
        engine: Engine,
        layout: Callable[[str], tuple[list[str], dict[str, str]]],
        stored: set[str],
        labels: dict[str, set[tuple[str, str]]],
    ) -> list[tuple[Any, ...]]:
        """Each table's rows in one bulk statement (``Engine.insert``); ``layout``: a
        table's columns and their types; ``stored``: the ids of the batch's events that
        are stored already (the same id, or a match); ``labels``: the topics and contexts
        (by table) those events have already.

        Only new rows are written (on DuckDB the tables of events have no key since
        schema version 5, so nothing else would stop a second copy): those of a stored
        event are left out (it has its row, its actors and its pairs, all fixed by its
        id; the topics and contexts it has), and then any row whose key (``ROW_KEYS``)
        an earlier row of the batch has (the first is kept). What is left is new: the
        documents were looked up, and every other row hangs on a new document (mentions,
        quotes), a new event, or a name of the people deleted first. The rows of
        ``events`` written."""
        events_repeat = True
        written: list[tuple[Any, ...]] = []
        # the key of each table's rows (schema.ROW_KEYS), and whether its rows of a
        # stored event are all stored (fixed by the event id) or may be new (labels)
        for table, rows, key, of_event in (
            ("documents", self.documents, _FIRST, None),
            ("events", self.events, _FIRST, "fixed"),
            ("event_actors", self.actors, itemgetter(0, 1, 2), "fixed"),
            ("mentions", self.mentions, itemgetter(0, 1, 3), None),
            ("event_topics", self.topics, itemgetter(0, 1), "labels"),
            ("event_contexts", self.contexts, itemgetter(0, 1), "labels"),
            ("quotes", self.quotes, itemgetter(0, 1), None),
            ("event_pairs", self.pairs, itemgetter(0, 1, 2), "fixed"),
            ("people_seen", self.people, _FIRST, None),
        ):
            if of_event == "fixed" and stored:
                rows = [row for row in rows if row[0] not in stored]
            elif of_event == "labels" and table in labels:
                have = labels[table]
                rows = [row for row in rows if row[0] not in stored or row[:2] not in have]
            if not rows:
                continue
            if table == "events":
                distinct = _distinct(rows, key)
                # an event's actors differ by role and position: when no event repeats,
                # none of its actors' rows do
                events_repeat = distinct is not rows
                rows = distinct
                written = rows
            elif table != "event_actors" or events_repeat:
                rows = _distinct(rows, key)
            columns, types = layout(table)
            engine.insert(table, columns, rows, types)
        return written


_FIRST = itemgetter(0)

# what ``_Rows`` looks up instead of computing again: dates' ISO forms (for the event
# id) and confidences rounded to three places, emptied when they grow past the limit
_ISO_DATES: dict[date | None, str] = {}
_ROUNDED: dict[float, float] = {}
_CACHE_LIMIT = 100_000


def _side_keys(actors: Sequence[Actor]) -> tuple[Sequence[str], str]:
    """The actors' keys (``Actor.key``, written out: this runs once a side per event of
    an ingest) and the sorted keys joined, as ``Event.event_id`` hashes them."""
    if len(actors) == 1:
        a = actors[0]
        joined = a.actor_id or f"{a.country}|{a.sector}|{a.name.lower()}"
        return (joined,), joined
    keys = [a.actor_id or f"{a.country}|{a.sector}|{a.name.lower()}" for a in actors]
    return keys, ",".join(sorted(keys))


def _distinct(rows: list[tuple[Any, ...]], key: Callable[[Any], Any]) -> list[tuple[Any, ...]]:
    """The rows without those whose ``key`` an earlier row has (``rows`` itself when
    none has)."""
    if len(set(map(key, rows))) == len(rows):
        return rows
    seen: set[Any] = set()
    kept = []
    for row in rows:
        found = key(row)
        if found not in seen:
            seen.add(found)
            kept.append(row)
    return kept


def _person_row(person: Remembered) -> tuple[Any, ...]:
    return (
        person.name,
        person.surname,
        person.role,
        person.country,
        person.sector,
        person.actor_id,
        person.first_seen,
        person.last_seen,
        person.documents,
        person.office_start,
        person.office_end,
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the block runs (as it was, after)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
