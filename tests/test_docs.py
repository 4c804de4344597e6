"""Docs that test themselves: a command, option, setting, data file or trigger role that
is added without being documented fails here, naming what is missing and where."""

from __future__ import annotations

import dataclasses
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer

from tacitus.cli import app
from tacitus.evaluate import load_gold
from tacitus.events import triggers
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


# Recent typer releases vendor their own copy of click, so the objects below are checked
# by what they have (``commands``, ``params``, ``param_type_name``), not by click classes.
def commands() -> dict[str, Any]:
    group = typer.main.get_command(app)
    found = getattr(group, "commands", None)
    assert found, "typer.main.get_command(tacitus.cli.app) is not a group of commands"
    return dict(found)


def option_flags(command: Any) -> list[str]:
    return [
        flag
        for param in command.params
        if param.param_type_name == "option"
        for flag in (*param.opts, *param.secondary_opts)
        if flag.startswith("--")
    ]


def arguments(command: Any) -> list[str]:
    return [
        (param.name or "").upper()
        for param in command.params
        if param.param_type_name == "argument"
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


# Folders whose every file shares one format are documented by the folder's name.
DATA_FOLDERS = ("events/triggers/",)


def documented_name(relative: str) -> str:
    folder = next((f for f in DATA_FOLDERS if relative.startswith(f)), None)
    return folder if folder is not None else Path(relative).name


@pytest.mark.parametrize("relative", DATA_FILES)
def test_every_data_file_is_in_the_architecture(relative: str) -> None:
    name = documented_name(relative)
    assert mentions(read(REPO / "ARCHITECTURE.md"), name), (
        f"data file src/tacitus/data/{relative} is not named in ARCHITECTURE.md"
    )


@pytest.mark.parametrize("relative", DATA_FILES)
def test_every_data_file_has_a_format_page(relative: str) -> None:
    name = documented_name(relative)
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


# -- examples in the docs ----------------------------------------------------------------------------
DOC_PAGES = sorted([*DOCS.glob("*.md"), *DATA_DOCS.glob("*.md")])
FENCE = re.compile(r"^( *)```(\w+)\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def code_blocks(page: Path, language: str) -> list[str]:
    """The ``language`` fenced blocks of ``page``, with their indentation removed."""
    blocks = []
    for indent, lang, body in FENCE.findall(read(page)):
        if lang == language:
            blocks.append("".join(line[len(indent) :] for line in body.splitlines(True)))
    return blocks


def where(page: Path) -> str:
    return page.relative_to(REPO).as_posix() if page.is_relative_to(REPO) else str(page)


@pytest.mark.parametrize("page", DOC_PAGES, ids=where)
def test_toml_examples_parse(page: Path) -> None:
    for block in code_blocks(page, "toml"):
        try:
            tomllib.loads(block)
        except tomllib.TOMLDecodeError as exc:
            pytest.fail(f"{where(page)}: a toml example does not parse ({exc}):\n{block}")


@pytest.mark.parametrize("page", DOC_PAGES, ids=where)
def test_json_examples_parse(page: Path) -> None:
    for block in code_blocks(page, "json"):
        # a block of gold lines is JSON Lines; any other block is one JSON value
        jsonl = block.lstrip().startswith('{"id"')
        texts = [line for line in block.splitlines() if line.strip()] if jsonl else [block]
        for text in texts:
            try:
                json.loads(text)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{where(page)}: a json example does not parse ({exc}):\n{text}")


def test_gold_example_in_eval_md_is_valid_gold(tmp_path: Path) -> None:
    lines = [
        line
        for block in code_blocks(DOCS / "eval.md", "json")
        for line in block.splitlines()
        if line.startswith('{"id"')
    ]
    assert lines, "docs/eval.md has no example gold lines"
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents = load_gold(gold)  # raises ConfigError naming the bad line
    assert len(documents) == len(lines)
    assert {d.actor_labels for d in documents} == {True, False}, (
        "docs/eval.md should show a document with actor labels and one with types only"
    )


def test_settings_example_names_real_settings() -> None:
    for block in code_blocks(DOCS / "settings.md", "toml"):
        table = tomllib.loads(block).get("tacitus", {})
        Settings().with_overrides(table)  # ConfigError names an unknown or bad setting


def test_trigger_examples_are_valid_triggers(monkeypatch: pytest.MonkeyPatch) -> None:
    examples = [
        table
        for block in code_blocks(DATA_DOCS / "triggers.md", "toml")
        for table in tomllib.loads(block).get("trigger", [])
    ]
    assert examples, "docs/data-files/triggers.md shows no [[trigger]] example"
    monkeypatch.setattr(triggers, "trigger_tables", lambda: examples)
    # the uncached loader: the real validation (type, mode, roles), without touching the
    # cached trigger set of the bundled file
    loaded = triggers.load_triggers.__wrapped__()
    assert {rule.id for rules in loaded.by_lemma.values() for rule in rules} == {
        table["id"] for table in examples
    }
