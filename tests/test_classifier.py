"""The sentence classifier (tacitus.events.classify), its training script, and how the
coder uses it; plus the argument rules that came with it (targets deeper in the
predicate, domestic bodies, pronouns). Sentences are ours, written for these tests."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tacitus import Pipeline, Settings
from tacitus.errors import ConfigError
from tacitus.events.classify import (
    FEATURE_VERSION,
    features,
    load_model,
)
from tacitus.ontology import load_ontology

from .helpers import code, countries, one, side

REPO = Path(__file__).resolve().parents[1]
TRAINING = REPO / "training"


# -- the shipped model --------------------------------------------------------------------
def test_shipped_model_covers_every_type() -> None:
    model = load_model()
    assert model.labels == tuple(load_ontology().types)
    assert model.card["feature_version"] == FEATURE_VERSION
    assert model.weights.shape == (len(model.vocabulary), len(model.labels))


def test_shipped_model_was_trained_on_the_data_in_the_repository() -> None:
    """Whoever edits training/data must retrain (python training/train_types.py)."""
    digest = hashlib.sha256()
    for path in sorted((TRAINING / "data").glob("*.jsonl")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    assert load_model().card["data_sha256"] == digest.hexdigest()


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Police arrested dozens of opposition activists in Santiago on Friday.", "COERCE"),
        ("The finance ministers pledged to cooperate on a common tax framework.", "AGREE"),
        ("Rebels shelled government positions outside the town overnight.", "ASSAULT"),
        ("Thousands of nurses marched through the capital demanding better pay.", "PROTEST"),
        ("The court sentenced the opposition leader to five years in prison.", "SANCTION"),
        ("Ottawa expelled a senior Indian diplomat over the killing.", "SANCTION"),
        ("The two foreign ministers spoke by phone about the crisis.", "CONSULT"),
        ("Rwanda rejected the proposal for direct talks with the rebels.", "REJECT"),
    ],
)
def test_top_type_of_clear_sentences(pipeline: Pipeline, text: str, kind: str) -> None:
    sentence = next(iter(pipeline.nlp(text).sents))
    probabilities = pipeline.coder.classifier.probabilities(sentence)
    assert max(probabilities, key=probabilities.__getitem__) == kind


def test_sentence_without_event_scores_low(pipeline: Pipeline) -> None:
    text = "The 58-year-old economist studied in Leuven and has two daughters."
    sentence = next(iter(pipeline.nlp(text).sents))
    assert max(pipeline.coder.classifier.probabilities(sentence).values()) < 0.5


def test_names_and_numbers_are_abstracted(pipeline: Pipeline) -> None:
    one_name = features(pipeline.nlp("Kenya sent 300 police officers to Haiti."))
    other = features(pipeline.nlp("Chad sent 1,200 police officers to Haiti."))
    assert one_name == other
    assert "d=send>dobj>officer" in one_name


def test_model_from_a_missing_path_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="sentence classifier"):
        load_model(str(tmp_path / "nothing"))


# -- the training script --------------------------------------------------------------------
def _write_tiny_data(folder: Path) -> None:
    rows = {
        "assault": [
            "Soldiers shelled the village and killed four farmers.",
            "Militants attacked a police post with rockets.",
            "Jets bombed the rebel stronghold overnight.",
            "Gunmen attacked a convoy and killed two guards.",
        ],
        "consult": [
            "The two presidents met in the capital for talks.",
            "The ministers held talks on trade in the capital.",
            "The president met the visiting prime minister for talks.",
            "The envoys met again for talks on the border.",
        ],
    }
    folder.mkdir()
    for name, texts in rows.items():
        with (folder / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
            for i, text in enumerate(texts):
                event = {"type": name.upper(), "source": [], "target": []}
                doc = {"id": f"{name}-{i}", "text": text, "events": [event]}
                handle.write(json.dumps(doc) + "\n")


def test_training_is_reproducible_and_the_model_loads(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _write_tiny_data(data)
    stems = [str(tmp_path / "a" / "types"), str(tmp_path / "b" / "types")]
    for stem in stems:
        subprocess.run(
            [sys.executable, str(TRAINING / "train_types.py"), "--data", str(data), "--out", stem],
            check=True,
            capture_output=True,
        )
    first, second = (load_model(stem) for stem in stems)
    assert first.card["weights_sha256"] == second.card["weights_sha256"]
    assert np.array_equal(first.weights, second.weights)
    assert first.card["positives"] == {**dict.fromkeys(first.labels, 0), "ASSAULT": 4, "CONSULT": 4}
    assert first.scores({"w=shell", "w=kill"})[first.labels.index("ASSAULT")] > 0.5


# -- how the coder uses it -----------------------------------------------------------------------
def test_classifier_codes_an_event_no_pattern_fits(pipeline: Pipeline) -> None:
    text = "Japan donated 500,000 doses of polio vaccine to Afghanistan through UNICEF."
    event = one(pipeline, text, "AID")
    assert event.mentions[0].trigger == "classifier-aid"
    assert (countries(event.source), countries(event.target)) == (["JPN"], ["AFG"])
    assert 0.6 <= event.confidence <= 1.0


def test_classifier_events_can_be_turned_off() -> None:
    text = "Japan donated 500,000 doses of polio vaccine to Afghanistan through UNICEF."
    quiet = Pipeline(Settings(classifier_events=1.0))
    assert [e.type for e in code(quiet, text)] == []


def test_classifier_event_needs_a_target_unless_the_type_is_one_sided(
    pipeline: Pipeline,
) -> None:
    # SUPPORT needs someone supported: "U.S. support" names the speaker's own country
    text = "Blinken reaffirmed U.S. support for measures to advance freedom and security."
    assert [e.type for e in code(pipeline, text)] == []


def test_veto_spares_threatened_acts(pipeline: Pipeline) -> None:
    text = "Kenyan police threatened to arrest protesters in Nairobi on Friday."
    found = {e.type: e.status for e in code(pipeline, text)}
    assert found["THREATEN"] == "happened"
    assert found.get("COERCE", "hypothetical") == "hypothetical"


def test_veto_spares_patterns_that_name_the_act(pipeline: Pipeline) -> None:
    # a pattern that names the act's own words ("prevented a rally": coerce-prevent-
    # protest has objects) outweighs a sentence the classifier reads as another type;
    # a pattern of the verb alone ("criticised") does not
    from tacitus.events.extract import SentenceContext

    coder = pipeline.coder
    for text, kept in [
        ("Kenyan police prevented a rally by students in Nairobi on Monday.", True),
        ("Kenya criticised Uganda over the border closure on Monday.", False),
    ]:
        events = code(pipeline, text)
        assert len(events) == 1
        doc = pipeline.nlp(text)
        context = SentenceContext("x", None, coder.resolver.prepare(doc, None))
        likely = dict.fromkeys(coder.classifier.labels, 0.01)
        likely["SUPPORT"] = 0.95
        weighed = coder._weigh(doc[:], events, likely, context)
        assert (weighed == events) is kept
        assert bool(context.discarded) is not kept


# -- argument rules ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # the one acted on is the subject of the demanded clause
        (
            "China demanded that the United States stop arms sales to Taiwan.",
            "REQUEST",
            (["CHN"], ["USA"]),
        ),
        # or the object of the threatened act
        (
            "The Azerbaijani parliament threatened to break off relations with Russia.",
            "THREATEN",
            (["AZE"], ["RUS"]),
        ),
        # "it" is the state named before
        (
            "Switzerland said it had expelled two Russian diplomats for spying.",
            "SANCTION",
            (["CHE"], ["RUS"]),
        ),
        # "its troops" are Israel's
        (
            "Israel completed the withdrawal of its troops from Gaza on Wednesday.",
            "RETREAT",
            (["ISR"], ["PSE"]),
        ),
    ],
)
def test_roles_found_deeper_in_the_sentence(
    pipeline: Pipeline, text: str, kind: str, expected: tuple[list[str], list[str]]
) -> None:
    event = one(pipeline, text, kind)
    assert (countries(event.source), countries(event.target)) == expected


def test_a_city_one_travels_to_is_no_target(pipeline: Pipeline) -> None:
    text = "Benjamin Netanyahu agreed on Tuesday to send a delegation to Cairo for hostage talks."
    assert one(pipeline, text, "AGREE").target == []


def test_the_killing_of_someone_is_not_a_target(pipeline: Pipeline) -> None:
    text = "Kenyan police opened an investigation into the killing of a journalist in Nairobi."
    assert one(pipeline, text, "ACCUSE").target == []


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Thai opposition lawmakers accused the army of spying on activists.", "ACCUSE", "MIL"),
        (
            "Kenyan President William Ruto castigated the judiciary for blocking his levy.",
            "ACCUSE",
            "JUD",
        ),
    ],
)
def test_state_bodies_without_a_country_are_domestic(
    pipeline: Pipeline, text: str, kind: str, target: str
) -> None:
    event = one(pipeline, text, kind)
    source_country = event.source[0].country
    assert side(event.target) == [(source_country, target)]


def test_a_title_is_not_made_domestic(pipeline: Pipeline) -> None:
    # "the Labour leader" is a person, not a state body: no country is guessed for him
    text = "It was the first visit to Italy by the Labour leader since July."
    assert [e.type for e in code(pipeline, text)] == []


def test_no_meeting_is_denied(pipeline: Pipeline) -> None:
    text = "Kuwait's foreign minister held no talks with Syria's foreign minister in New York."
    assert one(pipeline, text, "CONSULT").status == "denied"


@pytest.mark.parametrize(
    ("text", "kind", "target"),
    [
        ("Police imposed a curfew in Nairobi after the riots.", "COERCE", "KEN"),
        ("Israeli troops raided homes in the West Bank overnight.", "ASSAULT", "PSE"),
    ],
)
def test_force_that_names_no_one_is_aimed_at_the_place(
    pipeline: Pipeline, text: str, kind: str, target: str
) -> None:
    event = one(pipeline, text, kind)
    assert [(a.country, a.kind) for a in event.target] == [(target, "country")]


def test_a_meeting_place_is_never_the_partner(pipeline: Pipeline) -> None:
    text = "Hakan Fidan held talks in Doha on Monday."
    assert [e.type for e in code(pipeline, text) if e.type == "CONSULT"] == []


def test_place_hung_on_the_attackers_makes_them_local(pipeline: Pipeline) -> None:
    text = "Six people were killed by gangs of masked gunmen in Egypt on Tuesday."
    event = one(pipeline, text, "ASSAULT")
    assert (countries(event.source), countries(event.target)) == (["EGY"], ["EGY"])
    assert event.location is not None and event.location.country == "EGY"
