"""The PLOVER ontology as data: event types, modes, quad classes and scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from tacitus._data import read_toml, read_tsv
from tacitus.errors import ConfigError


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad_class: str
    score: float
    description: str
    modes: dict[str, float]
    one_sided: bool = False

    def score_for(self, mode: str | None) -> float:
        return self.modes.get(mode or "", self.score)


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    contexts: tuple[str, ...]
    cameo_codes: dict[tuple[str, str], str]

    def cameo(self, event_type: str, mode: str | None) -> str | None:
        """The CAMEO code exported for a PLOVER type and mode (data/ontology/cameo.tsv)."""
        return self.cameo_codes.get((event_type, mode or "")) or self.cameo_codes.get(
            (event_type, "")
        )

    def get(self, name: str) -> EventType:
        try:
            return self.types[name]
        except KeyError:
            raise ConfigError(f"unknown PLOVER event type {name!r}") from None


QUAD_CLASSES = frozenset(
    {"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}
)


@cache
def load_ontology() -> Ontology:
    raw = read_toml("ontology/plover.toml")
    try:
        types = {name: _event_type(name, table) for name, table in raw["types"].items()}
        ontology = Ontology(raw["version"], types, tuple(raw["contexts"]), _cameo_codes())
    except KeyError as exc:
        raise ConfigError(f"ontology/plover.toml: missing key {exc}") from exc
    for (event_type, mode), _code in ontology.cameo_codes.items():
        kind = ontology.get(event_type)
        if mode and mode not in kind.modes:
            raise ConfigError(f"ontology/cameo.tsv: {mode!r} is not a mode of {event_type}")
    return ontology


def _cameo_codes() -> dict[tuple[str, str], str]:
    rows = read_tsv("ontology/cameo.tsv", ["type", "mode", "cameo"])
    return {(row["type"], row["mode"]): row["cameo"] for row in rows}


def _event_type(name: str, table: dict[str, Any]) -> EventType:
    kind = EventType(
        name=name,
        quad_class=table["quad_class"],
        score=float(table["score"]),
        description=table["description"],
        modes={k: float(v) for k, v in table.get("modes", {}).items()},
        one_sided=bool(table.get("one_sided", False)),
    )
    if kind.quad_class not in QUAD_CLASSES:
        raise ConfigError(f"ontology: {name} has unknown quad class {kind.quad_class!r}")
    if not all(-10.0 <= s <= 10.0 for s in (kind.score, *kind.modes.values())):
        raise ConfigError(f"ontology: scores of {name} must lie in -10..+10")
    return kind
