"""Score coded events against gold data (the engine behind ``tacitus eval``).

Pure functions: :func:`load_gold` reads the gold JSONL format of ``DESIGN.md`` ("Gold
data format") into frozen records, :func:`score` compares predicted :class:`Event` records
with them and returns an :class:`EvalReport`, and :func:`check_minimums` turns a report
and pinned minimums into human messages for a CI gate. Nothing here prints or loads spaCy.

Scoring convention
------------------
Normalisation, applied to gold and predicted values alike:

- Country codes are stripped and upper-cased, then CAMEO codes that differ from ISO 3166
  alpha-3 are mapped with ``data/ontology/cameo_country_codes.tsv`` (``JAP`` → ``JPN``).
  Codes not in the table pass through, so ``IGO`` stays ``IGO``.
- Types are upper-cased. Modes are lower-cased, and the legacy spellings of
  :data:`MODE_ALIASES` (older PLOVER gold records, NGEC's misspellings) are mapped to the
  mode names of the current ontology (``strike-gen`` → ``strike``).
- Sectors are compared by their primary role, the first three letters of the CAMEO-style
  code (``CVLalb`` → ``CVL``); ``***`` means "unknown" and counts as no sector.

Documents with actor labels (some gold event has a source or a target):

- A predicted event matches a gold event when the types are equal and the source country
  sets overlap and the target country sets overlap (directed). For CONSULT, AGREE and
  COOPERATE the match is undirected: the predicted source may overlap the gold target
  and the predicted target the gold source instead. A gold side with no country code (in
  particular a gold event with no target) is not checked, so a one-sided gold event
  matches on its source alone.
- Matching is one-to-one and greedy within a document: among all matching pairs, pairs
  whose mode is equal (gold mode given) come first, then pairs whose date is equal (gold
  date given), then document order; each gold and each predicted event is used at most
  once. Matched pairs are true positives, unmatched predictions false positives,
  unmatched gold events false negatives.
- Precision, recall and F1 are micro-averaged overall and per type (a false positive is
  counted under the predicted type, a false negative under the gold type).
- On matched pairs: mode accuracy over pairs whose gold mode is given; date accuracy over
  pairs whose gold date is given; status accuracy over pairs whose gold status is given;
  sector accuracy over gold actors with a country and a sector for which the aligned side
  of the prediction (swapped when an undirected match was reversed) has actors of the
  same country: correct when one of those has the same sector.

Documents without actor labels (every gold event has neither source nor target, as in
the NGEC synthetic stories):

- Each distinct gold type of the document is a label; it is a hit when any predicted
  event of the document has that type. The hit rate is reported overall and per type.
- Each distinct (gold type, gold mode) with a mode given is a mode label, hit when a
  predicted event has that type and mode.
- A predicted type that differs from every gold type of the document is an off-type
  prediction; for each predicted type, the number of documents with such a prediction is
  reported (the precision proxy on such files), as is the share of documents with any.

For all documents:

- Scored predictions: where every gold event of the file gives a ``status``, only the
  predictions with one of those statuses are scored, and the others are counted
  (``unscored_predictions``, by status). A gold file of what happened (all of
  ``../shared/eval``) says nothing about what was planned, denied or only threatened,
  and tacitus keeps such events marked but out of counts by default (DESIGN.md), as
  ``tacitus events`` does: "Israel would strike Hezbollah" (planned) is not claimed to
  have happened. Where some gold event has no status, every prediction is scored.
- Type accuracy: over gold documents with exactly one gold event, the share whose
  predictions include the gold type.
- Predicted events for document ids not in the gold set are ignored (and counted).
- A gold document with no events counts as having actor labels: all its predictions are
  false positives.
- A ratio whose denominator is zero is ``None`` (``null`` in :meth:`EvalReport.as_dict`);
  F1 is ``2·TP / (2·TP + FP + FN)``, so it is 0.0 when gold events exist but nothing was
  predicted, and ``None`` only when there is neither.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from tacitus.errors import ConfigError
from tacitus.records import Actor, Event

__all__ = [
    "MODE_ALIASES",
    "UNDIRECTED_TYPES",
    "EvalReport",
    "GoldActor",
    "GoldDocument",
    "GoldEvent",
    "Ratio",
    "TypeCounts",
    "TypeHits",
    "cameo_country_codes",
    "check_minimums",
    "load_gold",
    "normalize_country",
    "normalize_mode",
    "normalize_sector",
    "score",
]

UNDIRECTED_TYPES: frozenset[str] = frozenset({"CONSULT", "AGREE", "COOPERATE"})

#: Legacy mode spellings in gold data → the mode names of ``data/ontology/plover.toml``.
MODE_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "strike-hun": "hunger",
        "strike-gen": "strike",
        "riot-spon": "riot",
        "demo-org": "demo",
        "demo-spon": "demo",
        "primative": "primitive",
        "sieze": "seize",
        # older manual names for what the current one calls otherwise
        "host": "visit",  # hosting a visit: our visit mode, visitor as source
        "detain": "arrest",
        "confiscate": "seize",
    }
)

_STATUSES = frozenset({"happened", "planned", "denied", "hypothetical"})
_COUNTRY_TABLE = "ontology/cameo_country_codes.tsv"

Orientation = Literal["direct", "reversed"]


# --------------------------------------------------------------------------- gold records


@dataclass(frozen=True, slots=True)
class GoldActor:
    country: str | None
    sector: str | None
    name: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    mode: str | None
    source: tuple[GoldActor, ...]
    target: tuple[GoldActor, ...]
    date: date | None
    status: str | None


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    text: str
    published: date | None
    events: tuple[GoldEvent, ...]
    #: False when every gold event has neither source nor target (document-level labels).
    actor_labels: bool


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Read a gold JSONL file; a malformed line raises :class:`ConfigError` naming it."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read gold file {path}: {exc}") from exc
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            document = _parse_document(json.loads(line))
        except (json.JSONDecodeError, _GoldFormatError) as exc:
            raise ConfigError(f"{path}:{number}: malformed gold record: {exc}") from None
        if document.id in seen:
            raise ConfigError(f"{path}:{number}: duplicate gold document id {document.id!r}")
        seen.add(document.id)
        documents.append(document)
    return documents


class _GoldFormatError(ValueError):
    pass


def _parse_document(raw: object) -> GoldDocument:
    record = _expect_object(raw, "line")
    doc_id = _expect_str(record.get("id"), "id")
    text = _expect_str(record.get("text"), "text")
    raw_events = record.get("events")
    if not isinstance(raw_events, list):
        raise _GoldFormatError("'events' must be a list")
    events = tuple(_parse_event(item, i) for i, item in enumerate(raw_events))
    actor_labels = not events or any(e.source or e.target for e in events)
    return GoldDocument(
        id=doc_id,
        text=text,
        published=_expect_date(record.get("published"), "published"),
        events=events,
        actor_labels=actor_labels,
    )


def _parse_event(raw: object, index: int) -> GoldEvent:
    where = f"events[{index}]"
    record = _expect_object(raw, where)
    status = _optional_str(record.get("status"), f"{where}.status")
    if status is not None and status not in _STATUSES:
        raise _GoldFormatError(f"{where}.status must be one of {sorted(_STATUSES)}")
    return GoldEvent(
        type=_expect_str(record.get("type"), f"{where}.type"),
        mode=_optional_str(record.get("mode"), f"{where}.mode"),
        source=_parse_actors(record.get("source", []), f"{where}.source"),
        target=_parse_actors(record.get("target", []), f"{where}.target"),
        date=_expect_date(record.get("date"), f"{where}.date"),
        status=status,
    )


def _parse_actors(raw: object, where: str) -> tuple[GoldActor, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _GoldFormatError(f"{where} must be a list of actors")
    actors = []
    for i, item in enumerate(raw):
        record = _expect_object(item, f"{where}[{i}]")
        actors.append(
            GoldActor(
                country=_optional_str(record.get("country"), f"{where}[{i}].country"),
                sector=_optional_str(record.get("sector"), f"{where}[{i}].sector"),
                name=_optional_str(record.get("name"), f"{where}[{i}].name"),
            )
        )
    return tuple(actors)


def _expect_object(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _GoldFormatError(f"{where} must be a JSON object")
    return raw


def _expect_str(raw: object, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise _GoldFormatError(f"'{where}' must be a non-empty string")
    return raw


def _optional_str(raw: object, where: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise _GoldFormatError(f"'{where}' must be null or a string")
    return raw


def _expect_date(raw: object, where: str) -> date | None:
    if raw is None:
        return None
    if isinstance(raw, str) and len(raw) == 10:
        try:
            return date.fromisoformat(raw)
        except ValueError:
            pass
    raise _GoldFormatError(f"'{where}' must be null or a YYYY-MM-DD date, not {raw!r}")


# --------------------------------------------------------------------------- normalisation


@cache
def cameo_country_codes() -> Mapping[str, str]:
    """The CAMEO → ISO alpha-3 table of ``data/ontology/cameo_country_codes.tsv``."""
    resource = resources.files("tacitus.data").joinpath(_COUNTRY_TABLE)
    try:
        lines = resource.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {_COUNTRY_TABLE}: {exc}") from exc
    if not lines or lines[0].split("\t") != ["cameo", "iso3"]:
        raise ConfigError(f"{_COUNTRY_TABLE}: the first line must be the header 'cameo\\tiso3'")
    table: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not all(_is_code(f) for f in fields):
            raise ConfigError(f"{_COUNTRY_TABLE}:{number}: expected 'CAMEO<TAB>ISO3', got {line!r}")
        if fields[0] in table:
            raise ConfigError(f"{_COUNTRY_TABLE}:{number}: duplicate code {fields[0]!r}")
        table[fields[0]] = fields[1]
    return MappingProxyType(table)


def _is_code(text: str) -> bool:
    return len(text) == 3 and text.isascii() and text.isalpha() and text.isupper()


def normalize_country(code: str | None) -> str | None:
    """An upper-case ISO alpha-3 (or IGO/NGO-style) code, or None for no code."""
    if code is None or not code.strip():
        return None
    code = code.strip().upper()
    return cameo_country_codes().get(code, code)


def normalize_mode(mode: str | None) -> str | None:
    if mode is None or not mode.strip():
        return None
    mode = mode.strip().lower()
    return MODE_ALIASES.get(mode, mode)


def normalize_sector(sector: str | None) -> str | None:
    """The primary role of a sector code (its first three letters), or None."""
    if sector is None:
        return None
    primary = sector.strip()[:3].upper()
    if len(primary) < 3 or not primary.isalpha():
        return None  # "***" and other placeholders mean "unknown"
    return primary


def _norm_type(event_type: str) -> str:
    return event_type.strip().upper()


# --------------------------------------------------------------------------- report


@dataclass(frozen=True, slots=True)
class Ratio:
    """``correct`` out of ``total``; :attr:`value` is None when nothing was measured."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


class _Scores:
    """Precision, recall and F1 from ``tp``, ``fp`` and ``fn`` (defined by subclasses)."""

    __slots__ = ()

    @property
    def tp(self) -> int:
        raise NotImplementedError

    @property
    def fp(self) -> int:
        raise NotImplementedError

    @property
    def fn(self) -> int:
        raise NotImplementedError

    @property
    def precision(self) -> float | None:
        return Ratio(self.tp, self.tp + self.fp).value

    @property
    def recall(self) -> float | None:
        return Ratio(self.tp, self.tp + self.fn).value

    @property
    def f1(self) -> float | None:
        return _f1(self.tp, self.fp, self.fn)


@dataclass(frozen=True, slots=True)
class TypeCounts(_Scores):
    """Event-level counts for one type (documents with actor labels)."""

    type: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
        }


@dataclass(frozen=True, slots=True)
class TypeHits:
    """Document-level counts for one gold type (documents without actor labels)."""

    type: str
    labels: int = 0
    hits: int = 0

    @property
    def hit_rate(self) -> float | None:
        return Ratio(self.hits, self.labels).value

    def as_dict(self) -> dict[str, Any]:
        return {"labels": self.labels, "hits": self.hits, "hit_rate": _round(self.hit_rate)}


@dataclass(frozen=True, slots=True)
class EvalReport(_Scores):
    """Every count :func:`score` measured; rates are derived, see :meth:`as_dict`."""

    documents: int
    documents_with_actor_labels: int
    documents_without_actor_labels: int
    ignored_predictions: int
    gold_events: int
    predicted_events: int
    per_type: tuple[TypeCounts, ...]
    mode: Ratio
    sector: Ratio
    date: Ratio
    status: Ratio
    type_accuracy: Ratio
    doc_hits: Ratio
    doc_mode_hits: Ratio
    off_type_docs: Ratio
    per_type_doc: tuple[TypeHits, ...]
    off_type_predictions: tuple[tuple[str, int], ...]
    unscored_predictions: tuple[tuple[str, int], ...] = ()
    headline_on_type: Ratio = Ratio(0, 0)

    @property
    def tp(self) -> int:
        return sum(c.tp for c in self.per_type)

    @property
    def fp(self) -> int:
        return sum(c.fp for c in self.per_type)

    @property
    def fn(self) -> int:
        return sum(c.fn for c in self.per_type)

    def type_counts(self, event_type: str) -> TypeCounts:
        wanted = _norm_type(event_type)
        for counts in self.per_type:
            if counts.type == wanted:
                return counts
        return TypeCounts(wanted)

    def as_dict(self) -> dict[str, Any]:
        """JSON-serialisable, with a fixed key order; rates rounded to 4 places."""
        return {
            "documents": self.documents,
            "documents_with_actor_labels": self.documents_with_actor_labels,
            "documents_without_actor_labels": self.documents_without_actor_labels,
            "ignored_predictions": self.ignored_predictions,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "event_precision": _round(self.precision),
            "event_recall": _round(self.recall),
            "event_f1": _round(self.f1),
            **_ratio_items(self.mode, "mode_correct", "mode_total", "mode_accuracy"),
            **_ratio_items(self.sector, "sector_correct", "sector_total", "sector_accuracy"),
            **_ratio_items(self.date, "date_correct", "date_total", "date_accuracy"),
            **_ratio_items(self.status, "status_correct", "status_total", "status_accuracy"),
            **_ratio_items(self.type_accuracy, "type_correct", "type_total", "type_accuracy"),
            **_ratio_items(self.doc_hits, "doc_hits", "doc_labels", "doc_hit_rate"),
            **_ratio_items(
                self.doc_mode_hits, "doc_mode_hits", "doc_mode_labels", "doc_mode_hit_rate"
            ),
            "off_type_docs": self.off_type_docs.correct,
            "off_type_doc_rate": _round(self.off_type_docs.value),
            **_ratio_items(
                self.headline_on_type,
                "headline_on_type_docs",
                "headline_event_docs",
                "headline_precision",
            ),
            "per_type": {c.type: c.as_dict() for c in self.per_type},
            "per_type_doc": {h.type: h.as_dict() for h in self.per_type_doc},
            "off_type_predictions": dict(self.off_type_predictions),
            "unscored_predictions": dict(self.unscored_predictions),
        }


def _ratio_items(ratio: Ratio, correct: str, total: str, value: str) -> dict[str, Any]:
    return {correct: ratio.correct, total: ratio.total, value: _round(ratio.value)}


def _f1(tp: int, fp: int, fn: int) -> float | None:
    """2PR/(P+R), written so that it is 0.0 (not undefined) when nothing was predicted."""
    return Ratio(2 * tp, 2 * tp + fp + fn).value


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class _Tally:
    """Mutable counts while scoring one call; frozen into an :class:`EvalReport`."""

    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]
    labels: Counter[str]
    hits: Counter[str]
    off_type: Counter[str]
    measures: dict[str, list[int]]

    def add(self, measure: str, correct: bool) -> None:
        counts = self.measures.setdefault(measure, [0, 0])
        counts[0] += int(correct)
        counts[1] += 1

    def ratio(self, measure: str) -> Ratio:
        correct, total = self.measures.get(measure, [0, 0])
        return Ratio(correct, total)


def score(gold: Sequence[GoldDocument], predicted: Mapping[str, Sequence[Event]]) -> EvalReport:
    """Compare predicted events (by document id) with gold documents; see module doc."""
    tally = _Tally(Counter(), Counter(), Counter(), Counter(), Counter(), Counter(), {})
    gold_ids = {document.id for document in gold}
    ignored = sum(len(events) for doc_id, events in predicted.items() if doc_id not in gold_ids)
    statuses = _scored_statuses(gold)
    unscored: Counter[str] = Counter()
    if statuses is not None:
        kept: dict[str, Sequence[Event]] = {}
        for doc_id, events in predicted.items():
            if doc_id in gold_ids:
                kept[doc_id] = [e for e in events if e.status in statuses]
                unscored.update(e.status for e in events if e.status not in statuses)
        predicted = kept
    labelled = [d for d in gold if d.actor_labels]
    unlabelled = [d for d in gold if not d.actor_labels]
    gold_events = predicted_events = 0

    for document in gold:
        events = predicted.get(document.id, ())
        predicted_types = {_norm_type(e.type) for e in events}
        if len(document.events) == 1:
            tally.add("type", _norm_type(document.events[0].type) in predicted_types)
        if document.actor_labels:
            gold_events += len(document.events)
            predicted_events += len(events)
            _score_events(document.events, events, tally)
        else:
            _score_labels(document.events, events, tally, _headline_end(document.text))

    types = sorted(set(tally.tp) | set(tally.fp) | set(tally.fn))
    return EvalReport(
        documents=len(gold),
        documents_with_actor_labels=len(labelled),
        documents_without_actor_labels=len(unlabelled),
        ignored_predictions=ignored,
        gold_events=gold_events,
        predicted_events=predicted_events,
        per_type=tuple(TypeCounts(t, tally.tp[t], tally.fp[t], tally.fn[t]) for t in types),
        mode=tally.ratio("mode"),
        sector=tally.ratio("sector"),
        date=tally.ratio("date"),
        status=tally.ratio("status"),
        type_accuracy=tally.ratio("type"),
        doc_hits=tally.ratio("doc"),
        doc_mode_hits=tally.ratio("doc_mode"),
        off_type_docs=tally.ratio("off_type"),
        headline_on_type=tally.ratio("headline"),
        per_type_doc=tuple(
            TypeHits(t, tally.labels[t], tally.hits[t]) for t in sorted(tally.labels)
        ),
        off_type_predictions=tuple(sorted(tally.off_type.items())),
        unscored_predictions=tuple(sorted(unscored.items())),
    )


def _scored_statuses(gold: Sequence[GoldDocument]) -> frozenset[str] | None:
    """The statuses of the predictions to score: those the gold events give, when every
    gold event gives one; None (all) otherwise."""
    statuses = [event.status for document in gold for event in document.events]
    if not statuses or any(status is None for status in statuses):
        return None
    return frozenset(status for status in statuses if status is not None)


def _score_events(
    gold_events: Sequence[GoldEvent], predictions: Sequence[Event], tally: _Tally
) -> None:
    candidates: list[tuple[tuple[int, int, int, int], int, int, Orientation]] = []
    for gi, gold in enumerate(gold_events):
        for pi, prediction in enumerate(predictions):
            orientation = _orientation(gold, prediction)
            if orientation is None:
                continue
            mode_equal = _mode_equal(gold, prediction)
            date_equal = gold.date is not None and gold.date == prediction.date
            rank = (-int(mode_equal), -int(date_equal), gi, pi)
            candidates.append((rank, gi, pi, orientation))
    candidates.sort(key=lambda candidate: candidate[0])

    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, gi, pi, orientation in candidates:
        if gi in used_gold or pi in used_predicted:
            continue
        used_gold.add(gi)
        used_predicted.add(pi)
        gold, prediction = gold_events[gi], predictions[pi]
        tally.tp[_norm_type(gold.type)] += 1
        _score_attributes(gold, prediction, orientation, tally)

    for gi, gold in enumerate(gold_events):
        if gi not in used_gold:
            tally.fn[_norm_type(gold.type)] += 1
    for pi, prediction in enumerate(predictions):
        if pi not in used_predicted:
            tally.fp[_norm_type(prediction.type)] += 1


def _orientation(gold: GoldEvent, prediction: Event) -> Orientation | None:
    """How ``prediction`` matches ``gold`` (directly or reversed), or None."""
    event_type = _norm_type(gold.type)
    if event_type != _norm_type(prediction.type):
        return None
    gold_source, gold_target = _countries(gold.source), _countries(gold.target)
    source, target = _countries(prediction.source), _countries(prediction.target)
    if _overlaps(gold_source, source) and _overlaps(gold_target, target):
        return "direct"
    if (
        event_type in UNDIRECTED_TYPES
        and _overlaps(gold_source, target)
        and _overlaps(gold_target, source)
    ):
        return "reversed"
    return None


def _countries(actors: Iterable[GoldActor | Actor]) -> frozenset[str]:
    codes = (normalize_country(actor.country) for actor in actors)
    return frozenset(code for code in codes if code is not None)


def _overlaps(gold: frozenset[str], predicted: frozenset[str]) -> bool:
    """A gold side without country codes does not constrain the match."""
    return not gold or not gold.isdisjoint(predicted)


def _mode_equal(gold: GoldEvent, prediction: Event) -> bool:
    gold_mode = normalize_mode(gold.mode)
    return gold_mode is not None and gold_mode == normalize_mode(prediction.mode)


def _score_attributes(
    gold: GoldEvent, prediction: Event, orientation: Orientation, tally: _Tally
) -> None:
    if normalize_mode(gold.mode) is not None:
        tally.add("mode", _mode_equal(gold, prediction))
    if gold.date is not None:
        tally.add("date", gold.date == prediction.date)
    if gold.status is not None:
        tally.add("status", gold.status == prediction.status)
    if orientation == "direct":
        sides = ((gold.source, prediction.source), (gold.target, prediction.target))
    else:
        sides = ((gold.source, prediction.target), (gold.target, prediction.source))
    for gold_actors, predicted_actors in sides:
        for actor in gold_actors:
            country, sector = normalize_country(actor.country), normalize_sector(actor.sector)
            if country is None or sector is None:
                continue
            same_country = [
                normalize_sector(p.sector)
                for p in predicted_actors
                if normalize_country(p.country) == country
            ]
            if same_country:
                tally.add("sector", sector in same_country)


def _headline_end(text: str) -> int | None:
    """Where a story's headline ends: its first non-blank line, when more text follows
    (a document of one line has no headline)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start)
    if end < 0 or not text[end:].strip():
        return None
    return end


def _score_labels(
    gold_events: Sequence[GoldEvent],
    predictions: Sequence[Event],
    tally: _Tally,
    headline_end: int | None = None,
) -> None:
    gold_types = {_norm_type(e.type) for e in gold_events}
    predicted_types = {_norm_type(e.type) for e in predictions}
    for event_type in sorted(gold_types):
        hit = event_type in predicted_types
        tally.labels[event_type] += 1
        tally.hits[event_type] += int(hit)
        tally.add("doc", hit)
    gold_modes = {(_norm_type(e.type), normalize_mode(e.mode)) for e in gold_events}
    predicted_modes = {(_norm_type(e.type), normalize_mode(e.mode)) for e in predictions}
    for label in sorted(m for m in gold_modes if m[1] is not None):
        tally.add("doc_mode", label in predicted_modes)
    off_type = predicted_types - gold_types
    for event_type in sorted(off_type):
        tally.off_type[event_type] += 1
    tally.add("off_type", bool(off_type))
    if headline_end is not None:
        # the event a story is labelled with is the one its headline reports, so the
        # headline's events are checked against the labels: a body's other events are
        # often real events of other types
        in_headline = {
            _norm_type(e.type)
            for e in predictions
            if any(m.start < headline_end for m in e.mentions)
        }
        if in_headline:
            tally.add("headline", in_headline <= gold_types)


# --------------------------------------------------------------------------- CI gate


def check_minimums(report: EvalReport, minimums: Mapping[str, float]) -> list[str]:
    """A message for each metric below its pinned minimum (empty when all pass).

    Keys name entries of :meth:`EvalReport.as_dict` (``"event_f1"``, ``"type_accuracy"``,
    ``"doc_hit_rate"``); a dotted key reaches into a table (``"per_type.ASSAULT.f1"``).
    An unknown key, or a metric that could not be measured, is reported too: a gate
    must not pass because it looked at nothing.
    """
    values = report.as_dict()
    messages: list[str] = []
    for key, minimum in minimums.items():
        found, value = _lookup(values, key)
        if not found or isinstance(value, bool | dict):
            messages.append(f"{key} is not a metric of the report; minimum is {minimum:g}")
        elif value is None:
            messages.append(f"{key} was not measured (no cases); minimum is {minimum:g}")
        elif value < minimum:
            messages.append(f"{key} = {value:.4f} is below its minimum {minimum:.4f}")
    return messages


def _lookup(values: Mapping[str, Any], key: str) -> tuple[bool, Any]:
    node: Any = values
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return False, None
        node = node[part]
    return True, node
