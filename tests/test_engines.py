"""The engine layer's translation of the store's SQL, and its handling of locations."""

from __future__ import annotations

import pytest

from tacitus.errors import ConfigError
from tacitus.store import Store
from tacitus.store.engines import PostgresEngine, is_server_url, redact, to_pyformat


def test_placeholders_become_pyformat_outside_quotes_only() -> None:
    sql = "SELECT coalesce(x, '?'), '50%' FROM t WHERE a = ? AND b ILIKE ? AND \"c?\" = ?"
    assert to_pyformat(sql) == (
        "SELECT coalesce(x, '?'), '50%%' FROM t WHERE a = %s AND b ILIKE %s AND \"c?\" = %s"
    )
    assert to_pyformat("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', %s"


def test_doubles_are_spelled_for_postgresql() -> None:
    engine = PostgresEngine(connection=None)
    assert engine.ddl("score DOUBLE, lat DOUBLE PRECISION, doubled VARCHAR") == (
        "score DOUBLE PRECISION, lat DOUBLE PRECISION, doubled VARCHAR"
    )


@pytest.mark.parametrize(
    ("location", "server"),
    [
        ("postgresql://u@h/db", True),
        ("postgres://u:p@h:5432/db?sslmode=require", True),
        ("POSTGRESQL://h/db", True),
        ("tacitus.duckdb", False),
        ("postgresql.duckdb", False),
        (":memory:", False),
    ],
)
def test_server_urls_are_told_from_files(location: str, server: bool) -> None:
    assert is_server_url(location) is server


def test_passwords_never_reach_messages() -> None:
    url = "postgresql://analyst:s3cret@db.example.org:5432/events"
    assert redact(url) == "postgresql://analyst:***@db.example.org:5432/events"
    assert redact("postgresql://analyst@db/events") == "postgresql://analyst@db/events"
    with pytest.raises(ConfigError) as raised:
        Store.open("postgresql://analyst:s3cret@127.0.0.1:1/events")
    assert "s3cret" not in str(raised.value) and "127.0.0.1:1" in str(raised.value)
