"""AGREE, SUPPORT, CONCEDE and REQUEST triggers on sentences we wrote.

Every sentence is our own; the people are real office holders on the publication date so
that the knowledge base resolves them. Assertions look only at the type under test: other
trigger files may add events of their own to the same sentence (the act inside a request,
say), and that is their business.
"""

from __future__ import annotations

from datetime import date

import pytest

from tacitus import Pipeline
from tests.helpers import PUBLISHED, code, countries, names, of_type, one, sectors, side


# -- AGREE ------------------------------------------------------------------------------
def test_agree_to_do_something(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Benjamin Netanyahu agreed on Tuesday to send a delegation to Cairo for hostage talks.",
        "AGREE",
    )
    assert names(event.source) == ["Benjamin Netanyahu"]
    assert event.target == []
    assert event.status == "happened"
    assert event.date == date(2024, 3, 12)
    assert event.mentions[0].trigger == "agree-verb"


def test_agree_compound_subject_is_split(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden and Xi Jinping agreed to restore military communications between the armies.",
        "AGREE",
    )
    assert names(event.source) == ["Joe Biden"]
    assert names(event.target) == ["Xi Jinping"]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Saint Kitts and Nevis agreed to restore ties with Cuba on Friday.", "KNA"),
        ("Antigua and Barbuda agreed to restore ties with Cuba on Friday.", "ATG"),
    ],
)
def test_country_name_with_and_is_not_split(pipeline: Pipeline, text: str, country: str) -> None:
    # one name across the "and" the parser reads as two conjuncts
    event = one(pipeline, text, "AGREE")
    assert countries(event.source) == [country]
    assert len(event.source) == 1
    # two names are still two actors
    both = one(pipeline, "Kenya and Uganda agreed to restore ties with Cuba.", "AGREE")
    assert countries(both.source) + countries(both.target) == ["KEN", "UGA"]


def test_agree_with_partner(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Antony Blinken agreed with Wang Yi to keep the channels of communication open.",
        "AGREE",
    )
    assert names(event.source) == ["Antony Blinken"]
    assert names(event.target) == ["Wang Yi"]


def test_agree_reach_deal_with_armed_group(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel and Hamas reached an agreement on a four-day pause in the fighting.",
        "AGREE",
    )
    assert countries(event.source) == ["ISR"]
    assert (event.target[0].name, event.target[0].sector) == ("Hamas", "REB")
    assert event.mentions[0].trigger == "agree-reach-deal"


def test_agree_deal_between_igo_and_country(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The European Union reached a deal with Egypt on migration and energy.", "AGREE"
    )
    assert names(event.source) == ["European Union"]
    assert countries(event.target) == ["EGY"]


def test_agree_pledge_to_country(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Olaf Scholz pledged more air defence systems to Ukraine during the visit.",
        "AGREE",
    )
    assert names(event.source) == ["Olaf Scholz"]
    assert countries(event.target) == ["UKR"]


def test_agree_promise_with_indirect_object(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden promised Benjamin Netanyahu more air defence systems on Monday.",
        "AGREE",
    )
    assert names(event.target) == ["Benjamin Netanyahu"]
    assert event.date == date(2024, 3, 11)


def test_agree_offer_to_mediate(pipeline: Pipeline) -> None:
    event = one(pipeline, "Qatar offered on Monday to mediate between Israel and Hamas.", "AGREE")
    assert countries(event.source) == ["QAT"]
    assert event.mentions[0].trigger == "agree-offer-clause"


def test_agree_accept_invitation(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Vladimir Putin accepted an invitation from Xi Jinping to visit Beijing in May.",
        "AGREE",
    )
    assert names(event.source) == ["Vladimir Putin"]
    assert names(event.target) == ["Xi Jinping"]


def test_agree_expressed_readiness(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Iran expressed readiness to resume nuclear talks with the European Union.",
        "AGREE",
    )
    assert countries(event.source) == ["IRN"]


def test_agree_in_reported_speech(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The Egyptian foreign ministry said Israel had agreed to allow more trucks into Gaza.",
        "AGREE",
    )
    assert countries(event.source) == ["ISR"]
    assert event.status == "happened"
    assert event.attribution and event.attribution[0].text == "The Egyptian foreign ministry"


def test_agree_negated_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Benjamin Netanyahu did not agree to a ceasefire, Israeli officials said.",
        "AGREE",
    )
    assert event.status == "denied"


def test_agree_in_future_is_planned(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Joe Biden will agree to the deal next week, the White House said.", "AGREE"
    )
    assert event.status == "planned"


def test_agree_act_agreed_to_is_planned(pipeline: Pipeline) -> None:
    events = pipeline.code_text(
        "The Egyptian foreign ministry said Israel had agreed to allow more trucks into Gaza.",
        published=PUBLISHED,
    ).events
    inner = [e for e in events if e.type != "AGREE"]
    assert all(e.status == "planned" for e in inner)


@pytest.mark.parametrize(
    "text",
    [
        "The agreed timetable for the withdrawal was published in Baghdad on Monday.",
        "Analysts agree that the economy of Egypt is weak after the devaluation.",
        "Russia committed war crimes in Ukraine, the United Nations said on Monday.",
        "The company offered no details about the merger with the Japanese firm.",
        "Iran vowed revenge for the killing of its commander in Damascus on Monday.",
        "Iran promised a harsh response to the killing of its commander in Damascus.",
        "Israel's defence minister vowed to crush Hamas after the attack on the kibbutz.",
        "Turkey brokered the talks in Istanbul between the delegations on Monday.",
    ],
)
def test_agree_lookalikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "AGREE") == []


# -- SUPPORT ----------------------------------------------------------------------------
def test_support_praise(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Emmanuel Macron praised Narendra Modi for his leadership during the G20 summit.",
        "SUPPORT",
    )
    assert names(event.source) == ["Emmanuel Macron"]
    assert names(event.target) == ["Narendra Modi"]
    assert (event.quad_class, event.status) == ("verbal cooperation", "happened")


def test_support_praise_passive(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Olaf Scholz was praised by Joe Biden for Germany's help to Ukraine.", "SUPPORT"
    )
    assert names(event.source) == ["Joe Biden"]
    assert names(event.target) == ["Olaf Scholz"]


def test_support_endorse_bid(pipeline: Pipeline) -> None:
    event = one(pipeline, "Germany backed Sweden's bid to join NATO at the summit.", "SUPPORT")
    assert countries(event.source) == ["DEU"]
    assert countries(event.target) == ["SWE"]


def test_support_thank(pipeline: Pipeline) -> None:
    event = one(pipeline, "Mahmoud Abbas thanked Egypt for its efforts to end the war.", "SUPPORT")
    assert names(event.source) == ["Mahmoud Abbas"]
    assert countries(event.target) == ["EGY"]


def test_support_expressed_solidarity(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Narendra Modi expressed solidarity with Israel after the attack.", "SUPPORT"
    )
    assert names(event.source) == ["Narendra Modi"]
    assert countries(event.target) == ["ISR"]
    assert event.mentions[0].trigger == "support-express"


def test_support_apology(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Recep Tayyip Erdogan apologised to Vladimir Putin for the incident at the border.",
        "SUPPORT",
    )
    assert names(event.source) == ["Recep Tayyip Erdogan"]
    assert names(event.target) == ["Vladimir Putin"]


def test_support_signing_a_treaty(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel and Bahrain signed a free trade agreement in Manama on Tuesday.",
        "SUPPORT",
    )
    assert countries(event.source) == ["ISR"]
    assert countries(event.target) == ["BHR"]
    assert event.date == date(2024, 3, 12)


def test_support_sign_with_attribution(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The European Union signed a migration pact with Tunisia, officials said.",
        "SUPPORT",
    )
    assert names(event.source) == ["European Union"]
    assert countries(event.target) == ["TUN"]
    assert event.attribution[0].role == "officials"


def test_support_recognition(pipeline: Pipeline) -> None:
    event = one(pipeline, "Spain recognised Palestine as a state on Tuesday.", "SUPPORT")
    assert countries(event.source) == ["ESP"]
    assert countries(event.target) == ["PSE"]


def test_support_welcome_decision_by(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The European Union welcomed the decision by Iran to release the prisoners.",
        "SUPPORT",
    )
    assert countries(event.target) == ["IRN"]


def test_support_negated(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden did not back Israel's plan for an offensive in Rafah, officials said.",
        "SUPPORT",
    )
    assert event.status == "denied"
    assert countries(event.target) == ["ISR"]


@pytest.mark.parametrize(
    "text",
    [
        "Xi Jinping welcomed Emmanuel Macron to Beijing for a state visit on Thursday.",
        "The Iran-backed Houthis attacked a ship in the Red Sea on Tuesday.",
        "The United States backed down from its demand for a vote on Monday.",
        "Thanks to Germany, the talks in Doha went ahead on Monday as planned.",
        "Joe Biden signed the spending bill into law on Saturday, the White House said.",
    ],
)
def test_support_lookalikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "SUPPORT") == []


def test_welcoming_a_guest_stays_a_visit(pipeline: Pipeline) -> None:
    events = pipeline.code_text(
        "Xi Jinping welcomed Emmanuel Macron to Beijing for a state visit on Thursday.",
        published=PUBLISHED,
    ).events
    assert [(e.type, e.mode) for e in events] == [("CONSULT", "visit")]


# -- CONCEDE ------------------------------------------------------------------------------
def test_concede_admit_responsibility(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel admitted responsibility for the strike on the aid convoy in Gaza.",
        "CONCEDE",
    )
    assert countries(event.source) == ["ISR"]
    assert event.quad_class == "verbal cooperation"


def test_concede_military_accepts_responsibility(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The Israeli army accepted responsibility for the killing of seven aid workers.",
        "CONCEDE",
    )
    assert (event.source[0].country, event.source[0].sector) == ("ISR", "MIL")


def test_concede_admit_clause(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Russia admitted that its missile hit the shopping centre in Kharkiv.", "CONCEDE"
    )
    assert countries(event.source) == ["RUS"]
    assert event.mentions[0].trigger == "concede-admit-clause"


def test_concede_acknowledge_mistakes(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Benjamin Netanyahu acknowledged mistakes in the handling of the crisis.",
        "CONCEDE",
    )
    assert names(event.source) == ["Benjamin Netanyahu"]


def test_concede_accept_demands_of_armed_group(pipeline: Pipeline) -> None:
    events = of_type(
        pipeline,
        "Israel agreed to Hamas's demands after weeks of pressure from Washington.",
        "CONCEDE",
    )
    assert len(events) == 1
    assert countries(events[0].source) == ["ISR"]
    assert names(events[0].target) == ["Hamas"]
    assert (
        of_type(
            pipeline,
            "Israel agreed to Hamas's demands after weeks of pressure from Washington.",
            "AGREE",
        )
        == []
    )


def test_concede_drop_objection(pipeline: Pipeline) -> None:
    event = one(pipeline, "Turkey dropped its objection to Sweden's membership of NATO.", "CONCEDE")
    assert countries(event.source) == ["TUR"]
    assert event.target and event.target[0].name == "NATO"


def test_concede_lift_veto(pipeline: Pipeline) -> None:
    event = one(pipeline, "Hungary lifted its veto on the aid package for Ukraine.", "CONCEDE")
    assert countries(event.source) == ["HUN"]
    assert countries(event.target) == ["UKR"]


def test_resignation_is_retreat(pipeline: Pipeline) -> None:
    # the PLOVER manual: "RETREAT also covers resignations of government officials"
    event = one(pipeline, "Rishi Sunak resigned as leader of the Conservative Party.", "RETREAT")
    assert names(event.source) == ["Rishi Sunak"]
    assert (event.mode, event.target) == ("resign", [])


def test_step_down_title_with_sector(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The Israeli defence minister stepped down on Monday after the report.", "RETREAT"
    )
    assert event.mode == "resign"
    assert (event.source[0].country, event.source[0].sector) == ("ISR", "MIL")
    assert event.date == date(2024, 3, 11)


def test_concede_verbal_concessions_of_the_manual(pipeline: Pipeline) -> None:
    # "remove curfews, suspending protests, declarations ... of ceasefires"
    event = one(pipeline, "Nigerian unions called off the general strike on Monday.", "CONCEDE")
    assert (countries(event.source), sectors(event.source)) == (["NGA"], ["LAB"])
    event = one(
        pipeline, "Ecuador's government ended the state of emergency on Tuesday.", "CONCEDE"
    )
    assert countries(event.source) == ["ECU"]
    # a promised concession is a concession
    event = one(
        pipeline, "Kenya promised on Monday to lift the curfew in Nairobi by Friday.", "CONCEDE"
    )
    assert (event.status, event.date) == ("happened", date(2024, 3, 11))


def test_concede_bow_to_pressure(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The French government bowed to pressure from the unions and withdrew the bill.",
        "CONCEDE",
    )
    assert (event.source[0].country, event.source[0].sector) == ("FRA", "GOV")


def test_concede_to_demands(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Peru's government conceded to the miners' demands for a new royalty law.",
        "CONCEDE",
    )
    assert countries(event.source) == ["PER"]


def test_concede_defeat(pipeline: Pipeline) -> None:
    event = one(pipeline, "Iran conceded defeat in the dispute over the tanker.", "CONCEDE")
    assert countries(event.source) == ["IRN"]


def test_concede_refused_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Benjamin Netanyahu refused to accept responsibility for the failures of October 7.",
        "CONCEDE",
    )
    assert event.status == "denied"


def test_would_not_resign_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Rishi Sunak said on Tuesday that he would not resign as prime minister.",
        "RETREAT",
    )
    assert event.status == "denied"


def test_concede_reported_admission(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The Kremlin said Ukraine had admitted that its drones struck the refinery.",
        "CONCEDE",
    )
    assert countries(event.source) == ["UKR"]
    assert event.attribution[0].organization == "Kremlin"


def test_concede_lift_ban_on_parties(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Ethiopia's government lifted the ban on three opposition parties ahead of the election.",
        "CONCEDE",
    )
    assert (event.source[0].country, event.source[0].sector) == ("ETH", "GOV")
    assert event.mentions[0].trigger == "concede-ease-political"


def test_concede_withdraw_bill(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel's prime minister shelved the judicial overhaul after mass protests.",
        "CONCEDE",
    )
    assert names(event.source) == ["Benjamin Netanyahu"]


def test_trade_ban_eased_at_home_is_concede(pipeline: Pipeline) -> None:
    # toward no other country: CAMEO 081 (RETREAT ease is toward one: "on Cuba")
    text = "The Kenyan government lifted the export ban on maize on Tuesday, officials said."
    assert of_type(pipeline, text, "RETREAT") == []
    event = one(pipeline, text, "CONCEDE")
    assert (countries(event.source), event.target, event.mode) == (["KEN"], [], None)


def test_reformers_win_concessions_from_their_government(pipeline: Pipeline) -> None:
    text = "Reformers won important concessions in talks with Jordan on Sunday."
    event = one(pipeline, text, "CONCEDE")
    assert countries(event.source) == ["JOR"]
    assert (countries(event.target), sectors(event.target)) == (["JOR"], ["OPP"])


def test_commitment_to_ease_is_a_promised_concession(pipeline: Pipeline) -> None:
    text = "Peru made a firm commitment on Monday to ease economic restrictions."
    event = one(pipeline, text, "CONCEDE")
    assert countries(event.source) == ["PER"]
    assert event.mentions[0].trigger.endswith("+promise")
    assert of_type(pipeline, text, "RETREAT") == of_type(pipeline, text, "AGREE") == []
    # whose intention it is, when nobody is said to make it
    event = one(pipeline, "Kenya's intention to lift the export ban was welcomed.", "CONCEDE")
    assert countries(event.source) == ["KEN"]


@pytest.mark.parametrize(
    "text",
    [
        "The hospital in Gaza admitted dozens of wounded Palestinians on Sunday.",
        "Finland was admitted to NATO as its 31st member in April last year.",
        "The Taliban conceded ground to the rebels in the north of Afghanistan.",
        "Benjamin Netanyahu stepped up his attacks on the Israeli judiciary on Monday.",
        "Joe Biden dropped in on the talks in Washington, the White House said.",
    ],
)
def test_concede_lookalikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "CONCEDE") == []


# -- REQUEST ------------------------------------------------------------------------------
def test_request_called_on_is_request_not_consult(pipeline: Pipeline) -> None:
    events = pipeline.code_text(
        "Antony Blinken called on Israel to allow more aid into Gaza.", published=PUBLISHED
    ).events
    assert not [e for e in events if e.type == "CONSULT"]
    requests = [e for e in events if e.type == "REQUEST"]
    assert len(requests) == 1
    event = requests[0]
    assert names(event.source) == ["Antony Blinken"]
    assert countries(event.target) == ["ISR"]
    assert (event.mode, event.status) == ("yield", "happened")
    assert event.mentions[0].trigger == "request-call-on"


def test_request_called_for_ceasefire_is_not_consult(pipeline: Pipeline) -> None:
    events = pipeline.code_text(
        "Antonio Guterres called for an immediate ceasefire in Sudan on Monday.",
        published=PUBLISHED,
    ).events
    assert not [e for e in events if e.type == "CONSULT"]
    event = one(
        pipeline,
        "Antonio Guterres called for an immediate ceasefire in Sudan on Monday.",
        "REQUEST",
    )
    assert names(event.source) == ["Antonio Guterres"]
    assert event.mode == "yield"
    assert event.date == date(2024, 3, 11)


def test_phone_call_stays_consult(pipeline: Pipeline) -> None:
    text = "Joe Biden called Benjamin Netanyahu on Sunday to discuss the hostage talks."
    assert of_type(pipeline, text, "REQUEST") == []
    assert of_type(pipeline, text, "CONSULT")[0].mode == "phone"


def test_request_urge_release_and_inner_act_hypothetical(pipeline: Pipeline) -> None:
    events = pipeline.code_text(
        "Emmanuel Macron urged Iran to release the French hostages.", published=PUBLISHED
    ).events
    request = [e for e in events if e.type == "REQUEST"]
    assert len(request) == 1
    assert names(request[0].source) == ["Emmanuel Macron"]
    assert countries(request[0].target) == ["IRN"]
    assert request[0].mode == "yield"
    assert all(e.status == "hypothetical" for e in events if e.type != "REQUEST")


def test_request_urge_restraint_without_target(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Antonio Guterres urged restraint after the Iranian strikes on Israel.", "REQUEST"
    )
    assert event.target == []
    assert event.mode == "yield"


def test_request_compound_actors(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Qatar and Egypt urged Israel and Hamas to accept the truce proposal.", "REQUEST"
    )
    assert countries(event.source) == ["QAT", "EGY"]
    assert names(event.target) == ["Israel", "Hamas"]


def test_request_passive(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Israel was urged by the United States to halt the offensive in Rafah.", "REQUEST"
    )
    assert countries(event.source) == ["USA"]
    assert countries(event.target) == ["ISR"]


def test_request_assist_mode(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Ukraine asked Germany for more air defence systems, officials said.", "REQUEST"
    )
    assert countries(event.source) == ["UKR"]
    assert countries(event.target) == ["DEU"]
    assert event.mode == "assist"


def test_request_change_mode_from_opposition(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The Israeli opposition demanded the resignation of Benjamin Netanyahu.",
        "REQUEST",
    )
    assert (event.source[0].country, event.source[0].sector) == ("ISR", "OPP")
    assert names(event.target) == ["Benjamin Netanyahu"]
    assert event.mode == "change"


def test_request_demand_from(pipeline: Pipeline) -> None:
    event = one(pipeline, "Turkey demanded an apology from France over the remarks.", "REQUEST")
    assert countries(event.source) == ["TUR"]
    assert countries(event.target) == ["FRA"]


def test_request_meet_mode(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Sergei Lavrov pressed the United States to resume talks on arms control.",
        "REQUEST",
    )
    assert names(event.source) == ["Sergei Lavrov"]
    assert countries(event.target) == ["USA"]
    assert event.mode == "meet"


def test_request_appeal_to_igo(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Hamas appealed to the UN Security Council to stop the offensive.", "REQUEST"
    )
    assert event.source[0].sector == "REB"
    assert countries(event.target) == ["IGO"]


def test_request_renewed_calls(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The European Union renewed calls for a ceasefire in Gaza on Tuesday.", "REQUEST"
    )
    assert names(event.source) == ["European Union"]
    assert event.mode == "yield"


def test_request_formal_request_to(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Iraq made a formal request to Iran for the extradition of the suspects.",
        "REQUEST",
    )
    assert countries(event.source) == ["IRQ"]
    assert countries(event.target) == ["IRN"]
    assert event.mode == "assist"


def test_request_police_and_protesters(pipeline: Pipeline) -> None:
    event = one(pipeline, "Kenyan police urged protesters in Nairobi to go home.", "REQUEST")
    assert (event.source[0].country, event.source[0].sector) == ("KEN", "COP")
    assert (event.target[0].country, event.target[0].sector) == ("KEN", "CVL")


def test_request_negated(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden did not call on Israel to halt the offensive, Antony Blinken said.",
        "REQUEST",
    )
    assert event.status == "denied"
    assert event.attribution[0].name == "Antony Blinken"


def test_request_planned_and_hypothetical(pipeline: Pipeline) -> None:
    planned = one(
        pipeline, "Germany will urge Israel to allow more trucks into Gaza next week.", "REQUEST"
    )
    assert planned.status == "planned"
    maybe = one(
        pipeline, "If Russia calls for talks, Ukraine will listen, Sergei Lavrov said.", "REQUEST"
    )
    assert (maybe.status, maybe.mode) == ("hypothetical", "meet")


def test_request_reported(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The Kremlin said Ukraine had asked for a pause in the fighting.", "REQUEST"
    )
    assert countries(event.source) == ["UKR"]
    assert event.attribution[0].organization == "Kremlin"


@pytest.mark.parametrize(
    "text",
    [
        "Russia called the proposal unacceptable, the Kremlin said on Monday.",
        "Israel called off the talks in Cairo on Monday, officials said.",
        "Sergei Lavrov pushed back against the claims by Washington on Monday.",
        "Russian troops pushed deeper into Ukraine on Friday, Kyiv said.",
        "Joe Biden called on Sunday, the White House said in a statement.",
        "Narendra Modi called early elections for April, officials said on Monday.",
        "The demand for Russian oil fell in India last year, the ministry said.",
        "Asked about the talks, Sergei Lavrov said Moscow was ready to listen.",
    ],
)
def test_request_lookalikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "REQUEST") == []


@pytest.mark.parametrize(
    "text",
    [
        # the political word qualifies the object, not the verb
        "Vietnam lifted restrictions on the media in the Central Highlands on Monday.",
        "Laos eased restrictions on the Hmong minority after talks with the United Nations.",
        # promised concessions are the concession (the manual: promises of concessions)
        "Zimbabwe promised concessions to the opposition in return for its support.",
    ],
)
def test_concede_easing_restrictions_and_promised_concessions(
    pipeline: Pipeline, text: str
) -> None:
    event = one(pipeline, text, "CONCEDE")
    assert event.status == "happened"
    assert len(countries(event.source)) == 1


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The African Union said Sudan's army must open the roads to Darfur.", ["IGO"], ["SDN"]),
        ("Kenya insisted that Somalia should withdraw its maritime claim.", ["KEN"], ["SOM"]),
    ],
)
def test_request_saying_another_must_act(
    pipeline: Pipeline, text: str, source: list[str], target: list[str]
) -> None:
    event = one(pipeline, text, "REQUEST")
    assert (countries(event.source), countries(event.target)) == (source, target)


def test_no_request_of_oneself(pipeline: Pipeline) -> None:
    assert of_type(pipeline, "Israel said it must defend itself against Hamas.", "REQUEST") == []


@pytest.mark.parametrize(
    "text",
    [
        "Norway mediated between Colombia and the FARC rebels in Havana on Monday.",
        "Qatar's emir launched a mediation effort on Saturday between Kenya and Somalia.",
    ],
)
def test_consult_mediation_between_two_sides(pipeline: Pipeline, text: str) -> None:
    event = one(pipeline, text, "CONSULT")
    assert event.mode == "third-party"
    assert len(countries(event.source)) == 1 and countries(event.target)


def test_reject_reneging_on_a_commitment(pipeline: Pipeline) -> None:
    event = one(pipeline, "Kenya reneged on its promise to withdraw its troops.", "REJECT")
    assert countries(event.source) == ["KEN"]


def test_concede_easing_emergency_measures(pipeline: Pipeline) -> None:
    text = "Serbia eased emergency measures on Wednesday in the province of Kosovo."
    event = one(pipeline, text, "CONCEDE")
    assert (countries(event.source), countries(event.target)) == (["SRB"], ["XKX"])


def test_request_seeking_refuge(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Thousands of Syrian Kurds sought refuge in Turkey last month.", "REQUEST"
    )
    assert (countries(event.source), countries(event.target)) == (["SYR"], ["TUR"])


def test_agree_accepting_a_formula(pipeline: Pipeline) -> None:
    text = "Denmark accepted a formula for ending its fisheries dispute with the European Union."
    event = one(pipeline, text, "AGREE")
    assert countries(event.source) == ["DNK"]


def test_concede_declaring_a_hyphenated_cease_fire(pipeline: Pipeline) -> None:
    event = one(pipeline, "Palau declared a cease-fire with Niger on Monday.", "CONCEDE")
    assert (countries(event.source), countries(event.target)) == (["PLW"], ["NER"])


def test_a_promised_concession_is_the_concession_not_an_agreement(pipeline: Pipeline) -> None:
    events = code(pipeline, "Bolivia agreed on Monday to lift the curfew in El Alto.")
    assert [(e.type, e.status) for e in events] == [("CONCEDE", "happened")]
    events = code(pipeline, "The governor of Lagos promised to end the curfew within days.")
    assert [e.type for e in events] == ["CONCEDE"]
    # an agreement to cooperate stays an agreement
    events = code(pipeline, "Bolivia agreed on Monday to share border intelligence with Peru.")
    assert "AGREE" in [e.type for e in events]


def test_a_court_cancelling_restrictions_on_a_language(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Estonia's supreme court cancelled restrictions on the use of the Russian language "
        "in schools.",
        "CONCEDE",
    )
    assert countries(event.source) == ["EST"]


def test_support_of_and_respect_for_each_other(pipeline: Pipeline) -> None:
    event = one(pipeline, "Fiji renewed its support of the World Health Organization.", "SUPPORT")
    assert (countries(event.source), countries(event.target)) == (["FJI"], ["IGO"])
    event = one(pipeline, "Peru and Chile expressed their respect for each other.", "SUPPORT")
    assert sorted(countries(event.source) + countries(event.target)) == ["CHL", "PER"]


def test_calling_off_a_strike_has_happened(pipeline: Pipeline) -> None:
    text = "The Ghanaian teachers' union announced on Thursday that it had called off its strike."
    event = one(pipeline, text, "CONCEDE")
    assert event.status == "happened"


def test_support_announced_for_the_future_is_an_intention(pipeline: Pipeline) -> None:
    text = "Hungary said it will support the Security Council resolution on Serbia."
    event = one(pipeline, text, "AGREE")
    assert (event.status, countries(event.source)) == ("happened", ["HUN"])


def test_concessions_won_and_attacks_suspended(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Striking Kenyan doctors won concessions from the Kenyan government.", "CONCEDE"
    )
    assert (sectors(event.source), countries(event.target)) == (["GOV"], ["KEN"])
    text = "Colombian students gained concessions in talks with the Colombian government."
    event = one(pipeline, text, "CONCEDE")
    assert sectors(event.source) == ["GOV"]
    text = "Rebels in Zimbabwe announced a suspension of attacks against government forces."
    event = one(pipeline, text, "CONCEDE")
    assert countries(event.source) == ["ZWE"]


def test_an_act_someone_is_pressured_to_do_has_not_happened(pipeline: Pipeline) -> None:
    text = (
        "Iranian authorities have been pressuring bus drivers in Tehran to call off their strike."
    )
    assert all(e.status != "happened" for e in code(pipeline, text) if e.type == "CONCEDE")


def test_ready_or_willing_to_cooperate_is_an_intention(pipeline: Pipeline) -> None:
    text = "Iran is willing to hold talks with the United States, its foreign minister said."
    intent = one(pipeline, text, "AGREE")
    assert (countries(intent.source), countries(intent.target)) == (["IRN"], ["USA"])
    assert intent.status == "happened"
    assert of_type(pipeline, text, "CONSULT") == []
    # readiness to use force is no intention to cooperate; the act stays planned
    text = "Kenya is ready to send troops to Haiti, its president said."
    (sent,) = of_type(pipeline, text, "MOBILIZE")
    assert sent.status == "planned"
    assert of_type(pipeline, text, "AGREE") == []


def test_lifting_a_ban_names_those_freed(pipeline: Pipeline) -> None:
    text = "Algeria lifted the ban on the Islamic Salvation Front on Monday."
    event = one(pipeline, text, "CONCEDE")
    assert side(event.target) == [("DZA", "PTY")]


def test_committed_to_is_an_agreement_and_a_ready_concession_an_intention(
    pipeline: Pipeline,
) -> None:
    text = "The finance minister said Kenya is committed to opening up its economy."
    event = one(pipeline, text, "AGREE")
    assert countries(event.source) == ["KEN"]
    # committing troops is no agreement of this pattern's
    text = "Kenya committed troops to the mission in Haiti, officials said on Monday."
    assert all(e.mentions[0].trigger != "agree-committed-to" for e in code(pipeline, text))
    # ready to make a concession: an intention; promised: the concession itself
    text = "Russia said it was prepared to lift the curfew in Grozny."
    assert [e.type for e in code(pipeline, text)] == ["AGREE"]
    text = "Russia promised to lift the curfew in Grozny on Monday."
    assert [e.type for e in code(pipeline, text)] == ["CONCEDE"]


def test_curfew_lifted_in_the_passive(pipeline: Pipeline) -> None:
    event = one(pipeline, "The curfew in Nairobi was lifted on Monday.", "CONCEDE")
    assert (countries(event.source), sectors(event.source)) == (["KEN"], ["GOV"])
    assert event.status == "happened"
    text = "The overnight curfew in Nairobi will be lifted next week, officials said."
    event = one(pipeline, text, "CONCEDE")
    assert event.mentions[0].trigger.endswith("+promise")  # a promised concession
    # imposing one is not lifting it
    text = "A curfew was imposed in Nairobi on Monday."
    assert of_type(pipeline, text, "CONCEDE") == []


def test_settlement_freeze_is_a_concession(pipeline: Pipeline) -> None:
    event = one(pipeline, "Israel froze the construction of settlements in 2010.", "CONCEDE")
    assert countries(event.source) == ["ISR"]
    text = "Israel agreed on Monday to halt settlement construction, officials said."
    event = one(pipeline, text, "CONCEDE")
    assert event.mentions[0].trigger.endswith("+promise")
    assert of_type(pipeline, text, "AGREE") == []  # the promise is the concession
    text = "The Kenyan company halted construction of the bridge in Mombasa."
    assert of_type(pipeline, text, "CONCEDE") == []


def test_their_intention_is_the_announcers(pipeline: Pipeline) -> None:
    text = "Colombian rebels announced their intention to lay down their arms on Monday."
    event = one(pipeline, text, "AGREE")
    assert (countries(event.source), sectors(event.source)) == (["COL"], ["REB"])


def test_agreeing_to_concessions_is_a_concession(pipeline: Pipeline) -> None:
    # the pattern that names the act goes before the bare verb's, whatever the
    # classifier prefers
    text = "The Government of Suriname agreed to concessions in order to avert a crisis."
    event = one(pipeline, text, "CONCEDE")
    assert countries(event.source) == ["SUR"]
    assert of_type(pipeline, text, "AGREE") == []


def test_nouns_of_intention_make_their_act_planned() -> None:
    # extract.INTENTION_NOUNS leads to the act; the lexicon's plan_verbs give its status
    from tacitus.events.extract import INTENTION_NOUNS, WORDS

    assert INTENTION_NOUNS.issubset(WORDS.plan_verbs)
