"""ACCUSE, REJECT, THREATEN and SANCTION triggers on sentences we wrote.

Every sentence here is our own; the people are real office holders on the publication
date so that the knowledge base resolves them.
"""

from __future__ import annotations

from datetime import date

import pytest

from tacitus import Pipeline
from tests.helpers import code, countries, names, of_type, one, sectors, side


# -- ACCUSE ------------------------------------------------------------------------------
def test_accuse_of_is_an_allegation_by_the_speaker(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "On Tuesday Sergei Lavrov accused Antony Blinken of sabotaging the grain deal.",
        "ACCUSE",
    )
    assert event.mode == "allege"
    assert names(event.source) == ["Sergei Lavrov"]
    assert names(event.target) == ["Antony Blinken"]
    assert event.attribution == []  # the accuser is the source, not a reporter
    assert event.status == "happened"
    assert event.date == date(2024, 3, 12)


def test_accuse_blame_for(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Iran blamed Israel for the strike on its consulate in Damascus.", "ACCUSE"
    )
    assert (event.mode, countries(event.source), countries(event.target)) == (
        "allege",
        ["IRN"],
        ["ISR"],
    )


def test_accuse_criticise_is_disapproval(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Wang Yi sharply criticised Japan over the release of water from Fukushima.",
        "ACCUSE",
    )
    assert event.mode == "disapprove"
    assert names(event.source) == ["Wang Yi"]
    assert countries(event.target) == ["JPN"]


def test_accuse_condemn_targets_the_doer_of_the_condemned_act(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "China condemned the missile launch by North Korea over the Sea of Japan.",
        "ACCUSE",
    )
    assert event.mode == "disapprove"
    assert countries(event.source) == ["CHN"]
    assert countries(event.target) == ["PRK"]


def test_accuse_condemn_possessive_of_the_act(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The United Nations Security Council condemned Russia's invasion of Ukraine.",
        "ACCUSE",
    )
    assert countries(event.source) == ["IGO"]
    assert countries(event.target) == ["RUS"]


def test_accuse_passive_condemned_by(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Russia was condemned by the United Nations General Assembly for the annexation.",
        "ACCUSE",
    )
    assert names(event.source) == ["UN General Assembly"]
    assert countries(event.target) == ["RUS"]


def test_accuse_compound_source(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Germany and France denounced Belarus for forcing the airliner to land.", "ACCUSE"
    )
    assert sorted(countries(event.source)) == ["DEU", "FRA"]
    assert countries(event.target) == ["BLR"]


def test_accuse_sectors_rebels_and_army(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Sudanese rebels accused the Sudanese army of bombing a market in Darfur.",
        "ACCUSE",
    )
    assert (countries(event.source), sectors(event.source)) == (["SDN"], ["REB"])
    assert (countries(event.target), sectors(event.target)) == (["SDN"], ["MIL"])


def test_a_conviction_is_no_accusation_but_a_charge_is(pipeline: Pipeline) -> None:
    text = "A Russian court convicted an American journalist of espionage in Yekaterinburg."
    assert of_type(pipeline, text, "ACCUSE") == []
    event = one(pipeline, text, "SANCTION")
    assert event.mode == "convict"
    assert (countries(event.source), sectors(event.source)) == (["RUS"], ["JUD"])
    assert countries(event.target) == ["USA"]
    event = one(
        pipeline,
        "Prosecutors in Lima charged the former Peruvian minister with fraud.",
        "ACCUSE",
    )
    assert (event.mode, countries(event.source)) == ("allege", ["PER"])
    event = one(pipeline, "A Kenyan court found the opposition leader guilty of fraud.", "SANCTION")
    assert countries(event.target) == ["KEN"]


def test_accuse_lodge_protest_is_an_official_complaint(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "China lodged a formal protest with Japan over the remarks about Taiwan.",
        "ACCUSE",
    )
    assert event.mode == "allege"
    assert (countries(event.source), countries(event.target)) == (["CHN"], ["JPN"])


def test_accuse_lawsuit(pipeline: Pipeline) -> None:
    event = one(pipeline, "Mexico sued American gun makers in a federal court in Boston.", "ACCUSE")
    assert (event.mode, countries(event.source), countries(event.target)) == (
        "allege",
        ["MEX"],
        ["USA"],
    )


def test_accuse_open_investigation(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The European Commission opened an investigation into Hungary over its media law.",
        "ACCUSE",
    )
    assert event.mode == "investigate"
    assert names(event.source) == ["European Commission"]
    assert countries(event.target) == ["HUN"]


def test_accuse_investigate_verb(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The European Parliament is investigating Poland over the spyware scandal.",
        "ACCUSE",
    )
    assert event.mode == "investigate"
    assert sectors(event.source) == ["LEG"]
    assert countries(event.target) == ["POL"]


def test_accuse_investigating_a_killing_names_no_culprit(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Kenyan police are investigating the killing of a journalist in Nairobi.",
        "ACCUSE",
    )
    assert event.mode == "investigate"
    assert (countries(event.source), sectors(event.source)) == (["KEN"], ["COP"])
    assert event.target == []  # the murdered journalist is not the one investigated


def test_accuse_nominal_accusations_against(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Ukraine's accusations against Russia drew a sharp reply from the Kremlin.",
        "ACCUSE",
    )
    assert event.mode == "allege"
    assert (countries(event.source), countries(event.target)) == (["UKR"], ["RUS"])


def test_accuse_negated_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Narendra Modi did not criticise Vladimir Putin during the summit in Moscow.",
        "ACCUSE",
    )
    assert event.status == "denied"
    assert names(event.target) == ["Vladimir Putin"]


def test_accuse_future_is_planned(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Antony Blinken will criticise China at the meeting in Jakarta next week.",
        "ACCUSE",
    )
    assert event.status == "planned"


def test_accuse_reported_speech_keeps_the_critic_as_source(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden said Xi Jinping had criticised the American trade policy during the call.",
        "ACCUSE",
    )
    assert names(event.source) == ["Xi Jinping"]
    assert countries(event.target) == ["USA"]
    assert [a.name for a in event.attribution] == ["Joe Biden"]


def test_accuse_urged_to_condemn_is_hypothetical(pipeline: Pipeline) -> None:
    events = of_type(
        pipeline, "Antony Blinken urged China to condemn Russia's invasion of Ukraine.", "ACCUSE"
    )
    assert all(e.status == "hypothetical" for e in events)


def test_accuse_look_alikes(pipeline: Pipeline) -> None:
    for text in (
        "The truck slammed into a wall near the port in Mombasa on Friday.",
        "Iran rejected the accusations by the United States as baseless lies.",
        "Iran has been accused of supplying drones to Russia for the war.",
        "The minister criticised the weather forecast for being wrong again.",
        "Russia launched a massive attack on Kyiv overnight, Ukrainian officials said.",
    ):
        assert of_type(pipeline, text, "ACCUSE") == [], text


# -- REJECT ------------------------------------------------------------------------------
def test_reject_proposal_with_possessive_proposer(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Benjamin Netanyahu rejected Joe Biden's proposal for a ceasefire in Gaza.",
        "REJECT",
    )
    assert event.mode == "meet"
    assert names(event.source) == ["Benjamin Netanyahu"]
    assert names(event.target) == ["Joe Biden"]
    assert event.status == "happened"


def test_reject_request_from_for_weapons(pipeline: Pipeline) -> None:
    event = one(pipeline, "Germany rejected a request from Ukraine for Taurus missiles.", "REJECT")
    assert event.mode == "assist"
    assert (countries(event.source), countries(event.target)) == (["DEU"], ["UKR"])


def test_reject_turned_down_demonym_proposal(pipeline: Pipeline) -> None:
    event = one(pipeline, "Hamas turned down the Egyptian ceasefire proposal on Sunday.", "REJECT")
    assert event.mode == "meet"
    assert sectors(event.source) == ["REB"]
    assert countries(event.target) == ["EGY"]


def test_reject_demand_for_reform_is_change(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The Egyptian government rejected demands by the European Union for electoral reform.",
        "REJECT",
    )
    assert event.mode == "change"
    assert (countries(event.source), sectors(event.source)) == (["EGY"], ["GOV"])
    assert names(event.target) == ["European Union"]


def test_reject_refuse_to_release_is_yield(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Israel refused to release the Palestinian prisoners held at Ofer.", "REJECT"
    )
    assert event.mode == "yield"
    assert countries(event.source) == ["ISR"]
    assert event.status == "happened"


def test_reject_refuse_to_meet(pipeline: Pipeline) -> None:
    events = code(pipeline, "Recep Tayyip Erdogan refused to meet Joe Biden at the summit.")
    reject = [e for e in events if e.type == "REJECT"]
    assert len(reject) == 1 and reject[0].mode == "meet"
    assert names(reject[0].source) == ["Recep Tayyip Erdogan"]
    # the meeting itself did not take place
    assert all(e.status == "denied" for e in events if e.type == "CONSULT")


def test_reject_declined_invitation(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Iran declined an invitation to meet American negotiators in Oman.", "REJECT"
    )
    assert event.mode == "meet"
    assert countries(event.source) == ["IRN"]


def test_reject_veto(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Russia vetoed the United Nations Security Council resolution on Friday.",
        "REJECT",
    )
    assert event.mode == "yield"
    assert countries(event.source) == ["RUS"]
    assert names(event.target) == ["UN Security Council"]


def test_reject_passive_by(pipeline: Pipeline) -> None:
    event = one(pipeline, "The proposal for a ceasefire was rejected by Hamas on Monday.", "REJECT")
    assert event.mode == "meet"
    assert names(event.source) == ["Hamas"]


def test_reject_denied_request_for_access(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Israel denied a request by the United Nations for access to Gaza.", "REJECT"
    )
    assert event.mode == "yield"
    assert (countries(event.source), countries(event.target)) == (["ISR"], ["IGO"])


def test_reject_defy_ban(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "North Korea defied a United Nations ban on ballistic missile tests.", "REJECT"
    )
    assert event.mode == "yield"
    assert (countries(event.source), countries(event.target)) == (["PRK"], ["IGO"])


def test_reject_negated_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel did not reject the American proposal, officials said on Wednesday.",
        "REJECT",
    )
    assert event.status == "denied"
    assert countries(event.target) == ["USA"]


def test_reject_would_in_reported_speech_is_planned(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Benjamin Netanyahu said he would reject any deal with Hamas that leaves it in power.",
        "REJECT",
    )
    assert event.status == "planned"


def test_reject_look_alikes(pipeline: Pipeline) -> None:
    for text in (
        "Russia dismissed the accusations by Ukraine as absurd propaganda.",
        "Israel denied attacking the United Nations base in southern Lebanon.",
        "The Kenyan president dismissed the interior minister on Tuesday.",
        "The defence ministry declined to comment on the report about the drills.",
        "Kenya's exports declined by five percent last year, officials said.",
        "China's economy has defied expectations this year, economists in Beijing said.",
    ):
        assert of_type(pipeline, text, "REJECT") == [], text


# -- THREATEN ----------------------------------------------------------------------------
def test_threaten_with_force(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Iran threatened Israel with a crushing military response on Tuesday.", "THREATEN"
    )
    assert event.mode == "violence"
    assert (countries(event.source), countries(event.target)) == (["IRN"], ["ISR"])
    assert event.status == "happened"


def test_threaten_to_act_codes_the_inner_act_as_hypothetical(pipeline: Pipeline) -> None:
    events = code(pipeline, "Beijing threatened to cut diplomatic ties with Lithuania.")
    threat = [e for e in events if e.type == "THREATEN"]
    assert len(threat) == 1
    assert threat[0].mode == "relations"
    assert threat[0].status == "happened"
    assert countries(threat[0].source) == ["CHN"]
    cut = [e for e in events if e.type == "SANCTION"]
    assert len(cut) == 1 and cut[0].status == "hypothetical"
    assert countries(cut[0].target) == ["LTU"]


def test_threaten_sanctions_is_restrict_even_with_a_nuclear_reason(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "France threatened to impose sanctions on Iran over its nuclear programme.",
        "THREATEN",
    )
    assert event.mode == "restrict"


def test_threaten_with_sanctions_target(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The European Union threatened Hungary with new sanctions over the rule of law.",
        "THREATEN",
    )
    assert event.mode == "restrict"
    assert (names(event.source), countries(event.target)) == (["European Union"], ["HUN"])


def test_threaten_to_expel(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Recep Tayyip Erdogan threatened to expel ten Western ambassadors.", "THREATEN"
    )
    assert event.mode == "expel"
    assert names(event.source) == ["Recep Tayyip Erdogan"]


def test_threaten_to_annex_is_territory(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Venezuela threatened Guyana with the annexation of Essequibo.", "THREATEN"
    )
    assert event.mode == "territory"
    assert (countries(event.source), countries(event.target)) == (["VEN"], ["GUY"])


def test_threaten_to_ban_parties(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The military government of Mali threatened to dissolve the opposition parties.",
        "THREATEN",
    )
    assert event.mode == "ban"
    assert countries(event.source) == ["MLI"]


def test_threaten_ultimatum(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The United States issued an ultimatum to the Taliban on Friday.", "THREATEN"
    )
    assert event.mode == "relations"
    assert (countries(event.source), countries(event.target)) == (["USA"], ["AFG"])


def test_threaten_warned_of_retaliation(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Russia warned of retaliation after Finland joined the alliance.", "THREATEN"
    )
    assert event.mode == "violence"
    assert countries(event.source) == ["RUS"]


def test_threaten_warned_target_against(pipeline: Pipeline) -> None:
    event = one(pipeline, "Joe Biden warned Iran against attacking Israel.", "THREATEN")
    assert names(event.source) == ["Joe Biden"]
    assert countries(event.target) == ["IRN"]


def test_threaten_passive_by_armed_group(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Israel was threatened by Hezbollah with a wider war in the north.", "THREATEN"
    )
    assert (names(event.source), sectors(event.source)) == (["Hezbollah"], ["REB"])
    assert countries(event.target) == ["ISR"]


def test_threaten_nominal_threats_against(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "China's threats against Taiwan alarmed the region, officials said.", "THREATEN"
    )
    assert (countries(event.source), countries(event.target)) == (["CHN"], ["TWN"])


def test_threaten_negated_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden did not threaten Russia with military action, the White House said.",
        "THREATEN",
    )
    assert event.status == "denied"
    assert [a.organization for a in event.attribution] == ["White House"]


def test_threaten_sanctions_on_target_with_a_date(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "On Tuesday Washington threatened new sanctions on Venezuela over the vote.",
        "THREATEN",
    )
    assert event.mode == "restrict"
    assert (countries(event.source), countries(event.target)) == (["USA"], ["VEN"])
    assert event.date == date(2024, 3, 12)


def test_threaten_vowed_revenge(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Iran vowed revenge against Israel for the strike in Damascus.", "THREATEN"
    )
    assert event.mode == "violence"
    assert (countries(event.source), countries(event.target)) == (["IRN"], ["ISR"])


def test_threaten_look_alikes(pipeline: Pipeline) -> None:
    for text in (
        "The storm threatened coastal towns in Bangladesh on Monday.",
        "Rising inflation threatens Egypt's fragile economic recovery, analysts said.",
        "The World Health Organization warned of a new wave of infections in Europe.",
        "The Israeli army warned residents of northern Gaza to leave their homes.",
    ):
        assert of_type(pipeline, text, "THREATEN") == [], text


def test_threaten_act_announced_unless_the_target_yields(pipeline: Pipeline) -> None:
    text = (
        "Kenya said on Monday it would pull its police contingent out of Haiti unless the "
        "transitional council named a prime minister within a month."
    )
    event = one(pipeline, text, "THREATEN")
    assert (countries(event.source), countries(event.target)) == (["KEN"], ["HTI"])
    assert (event.mode, event.status) == ("relations", "happened")
    assert event.date == date(2024, 3, 11)  # when the threat was made
    assert of_type(pipeline, text, "RETREAT") == []  # the pull-out is not announced as such


def test_threaten_sanctions_if_the_target_does_not_comply(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The European Union will impose sanctions on Belarus if Minsk does not free the "
        "jailed journalists, Josep Borrell said.",
        "THREATEN",
    )
    assert (countries(event.source), countries(event.target)) == (["IGO"], ["BLR"])
    assert event.mode == "relations"
    text = "Benjamin Netanyahu said Israel would strike Hezbollah if the attacks continued."
    event = one(pipeline, text, "THREATEN")
    assert (countries(event.source), countries(event.target), event.mode) == (
        ["ISR"],
        ["LBN"],
        "violence",
    )
    assert of_type(pipeline, text, "ASSAULT") == []


def test_conditions_that_are_not_threats(pipeline: Pipeline) -> None:
    # an offer: yielding on a condition
    text = "The rebels will release the hostages if the government pays a ransom."
    assert of_type(pipeline, text, "THREATEN") == []
    # the act is the condition, not what is announced
    text = "Israel will reopen the crossing unless Hamas attacks the border again."
    assert of_type(pipeline, text, "THREATEN") == []
    # an unconditional withdrawal announced for the future is an intention, not a threat
    text = "Israel will withdraw its troops from Gaza next week."
    assert of_type(pipeline, text, "THREATEN") == []
    assert one(pipeline, text, "AGREE").status == "happened"


def test_threat_aimed_at_the_target_of_the_threatened_act(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Iran threatened to launch a new offensive against Iraq unless Baghdad accepted its terms.",
        "THREATEN",
    )
    assert (countries(event.source), countries(event.target)) == (["IRN"], ["IRQ"])


# -- SANCTION ----------------------------------------------------------------------------
def test_sanction_impose_sanctions_on(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The United States imposed new sanctions on Iran over its drone exports.",
        "SANCTION",
    )
    assert event.mode == "discontinue"
    assert (countries(event.source), countries(event.target)) == (["USA"], ["IRN"])
    assert event.status == "happened"


def test_sanction_date_on_the_verb_is_not_the_target(pipeline: Pipeline) -> None:
    event = one(pipeline, "Britain imposed sanctions on Iran on Thursday.", "SANCTION")
    assert countries(event.target) == ["IRN"]
    assert event.date == date(2024, 3, 14)


def test_sanction_passive_imposed_by(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Sanctions were imposed on North Korea by the European Union in 2017.", "SANCTION"
    )
    assert (names(event.source), countries(event.target)) == (["European Union"], ["PRK"])


def test_sanction_verb_with_sector(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Washington sanctioned three Chinese companies for supplying drones to Russia.",
        "SANCTION",
    )
    assert (countries(event.target), sectors(event.target)) == (["CHN"], ["BUS"])


def test_sanction_expel_diplomats(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Poland expelled three Russian diplomats over the spy scandal.", "SANCTION"
    )
    assert event.mode == "expel"
    assert (countries(event.source), countries(event.target)) == (["POL"], ["RUS"])
    assert sectors(event.target) == ["GOV"]


def test_sanction_expel_passive(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Russian diplomats were expelled by Poland after the spy scandal.", "SANCTION"
    )
    assert event.mode == "expel"
    assert (countries(event.source), countries(event.target)) == (["POL"], ["RUS"])


def test_sanction_recall_ambassador(pipeline: Pipeline) -> None:
    event = one(pipeline, "Israel recalled its ambassador to Turkey for consultations.", "SANCTION")
    assert event.mode == "withdraw"
    assert (countries(event.source), countries(event.target)) == (["ISR"], ["TUR"])


def test_sanction_cut_ties(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Bolivia cut diplomatic ties with Israel over the war in Gaza.", "SANCTION"
    )
    assert event.mode == "withdraw"
    assert (countries(event.source), countries(event.target)) == (["BOL"], ["ISR"])


def test_sanction_suspend_talks_is_not_a_meeting(pipeline: Pipeline) -> None:
    events = code(pipeline, "Israel suspended talks with Hamas, officials said.")
    assert [e.type for e in events] == ["SANCTION"]
    assert events[0].mode == "withdraw"
    assert names(events[0].target) == ["Hamas"]


def test_sanction_suspend_aid(pipeline: Pipeline) -> None:
    event = one(pipeline, "The United States suspended military aid to Egypt.", "SANCTION")
    assert event.mode == "discontinue"
    assert (countries(event.source), countries(event.target)) == (["USA"], ["EGY"])


def test_sanction_suspend_member_from_organisation(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The African Union suspended Niger from the bloc after the coup.", "SANCTION"
    )
    assert event.mode == "expel"
    assert (names(event.source), countries(event.target)) == (["African Union"], ["NER"])


def test_sanction_withdraw_peacekeepers_is_expel(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The United Nations withdrew its peacekeepers from Mali last year.", "SANCTION"
    )
    assert event.mode == "expel"
    assert (names(event.source), countries(event.target)) == (["United Nations"], ["MLI"])


def test_sanction_order_ambassador_out(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Niger ordered the French ambassador to leave the country within 48 hours.",
        "SANCTION",
    )
    assert event.mode == "expel"
    assert (countries(event.source), countries(event.target)) == (["NER"], ["FRA"])


def test_sanction_future_is_planned(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The European Union will impose new sanctions on Belarus next month.", "SANCTION"
    )
    assert event.status == "planned"


def test_sanction_negated_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Hungary did not expel the Russian ambassador, officials said.", "SANCTION"
    )
    assert event.status == "denied"


def test_sanction_reported_speech(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Antony Blinken said the United States had imposed sanctions against Russia.",
        "SANCTION",
    )
    assert countries(event.source) == ["USA"]
    assert countries(event.target) == ["RUS"]
    assert [a.name for a in event.attribution] == ["Antony Blinken"]


def test_sanction_look_alikes(pipeline: Pipeline) -> None:
    for text in (
        "Sweden lifted its sanctions on Turkey last year.",
        "The school expelled two students for cheating on the exam in Nairobi.",
        "The Japanese government recalled that the treaty was signed in 1951.",
        "The bank froze its hiring plans for the year in London.",
        "Police cut the power to the building before the raid in Lagos.",
        "Ukrainian forces expelled Russian troops from the village near Kharkiv.",
    ):
        assert of_type(pipeline, text, "SANCTION") == [], text


def test_threat_and_statement_rules_name_plover_types_and_modes() -> None:
    from tacitus.events.lexicon import load_lexicon, load_threat_rules
    from tacitus.ontology import load_ontology

    ontology = load_ontology()
    rules = load_threat_rules()
    for kinds in rules.by_condition.values():
        for kind in kinds:
            event_type, _, mode = kind.partition(".")
            assert event_type in ontology.types, kind
            assert not mode or mode in ontology.get(event_type).modes, kind
    threaten_modes = ontology.get("THREATEN").modes
    assert rules.modes and all(mode in threaten_modes for mode in rules.modes.values())
    words = load_lexicon()
    named = {t.upper() for t in words.intention_types | words.promise_types}
    assert named and named <= set(ontology.types)


# -- statements beside the act: announced threats and refusals (data/events/threats.toml)


def test_an_announced_negative_act_is_also_a_threat_said_when_announced(
    pipeline: Pipeline,
) -> None:
    events = code(pipeline, "Ghana said on Monday it would expel the Togolese ambassador.")
    threat = next(e for e in events if e.type == "THREATEN")
    act = next(e for e in events if e.type == "SANCTION")
    assert (threat.mode, threat.status, act.status) == ("expel", "happened", "planned")
    assert (countries(threat.source), countries(threat.target)) == (["GHA"], ["TGO"])
    assert threat.date == date(2024, 3, 11)  # when it was said


@pytest.mark.parametrize(
    "text",
    [
        # a preparation is no announcement
        "The Serbian army prepared to shell the border villages of Kosovo.",
        # done, not announced
        "Ghana expelled the Togolese ambassador on Monday.",
        # a cooperative act announced is an intention (AGREE), not a threat
        "Japan will send food aid to Myanmar next month.",
    ],
)
def test_no_threat_where_nothing_negative_is_announced(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "THREATEN") == []


@pytest.mark.parametrize(
    ("text", "act", "mode"),
    [
        (
            "Armenia and Azerbaijan failed to reach agreement on the border on Friday.",
            "AGREE",
            "meet",
        ),
        (
            "Hungary declined to send weapons to Ukraine, its foreign minister said.",
            "AID",
            "assist",
        ),
    ],
)
def test_a_refused_cooperative_act_is_also_a_rejection(
    pipeline: Pipeline, text: str, act: str, mode: str
) -> None:
    events = code(pipeline, text)
    (reject,) = [e for e in events if e.type == "REJECT"]
    (refused,) = [e for e in events if e.type == act]
    assert (reject.mode, reject.status, refused.status) == (mode, "happened", "denied")
    assert countries(reject.target) == countries(refused.target)


def test_a_negated_act_is_no_rejection(pipeline: Pipeline) -> None:
    events = code(pipeline, "Russia did not withdraw its troops from Ukraine.")
    assert [(e.type, e.status) for e in events] == [("RETREAT", "denied")]


def test_a_refusal_takes_the_target_of_the_act_refused(pipeline: Pipeline) -> None:
    events = code(pipeline, "Pakistan refused to deploy peacekeepers in Iraq.")
    (reject,) = [e for e in events if e.type == "REJECT"]
    assert countries(reject.target) == ["IRQ"]


def test_accuse_sending_inspectors_is_an_investigation(pipeline: Pipeline) -> None:
    event = one(pipeline, "The IAEA dispatched inspectors to Iran on Tuesday.", "ACCUSE")
    assert (event.mode, countries(event.target)) == ("investigate", ["IRN"])


def test_it_refers_to_the_party_that_said_so(pipeline: Pipeline) -> None:
    text = (
        "Kenya's opposition party said it will boycott the election unless the electoral "
        "commission is dissolved."
    )
    threat = one(pipeline, text, "THREATEN")
    assert (countries(threat.source), threat.mode) == (["KEN"], "restrict")


def test_riots_named_by_a_nationality_are_that_countrys(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Albanian riots against Serbian tax policies went on for a third day.", "PROTEST"
    )
    assert (countries(event.source), countries(event.target)) == (["ALB"], ["SRB"])


def test_a_judge_acts_where_the_accused_serve(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Judge Marta Olivares opened corruption investigations against nine Peruvian "
        "customs officials.",
        "ACCUSE",
    )
    assert countries(event.source) == ["PER"]


def test_rejecting_proposed_changes(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Georgia rejected the proposed Russian changes to the border accord.", "REJECT"
    )
    assert (countries(event.source), countries(event.target)) == (["GEO"], ["RUS"])


def test_elders_are_a_collective(pipeline: Pipeline) -> None:
    text = "Somali clan elders in Baidoa demanded that the federal government pay the militias."
    event = one(pipeline, text, "REQUEST")
    assert countries(event.source) == ["SOM"]


def test_a_refusal_announced_with_will_not_is_reject(pipeline: Pipeline) -> None:
    events = code(pipeline, "Israel will not meet the Palestinian delegation in Cairo.")
    assert ("REJECT", "happened") in [(e.type, e.status) for e in events]
    # a past act not done is only denied
    events = code(pipeline, "Israel did not meet the Palestinian delegation in Cairo.")
    assert "REJECT" not in [e.type for e in events]


def test_a_promise_of_force_is_a_threat(pipeline: Pipeline) -> None:
    text = "The insurgents in Mozambique promised to renew their bombing campaign."
    assert [(e.type, e.mode) for e in code(pipeline, text)] == [("THREATEN", "violence")]
    text = "Nigerian officials promised arrests if the looting continues."
    assert [(e.type, e.mode) for e in code(pipeline, text)] == [("THREATEN", "arrest")]
    text = "Kenya promised to send food aid to Somalia."
    assert "THREATEN" not in [e.type for e in code(pipeline, text)]


def test_an_allegation_about_whom_a_clause_names(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Police in Lima alleged that Peruvian mining firms had broken the law.", "ACCUSE"
    )
    assert (event.mode, countries(event.target)) == ("allege", ["PER"])
    event = one(
        pipeline, "Thousands of Chileans expressed disapproval of the Bolivian president.", "ACCUSE"
    )
    assert countries(event.target) == ["BOL"]


def test_a_statement_demanding_is_its_issuers_demand(pipeline: Pipeline) -> None:
    text = "The Kenyan opposition issued a statement demanding that the Kenyan police free the activists."
    event = one(pipeline, text, "REQUEST")
    assert (countries(event.source), sectors(event.source)) == (["KEN"], ["OPP"])
    text = "Hamas released a statement condemning the Israeli raid on Jenin."
    event = one(pipeline, text, "ACCUSE")
    assert (countries(event.source), countries(event.target)) == (["PSE"], ["ISR"])


def test_a_countrys_people_protest_against_their_government(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Young Moroccans blocked roads in Rabat to press their demands for jobs.",
        "PROTEST",
    )
    assert (countries(event.source), side_sectors(event.target)) == (["MAR"], [("MAR", "GOV")])
    # a state that protests is no crowd
    events = code(pipeline, "Morocco boycotted the summit in Algiers on Monday.")
    assert [e.target for e in events if e.type == "PROTEST"] == [[]]


def side_sectors(actors: list) -> list:  # type: ignore[type-arg]
    return [(a.country, a.sector) for a in actors]


def test_a_demand_that_someone_act_is_made_of_them(pipeline: Pipeline) -> None:
    text = "Chilean students demanded that the Chilean government scrap tuition fees."
    event = one(pipeline, text, "REQUEST")
    assert side_sectors(event.target) == [("CHL", "GOV")]


def test_unrest_that_names_no_one_is_the_peoples(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Protests erupted across Iran on Friday after the fuel price rise.", "PROTEST"
    )
    assert (side_sectors(event.source), side_sectors(event.target)) == (
        [("IRN", "CVL")],
        [("IRN", "GOV")],
    )
    assert of_type(pipeline, "The hunger strike continued in the jail for a week.", "PROTEST") == []


def test_a_group_may_act_on_its_own_country(pipeline: Pipeline) -> None:
    text = "Angry Spanish farmers said they would blockade Madrid from Monday."
    (threat,) = of_type(pipeline, text, "THREATEN")
    assert (side_sectors(threat.source), countries(threat.target)) == ([("ESP", "AGR")], ["ESP"])
    # the state itself does not act on itself
    text = "Belgium reaffirmed Belgian support for the plan."
    assert all(countries(e.target) != ["BEL"] for e in code(pipeline, text))


def test_condemning_an_act_whose_doer_is_not_named(pipeline: Pipeline) -> None:
    text = "Norway condemned violence against civilians in the war on Monday."
    event = one(pipeline, text, "ACCUSE")
    assert (event.mode, countries(event.source), event.target) == ("disapprove", ["NOR"], [])
    # a named doer is the target
    event = one(pipeline, "Norway condemned the attack by Hamas on Monday.", "ACCUSE")
    assert countries(event.target) == ["PSE"]
    # condemning a decision is no condemnation of an act, and needs its target
    assert of_type(pipeline, "Norway condemned the decision on Monday.", "ACCUSE") == []


def test_the_purpose_of_a_planned_act_is_planned(pipeline: Pipeline) -> None:
    text = "Greek farmers said on Friday they would block Athens on Monday to demand cheaper fuel."
    (demand,) = of_type(pipeline, text, "REQUEST")
    assert demand.status == "planned"
    text = "Greek farmers drove to Athens on Monday to demand that the government cut fuel prices."
    (demand,) = of_type(pipeline, text, "REQUEST")
    assert demand.status == "happened"


def test_a_demand_by_a_group_not_the_state_is_addressed_to_its_government(
    pipeline: Pipeline,
) -> None:
    text = "Kenyan teachers demanded that their pay be raised before the new term."
    event = one(pipeline, text, "REQUEST")
    assert (side(event.source), side(event.target)) == ([("KEN", "EDU")], [("KEN", "GOV")])
    # the state's own demand names no addressee of its own
    text = "Kenya demanded that the money be returned before the new term."
    assert one(pipeline, text, "REQUEST").target == []


def test_a_refusal_despite_pressure_answers_those_pressing(pipeline: Pipeline) -> None:
    text = "The minister refused to resign despite calls from the opposition in Kenya."
    (refusal,) = of_type(pipeline, text, "REJECT")
    assert side(refusal.target) == [("KEN", "OPP")]
    text = "The minister refused to resign on Monday, despite the scandal in Kenya."
    (refusal,) = of_type(pipeline, text, "REJECT")
    assert refusal.target == []


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Eritrea's president raised the possibility of bans on opposition parties.", "ban"),
        ("Jordan floated the prospect of sanctions against the smugglers' backers.", "restrict"),
    ],
)
def test_threaten_raise_the_possibility(pipeline: Pipeline, text: str, mode: str) -> None:
    event = one(pipeline, text, "THREATEN")
    assert event.mode == mode
    assert event.status == "happened"


def test_raising_the_possibility_of_talks_is_no_threat(pipeline: Pipeline) -> None:
    text = "Jordan's foreign minister raised the possibility of talks with Iran on Monday."
    assert of_type(pipeline, text, "THREATEN") == []


def test_investigative_body_set_up(pipeline: Pipeline) -> None:
    text = "The Kenyan parliament set up a special investigative committee on Monday."
    event = one(pipeline, text, "ACCUSE")
    assert (event.mode, countries(event.source), sectors(event.source)) == (
        "investigate",
        ["KEN"],
        ["LEG"],
    )
    event = one(pipeline, "Ethiopia launched a commission on Eritrean abuses.", "ACCUSE")
    assert countries(event.target) == ["ERI"]
    text = "The Kenyan parliament set up a committee to review the budget."
    assert of_type(pipeline, text, "ACCUSE") == []


@pytest.mark.parametrize(
    "text",
    [
        "Kenya said on Monday it may impose sanctions on Uganda.",
        "Kenya's president said Kenya could suspend relations with Uganda.",
    ],
)
def test_coercion_said_possible_by_its_actor_is_a_threat(pipeline: Pipeline, text: str) -> None:
    threat = one(pipeline, text, "THREATEN")
    assert (countries(threat.source), countries(threat.target)) == (["KEN"], ["UGA"])
    assert threat.status == "happened"
    (act,) = of_type(pipeline, text, "SANCTION")
    assert act.status == "hypothetical"


def test_coercion_others_say_possible_is_no_threat(pipeline: Pipeline) -> None:
    text = "Analysts said the Kenyan army could attack the rebels in Somalia."
    assert of_type(pipeline, text, "THREATEN") == []
