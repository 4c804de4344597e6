"""Shared fixtures: one Pipeline per test session, and the ../shared data when present."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tacitus import Pipeline, Settings

from . import pgserver

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TACITUS_SHARED", REPO.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (set TACITUS_SHARED to the shared data folder)")
    return path


@pytest.fixture(scope="session")
def pipeline() -> Iterator[Pipeline]:
    yield Pipeline(Settings())


@pytest.fixture(scope="session")
def nlp(pipeline: Pipeline):  # type: ignore[no-untyped-def]
    return pipeline.nlp


@pytest.fixture(scope="session")
def postgres() -> Iterator[pgserver.Server]:
    """A real PostgreSQL server (``tests/pgserver.py``): skipped when none can be had,
    unless TACITUS_REQUIRE_POSTGRES is set (as in CI), where that is a failure."""
    try:
        server = pgserver.start()
    except pgserver.Unavailable as exc:
        if os.environ.get(pgserver.ENV_REQUIRED):
            pytest.fail(f"PostgreSQL is required here but unavailable: {exc}")
        pytest.skip(f"no PostgreSQL server for the store tests: {exc}")
    yield server
    server.stop()


ENGINES = ("duckdb", "postgresql")


class Databases:
    """New, empty stores on one engine: DuckDB files or PostgreSQL databases."""

    def __init__(self, engine: str, folder: Path, server: pgserver.Server | None) -> None:
        self.engine = engine
        self.folder = folder
        self.server = server

    def new(self, name: str = "store") -> str:
        """The location of a new store (``--db`` for the CLI, ``Store.open``)."""
        unique = f"t_{name}_{uuid.uuid4().hex[:10]}"
        if self.server is None:
            return str(self.folder / f"{unique}.duckdb")
        return pgserver.create_database(self.server, unique)


@pytest.fixture(scope="module", params=ENGINES)
def databases(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Databases:
    """Run a module's store tests on each engine (``test_x[duckdb]``,
    ``test_x[postgresql]``)."""
    server = request.getfixturevalue("postgres") if request.param == "postgresql" else None
    return Databases(request.param, tmp_path_factory.mktemp(request.param), server)
