"""Access to the package's data files (through importlib.resources, never by path)."""

from __future__ import annotations

import csv
import io
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from tacitus.errors import ConfigError


def read_text(relative: str) -> str:
    """The text of ``tacitus/data/<relative>``."""
    try:
        node = resources.files("tacitus").joinpath("data")
        for part in relative.split("/"):
            node = node.joinpath(part)
        return node.read_text("utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"package data file {relative!r} is missing") from exc


def list_files(relative_dir: str, suffix: str) -> list[str]:
    """Relative names of the package data files in a folder, sorted."""
    node = resources.files("tacitus").joinpath("data")
    for part in relative_dir.split("/"):
        node = node.joinpath(part)
    return sorted(
        f"{relative_dir}/{entry.name}"
        for entry in node.iterdir()
        if entry.is_file() and entry.name.endswith(suffix)
    )


def read_toml(relative: str) -> dict[str, Any]:
    try:
        return tomllib.loads(read_text(relative))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"package data file {relative!r}: {exc}") from exc


def iter_tsv(text: str, *, name: str, header: list[str]) -> Iterator[dict[str, str]]:
    """Rows of a tab-separated file with ``#`` comments, checked against ``header``."""
    numbered = [
        (n, line)
        for n, line in enumerate(io.StringIO(text), start=1)
        if line.strip() and not line.startswith("#")
    ]
    rows = csv.reader((line for _, line in numbered), delimiter="\t", quoting=csv.QUOTE_NONE)
    found = next(rows, None)
    if found is None or [h.strip() for h in found] != header:
        raise ConfigError(f"{name}: header must be {' '.join(header)!r}, found {found!r}")
    for (lineno, _), row in zip(numbered[1:], rows, strict=True):
        if len(row) < len(header):
            row = row + [""] * (len(header) - len(row))
        if len(row) > len(header):
            raise ConfigError(f"{name}: line {lineno} has {len(row)} fields, not {len(header)}")
        yield {h: v.strip() for h, v in zip(header, row, strict=True)}


def read_tsv(relative: str, header: list[str]) -> list[dict[str, str]]:
    return list(iter_tsv(read_text(relative), name=relative, header=header))


def read_user_tsv(path: str | Path, header: list[str]) -> list[dict[str, str]]:
    file = Path(path)
    try:
        text = file.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {file}: {exc}") from exc
    return list(iter_tsv(text, name=str(file), header=header))
