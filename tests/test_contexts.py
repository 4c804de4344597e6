"""PLOVER contexts of sentences, events and stories (events/contexts.py and the word
lists of data/events/contexts.toml). Sentences are ours, written for these tests."""

from __future__ import annotations

import pytest

from tacitus import Pipeline
from tacitus.events.contexts import document_contexts, load_contexts
from tacitus.ontology import load_ontology

from .helpers import PUBLISHED, one


def test_every_context_of_the_ontology_has_words() -> None:
    lexicon = load_contexts()
    contexts = {context for entries in lexicon.phrases.values() for _, context in entries}
    assert contexts == set(load_ontology().contexts)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("The ruling party lost its majority in the snap election on Sunday.", "election"),
        ("Hackers stole the data of two million voters in a ransomware attack.", "cyber"),
        ("The court sentenced the former minister to seven years for bribery.", "judicial"),
        ("Thousands of refugees crossed the border after the fighting.", "refugees"),
        ("The drought destroyed half of the maize harvest this year.", "agriculture"),
        ("Warships and fighter jets took part in the drills near the strait.", "military"),
    ],
)
def test_sentence_contexts(nlp, text: str, context: str) -> None:  # type: ignore[no-untyped-def]
    assert context in load_contexts().find(nlp(text))


@pytest.mark.parametrize(
    "text",
    [
        "The minister said on Monday that talks with the delegation went well.",
        "Police fired tear gas at the crowd outside the stadium.",
    ],
)
def test_generic_news_words_set_no_unrelated_context(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    found = load_contexts().find(nlp(text))
    assert "election" not in found and "environment" not in found and "health" not in found


def test_phrases_match_as_a_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    lexicon = load_contexts()
    two_words = [p for entries in lexicon.phrases.values() for p, _ in entries if len(p) == 2]
    assert two_words, "the lexicon has multi-word phrases"
    first, _ = two_words[0]
    # the first word alone does not stand for the phrase unless it is listed itself
    alone = {c for p, c in lexicon.phrases.get(first, ()) if p == (first,)}
    assert set(lexicon.find(nlp(first))) == alone


def test_story_contexts_come_from_the_lede_and_repeated_ones() -> None:
    per_sentence = [["military"], [], ["economic"], ["health"], ["economic"]]
    assert document_contexts(per_sentence) == ["military", "economic"]


def test_event_takes_its_sentence_contexts(pipeline: Pipeline) -> None:
    text = (
        "Russian jets bombed Ukrainian grain terminals in Odesa, destroying 20,000 tonnes of wheat."
    )
    event = one(pipeline, text, "ASSAULT")
    assert "military" in event.context
    assert "agriculture" in event.context


def test_event_without_context_words_takes_the_story_s() -> None:
    pipeline = Pipeline()
    text = (
        "Voters queued for hours as the presidential election went to a runoff.\n"
        "The opposition candidate accused the electoral commission of fraud.\n"
        "Observers said the ballot counting was slow.\n"
        "Later, Kenyan President William Ruto praised Tanzania's president."
    )
    coded = pipeline.code_text(text, published=PUBLISHED)
    assert coded.contexts[:1] == ["election"]
    praise = [e for e in coded.events if e.type == "SUPPORT"]
    assert praise and all("election" in e.context for e in praise)
