"""One frozen Settings object, built from defaults < file < environment < explicit overrides.

Every option is defined once, here, with its default and help text; the CLI, the
environment (``TACITUS_<NAME>``) and the settings file (``tacitus.toml`` in the working
directory, or the file named by ``TACITUS_SETTINGS``, with a ``[tacitus]`` table) only
override values.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tacitus.errors import ConfigError

ENV_PREFIX = "TACITUS_"
DEFAULT_FILE = "tacitus.toml"


@dataclass(frozen=True, slots=True)
class Settings:
    spacy_model: str = field(
        default="",
        metadata={"help": "spaCy pipeline to load; empty picks the first English one installed"},
    )
    n_process: int = field(default=1, metadata={"help": "processes that parse and code"})
    batch_size: int = field(default=32, metadata={"help": "documents per nlp.pipe batch"})
    on_error: str = field(
        default="skip",
        metadata={"help": "'skip' rejects a failing document and goes on; 'raise' stops"},
    )
    max_bytes: int = field(
        default=20_000_000, metadata={"help": "inputs larger than this are rejected"}
    )
    min_text_chars: int = field(
        default=40, metadata={"help": "documents with less article text are rejected"}
    )
    columns: str = field(
        default="",
        metadata={
            "help": "JSONL/CSV column mapping FIELD=COLUMN,… for the fields id, text, html, "
            "url, title, publisher, author, published (default: each field's own name)"
        },
    )
    languages: tuple[str, ...] = field(
        default=("en",),
        metadata={
            "help": "languages coded (ISO 639-1); a document found to be in another one is "
            "set aside; empty turns the check off"
        },
    )
    language_min_probability: float = field(
        default=0.9,
        metadata={"help": "set a document aside only when its language is this sure"},
    )
    deduplicate: bool = field(
        default=True,
        metadata={"help": "link exact and near-duplicate documents to the first one, uncoded"},
    )
    near_duplicate: float = field(
        default=0.7,
        metadata={
            "help": "word 5-gram Jaccard similarity (MinHash) from which a document is a near-"
            "duplicate of an earlier one; 1 finds exact duplicates only"
        },
    )
    store_batch: int = field(
        default=50,
        metadata={
            "help": "documents written to the store per transaction (a killed run loses at "
            "most one unfinished batch, which the next run writes)"
        },
    )
    merge_window_days: int = field(
        default=1,
        metadata={
            "help": "tacitus ingest: events of two documents with the same type, status and "
            "participants are one event when their dates are at most this many days apart "
            "(two more when a date is only the publication date)"
        },
    )
    actor_memory_days: int = field(
        default=365,
        metadata={
            "help": "tacitus ingest: a person an earlier document named with a title and a "
            "country resolves from the surname alone for this many days after the last such "
            "document (people in the knowledge base: while in that office)"
        },
    )
    user_agent: str = field(
        default="",
        metadata={"help": "User-Agent of tacitus fetch; empty: tacitus/VERSION (…)"},
    )
    fetch_delay: float = field(
        default=1.0,
        metadata={"help": "tacitus fetch: seconds between two requests to one host"},
    )
    fetch_retries: int = field(
        default=3,
        metadata={"help": "tacitus fetch: retries of a request that failed (network, 429, 5xx)"},
    )
    fetch_timeout: float = field(
        default=20.0, metadata={"help": "tacitus fetch: seconds to wait for a server"}
    )
    actor_files: tuple[str, ...] = field(
        default=(),
        metadata={"help": "extra people TSV files (same columns as the bundled people.tsv)"},
    )
    selective_ner: bool = field(
        default=True,
        metadata={
            "help": "run NER only on sentences with an event trigger word (faster); false: all"
        },
    )
    keep_boilerplate: bool = field(
        default=False, metadata={"help": "do not remove boilerplate before coding"}
    )
    type_model: str = field(
        default="",
        metadata={
            "help": "path stem (without .npz) of a sentence classifier made by "
            "training/train_types.py; empty: the one shipped"
        },
    )
    classifier_events: float = field(
        default=0.5,
        metadata={
            "help": "code an event where no pattern fits when the classifier gives its type "
            "at least this probability; 1 turns it off"
        },
    )
    classifier_veto: float = field(
        default=0.1,
        metadata={
            "help": "set aside a pattern's event when the classifier gives its type less "
            "than this and another type over 0.5; 0 turns it off"
        },
    )

    def with_overrides(self, overrides: Mapping[str, Any]) -> Settings:
        """A copy with the given non-None values, converted to each field's type."""
        known = {f.name: f for f in fields(self)}
        values: dict[str, Any] = {}
        for name, raw in overrides.items():
            if raw is None:
                continue
            if name not in known:
                raise ConfigError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
            values[name] = _convert(name, raw, getattr(self, name))
        settings = replace(self, **values)
        settings.validate()
        return settings

    def validate(self) -> None:
        if self.n_process < 1:
            raise ConfigError("n_process must be at least 1")
        if self.batch_size < 1:
            raise ConfigError("batch_size must be at least 1")
        if self.max_bytes < 1 or self.min_text_chars < 0:
            raise ConfigError("max_bytes must be positive and min_text_chars not negative")
        if self.on_error not in {"skip", "raise"}:
            raise ConfigError("on_error must be 'skip' or 'raise'")
        from tacitus.ingest.meta import Columns  # the readers import Settings

        try:
            Columns.parse(self.columns)
        except ValueError as exc:
            raise ConfigError(f"columns: {exc}") from None
        if self.merge_window_days < 0:
            raise ConfigError("merge_window_days must not be negative")
        if self.actor_memory_days < 0:
            raise ConfigError("actor_memory_days must not be negative")
        if self.store_batch < 1:
            raise ConfigError("store_batch must be at least 1")
        if self.fetch_delay < 0 or self.fetch_retries < 0 or self.fetch_timeout <= 0:
            raise ConfigError("fetch_delay and fetch_retries must be ≥ 0, fetch_timeout > 0")
        if not 0.0 < self.near_duplicate <= 1.0:
            raise ConfigError("near_duplicate must be above 0 and at most 1")
        for name in ("classifier_events", "classifier_veto", "language_min_probability"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"{name} must be between 0 and 1")

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        *,
        environ: Mapping[str, str] | None = None,
        path: str | Path | None = None,
    ) -> Settings:
        """Defaults, then the settings file, then ``TACITUS_*`` variables, then overrides."""
        env = os.environ if environ is None else environ
        settings = cls()
        named = path or env.get(ENV_PREFIX + "SETTINGS")
        file = Path(named or DEFAULT_FILE)
        if file.is_file():
            try:
                table = tomllib.loads(file.read_text(encoding="utf-8")).get("tacitus", {})
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"cannot read settings file {file}: {exc}") from exc
            settings = settings.with_overrides(table)
        elif named:
            raise ConfigError(f"settings file {file} does not exist")
        from_env = {
            f.name: env[ENV_PREFIX + f.name.upper()]
            for f in fields(cls)
            if ENV_PREFIX + f.name.upper() in env
        }
        settings = settings.with_overrides(from_env)
        return settings.with_overrides(overrides or {})


def _convert(name: str, raw: Any, current: Any) -> Any:
    try:
        if isinstance(current, bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off"}:
                return False
            raise ValueError(f"not a boolean: {raw!r}")
        if isinstance(current, int):
            return int(raw)
        if isinstance(current, float):
            return float(raw)
        if isinstance(current, tuple):
            if isinstance(raw, str):
                return tuple(p for p in raw.split(os.pathsep) if p)
            return tuple(str(p) for p in raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad value for setting {name}: {raw!r} ({exc})") from exc


def describe() -> list[tuple[str, str, str]]:
    """(name, default, help) for every setting, for docs and ``--help`` texts."""
    return [(f.name, repr(f.default), f.metadata.get("help", "")) for f in fields(Settings)]
