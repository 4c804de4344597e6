"""Scoring against gold data: matching rules, accuracies, loading and the CI gate.

Every gold example here is invented for the test; none comes from the shared gold files.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest

from tacitus.errors import ConfigError
from tacitus.evaluate import (
    EvalReport,
    GoldActor,
    GoldDocument,
    GoldEvent,
    cameo_country_codes,
    check_minimums,
    load_gold,
    normalize_country,
    normalize_mode,
    normalize_sector,
    score,
)
from tacitus.records import Actor, Event, Mention

# ----------------------------------------------------------------------------- helpers


def actor(country: str | None, sector: str | None = None) -> Actor:
    name = f"{country or 'someone'} {sector or ''}".strip()
    return Actor(name=name, text=name, country=country, sector=sector)


def event(
    doc_id: str,
    type_: str,
    source: Sequence[Actor] = (),
    target: Sequence[Actor] = (),
    *,
    mode: str | None = None,
    when: date | None = None,
    status: Any = "happened",
) -> Event:
    return Event(
        type=type_,
        mode=mode,
        source=list(source),
        target=list(target),
        mentions=[Mention(doc_id, "An invented sentence.", 0, 21)],
        date=when,
        status=status,
    )


def gold_actor(country: str | None, sector: str | None = None) -> GoldActor:
    return GoldActor(country=country, sector=sector, name=None)


def gold_event(
    type_: str,
    source: Sequence[GoldActor] = (),
    target: Sequence[GoldActor] = (),
    *,
    mode: str | None = None,
    when: date | None = None,
    status: str | None = "happened",
) -> GoldEvent:
    return GoldEvent(type_, mode, tuple(source), tuple(target), when, status)


def gold_doc(doc_id: str, *events: GoldEvent) -> GoldDocument:
    labelled = not events or any(e.source or e.target for e in events)
    return GoldDocument(doc_id, "Invented text.", None, tuple(events), labelled)


def one(gold_event_: GoldEvent, *predicted: Event, doc_id: str = "d1") -> EvalReport:
    return score([gold_doc(doc_id, gold_event_)], {doc_id: list(predicted)})


def write_jsonl(path: Path, records: Sequence[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- matching


def test_exact_match_is_a_true_positive() -> None:
    gold = gold_event("ASSAULT", [gold_actor("AAA")], [gold_actor("BBB")])
    report = one(gold, event("d1", "ASSAULT", [actor("AAA")], [actor("BBB")]))

    assert (report.tp, report.fp, report.fn) == (1, 0, 0)
    assert report.precision == report.recall == report.f1 == 1.0
    assert report.type_counts("ASSAULT").tp == 1


def test_wrong_type_is_one_false_positive_and_one_false_negative() -> None:
    gold = gold_event("ASSAULT", [gold_actor("AAA")], [gold_actor("BBB")])
    report = one(gold, event("d1", "THREATEN", [actor("AAA")], [actor("BBB")]))

    assert (report.tp, report.fp, report.fn) == (0, 1, 1)
    assert report.type_counts("ASSAULT").fn == 1
    assert report.type_counts("THREATEN").fp == 1
    assert report.f1 == 0.0


def test_directed_types_do_not_match_reversed() -> None:
    gold = gold_event("ACCUSE", [gold_actor("AAA")], [gold_actor("BBB")])
    report = one(gold, event("d1", "ACCUSE", [actor("BBB")], [actor("AAA")]))

    assert (report.tp, report.fp, report.fn) == (0, 1, 1)


@pytest.mark.parametrize("type_", ["CONSULT", "AGREE", "COOPERATE"])
def test_undirected_types_match_reversed(type_: str) -> None:
    gold = gold_event(type_, [gold_actor("AAA")], [gold_actor("BBB")])
    report = one(gold, event("d1", type_, [actor("BBB")], [actor("AAA")]))

    assert (report.tp, report.fp, report.fn) == (1, 0, 0)


def test_a_wrong_country_on_either_side_prevents_a_match() -> None:
    gold = gold_event("REQUEST", [gold_actor("AAA")], [gold_actor("BBB")])
    report = one(gold, event("d1", "REQUEST", [actor("AAA")], [actor("CCC")]))

    assert report.tp == 0


def test_compound_actors_match_when_country_sets_overlap() -> None:
    gold = gold_event("SUPPORT", [gold_actor("AAA")], [gold_actor("BBB"), gold_actor("CCC")])
    predicted = event("d1", "SUPPORT", [actor("AAA"), actor("DDD")], [actor("CCC")])

    assert one(gold, predicted).tp == 1


def test_gold_without_target_matches_on_source_alone() -> None:
    gold = gold_event("RETREAT", [gold_actor("AAA")])

    assert one(gold, event("d1", "RETREAT", [actor("AAA")], [actor("ZZZ")])).tp == 1
    assert one(gold, event("d1", "RETREAT", [actor("AAA")])).tp == 1
    assert one(gold, event("d1", "RETREAT", [actor("BBB")], [actor("AAA")])).tp == 0


def test_undirected_gold_without_target_matches_its_source_on_either_side() -> None:
    gold = gold_event("AGREE", [gold_actor("AAA"), gold_actor("BBB")])

    assert one(gold, event("d1", "AGREE", [actor("CCC")], [actor("BBB")])).tp == 1


def test_a_prediction_without_countries_does_not_match_a_gold_event_with_them() -> None:
    gold = gold_event("SANCTION", [gold_actor("AAA")], [gold_actor("BBB")])

    assert one(gold, event("d1", "SANCTION", [actor(None)], [actor("BBB")])).tp == 0


def test_matching_is_one_to_one() -> None:
    gold = gold_event("COERCE", [gold_actor("AAA")], [gold_actor("BBB")])
    twin = event("d1", "COERCE", [actor("AAA")], [actor("BBB")])
    report = one(gold, twin, twin)

    assert (report.tp, report.fp, report.fn) == (1, 1, 0)
    assert report.precision == 0.5
    assert report.recall == 1.0


def test_greedy_matching_prefers_equal_mode_then_equal_date() -> None:
    day = date(2024, 3, 1)
    gold = gold_event("PROTEST", [gold_actor("AAA")], [gold_actor("BBB")], mode="riot", when=day)
    sides = ([actor("AAA")], [actor("BBB")])
    wrong_mode = event("d1", "PROTEST", *sides, mode="demo", when=day)
    right_mode_wrong_day = event("d1", "PROTEST", *sides, mode="riot", when=date(2024, 3, 2))
    right_mode_right_day = event("d1", "PROTEST", *sides, mode="riot", when=day)
    report = one(gold, wrong_mode, right_mode_wrong_day, right_mode_right_day)

    assert (report.tp, report.fp) == (1, 2)
    assert report.mode.value == 1.0
    assert report.date.value == 1.0


def test_predictions_for_unknown_documents_are_ignored() -> None:
    gold = [gold_doc("d1", gold_event("AID", [gold_actor("AAA")], [gold_actor("BBB")]))]
    stray = event("elsewhere", "AID", [actor("AAA")], [actor("BBB")])
    report = score(gold, {"elsewhere": [stray]})

    assert (report.tp, report.fp, report.fn) == (0, 0, 1)
    assert report.ignored_predictions == 1


def test_a_gold_document_without_events_makes_predictions_false_positives() -> None:
    report = score([gold_doc("quiet")], {"quiet": [event("quiet", "REJECT", [actor("AAA")])]})

    assert (report.tp, report.fp, report.fn) == (0, 1, 0)
    assert report.documents_with_actor_labels == 1


def test_predictions_of_a_status_no_gold_event_has_are_counted_not_scored() -> None:
    gold = gold_event("THREATEN", [gold_actor("AAA")], [gold_actor("BBB")])
    planned = event("d1", "THREATEN", [actor("AAA")], [actor("BBB")], status="planned")
    stray = event("d1", "ASSAULT", [actor("AAA")], [actor("BBB")], status="hypothetical")
    report = one(gold, planned, stray)

    assert (report.tp, report.fp, report.fn) == (0, 0, 1)
    assert dict(report.unscored_predictions) == {"planned": 1, "hypothetical": 1}
    assert report.as_dict()["unscored_predictions"] == {"hypothetical": 1, "planned": 1}


def test_every_status_is_scored_where_a_gold_event_gives_none() -> None:
    gold = gold_event("THREATEN", [gold_actor("AAA")], [gold_actor("BBB")], status=None)
    planned = event("d1", "THREATEN", [actor("AAA")], [actor("BBB")], status="planned")
    report = one(gold, planned)

    assert report.tp == 1 and report.unscored_predictions == ()
    assert (report.status.correct, report.status.total) == (0, 0)


def test_a_gold_file_with_planned_events_scores_planned_predictions() -> None:
    gold = gold_event("CONSULT", [gold_actor("AAA")], [gold_actor("BBB")], status="planned")
    planned = event("d1", "CONSULT", [actor("AAA")], [actor("BBB")], status="planned")
    happened = event("d1", "CONSULT", [actor("AAA")], [actor("BBB")])
    report = one(gold, planned, happened)

    assert (report.tp, report.fp) == (1, 0)
    assert (report.status.correct, report.status.total) == (1, 1)


# ----------------------------------------------------------------------------- accuracies


def test_mode_accuracy_counts_only_pairs_with_a_gold_mode() -> None:
    sides = ([gold_actor("AAA")], [gold_actor("BBB")])
    gold = gold_doc(
        "d1",
        gold_event("CONSULT", *sides, mode="phone"),
        gold_event("MOBILIZE", *sides, mode="troops"),
        gold_event("REJECT", *sides),
    )
    pred_sides = ([actor("AAA")], [actor("BBB")])
    predicted = [
        event("d1", "CONSULT", *pred_sides, mode="Phone"),
        event("d1", "MOBILIZE", *pred_sides, mode="police"),
        event("d1", "REJECT", *pred_sides, mode="meet"),
    ]
    report = score([gold], {"d1": predicted})

    assert report.tp == 3
    assert (report.mode.correct, report.mode.total) == (1, 2)


def test_legacy_mode_spellings_are_normalised() -> None:
    assert normalize_mode("strike-gen") == "strike"
    assert normalize_mode(" Sieze ") == "seize"
    assert normalize_mode("") is None
    gold = gold_event("PROTEST", [gold_actor("AAA")], mode="strike-hun")
    report = one(gold, event("d1", "PROTEST", [actor("AAA")], mode="hunger"))

    assert report.mode.value == 1.0


def test_sector_accuracy_compares_actors_of_the_same_country() -> None:
    gold = gold_event(
        "ASSAULT",
        [gold_actor("AAA", "MIL")],
        [gold_actor("BBB", "CVLxyz"), gold_actor("CCC", "GOV"), gold_actor("DDD")],
    )
    predicted = event(
        "d1",
        "ASSAULT",
        [actor("AAA", "MIL")],
        [actor("BBB", "CVL"), actor("CCC", "REB"), actor("DDD", "GOV")],
    )
    report = one(gold, predicted)

    # AAA right, BBB right (primary role), CCC wrong; DDD has no gold sector.
    assert (report.sector.correct, report.sector.total) == (2, 3)


def test_sector_accuracy_follows_a_reversed_undirected_match() -> None:
    gold = gold_event("CONSULT", [gold_actor("AAA", "GOV")], [gold_actor("BBB", "BUS")])
    predicted = event("d1", "CONSULT", [actor("BBB", "BUS")], [actor("AAA", "GOV")])
    report = one(gold, predicted)

    assert (report.sector.correct, report.sector.total) == (2, 2)


def test_unknown_gold_sector_and_unmatched_countries_are_not_scored() -> None:
    assert normalize_sector("***") is None
    gold = gold_event("COERCE", [gold_actor("AAA", "***")], [gold_actor("BBB", "GOV")])
    predicted = event("d1", "COERCE", [actor("AAA", "GOV")], [actor("BBB"), actor("EEE")])
    report = one(gold, predicted)

    assert (report.sector.correct, report.sector.total) == (0, 1)


def test_date_accuracy_counts_only_pairs_with_a_gold_date() -> None:
    sides = ([gold_actor("AAA")], [gold_actor("BBB")])
    gold = gold_doc(
        "d1",
        gold_event("AID", *sides, when=date(2023, 5, 6)),
        gold_event("CONCEDE", *sides, when=date(2023, 5, 7)),
        gold_event("REQUEST", *sides),
    )
    pred_sides = ([actor("AAA")], [actor("BBB")])
    predicted = [
        event("d1", "AID", *pred_sides, when=date(2023, 5, 6)),
        event("d1", "CONCEDE", *pred_sides, when=date(2023, 5, 8)),
        event("d1", "REQUEST", *pred_sides, when=date(2023, 5, 9)),
    ]
    report = score([gold], {"d1": predicted})

    assert (report.date.correct, report.date.total) == (1, 2)


def test_type_accuracy_uses_single_event_documents() -> None:
    sides = ([gold_actor("AAA")], [gold_actor("BBB")])
    gold = [
        gold_doc("found", gold_event("ACCUSE", *sides)),
        gold_doc("wrong actors", gold_event("ACCUSE", *sides)),
        gold_doc("missed", gold_event("ACCUSE", *sides)),
        gold_doc("two", gold_event("ACCUSE", *sides), gold_event("REJECT", *sides)),
    ]
    predicted = {
        "found": [event("found", "ACCUSE", [actor("AAA")], [actor("BBB")])],
        "wrong actors": [event("wrong actors", "ACCUSE", [actor("XXX")], [actor("YYY")])],
        "missed": [event("missed", "REJECT", [actor("AAA")], [actor("BBB")])],
    }
    report = score(gold, predicted)

    assert (report.type_accuracy.correct, report.type_accuracy.total) == (2, 3)


# ----------------------------------------------------------------------------- countries


def test_cameo_codes_are_normalised_to_iso() -> None:
    assert normalize_country("JAP") == "JPN"
    assert normalize_country(" jap ") == "JPN"
    assert normalize_country("JPN") == "JPN"
    assert normalize_country("IGO") == "IGO"
    assert normalize_country("") is None
    gold = gold_event("CONSULT", [gold_actor("USA")], [gold_actor("JAP")], mode="visit")
    report = one(gold, event("d1", "CONSULT", [actor("USA")], [actor("JPN")], mode="visit"))

    assert report.tp == 1


def test_country_table_maps_only_codes_that_are_not_current_iso() -> None:
    table = cameo_country_codes()

    assert table["JAP"] == "JPN"
    assert table["IGO"] == "IGO"
    for cameo, iso in table.items():
        if cameo != iso:
            assert pycountry.countries.get(alpha_3=cameo) is None, cameo


# ----------------------------------------------------------------------------- document-level


def unlabelled(doc_id: str, *types_modes: tuple[str, str | None]) -> GoldDocument:
    return gold_doc(doc_id, *(gold_event(t, mode=m) for t, m in types_modes))


def test_document_level_hit_rate_mode_hits_and_off_type_predictions() -> None:
    gold = [
        unlabelled("a", ("PROTEST", "strike")),
        unlabelled("b", ("PROTEST", None)),
        unlabelled("c", ("ASSAULT", "aerial")),
        unlabelled("d", ("AID", None)),
    ]
    predicted = {
        "a": [event("a", "PROTEST", mode="strike"), event("a", "COERCE")],
        "b": [event("b", "ASSAULT"), event("b", "ASSAULT"), event("b", "COERCE")],
        "c": [event("c", "ASSAULT", [actor("AAA")], mode="firearms")],
    }
    report = score(gold, predicted)
    values = report.as_dict()

    assert report.documents_without_actor_labels == 4
    assert (report.doc_hits.correct, report.doc_hits.total) == (2, 4)
    assert (report.doc_mode_hits.correct, report.doc_mode_hits.total) == (1, 2)
    assert values["per_type_doc"] == {
        "AID": {"labels": 1, "hits": 0, "hit_rate": 0.0},
        "ASSAULT": {"labels": 1, "hits": 1, "hit_rate": 1.0},
        "PROTEST": {"labels": 2, "hits": 1, "hit_rate": 0.5},
    }
    # Documents, not events: "b" has two off-type ASSAULTs and counts once.
    assert values["off_type_predictions"] == {"ASSAULT": 1, "COERCE": 2}
    assert values["off_type_docs"] == 2
    assert values["off_type_doc_rate"] == 0.5
    # Event-level scores are not computed on documents without actor labels.
    assert (report.tp, report.fp, report.fn) == (0, 0, 0)
    assert values["event_f1"] is None


def test_headline_precision_checks_only_the_events_a_headline_reports() -> None:
    story = "Troops shell a border town\n\nThe army shelled the town. Later, ministers met."
    body = story.index("The army")

    def at(doc_id: str, type_: str, start: int) -> Event:
        found = event(doc_id, type_)
        found.mentions = [Mention(doc_id, story[start : start + 10], start, start + 10)]
        return found

    gold = [
        GoldDocument(doc_id, story, None, (gold_event("ASSAULT"),), False)
        for doc_id in ("a", "b", "c", "d")
    ]
    gold.append(GoldDocument("e", "One line only.", None, (gold_event("ASSAULT"),), False))
    predicted = {
        # headline right; the body's CONSULT is another real event, not held against it
        "a": [at("a", "ASSAULT", 0), at("a", "CONSULT", body)],
        # headline read as the wrong type
        "b": [at("b", "COERCE", 0), at("b", "ASSAULT", body)],
        # nothing from the headline: not counted
        "c": [at("c", "ASSAULT", body)],
        # right and wrong types from the headline: not all on type
        "d": [at("d", "ASSAULT", 0), at("d", "PROTEST", 0)],
        # a document of one line has no headline
        "e": [at("e", "COERCE", 0)],
    }
    values = score(gold, predicted).as_dict()

    assert (values["headline_on_type_docs"], values["headline_event_docs"]) == (1, 3)
    assert values["headline_precision"] == round(1 / 3, 4)
    assert values["off_type_docs"] == 4


# ----------------------------------------------------------------------------- as_dict


def test_as_dict_is_json_serialisable_with_stable_keys() -> None:
    gold = gold_event("ASSAULT", [gold_actor("AAA")], [gold_actor("BBB")])
    report = one(gold, event("d1", "ASSAULT", [actor("AAA")], [actor("BBB")]))
    values = report.as_dict()

    assert json.loads(json.dumps(values)) == values
    assert list(values) == list(one(gold).as_dict())
    assert values["per_type"]["ASSAULT"] == {
        "gold": 1,
        "predicted": 1,
        "tp": 1,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert list(values)[:12] == [
        "documents",
        "documents_with_actor_labels",
        "documents_without_actor_labels",
        "ignored_predictions",
        "gold_events",
        "predicted_events",
        "tp",
        "fp",
        "fn",
        "event_precision",
        "event_recall",
        "event_f1",
    ]


def test_f1_is_zero_when_nothing_was_predicted() -> None:
    report = one(gold_event("AID", [gold_actor("AAA")]))

    assert report.precision is None
    assert report.recall == 0.0
    assert report.f1 == 0.0


# ----------------------------------------------------------------------------- load_gold


def test_load_gold_reads_both_kinds_of_documents(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "one",
                "text": "Country A's navy shelled a port in country B on Monday.",
                "published": "2024-02-05",
                "events": [
                    {
                        "type": "ASSAULT",
                        "mode": "heavy-weapons",
                        "source": [{"country": "AAA", "sector": "MIL", "name": "navy"}],
                        "target": [{"country": "BBB", "sector": None, "name": "port"}],
                        "date": "2024-02-05",
                        "status": "happened",
                    }
                ],
                "note": "extra keys are ignored",
            },
            {
                "id": "two",
                "text": "Workers stayed away from the docks.",
                "published": None,
                "events": [{"type": "PROTEST", "mode": "strike", "source": [], "target": []}],
            },
        ],
    )
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n")  # a trailing blank line is fine
    documents = load_gold(path)

    assert [d.id for d in documents] == ["one", "two"]
    first, second = documents
    assert first.published == date(2024, 2, 5)
    assert first.actor_labels is True
    assert first.events[0].source == (GoldActor("AAA", "MIL", "navy"),)
    assert first.events[0].date == date(2024, 2, 5)
    assert second.actor_labels is False
    assert second.events[0].status is None


@pytest.mark.parametrize(
    ("bad_line", "fragment"),
    [
        ("{not json", "malformed"),
        ('["a list"]', "JSON object"),
        ('{"id": "x", "text": "t", "events": {}}', "'events'"),
        ('{"text": "t", "events": []}', "'id'"),
        ('{"id": "x", "text": "t", "published": "5 May", "events": []}', "published"),
        ('{"id": "x", "text": "t", "events": [{"mode": null}]}', "events[0].type"),
        ('{"id": "x", "text": "t", "events": [{"type": "AID", "status": "maybe"}]}', "status"),
        ('{"id": "x", "text": "t", "events": [{"type": "AID", "source": "AAA"}]}', "source"),
        ('{"id": "one", "text": "t", "events": []}', "duplicate"),
    ],
)
def test_load_gold_names_the_bad_line(tmp_path: Path, bad_line: str, fragment: str) -> None:
    good = json.dumps({"id": "one", "text": "Fine.", "events": []})
    path = tmp_path / "gold.jsonl"
    path.write_text(f"{good}\n\n{bad_line}\n", encoding="utf-8")

    with pytest.raises(ConfigError, match=r"gold\.jsonl:3: ") as caught:
        load_gold(path)
    assert fragment in str(caught.value)


def test_load_gold_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_gold(tmp_path / "absent.jsonl")


# ----------------------------------------------------------------------------- check_minimums


def test_check_minimums() -> None:
    gold = gold_event("ASSAULT", [gold_actor("AAA")], [gold_actor("BBB")])
    twin = event("d1", "ASSAULT", [actor("AAA")], [actor("BBB")])
    report = one(gold, twin, twin)  # precision 0.5, recall 1.0, f1 0.6667

    assert check_minimums(report, {"event_recall": 1.0, "type_accuracy": 0.9}) == []
    assert check_minimums(report, {"per_type.ASSAULT.recall": 1.0}) == []
    messages = check_minimums(
        report,
        {"event_f1": 0.7, "doc_hit_rate": 0.5, "no_such_metric": 0.1, "per_type": 0.1},
    )
    assert messages[0] == "event_f1 = 0.6667 is below its minimum 0.7000"
    assert "doc_hit_rate was not measured" in messages[1]
    assert "no_such_metric is not a metric" in messages[2]
    assert "per_type is not a metric" in messages[3]
    assert len(messages) == 4
