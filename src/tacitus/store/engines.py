"""The two database engines behind ``Store``: DuckDB (an embedded file, the default) and
PostgreSQL (a server, ``postgresql://…``).

The store writes one SQL dialect, the part DuckDB and PostgreSQL share, with ``?`` for
parameters. An engine runs it, translating what differs:

* parameters: psycopg takes ``%s`` (and a literal ``%`` as ``%%``);
* column types in migrations: PostgreSQL spells DuckDB's ``DOUBLE`` ``DOUBLE PRECISION``;
* bulk rows: DuckDB reads them column by column from NumPy arrays in place (no pandas
  frame: building one costs more than the insert; dates as day numbers, which it reads
  natively, rather than ``date`` objects, which cost it four times as much) and inserts
  them as they are, the store having checked them; PostgreSQL receives them by ``COPY``
  into a temporary table, then ``INSERT … SELECT … ON CONFLICT DO NOTHING``;
* membership in a list of keys: ``IN (SELECT unnest(?))`` or ``= ANY(?)``;
* DataFrames: DuckDB makes them itself; from PostgreSQL they are built from the rows,
  with DATE columns as pandas datetimes as DuckDB gives them.

Transactions are explicit (``begin``/``commit``/``rollback``) on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from datetime import date
from typing import Any, Protocol, cast
from urllib.parse import urlsplit, urlunsplit

import duckdb
import numpy as np
import pandas as pd

from tacitus.errors import ConfigError

__all__ = ["DuckDBEngine", "Engine", "PostgresEngine", "connect", "is_server_url", "redact"]

SERVER_SCHEMES = ("postgresql", "postgres")
# DuckDB's log size that starts a checkpoint while the store adds documents (its default
# is 16 MB): see DuckDBEngine.bulk
BULK_CHECKPOINT = "1GB"


def is_server_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL server rather than a DuckDB file."""
    return location.split("://", 1)[0].lower() in SERVER_SCHEMES and "://" in location


def redact(location: str) -> str:
    """``location`` with any password replaced by ``***`` (for messages)."""
    if not is_server_url(location):
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


class Result(Protocol):
    """What ``Engine.execute`` returns: a cursor over the rows."""

    @property
    def description(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchone(self) -> Any: ...


class Engine(Protocol):
    """A connection to one database, in the store's dialect."""

    name: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result: ...

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    def ddl(self, statement: str) -> str: ...

    def begin(self) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def in_list(self, column: str) -> str: ...

    def bulk(self) -> AbstractContextManager[None]: ...

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        types: Mapping[str, str],
    ) -> None: ...

    def relation(
        self, name: str, columns: Mapping[str, Sequence[Any]], types: Mapping[str, str]
    ) -> AbstractContextManager[None]: ...

    def frame(self, sql: str, params: Sequence[Any], library: str) -> Any: ...

    def close(self) -> None: ...


def connect(location: str, *, read_only: bool = False) -> DuckDBEngine | PostgresEngine:
    """The engine for ``location``: a PostgreSQL URL or a DuckDB file (``:memory:``)."""
    if is_server_url(location):
        return PostgresEngine.connect(location, read_only=read_only)
    return DuckDBEngine.connect(location, read_only=read_only)


def _check_library(library: str) -> None:
    if library not in ("pandas", "polars"):
        raise ValueError(f"library must be 'pandas' or 'polars', not {library!r}")


class DuckDBEngine:
    """An embedded DuckDB database (a file, or ``:memory:``)."""

    name = "duckdb"

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    @classmethod
    def connect(cls, path: str, *, read_only: bool = False) -> DuckDBEngine:
        try:
            connection = duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            raise ConfigError(f"cannot open the store {path}: {exc}") from exc
        # DuckDB draws a progress bar on standard output for statements over two
        # seconds (a large ingest's checkpoint, a query over millions of events), even
        # into a pipe: it would land in the JSON lines `tacitus events` writes there
        connection.execute("SET enable_progress_bar = false")
        return cls(connection)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        return self.connection.execute(sql, list(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.connection.executemany(sql, [list(r) for r in rows])

    def ddl(self, statement: str) -> str:
        return statement

    def begin(self) -> None:
        self.connection.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        self.connection.execute("ROLLBACK")

    def in_list(self, column: str) -> str:
        return f"{column} IN (SELECT unnest(?))"

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many write transactions in a row (``Store.add``): DuckDB folds its log into the
        file (a checkpoint) once, when the block ends, instead of after every commit that
        takes the log past 16 MB (each batch of a large ingest). A checkpoint writes the
        tables' indexes whole, so one a batch makes an ingest slower the more is stored.
        Every commit still writes and syncs the log: a killed run loses no committed
        batch (opening the store again replays the log)."""
        (before,) = self.connection.execute(
            "SELECT current_setting('checkpoint_threshold')"
        ).fetchone() or ("16MB",)
        self.connection.execute(f"SET checkpoint_threshold = '{BULK_CHECKPOINT}'")
        try:
            yield
        finally:
            self.connection.execute(f"SET checkpoint_threshold = '{before}'")
        # fails while another connection's transaction is open: DuckDB checkpoints later
        with suppress(duckdb.Error):
            self.connection.execute("CHECKPOINT")

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        types: Mapping[str, str],
    ) -> None:
        """The rows in one statement, read in place from one NumPy array per column
        (``executemany`` costs a round trip per row, a pandas frame more than the insert).
        ``types``: the table's column types, by column. The rows go in as they are: the
        store has left out those it holds already and those that repeat another (the
        tables of events have no key to check them against since schema version 5;
        a row that repeats the key of a table that has one is an error)."""
        if not rows:
            return
        data = dict(zip(columns, zip(*rows, strict=True), strict=True))
        names = ", ".join(f'"{c}"' for c in columns)
        with self.relation("tacitus_rows", data, types):
            self.connection.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} FROM tacitus_rows"
            )

    @contextmanager
    def relation(
        self, name: str, columns: Mapping[str, Sequence[Any]], types: Mapping[str, str]
    ) -> Iterator[None]:
        """``columns`` (values by column name) visible to queries as ``name`` while the
        block runs: DuckDB scans the arrays in place. A DATE column is passed as day
        numbers (``date.toordinal()``, 0 for none) and read back as DATE."""
        dates = {c for c in columns if _kind(types.get(c)) == "DATE"}
        arrays = {
            c: _ordinals(values) if c in dates else _array(values, types.get(c))
            for c, values in columns.items()
        }
        registered = [name]
        if dates:
            # the arrays under another name, and under ``name`` a relation that reads
            # the day numbers as dates
            registered.insert(0, f"{name}_columns")
            self.connection.register(registered[0], arrays)
            select = ", ".join(
                f'CASE WHEN "{c}" > 0 THEN DATE \'0001-01-01\' + ("{c}" - 1) END AS "{c}"'
                if c in dates
                else f'"{c}"'
                for c in columns
            )
            self.connection.register(
                name, self.connection.sql(f"SELECT {select} FROM {registered[0]}")
            )
        else:
            self.connection.register(name, arrays)
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            for registration in reversed(registered):
                # after a failed statement DuckDB refuses everything until a rollback,
                # unregistering too: that must not hide the failure (registering the
                # name again replaces what is left)
                try:
                    self.connection.unregister(registration)
                except duckdb.Error:
                    if not failed:
                        raise

    def frame(self, sql: str, params: Sequence[Any], library: str) -> Any:
        _check_library(library)
        result = self.connection.execute(sql, list(params))
        if library == "pandas":
            return result.df()
        return _polars(result)

    def close(self) -> None:
        self.connection.close()


_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|\?|%")


def to_pyformat(sql: str) -> str:
    """The store's SQL with psycopg's placeholders: ``?`` outside quotes becomes ``%s``
    and every ``%`` becomes ``%%``."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        return token.replace("%", "%%")

    return _TOKENS.sub(replace, sql)


_DOUBLE = re.compile(r"\bDOUBLE\b(?!\s+PRECISION)")


class PostgresEngine:
    """A PostgreSQL database on a server (psycopg 3, autocommit with explicit
    transactions)."""

    name = "postgresql"

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._sql: dict[str, str] = {}

    @classmethod
    def connect(cls, url: str, *, read_only: bool = False) -> PostgresEngine:
        try:
            import psycopg
        except ImportError as exc:
            raise ConfigError(
                "a PostgreSQL store needs psycopg: pip install 'tacitus[postgresql]'"
            ) from exc
        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise ConfigError(f"cannot open the store {redact(url)}: {exc}".strip()) from exc
        if read_only:
            connection.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return cls(connection)

    def _translate(self, sql: str) -> str:
        found = self._sql.get(sql)
        if found is None:
            found = self._sql[sql] = to_pyformat(sql)
        return found

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Result:
        return cast(Result, self.connection.execute(self._translate(sql), list(params)))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self._translate(sql), [list(r) for r in rows])

    def ddl(self, statement: str) -> str:
        return _DOUBLE.sub("DOUBLE PRECISION", statement)

    def begin(self) -> None:
        self.connection.execute("BEGIN")

    def commit(self) -> None:
        self.connection.execute("COMMIT")

    def rollback(self) -> None:
        self.connection.execute("ROLLBACK")

    def in_list(self, column: str) -> str:
        return f"{column} = ANY(?)"

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Many write transactions in a row: nothing to change on a server."""
        yield

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        types: Mapping[str, str],
    ) -> None:
        """The rows by ``COPY`` into a temporary copy of the table, then one
        ``INSERT … ON CONFLICT DO NOTHING``: the store has left out the rows it holds
        already, but another client may be writing the same rows, and the tables keep
        their primary keys here (the check costs little)."""
        if not rows:
            return
        staging = f"tacitus_rows_{table}"
        names = ", ".join(f'"{c}"' for c in columns)
        self.connection.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} (LIKE {table} INCLUDING DEFAULTS)"
        )
        try:
            with self.connection.cursor() as cursor:
                with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                cursor.execute(
                    f"INSERT INTO {table} ({names}) SELECT {names} FROM {staging} "
                    "ON CONFLICT DO NOTHING"
                )
        finally:
            self.connection.execute(f"TRUNCATE {staging}")

    @contextmanager
    def relation(
        self, name: str, columns: Mapping[str, Sequence[Any]], types: Mapping[str, str]
    ) -> Iterator[None]:
        """``columns`` (values by column name) as a temporary table ``name`` (columns
        typed by ``types``, VARCHAR otherwise) while the block runs."""
        declared = ", ".join(f'"{c}" {types.get(c, "VARCHAR")}' for c in columns)
        self.connection.execute(f"CREATE TEMPORARY TABLE {name} ({declared})")
        try:
            names = ", ".join(f'"{c}"' for c in columns)
            with (
                self.connection.cursor() as cursor,
                cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy,
            ):
                for row in zip(*columns.values(), strict=True):
                    copy.write_row(row)
            yield
        finally:
            self.connection.execute(f"DROP TABLE IF EXISTS {name}")

    def frame(self, sql: str, params: Sequence[Any], library: str) -> Any:
        """The query's rows as a DataFrame; DATE columns as datetimes (as from DuckDB)."""
        _check_library(library)
        cursor = self.connection.execute(self._translate(sql), list(params))
        if library == "polars":
            return _polars(cursor)
        names = [d.name for d in cursor.description or []]
        rows = cursor.fetchall()
        frame = pd.DataFrame.from_records(rows, columns=names)
        for column in names:
            values = [v for v in frame[column] if v is not None]
            if values and all(isinstance(v, date) for v in values):
                frame[column] = pd.to_datetime(frame[column])
        return frame

    def close(self) -> None:
        self.connection.close()


def _polars(result: Result) -> Any:
    """The rows as a polars DataFrame, built from Python values (pyarrow, which polars
    needs to convert from pandas, is not a dependency)."""
    try:
        import polars as pl
    except ImportError as exc:
        raise ConfigError("polars frames need polars: pip install polars") from exc
    names = [d[0] for d in result.description or []]
    return pl.DataFrame(result.fetchall(), schema=names, orient="row", infer_schema_length=None)


def _kind(sql_type: str | None) -> str:
    """A column type as the store names it in its migrations (``DOUBLE``, ``DATE``, …),
    from DuckDB's or PostgreSQL's spelling of it."""
    kind = (sql_type or "").upper()
    return "DOUBLE" if kind in ("DOUBLE PRECISION", "FLOAT8") else kind


def _array(values: Sequence[Any], sql_type: str | None) -> np.ndarray[Any, Any]:
    """One column for DuckDB to scan: DOUBLE as ``float64`` (``None`` is NaN, which
    DuckDB reads as NULL, as from a pandas frame), INTEGER without ``None`` as ``int64``,
    anything else as Python objects, whose type DuckDB finds itself (strings, numbers,
    booleans, dates, lists)."""
    kind = _kind(sql_type)
    if kind in _NUMBERS:
        try:
            return np.array(values, dtype=_NUMBERS[kind])
        except (TypeError, ValueError, OverflowError):
            pass
    # fromiter: a list in a cell (VARCHAR[]) stays one cell
    return np.fromiter(values, dtype=object, count=len(values))


_NUMBERS: dict[str, type[np.generic]] = {
    "DOUBLE": np.float64,
    "INTEGER": np.int64,
    "BIGINT": np.int64,
}


def _ordinals(values: Sequence[Any]) -> np.ndarray[Any, Any]:
    """Dates as day numbers (``date.toordinal()``; 0 for none), which DuckDB reads four
    times faster than ``date`` objects."""
    return np.fromiter(
        (0 if day is None else day.toordinal() for day in values), dtype=np.int32, count=len(values)
    )
