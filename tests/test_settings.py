"""Settings: defaults < file < environment < explicit overrides; bad values are errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.errors import ConfigError
from tacitus.settings import Settings, describe


def test_defaults() -> None:
    settings = Settings.load(environ={}, path=None)
    assert settings.n_process == 1
    assert settings.on_error == "skip"


def test_priority_file_env_override(tmp_path: Path) -> None:
    file = tmp_path / "tacitus.toml"
    file.write_text('[tacitus]\nn_process = 2\nbatch_size = 8\non_error = "raise"\n')
    settings = Settings.load({"batch_size": 4}, environ={"TACITUS_N_PROCESS": "3"}, path=file)
    assert settings.n_process == 3  # env beats file
    assert settings.batch_size == 4  # override beats file
    assert settings.on_error == "raise"  # file beats default


def test_settings_file_from_environment(tmp_path: Path) -> None:
    file = tmp_path / "custom.toml"
    file.write_text("[tacitus]\nkeep_boilerplate = true\n")
    settings = Settings.load(environ={"TACITUS_SETTINGS": str(file)})
    assert settings.keep_boilerplate is True


def test_tuple_setting_from_environment(tmp_path: Path) -> None:
    settings = Settings.load(environ={"TACITUS_ACTOR_FILES": f"{tmp_path}/a.tsv:{tmp_path}/b.tsv"})
    assert settings.actor_files == (f"{tmp_path}/a.tsv", f"{tmp_path}/b.tsv")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"n_process": 0}, "n_process"),
        ({"n_process": "many"}, "n_process"),
        ({"on_error": "ignore"}, "on_error"),
        ({"keep_boilerplate": "perhaps"}, "keep_boilerplate"),
        ({"colour": "blue"}, "unknown setting"),
    ],
)
def test_bad_values(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.load(overrides, environ={})


def test_missing_or_broken_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.load(environ={}, path=tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[tacitus\n")
    with pytest.raises(ConfigError, match="cannot read"):
        Settings.load(environ={}, path=broken)


def test_settings_are_frozen() -> None:
    settings = Settings()
    with pytest.raises(AttributeError):
        settings.n_process = 2  # type: ignore[misc]


def test_every_setting_has_help() -> None:
    for name, _default, help_text in describe():
        assert help_text, name
