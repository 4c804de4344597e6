"""The store's schema, as named migrations applied in order.

Each migration has a version number, a name and SQL statements. A database records the
migrations applied to it in ``tacitus_migrations``; opening it applies the missing ones,
each in its own transaction, so a database written by an older tacitus is brought up to
date and one written by a newer tacitus (with versions this one does not know) is
refused rather than damaged. A migration is never edited once released: a change is a
new migration.

Version 5 (``unkeyed_event_tables``, DuckDB only) rebuilds ``events`` and the tables of
its rows (``event_actors``, ``mentions``, ``event_topics``, ``event_contexts``,
``event_pairs``) with every row and without primary keys, and with them the
``events_matching`` index: DuckDB keeps a key as an ART index that every insert updates,
which cost an ingest most of its time and made the file five times larger, while the
store's queries join by hashing and need none. The rows stay unique by the store's own
checks (``Store.add``: the rows of events already stored, found in one set-based query
per batch, are left out, and so are the rows that repeat a key of the batch, in the
batch's transaction; ``ROW_KEYS`` names the keys). ``documents`` keeps its key:
``Store.has`` looks a document up by it one at a time, and it guards every batch, whose
other rows all hang on new documents or new events. PostgreSQL keeps every key (a
server may have several writers): there the migration changes nothing.
Version 4 (``actor_memory``) adds ``people_seen``: the people documents named in full
with a title and a country, so that a later surname alone resolves to them
(``tacitus.actors.memory``).
Version 3 (``event_pairs``) adds ``event_pairs``, one row per source–target pair of an
event with its countries, type, status, date, quad class and score, for dyad queries.
Version 2 (``event_matching``) adds ``events.participants`` and ``events.date_inferred``
for matching one event across documents (see ``Store``).

Tables (version 1):

* ``documents`` — one row per stored document: its key (a hash of id and text, so
  that the same document read again is recognised), metadata, text and provenance;
* ``events`` — one row per event, keyed by ``event_id`` (a hash of type, mode, actors,
  date and status), so that the same event read from several documents is one row;
* ``event_actors`` — the source and target actors of each event, in order;
* ``mentions`` — every evidence sentence of every event in every document (offsets into
  that document's text), with the date expression and the attribution read there;
* ``event_topics``, ``event_contexts`` — the topics and PLOVER contexts of each event;
* ``quotes`` — quotations with their speakers;
* ``set_aside`` — inputs that were not stored, with the reason, for the record.
"""

from __future__ import annotations

from dataclasses import dataclass

ENGINES = ("duckdb", "postgresql")


@dataclass(frozen=True, slots=True)
class Migration:
    """``statements`` run in order in one transaction, on the ``engines`` named (on the
    others the migration is recorded as applied with nothing to do)."""

    version: int
    name: str
    statements: tuple[str, ...]
    engines: tuple[str, ...] = ENGINES


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial",
        (
            """
            CREATE TABLE documents (
                doc_key        VARCHAR PRIMARY KEY,
                doc_id         VARCHAR NOT NULL,
                url            VARCHAR,
                canonical_url  VARCHAR,
                title          VARCHAR,
                publisher      VARCHAR,
                author         VARCHAR,
                published      DATE,
                language       VARCHAR,
                source_path    VARCHAR,
                text           VARCHAR NOT NULL,
                contexts       VARCHAR[],
                repairs        VARCHAR[],
                removed_lines  INTEGER NOT NULL,
                duplicate_of   VARCHAR,
                duplicate_kind VARCHAR,
                similarity     DOUBLE,
                ingested_at    TIMESTAMP NOT NULL
            )
            """,
            """
            CREATE TABLE events (
                event_id          VARCHAR PRIMARY KEY,
                type              VARCHAR NOT NULL,
                mode              VARCHAR,
                status            VARCHAR NOT NULL,
                quad_class        VARCHAR,
                score             DOUBLE,
                cameo             VARCHAR,
                date              DATE,
                date_precision    VARCHAR,
                location          VARCHAR,
                location_country  VARCHAR,
                lat               DOUBLE,
                lon               DOUBLE,
                confidence        DOUBLE NOT NULL,
                first_doc_key     VARCHAR NOT NULL
            )
            """,
            """
            CREATE TABLE event_actors (
                event_id   VARCHAR NOT NULL,
                role       VARCHAR NOT NULL,
                position   INTEGER NOT NULL,
                actor_key  VARCHAR NOT NULL,
                name       VARCHAR NOT NULL,
                country    VARCHAR,
                sector     VARCHAR,
                actor_id   VARCHAR,
                kind       VARCHAR NOT NULL,
                PRIMARY KEY (event_id, role, position)
            )
            """,
            """
            CREATE TABLE mentions (
                event_id              VARCHAR NOT NULL,
                doc_key               VARCHAR NOT NULL,
                doc_id                VARCHAR NOT NULL,
                start                 INTEGER NOT NULL,
                "end"                 INTEGER NOT NULL,
                sentence              VARCHAR NOT NULL,
                trigger               VARCHAR,
                date_text             VARCHAR,
                date_from_publication BOOLEAN NOT NULL,
                attribution           VARCHAR,
                PRIMARY KEY (event_id, doc_key, start)
            )
            """,
            """
            CREATE TABLE event_topics (
                event_id VARCHAR NOT NULL,
                topic    VARCHAR NOT NULL,
                PRIMARY KEY (event_id, topic)
            )
            """,
            """
            CREATE TABLE event_contexts (
                event_id VARCHAR NOT NULL,
                context  VARCHAR NOT NULL,
                PRIMARY KEY (event_id, context)
            )
            """,
            """
            CREATE TABLE quotes (
                doc_key          VARCHAR NOT NULL,
                start            INTEGER NOT NULL,
                "end"            INTEGER NOT NULL,
                text             VARCHAR NOT NULL,
                speaker          VARCHAR,
                speaker_country  VARCHAR,
                speaker_actor_id VARCHAR,
                PRIMARY KEY (doc_key, start)
            )
            """,
            """
            CREATE TABLE set_aside (
                source      VARCHAR NOT NULL,
                reason      VARCHAR NOT NULL,
                detail      VARCHAR NOT NULL,
                recorded_at TIMESTAMP NOT NULL,
                PRIMARY KEY (source, reason, detail)
            )
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        2,
        "event_matching",
        (
            # Who took part, as one string: sorted source keys ">" sorted target keys, or
            # for symmetric types (CONSULT, AGREE, COOPERATE) all keys sorted with "=".
            "ALTER TABLE events ADD COLUMN participants VARCHAR",
            "ALTER TABLE events ADD COLUMN date_inferred BOOLEAN DEFAULT false",
            # before the updates: DuckDB builds no index over uncommitted updates
            "CREATE INDEX events_matching ON events (type, status, participants)",
            """
            UPDATE events SET participants = (
                SELECT CASE WHEN events.type IN ('CONSULT', 'AGREE', 'COOPERATE')
                    THEN '=' || coalesce(string_agg(actor_key, ',' ORDER BY actor_key), '')
                    ELSE coalesce(string_agg(actor_key, ',' ORDER BY actor_key)
                                  FILTER (WHERE role = 'source'), '')
                         || '>' ||
                         coalesce(string_agg(actor_key, ',' ORDER BY actor_key)
                                  FILTER (WHERE role = 'target'), '')
                END
                FROM event_actors a WHERE a.event_id = events.event_id
            )
            """,
            "UPDATE events SET date_inferred = EXISTS (SELECT 1 FROM mentions m "
            "WHERE m.event_id = events.event_id AND m.date_from_publication)",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        3,
        "event_pairs",
        (
            # One row per (source, target) pair of an event, with what dyad queries and
            # country filters read: they need no join of event_actors with itself.
            """
            CREATE TABLE event_pairs (
                event_id       VARCHAR NOT NULL,
                source_key     VARCHAR NOT NULL,
                target_key     VARCHAR NOT NULL,
                source_country VARCHAR,
                target_country VARCHAR,
                type           VARCHAR NOT NULL,
                status         VARCHAR NOT NULL,
                date           DATE,
                quad_class     VARCHAR,
                score          DOUBLE,
                PRIMARY KEY (event_id, source_key, target_key)
            )
            """,
            """
            INSERT INTO event_pairs
            SELECT DISTINCT e.event_id, s.actor_key, t.actor_key, s.country, t.country,
                   e.type, e.status, e.date, e.quad_class, e.score
            FROM events e
            JOIN event_actors s ON s.event_id = e.event_id AND s.role = 'source'
            JOIN event_actors t ON t.event_id = e.event_id AND t.role = 'target'
            """,
        ),
    ),
)

MIGRATIONS += (
    Migration(
        4,
        "actor_memory",
        (
            # The people documents named in full with a title and a country, for the
            # actor memory across documents (tacitus.actors.memory): one row per name.
            """
            CREATE TABLE people_seen (
                name         VARCHAR PRIMARY KEY,
                surname      VARCHAR NOT NULL,
                role         VARCHAR,
                country      VARCHAR,
                sector       VARCHAR,
                actor_id     VARCHAR,
                first_seen   DATE NOT NULL,
                last_seen    DATE NOT NULL,
                documents    INTEGER NOT NULL,
                office_start DATE,
                office_end   DATE
            )
            """,
            "CREATE INDEX people_seen_surname ON people_seen (surname)",
        ),
    ),
)


def _unkeyed(table: str, columns: str) -> tuple[str, ...]:
    """``table`` rebuilt with ``columns`` (its columns in their order, without the primary
    key) and every row it holds, in one transaction with the other statements: a new
    table, its rows copied, the old one dropped (its indexes with it), the new renamed."""
    names = ", ".join(line.split()[0] for line in columns.strip().splitlines() if line.strip())
    return (
        f"CREATE TABLE tacitus_unkeyed_{table} ({columns})",
        f"INSERT INTO tacitus_unkeyed_{table} ({names}) SELECT {names} FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE tacitus_unkeyed_{table} RENAME TO {table}",
    )


MIGRATIONS += (
    Migration(
        5,
        "unkeyed_event_tables",
        _unkeyed(
            "events",
            """
            event_id          VARCHAR NOT NULL,
            type              VARCHAR NOT NULL,
            mode              VARCHAR,
            status            VARCHAR NOT NULL,
            quad_class        VARCHAR,
            score             DOUBLE,
            cameo             VARCHAR,
            date              DATE,
            date_precision    VARCHAR,
            location          VARCHAR,
            location_country  VARCHAR,
            lat               DOUBLE,
            lon               DOUBLE,
            confidence        DOUBLE NOT NULL,
            first_doc_key     VARCHAR NOT NULL,
            participants      VARCHAR,
            date_inferred     BOOLEAN DEFAULT false
            """,
        )
        + _unkeyed(
            "event_actors",
            """
            event_id   VARCHAR NOT NULL,
            role       VARCHAR NOT NULL,
            position   INTEGER NOT NULL,
            actor_key  VARCHAR NOT NULL,
            name       VARCHAR NOT NULL,
            country    VARCHAR,
            sector     VARCHAR,
            actor_id   VARCHAR,
            kind       VARCHAR NOT NULL
            """,
        )
        + _unkeyed(
            "mentions",
            """
            event_id              VARCHAR NOT NULL,
            doc_key               VARCHAR NOT NULL,
            doc_id                VARCHAR NOT NULL,
            start                 INTEGER NOT NULL,
            "end"                 INTEGER NOT NULL,
            sentence              VARCHAR NOT NULL,
            trigger               VARCHAR,
            date_text             VARCHAR,
            date_from_publication BOOLEAN NOT NULL,
            attribution           VARCHAR
            """,
        )
        + _unkeyed(
            "event_topics",
            """
            event_id VARCHAR NOT NULL,
            topic    VARCHAR NOT NULL
            """,
        )
        + _unkeyed(
            "event_contexts",
            """
            event_id VARCHAR NOT NULL,
            context  VARCHAR NOT NULL
            """,
        )
        + _unkeyed(
            "event_pairs",
            """
            event_id       VARCHAR NOT NULL,
            source_key     VARCHAR NOT NULL,
            target_key     VARCHAR NOT NULL,
            source_country VARCHAR,
            target_country VARCHAR,
            type           VARCHAR NOT NULL,
            status         VARCHAR NOT NULL,
            date           DATE,
            quad_class     VARCHAR,
            score          DOUBLE
            """,
        ),
        engines=("duckdb",),
    ),
)

# What identifies a row of each table: the primary key of version 4. On DuckDB since
# version 5 only ``documents``, ``quotes``, ``set_aside`` and ``people_seen`` declare
# theirs; the store keeps the others unique itself (``Store.add``), and the tests check
# that it does (``tests/test_store.py``).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_key",),
    "events": ("event_id",),
    "event_actors": ("event_id", "role", "position"),
    "mentions": ("event_id", "doc_key", "start"),
    "event_topics": ("event_id", "topic"),
    "event_contexts": ("event_id", "context"),
    "quotes": ("doc_key", "start"),
    "event_pairs": ("event_id", "source_key", "target_key"),
    "set_aside": ("source", "reason", "detail"),
    "people_seen": ("name",),
}

SCHEMA_VERSION = MIGRATIONS[-1].version
