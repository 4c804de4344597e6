"""The coder's function-word lexicons (data/events/lexicon.toml): reporting, plan,
denial and threat verbs, report nouns, modal auxiliaries. Loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache

from tacitus._data import read_toml
from tacitus.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Lexicon:
    reporting_verbs: frozenset[str]
    report_nouns: frozenset[str]
    plan_verbs: frozenset[str]
    unrealised_verbs: frozenset[str]
    start_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_aux: frozenset[str]
    topic_prepositions: frozenset[str]
    group_anaphors: frozenset[str]
    speech_verbs: frozenset[str]
    content_verbs: frozenset[str]
    domestic_sectors: frozenset[str]


@cache
def load_lexicon() -> Lexicon:
    raw = read_toml("events/lexicon.toml")
    names = [f.name for f in fields(Lexicon)]
    missing = [n for n in names if n not in raw]
    unknown = [k for k in raw if k not in names]
    if missing or unknown:
        raise ConfigError(f"events/lexicon.toml: missing {missing}, unknown {unknown}")
    return Lexicon(**{n: frozenset(w.lower() for w in raw[n]) for n in names})
