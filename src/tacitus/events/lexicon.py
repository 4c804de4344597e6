"""The coder's function-word lexicons (data/events/lexicon.toml): reporting, plan,
denial and threat verbs, report nouns, modal auxiliaries; and the conditional-threat
rules (data/events/threats.toml). Loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache

from tacitus._data import read_toml
from tacitus.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Lexicon:
    reporting_verbs: frozenset[str]
    report_nouns: frozenset[str]
    plan_verbs: frozenset[str]
    unrealised_verbs: frozenset[str]
    possibility_nouns: frozenset[str]
    intention_types: frozenset[str]
    promise_types: frozenset[str]
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


@dataclass(frozen=True, slots=True)
class ThreatRules:
    """Which announced acts are threats when a condition is attached, and their mode."""

    by_condition: dict[str, frozenset[str]]  # "unless" / "if" / "announced" -> "TYPE[.mode]"
    modes: dict[str, str]  # "TYPE" or "TYPE.mode" -> THREATEN mode
    announce_verbs: frozenset[str] = frozenset()  # "vow", "pledge": the act is announced
    refused: dict[str, str] = field(default_factory=dict)  # cooperative TYPE -> REJECT mode

    def applies(self, condition: str, event_type: str, mode: str | None) -> bool:
        kinds = self.by_condition[condition]
        return event_type in kinds or f"{event_type}.{mode}" in kinds

    def mode_for(self, event_type: str, mode: str | None) -> str | None:
        return self.modes.get(f"{event_type}.{mode}") or self.modes.get(event_type)


@cache
def load_threat_rules() -> ThreatRules:
    raw = read_toml("events/threats.toml")
    unknown = set(raw) - {"unless", "if", "announced", "announce_verbs", "refused", "modes"}
    if unknown or not isinstance(raw.get("modes"), dict):
        raise ConfigError(f"events/threats.toml: unknown keys {sorted(unknown)} or no [modes]")
    refused = raw.get("refused", {})
    if not isinstance(refused, dict):
        raise ConfigError("events/threats.toml: [refused] must be a table of TYPE = mode")
    return ThreatRules(
        {key: frozenset(str(t) for t in raw.get(key, [])) for key in ("unless", "if", "announced")},
        {str(k): str(v) for k, v in raw["modes"].items()},
        frozenset(str(v).lower() for v in raw.get("announce_verbs", [])),
        {str(k): str(v) for k, v in refused.items()},
    )
