"""Acts told without naming everyone in them: counted people, reduced passives, acts with
no known doer, headlines ending on a quotation, and acts stopped before they happened.

Every sentence here is our own.
"""

from __future__ import annotations

import pytest

from tacitus import Pipeline
from tacitus.clean import ends_like_sentence
from tacitus.records import Event
from tests.helpers import code, countries, one, sectors


def of_type(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind]


# -- people counted, not named --------------------------------------------------------------
def test_counted_crowd_is_the_protest_source(pipeline: Pipeline) -> None:
    event = one(pipeline, "Dozens marched through central Nairobi on Saturday.", "PROTEST")
    assert countries(event.source) == ["KEN"]
    assert sectors(event.source) == ["CVL"]


def test_counted_people_are_the_ones_charged(pipeline: Pipeline) -> None:
    event = one(pipeline, "Police in Nairobi charged dozens after the protest.", "ACCUSE")
    assert countries(event.source) == ["KEN"]
    assert countries(event.target) == ["KEN"]
    assert sectors(event.target) == ["CVL"]


def test_counted_people_found_guilty_in_a_headline(pipeline: Pipeline) -> None:
    text = (
        "Four Found Guilty After Lengthy Trial in Nairobi\n\n"
        "The court said the four men had planned the robbery together."
    )
    event = one(pipeline, text, "SANCTION")
    assert event.mode == "convict"
    assert countries(event.source) == ["KEN"]
    assert sectors(event.source) == ["JUD"]
    assert sectors(event.target) == ["CVL"]


def test_a_count_does_not_meet_or_agree(pipeline: Pipeline) -> None:
    # a count stands for a crowd or for people acted on, not for a side in talks
    events = code(pipeline, "Dozens met the governor of Mombasa on Monday.")
    assert not of_type(events, "CONSULT")


@pytest.mark.parametrize(("number", "counted"), [("40", True), ("2,000", True), ("2019", False)])
def test_a_year_is_not_a_count_of_people(pipeline: Pipeline, number: str, counted: bool) -> None:
    from tacitus.events.extract import _counted_people

    doc = pipeline.nlp(f"Police in Lagos charged {number} on Monday.")
    (token,) = [t for t in doc if t.text == number]
    assert _counted_people(token) is counted


# -- reduced passives ------------------------------------------------------------------------
def test_reduced_passive_object_is_the_noun_it_describes(pipeline: Pipeline) -> None:
    text = (
        "Social Media Platforms Suspended in Ethiopia After Unrest\n\n"
        "Users said they could not reach their accounts on Tuesday."
    )
    event = one(pipeline, text, "COERCE")
    assert countries(event.source) == ["ETH"]
    assert sectors(event.source) == ["GOV"]


def test_reduced_passive_shares_the_fate_of_its_noun(pipeline: Pipeline) -> None:
    text = "Police in Ankara prevented a demonstration staged by students on Tuesday."
    events = code(pipeline, text)
    protests = of_type(events, "PROTEST")
    assert protests, [e.as_dict() for e in events]
    assert {e.status for e in protests} == {"denied"}
    assert of_type(events, "COERCE")[0].status == "happened"


def test_a_participle_describing_someone_is_not_an_act(pipeline: Pipeline) -> None:
    text = "Militiamen armed with machetes attacked a camp near Goma on Sunday."
    events = code(pipeline, text)
    assert not of_type(events, "AID")
    assert of_type(events, "ASSAULT")


# -- acts with no known doer -----------------------------------------------------------------
def test_aid_arriving_has_a_recipient_and_no_known_giver(pipeline: Pipeline) -> None:
    event = one(pipeline, "Emergency food aid arrived in Haiti on Tuesday.", "AID")
    assert event.source == []
    assert countries(event.target) == ["HTI"]


def test_release_names_who_was_freed(pipeline: Pipeline) -> None:
    event = one(pipeline, "Dozens of captives were released in Beirut on Sunday.", "RETREAT")
    assert event.mode == "release"
    assert event.source == []
    assert countries(event.target) == ["LBN"]


def test_a_statement_released_is_not_a_release(pipeline: Pipeline) -> None:
    text = "A statement from Miller released on Tuesday referred to the call with Abbas."
    assert not of_type(code(pipeline, text), "RETREAT")


# -- weapons and military targets ------------------------------------------------------------
def test_a_drone_destroying_military_targets_is_an_assault(pipeline: Pipeline) -> None:
    text = "A Turkish drone destroyed two rebel positions in northern Iraq on Monday."
    event = one(pipeline, text, "ASSAULT")
    assert event.mode == "aerial"
    assert countries(event.source) == ["TUR"]
    assert sectors(event.source) == ["MIL"]
    assert countries(event.target) == ["IRQ"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An opposition leader was beaten with a baseball bat in Harare on Sunday.", True),
        ("Zimbabwe beat Kenya by six wickets in Harare on Sunday.", False),
    ],
)
def test_beating_needs_a_weapon_or_a_victim(pipeline: Pipeline, text: str, expected: bool) -> None:
    assert bool(of_type(code(pipeline, text), "ASSAULT")) is expected


def test_tightening_the_screws_is_coercion(pipeline: Pipeline) -> None:
    text = "Hungary tightened the screws on independent media on Monday."
    event = one(pipeline, text, "COERCE")
    assert event.mode == "restrict"
    assert countries(event.source) == ["HUN"]


# -- headlines ending on a quotation ---------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('Minister: "We Will Not Resign"', False),
        ("Rebels announce suspension of attacks\u201d", False),
        ('He said: "We will go."', True),
        ("The talks ended.", True),
        ("Key points:", True),
        ("Headline without a stop", False),
    ],
)
def test_ends_like_sentence(line: str, expected: bool) -> None:
    assert ends_like_sentence(line) is expected


def test_headline_ending_on_a_quote_is_still_a_headline(pipeline: Pipeline) -> None:
    text = (
        'Rebels in Mali announce suspension of attacks against government forces"\n\n'
        "The announcement was read out on local radio on Sunday."
    )
    event = one(pipeline, text, "CONCEDE")
    assert countries(event.source) == ["MLI"]
    assert event.status == "happened"


# -- trigger words are matched by lemma ------------------------------------------------------
# Plurals whose lemma in a neutral sentence is another word than in the news they are meant
# for ("rebel bases" is "base", not "basis"; "axes" is a weapon, not "axis").
LEMMA_EXCEPTIONS = frozenset({"bases", "axes"})


def test_object_and_required_words_list_their_lemmas(pipeline: Pipeline) -> None:
    """A pattern's objects and required words are compared with lemmas ("goods" is read
    as "good", "media" as "medium"), so a word listed must have its lemma listed too."""
    from tacitus.events.triggers import load_triggers

    rules = {r.id: r for rs in load_triggers().by_lemma.values() for r in rs}
    words = {
        w
        for rule in rules.values()
        for w in rule.objects | rule.requires
        if w.isalpha() and w not in LEMMA_EXCEPTIONS
    }
    docs = pipeline.nlp.pipe(f"They saw the {w} yesterday." for w in sorted(words))
    lemma = {w: doc[3].lemma_.lower() for w, doc in zip(sorted(words), docs, strict=True)}
    missing = sorted(
        (rule.id, w, lemma[w])
        for rule in rules.values()
        for listed in (rule.objects, rule.requires)
        for w in listed
        if w in lemma and lemma[w].isalpha() and lemma[w] not in listed
    )
    assert not missing


# -- attacks told by their means, crowds by what they gathered for ---------------------------
@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("A roadside bomb killed four soldiers in Mosul on Monday.", True),
        ("A gas explosion killed eleven miners in Shanxi on Monday.", False),
    ],
)
def test_a_weapon_as_subject_is_an_attack_without_a_known_doer(
    pipeline: Pipeline, text: str, attack: bool
) -> None:
    found = [e for e in of_type(code(pipeline, text), "ASSAULT") if not e.source]
    assert bool(found) is attack
    if attack:
        assert countries(found[0].target) == ["IRQ"]


def test_crowd_gathered_for_a_demonstration_is_its_source(pipeline: Pipeline) -> None:
    text = "Over 5,000 gathered for a peaceful demonstration in central Minsk on Sunday."
    event = one(pipeline, text, "PROTEST")
    assert countries(event.source) == ["BLR"]
    assert sectors(event.source) == ["CVL"]


def test_protests_across_a_city_are_placed_there(pipeline: Pipeline) -> None:
    event = one(pipeline, "Peaceful protests began across Minsk on Sunday.", "PROTEST")
    assert countries(event.source) == ["BLR"]


def test_forces_beginning_patrols_mobilize(pipeline: Pipeline) -> None:
    text = "Pro-government paramilitary forces began patrols in Sinaloa on Friday."
    event = one(pipeline, text, "MOBILIZE")
    assert countries(event.source) == ["MEX"]


def test_returning_seized_property_is_a_retreat(pipeline: Pipeline) -> None:
    text = "Rebels in Mindanao returned the seized property as part of the peace accord."
    event = one(pipeline, text, "RETREAT")
    assert event.mode == "return"
    assert countries(event.source) == ["PHL"]


def test_abducted_by_an_insurgent_group(pipeline: Pipeline) -> None:
    text = "Thirteen students were abducted from a school in Kinshasa by an insurgent group."
    event = one(pipeline, text, "ASSAULT")
    assert event.mode == "abduct"
    assert sectors(event.source) == ["REB"]
    assert countries(event.target) == ["COD"]


def test_story_country_ties_go_to_the_headline(pipeline: Pipeline) -> None:
    # Latvia counts twice in the headline, Russia twice in the body: the headline decides
    text = (
        "Latvia Independence Party Formally Outlawed Under New Law\n\n"
        "The ban follows months of tension with Russia. Russia called it a provocation."
    )
    event = one(pipeline, text, "COERCE")
    assert countries(event.source) == ["LVA"]
    assert sectors(event.source) == ["GOV"]


# -- concessions, requests and protests without a named doer ---------------------------------
def test_dropping_a_project_after_objections_is_a_concession(pipeline: Pipeline) -> None:
    text = "Bhutan will shutter the dam project after massive objections from farmers."
    event = one(pipeline, text, "CONCEDE")
    assert countries(event.source) == ["BTN"]
    assert event.status == "happened"  # a promised concession is the concession
    assert not of_type(code(pipeline, "Bhutan will shutter the dam project in May."), "CONCEDE")


def test_a_leader_stating_a_need_for_help_requests_it(pipeline: Pipeline) -> None:
    text = "The president of Malawi expressed the need for international assistance on Monday."
    event = one(pipeline, text, "REQUEST")
    assert countries(event.source) == ["MWI"]


def test_riots_in_a_country_are_its_peoples(pipeline: Pipeline) -> None:
    text = "Recent ethnic riots in Burkina Faso cast doubt on the transition."
    event = one(pipeline, text, "PROTEST")
    assert event.mode == "riot"
    assert (countries(event.source), sectors(event.source)) == (["BFA"], ["CVL"])


def test_the_potential_of_protests_is_not_a_protest(pipeline: Pipeline) -> None:
    text = "Activists in Nairobi raised the potential of protests over the vote count."
    assert {e.status for e in of_type(code(pipeline, text), "PROTEST")} <= {"hypothetical"}


def test_an_unattributed_attack_in_headline_and_body_is_one_event(pipeline: Pipeline) -> None:
    text = (
        "Blast Kills Nine at Market\n\n"
        "A car bomb killed nine people at a market in Kirkuk, Iraq, on Saturday, police said."
    )
    (attack,) = of_type(code(pipeline, text), "ASSAULT")
    assert attack.source == []
    assert countries(attack.target) == ["IRQ"]
    assert len(attack.mentions) == 2


# -- who granted, charged or was supported, when no one is named -----------------------------
def test_support_for_protests_is_support_for_the_protesters(pipeline: Pipeline) -> None:
    text = "Tunisian citizens expressed support for the ongoing protests in Kinshasa."
    event = one(pipeline, text, "SUPPORT")
    assert countries(event.source) == ["TUN"]
    assert countries(event.target) == ["COD"]


def test_charges_faced_are_brought_by_the_courts_there(pipeline: Pipeline) -> None:
    text = (
        "A former Serbian minister faces charges in a bribery scheme, prosecutors in Belgrade said."
    )
    event = one(pipeline, text, "ACCUSE")
    assert (countries(event.source), sectors(event.source)) == (["SRB"], ["JUD"])


def test_observers_allowed_in_by_a_headline_passive(pipeline: Pipeline) -> None:
    text = (
        "Election Observers Allowed Back Into Barbados After Reforms\n\n"
        "Officials in Bridgetown said the vote would be held in May as planned."
    )
    event = one(pipeline, text, "RETREAT")
    assert event.mode == "access"
    assert (countries(event.source), sectors(event.source)) == (["BRB"], ["GOV"])


def test_expelling_observers_of_a_named_country(pipeline: Pipeline) -> None:
    text = "The president of Liberia ejected Kenyan observers from Monrovia on Friday."
    event = one(pipeline, text, "SANCTION")
    assert event.mode == "expel"
    assert (countries(event.source), countries(event.target)) == (["LBR"], ["KEN"])


def test_mass_deportations_are_an_assault(pipeline: Pipeline) -> None:
    text = "Mass deportations of migrants were reported in Libya on Monday."
    event = one(pipeline, text, "ASSAULT")
    assert event.mode == "cleansing"
    assert countries(event.target) == ["LBY"]
    assert not of_type(code(pipeline, "Libya deported a Tunisian migrant on Monday."), "ASSAULT")


def test_an_execution_shown_on_video_has_no_known_doer(pipeline: Pipeline) -> None:
    text = "A video shows the execution of a hostage in northern Syria."
    event = one(pipeline, text, "ASSAULT")
    assert event.source == []
    assert countries(event.target) == ["SYR"]


def test_calling_up_conscripts_mobilizes(pipeline: Pipeline) -> None:
    text = "The Ivorian army called upon conscripts ahead of a renewed offensive."
    event = one(pipeline, text, "MOBILIZE")
    assert event.mode == "troops"
    assert (countries(event.source), sectors(event.source)) == (["CIV"], ["MIL"])


def test_a_sentenced_leader_is_sentenced_by_his_countrys_courts(pipeline: Pipeline) -> None:
    # no court, place or story country is named (Zambia and Zimbabwe once each, as the
    # leader's Malawi): the courts of the one sentenced
    text = (
        "Former Leader Sentenced to Prison for Fraud\n\n"
        "A former president of Malawi was sentenced to eight years for fraud on Monday. "
        "Zambia and Zimbabwe welcomed the ruling."
    )
    sentenced = [e for e in of_type(code(pipeline, text), "SANCTION") if e.mode == "convict"]
    assert sentenced
    assert (countries(sentenced[-1].source), sectors(sentenced[-1].source)) == (["MWI"], ["JUD"])


def test_shelling_read_as_a_verb_is_still_the_attack(pipeline: Pipeline) -> None:
    text = "Shelling in Donetsk kills six children on Monday."
    event = one(pipeline, text, "ASSAULT")
    assert event.source == []
    assert countries(event.target) == ["UKR"]


def test_story_country_is_the_one_named_most(pipeline: Pipeline) -> None:
    # Kenya three times, Uganda and Tanzania twice each: not half of all mentions, but
    # more than any other
    text = (
        "Protesters Block Highway\n\n"
        "The protest blocked the main road. Officials in Uganda and Tanzania said trade had "
        "stopped. Kenya's police chief met counterparts from Uganda and Tanzania. Kenya "
        "urged calm, and Kenya's traders agreed."
    )
    protests = [e for e in of_type(code(pipeline, text), "PROTEST") if e.source]
    assert protests
    assert countries(protests[0].source) == ["KEN"]


# -- descriptions are not acts; owners and appositions give a country ------------------------
def test_a_participle_describing_forces_is_not_a_deployment(pipeline: Pipeline) -> None:
    text = (
        "The ministers will review plans to overhaul the command of U.S. forces stationed in Japan."
    )
    assert not of_type(code(pipeline, text), "MOBILIZE")


def test_a_party_takes_its_named_owners_country(pipeline: Pipeline) -> None:
    text = "Sunak's Conservative Party had for years criticised the Italian government's deals."
    event = one(pipeline, text, "ACCUSE")
    assert countries(event.source) == ["GBR"]


def test_in_protest_is_the_act_not_a_protest_of_the_place(pipeline: Pipeline) -> None:
    text = "Kuwait closed its embassy in Damascus in 2012 in protest at the crackdown."
    assert not [e for e in of_type(code(pipeline, text), "PROTEST") if sectors(e.source) == ["CVL"]]


def test_an_unknown_name_takes_its_appositions_country(pipeline: Pipeline) -> None:
    text = (
        "Karim Benali, Algeria's best-known rights activist, began a hunger strike on Sunday "
        "in protest against abuses by Algerian security forces."
    )
    event = one(pipeline, text, "PROTEST")
    assert event.mode == "hunger"
    assert countries(event.source) == ["DZA"]
    assert countries(event.target) == ["DZA"]


def test_two_unattributed_attacks_in_the_body_stay_two(pipeline: Pipeline) -> None:
    text = (
        "A car bomb killed nine people at a market in Kirkuk, Iraq, on Saturday. Elsewhere "
        "in Iraq, a roadside bomb killed twelve people on Saturday."
    )
    attacks = [e for e in of_type(code(pipeline, text), "ASSAULT") if not e.source]
    assert len(attacks) == 2
