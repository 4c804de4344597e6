"""The two database engines behind ``Store``: DuckDB (an embedded file, the default) and
PostgreSQL (a server, ``postgresql://…``).

The store writes one SQL dialect, the part DuckDB and PostgreSQL share, with ``?`` for
parameters. An engine runs it, translating what differs:

* parameters: psycopg takes ``%s`` (and a literal ``%`` as ``%%``);
* column types in migrations: PostgreSQL spells DuckDB's ``DOUBLE`` ``DOUBLE PRECISION``;
* bulk rows: DuckDB reads a pandas DataFrame in place; PostgreSQL receives the rows by
  ``COPY`` into a temporary table, then ``INSERT … SELECT … ON CONFLICT DO NOTHING``;
* membership in a list of keys: ``IN (SELECT unnest(?))`` or ``= ANY(?)``;
* DataFrames: DuckDB makes them itself; from PostgreSQL they are built from the rows,
  with DATE columns as pandas datetimes as DuckDB gives them.

Transactions are explicit (``begin``/``commit``/``rollback``) on both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any, Protocol, cast
from urllib.parse import urlsplit, urlunsplit

import duckdb
import pandas as pd

from tacitus.errors import ConfigError

__all__ = ["DuckDBEngine", "Engine", "PostgresEngine", "connect", "is_server_url", "redact"]

SERVER_SCHEMES = ("postgresql", "postgres")


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

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        dates: Sequence[str],
    ) -> None: ...

    def relation(
        self, name: str, frame: pd.DataFrame, types: dict[str, str]
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
            return cls(duckdb.connect(path, read_only=read_only))
        except duckdb.Error as exc:
            raise ConfigError(f"cannot open the store {path}: {exc}") from exc

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

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        dates: Sequence[str],
    ) -> None:
        """The rows in one statement, from a DataFrame that DuckDB reads in place
        (``executemany`` costs a round trip per row)."""
        frame = pd.DataFrame.from_records(list(rows), columns=list(columns))
        for column in dates:
            frame[column] = pd.to_datetime(frame[column])
        names = ", ".join(f'"{c}"' for c in columns)
        casts = ", ".join(f'"{c}"::DATE' if c in dates else f'"{c}"' for c in columns)
        with self.relation("tacitus_rows", frame, {}):
            self.connection.execute(
                f"INSERT INTO {table} ({names}) SELECT {casts} FROM tacitus_rows "
                "ON CONFLICT DO NOTHING"
            )

    @contextmanager
    def relation(self, name: str, frame: pd.DataFrame, types: dict[str, str]) -> Iterator[None]:
        """``frame`` visible to queries as ``name`` while the block runs."""
        self.connection.register(name, frame)
        try:
            yield
        finally:
            self.connection.unregister(name)

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

    def insert(
        self,
        table: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[Any]],
        dates: Sequence[str],
    ) -> None:
        """The rows by ``COPY`` into a temporary copy of the table, then one
        ``INSERT … ON CONFLICT DO NOTHING`` (a row already stored is kept as it is)."""
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
    def relation(self, name: str, frame: pd.DataFrame, types: dict[str, str]) -> Iterator[None]:
        """``frame`` as a temporary table ``name`` (columns typed by ``types``) while the
        block runs."""
        columns = ", ".join(f'"{c}" {types.get(str(c), "VARCHAR")}' for c in frame.columns)
        self.connection.execute(f"CREATE TEMPORARY TABLE {name} ({columns})")
        try:
            names = ", ".join(f'"{c}"' for c in frame.columns)
            with (
                self.connection.cursor() as cursor,
                cursor.copy(f"COPY {name} ({names}) FROM STDIN") as copy,
            ):
                for row in frame.itertuples(index=False, name=None):
                    copy.write_row([_plain(v) for v in row])
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


def _plain(value: Any) -> Any:
    """A pandas cell as psycopg takes it (``NaT``/``NaN`` → ``None``, Timestamp → date)."""
    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value
