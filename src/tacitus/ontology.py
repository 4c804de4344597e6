"""The PLOVER ontology as data: event types, modes, quad classes and scores."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tacitus._data import read_toml
from tacitus.errors import ConfigError


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    quad_class: str
    score: float
    description: str
    modes: dict[str, float]

    def score_for(self, mode: str | None) -> float:
        return self.modes.get(mode or "", self.score)


@dataclass(frozen=True, slots=True)
class Ontology:
    version: str
    types: dict[str, EventType]
    contexts: tuple[str, ...]

    def get(self, name: str) -> EventType:
        try:
            return self.types[name]
        except KeyError:
            raise ConfigError(f"unknown PLOVER event type {name!r}") from None


@cache
def load_ontology() -> Ontology:
    raw = read_toml("ontology/plover.toml")
    types = {
        name: EventType(
            name=name,
            quad_class=table["quad_class"],
            score=float(table["score"]),
            description=table["description"],
            modes={k: float(v) for k, v in table.get("modes", {}).items()},
        )
        for name, table in raw["types"].items()
    }
    return Ontology(raw["version"], types, tuple(raw["contexts"]))
