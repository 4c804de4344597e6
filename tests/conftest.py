"""Shared fixtures: one Pipeline per test session, and the ../shared data when present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tacitus import Pipeline, Settings

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
