"""Docs that test themselves: a command, option, setting, data file or trigger role that
is added without being documented fails here, naming what is missing and where."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import click
import pytest
import typer

from tacitus.cli import app
from tacitus.events.triggers import ROLES
from tacitus.settings import ENV_PREFIX, Settings

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
DATA = REPO / "src" / "tacitus" / "data"
DATA_DOCS = DOCS / "data-files"


def read(path: Path) -> str:
    assert path.is_file(), f"{path.relative_to(REPO)} is missing"
    return path.read_text(encoding="utf-8")


def mentions(text: str, word: str) -> bool:
    """``word`` occurs in ``text`` as a whole token (``--all`` does not count in ``--all-x``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    assert isinstance(group, click.Group)
    return dict(group.commands)


def option_flags(command: click.Command) -> list[str]:
    return [
        flag
        for param in command.params
        if isinstance(param, click.Option)
        for flag in (*param.opts, *param.secondary_opts)
        if flag.startswith("--")
    ]


def arguments(command: click.Command) -> list[str]:
    return [
        (param.name or "").upper() for param in command.params if isinstance(param, click.Argument)
    ]


# -- CLI -------------------------------------------------------------------------------------------
def test_the_cli_has_commands() -> None:
    assert {"code", "eval", "version"} <= set(commands())


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_is_documented(name: str) -> None:
    cli_md = read(DOCS / "cli.md")
    assert f"tacitus {name}" in cli_md, f"command `tacitus {name}` is not documented in docs/cli.md"


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_option_and_argument_is_documented(name: str) -> None:
    cli_md = read(DOCS / "cli.md")
    command = commands()[name]
    missing = [flag for flag in option_flags(command) if not mentions(cli_md, flag)]
    missing += [arg for arg in arguments(command) if not mentions(cli_md, arg)]
    assert not missing, f"`tacitus {name}`: {', '.join(missing)} not documented in docs/cli.md"


# -- settings --------------------------------------------------------------------------------------
SETTINGS = [field.name for field in dataclasses.fields(Settings)]


def test_settings_has_fields() -> None:
    assert SETTINGS


@pytest.mark.parametrize("name", SETTINGS)
def test_every_setting_is_documented(name: str) -> None:
    settings_md = read(DOCS / "settings.md")
    env = ENV_PREFIX + name.upper()
    missing = [word for word in (name, env) if not mentions(settings_md, word)]
    assert not missing, f"setting {name!r}: {', '.join(missing)} not documented in docs/settings.md"


# -- data files ------------------------------------------------------------------------------------
DATA_FILES = sorted(
    path.relative_to(DATA).as_posix()
    for path in DATA.rglob("*")
    if path.is_file()
    and path.name != "README.md"
    and "__pycache__" not in path.parts
    and not path.name.startswith(".")
)


def test_there_are_data_files() -> None:
    assert DATA_FILES


@pytest.mark.parametrize("relative", DATA_FILES)
def test_every_data_file_is_in_the_architecture(relative: str) -> None:
    name = Path(relative).name
    assert mentions(read(REPO / "ARCHITECTURE.md"), name), (
        f"data file src/tacitus/data/{relative} is not named in ARCHITECTURE.md"
    )


@pytest.mark.parametrize("relative", DATA_FILES)
def test_every_data_file_has_a_format_page(relative: str) -> None:
    name = Path(relative).name
    pages = sorted(DATA_DOCS.glob("*.md"))
    assert any(mentions(read(page), name) for page in pages), (
        f"data file src/tacitus/data/{relative} is not documented in any docs/data-files/*.md"
    )


def test_architecture_points_to_existing_doc_pages() -> None:
    for source in ("ARCHITECTURE.md", "README.md", "src/tacitus/data/README.md"):
        text = read(REPO / source)
        for page in sorted(set(re.findall(r"docs/[\w./-]*\w", text))):
            assert (REPO / page).exists(), f"{source} refers to {page}, which does not exist"


# -- trigger roles ---------------------------------------------------------------------------------
@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_trigger_role_is_documented(role: str) -> None:
    triggers_md = read(DATA_DOCS / "triggers.md")
    assert f"`{role}`" in triggers_md, (
        f"argument role {role!r} (tacitus.events.triggers.ROLES) is not documented "
        "as `" + role + "` in docs/data-files/triggers.md"
    )
