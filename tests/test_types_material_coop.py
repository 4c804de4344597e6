"""Material cooperation: COOPERATE, AID, RETREAT and MOBILIZE on sentences we wrote.

Every sentence here is our own; the people are real office holders on the publication
date so that the knowledge base resolves them. Each type has positives for its modes and
phrasings, status cases (negation, plans, requests), reported speech, sub-state actors
with sectors, and look-alike sentences that must not be coded as that type.
"""

from __future__ import annotations

from datetime import date

import pytest

from tacitus import Pipeline
from tests.helpers import code, countries, names, of_type, one, sectors, side


# -- COOPERATE -----------------------------------------------------------------------------
def test_cooperate_joint_drills_with_compound_subject(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "China and Russia held joint naval drills in the East China Sea on Monday.",
        "COOPERATE",
    )
    assert countries(event.source) == ["CHN"]
    assert countries(event.target) == ["RUS"]
    assert event.status == "happened"
    assert event.date == date(2024, 3, 11)


def test_cooperate_exercises_with_partner(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The United States staged military exercises with Japan near Okinawa last week.",
        "COOPERATE",
    )
    assert countries(event.source) == ["USA"]
    assert countries(event.target) == ["JPN"]


def test_cooperate_exercises_between_as_noun_subject(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joint military exercises between Egypt and Saudi Arabia began on Sunday.",
        "COOPERATE",
    )
    assert {*countries(event.source), *countries(event.target)} == {"EGY", "SAU"}


def test_cooperate_with(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Pakistan cooperated with the United States in the hunt for the militants.",
        "COOPERATE",
    )
    assert countries(event.source) == ["PAK"]
    assert countries(event.target) == ["USA"]


def test_cooperate_police_sectors(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Kenyan police collaborated with the FBI on the kidnapping case last year.",
        "COOPERATE",
    )
    assert (countries(event.source), sectors(event.source)) == (["KEN"], ["COP"])
    assert (countries(event.target), sectors(event.target)) == (["USA"], ["COP"])


def test_cooperate_extradition_passive(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The suspect was extradited to the United States from Spain on Friday.",
        "COOPERATE",
    )
    assert countries(event.source) == ["ESP"]
    assert countries(event.target) == ["USA"]


def test_cooperate_extradition_active(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "France extradited a Rwandan genocide suspect to Rwanda on Wednesday.",
        "COOPERATE",
    )
    assert countries(event.target) == ["RWA"]


def test_cooperate_hand_over_suspect(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Kenya handed over the suspect to Ugandan authorities on Monday.", "COOPERATE"
    )
    assert countries(event.source) == ["KEN"]
    assert (countries(event.target), sectors(event.target)) == (["UGA"], ["GOV"])


def test_cooperate_shared_intelligence_reported(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel shared intelligence with the United States about the plot, officials said.",
        "COOPERATE",
    )
    assert countries(event.source) == ["ISR"]
    assert countries(event.target) == ["USA"]
    assert [a.role for a in event.attribution] == ["officials"]


def test_cooperate_gave_intelligence_to_indirect_object(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The United States gave Ukraine intelligence on Russian positions last year.",
        "COOPERATE",
    )
    assert countries(event.source) == ["USA"]
    assert countries(event.target) == ["UKR"]


def test_cooperate_economic_investment_and_trade(pipeline: Pipeline) -> None:
    invest = one(
        pipeline, "China invested $5 billion in Pakistan last year, the ministry said.", "COOPERATE"
    )
    assert (countries(invest.source), countries(invest.target)) == (["CHN"], ["PAK"])
    gas = one(
        pipeline, "Russia resumed gas supplies to Hungary on Tuesday after a pause.", "COOPERATE"
    )
    assert (countries(gas.source), countries(gas.target)) == (["RUS"], ["HUN"])
    oil = one(pipeline, "India bought record amounts of Russian oil last year.", "COOPERATE")
    assert (countries(oil.source), countries(oil.target)) == (["IND"], ["RUS"])


def test_cooperate_arms_sale(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Turkey sold armed drones to Ukraine in 2019, officials said.", "COOPERATE"
    )
    assert (countries(event.source), countries(event.target)) == (["TUR"], ["UKR"])


def test_cooperate_planned_drills(pipeline: Pipeline) -> None:
    # announced for next month: the intention is the event, dated when it is announced
    event = one(
        pipeline, "Kenya and Uganda will hold joint military exercises next month.", "AGREE"
    )
    assert event.status == "happened"
    assert event.date == date(2024, 3, 14)
    assert {*countries(event.source), *countries(event.target)} == {"KEN", "UGA"}


def test_cooperate_refused_is_denied(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Iran refused to cooperate with the International Atomic Energy Agency.",
        "COOPERATE",
    )
    assert event.status == "denied"
    assert countries(event.target) == ["IGO"]


def test_cooperate_urged_is_hypothetical(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Joe Biden urged China to cooperate with the United States on fentanyl.",
        "COOPERATE",
    )
    assert event.status == "hypothetical"


def test_cooperate_reported_speech_source_is_the_actor(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Sergei Lavrov said Russia and Belarus held joint military drills near Brest.",
        "COOPERATE",
    )
    assert {*countries(event.source), *countries(event.target)} == {"RUS", "BLR"}
    assert [a.name for a in event.attribution] == ["Sergei Lavrov"]


@pytest.mark.parametrize(
    "text",
    [
        "The players shared a joke with reporters after the match in Nairobi on Sunday.",
        "Kenya and Uganda agreed to boost cooperation in trade and security on Monday.",
        "The school in Nairobi held a fire drill on Tuesday morning for its pupils.",
        "Olaf Scholz shared his view of the budget with reporters on Wednesday.",
    ],
)
def test_cooperate_look_alikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "COOPERATE") == []


def test_refusing_to_take_in_refugees_of_no_named_nationality(pipeline: Pipeline) -> None:
    text = "Jordan says it will not accept any more refugees if the war spreads."
    (refusal,) = of_type(pipeline, text, "REJECT")
    assert countries(refusal.source) == ["JOR"]
    (shelter,) = of_type(pipeline, text, "AID")
    assert shelter.status == "denied"


def test_cooperate_troops_from_two_countries(pipeline: Pipeline) -> None:
    text = "Troops from Kenya and Uganda held joint military exercises near Kisumu on Monday."
    event = one(pipeline, text, "COOPERATE")
    assert (side(event.source), countries(event.target)) == ([("KEN", "MIL")], ["UGA"])


def test_cooperate_joint_bodies_and_growing_trade(pipeline: Pipeline) -> None:
    body = one(
        pipeline, "Kenya and Uganda set up a joint commission on border security.", "COOPERATE"
    )
    assert (countries(body.source), countries(body.target)) == (["KEN"], ["UGA"])
    # a headline in title case
    text = "Niger and Chad Announce Common Currency\n\nThe two neighbours will share one money."
    currency = one(pipeline, text, "COOPERATE")
    assert (countries(currency.source), countries(currency.target)) == (["NER"], ["TCD"])
    trade = one(
        pipeline, "Bilateral trade between Chile and Peru grew by a third last year.", "COOPERATE"
    )
    assert (countries(trade.source), countries(trade.target)) == (["CHL"], ["PER"])
    # trade that shrank, and a front that is no shared body, are not cooperation
    text = "Kenya's trade with China fell sharply in May, officials said."
    assert of_type(pipeline, text, "COOPERATE") == []
    text = "The opposition formed a common front against the president of Kenya."
    assert of_type(pipeline, text, "COOPERATE") == []


def test_a_group_named_by_its_city_is_of_that_city_s_country(pipeline: Pipeline) -> None:
    # "Sao Paulo" keeps its capitals in a title-case headline, and its businesses are
    # Brazilian
    text = "Sao Paulo Businesses Increase Investment in Portugal\n\nThe firms named no sum."
    event = one(pipeline, text, "COOPERATE")
    assert side(event.source) == [("BRA", "BUS")]
    assert countries(event.target) == ["PRT"]


# -- AID -----------------------------------------------------------------------------------
def test_aid_sent_humanitarian_aid(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Germany sent humanitarian aid to Sudan on Monday, the ministry said.", "AID"
    )
    assert (countries(event.source), countries(event.target)) == (["DEU"], ["SDN"])
    assert event.mode is None
    assert event.quad_class == "material cooperation"


def test_aid_delivered_food(pipeline: Pipeline) -> None:
    event = one(pipeline, "Japan delivered 200 tonnes of food to Gaza last week.", "AID")
    assert (countries(event.source), countries(event.target)) == (["JPN"], ["PSE"])


def test_aid_supplied_recipient_with_weapons(pipeline: Pipeline) -> None:
    event = one(pipeline, "Britain has supplied Ukraine with 14 Challenger tanks.", "AID")
    assert (countries(event.source), countries(event.target)) == (["GBR"], ["UKR"])


def test_aid_economic_loan_and_bailout(pipeline: Pipeline) -> None:
    loan = one(pipeline, "The European Union gave Moldova a loan of 300 million euros.", "AID")
    assert (countries(loan.source), countries(loan.target)) == (["IGO"], ["MDA"])
    bailout = one(
        pipeline, "The IMF approved a $3 billion bailout for Pakistan on Wednesday.", "AID"
    )
    assert (countries(bailout.source), countries(bailout.target)) == (["IGO"], ["PAK"])
    deposit = one(
        pipeline,
        "Saudi Arabia deposited $3 billion in Pakistan's central bank on Tuesday.",
        "AID",
    )
    assert (countries(deposit.source), countries(deposit.target)) == (["SAU"], ["PAK"])


def test_aid_airdrop_over(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Jordanian planes airdropped food and medicine over northern Gaza on Monday.",
        "AID",
    )
    assert (countries(event.source), countries(event.target)) == (["JOR"], ["PSE"])


def test_aid_refugees_and_asylum(pipeline: Pipeline) -> None:
    refugees = one(pipeline, "Poland took in a million Ukrainian refugees in 2022.", "AID")
    assert (countries(refugees.source), countries(refugees.target)) == (["POL"], ["UKR"])
    asylum = one(
        pipeline,
        "A Russian opposition activist was granted asylum in Britain last year.",
        "AID",
    )
    assert (countries(asylum.source), countries(asylum.target)) == (["GBR"], ["RUS"])


def test_aid_asylum_to_dative(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Britain granted asylum to a Russian opposition activist last year.", "AID"
    )
    assert countries(event.target) == ["RUS"]


def test_aid_military_training_and_arming(pipeline: Pipeline) -> None:
    trained = one(
        pipeline, "British instructors trained Ukrainian pilots on F-16 jets last year.", "AID"
    )
    assert (countries(trained.source), countries(trained.target)) == (["GBR"], ["UKR"])
    armed = one(
        pipeline, "Iran has armed and funded the Houthis for years, Israeli officials said.", "AID"
    )
    assert countries(armed.source) == ["IRN"]
    assert (countries(armed.target), sectors(armed.target)) == (["YEM"], ["REB"])


def test_aid_peacekeepers_and_rescuers(pipeline: Pipeline) -> None:
    peace = one(
        pipeline, "Rwanda deployed peacekeepers to the Central African Republic in 2014.", "AID"
    )
    assert (countries(peace.source), countries(peace.target)) == (["RWA"], ["CAF"])
    assert (
        of_type(
            pipeline,
            "Rwanda deployed peacekeepers to the Central African Republic in 2014.",
            "MOBILIZE",
        )
        == []
    )
    rescue = one(pipeline, "Turkey sent 20 rescue teams to Morocco after the earthquake.", "AID")
    assert (countries(rescue.source), countries(rescue.target)) == (["TUR"], ["MAR"])


def test_aid_noun_with_possessive(pipeline: Pipeline) -> None:
    event = one(pipeline, "Washington's military aid to Kyiv has slowed this year.", "AID")
    assert (countries(event.source), countries(event.target)) == (["USA"], ["UKR"])


def test_aid_denied_and_planned(pipeline: Pipeline) -> None:
    denied = one(pipeline, "The European Union did not send aid to Syria last year.", "AID")
    assert denied.status == "denied"
    # aid announced for the future is an intention (AGREE), reported by the speaker
    planned = one(
        pipeline, "Germany will send 18 more Leopard tanks to Ukraine, Olaf Scholz said.", "AGREE"
    )
    assert planned.status == "happened"
    assert [a.name for a in planned.attribution] == ["Olaf Scholz"]


def test_aid_reported_speech(pipeline: Pipeline) -> None:
    event = one(pipeline, "Iran supplies drones to Russia, Antony Blinken said on Tuesday.", "AID")
    assert (countries(event.source), countries(event.target)) == (["IRN"], ["RUS"])
    assert [a.name for a in event.attribution] == ["Antony Blinken"]


@pytest.mark.parametrize(
    "text",
    [
        "The United States pledged $500 million in aid to Ukraine on Monday.",
        "The Kremlin gave a warning to Ukraine on Monday night, officials said.",
        "Aid workers in Gaza protested on Sunday against the lack of security.",
        "Joe Biden sent a message to Congress on the budget on Tuesday.",
        "The government announced a new aid package for farmers on Tuesday.",
    ],
)
def test_aid_look_alikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "AID") == []


# -- RETREAT -------------------------------------------------------------------------------
def test_retreat_withdraw_troops(pipeline: Pipeline) -> None:
    event = one(pipeline, "Russia withdrew its troops from Ukraine on Friday.", "RETREAT")
    assert event.mode == "withdraw"
    assert (countries(event.source), countries(event.target)) == (["RUS"], ["UKR"])
    assert event.quad_class == "material cooperation"


def test_retreat_withdrawal_noun_of_phrase_names_the_actor(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The withdrawal of Russian troops from Ukraine began on Wednesday.", "RETREAT"
    )
    assert event.mode == "withdraw"
    assert (countries(event.source), sectors(event.source)) == (["RUS"], ["MIL"])
    assert countries(event.target) == ["UKR"]


def test_retreat_withdrawal_noun_governor_subject(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Israel completed the withdrawal of its troops from Gaza on Wednesday.",
        "RETREAT",
    )
    assert (countries(event.source), countries(event.target)) == (["ISR"], ["PSE"])


def test_retreat_withdraw_denied_and_planned(pipeline: Pipeline) -> None:
    denied = one(pipeline, "Russia did not withdraw its troops from Ukraine.", "RETREAT")
    assert denied.status == "denied"
    planned = one(pipeline, "Vladimir Putin will withdraw troops from Belarus next month.", "AGREE")
    assert (planned.status, planned.date) == ("happened", date(2024, 3, 14))
    assert names(planned.source) == ["Vladimir Putin"]


def test_retreat_lift_blockade_is_withdraw(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Azerbaijan lifted its blockade of the Lachin corridor on Monday.", "RETREAT"
    )
    assert event.mode == "withdraw"
    assert countries(event.source) == ["AZE"]


def test_retreat_release_hostages(pipeline: Pipeline) -> None:
    event = one(pipeline, "Hamas released two American hostages on Friday.", "RETREAT")
    assert event.mode == "release"
    assert (countries(event.source), sectors(event.source)) == (["PSE"], ["REB"])
    assert (countries(event.target), sectors(event.target)) == (["USA"], ["CVL"])


def test_retreat_release_passive(pipeline: Pipeline) -> None:
    event = one(pipeline, "Two Israeli hostages were released by Hamas on Monday.", "RETREAT")
    assert event.mode == "release"
    assert (countries(event.source), countries(event.target)) == (["PSE"], ["ISR"])


def test_retreat_release_noun_and_swap(pipeline: Pipeline) -> None:
    noun = one(
        pipeline, "Israel announced the release of 39 Palestinian prisoners on Friday.", "RETREAT"
    )
    assert (noun.mode, countries(noun.source), countries(noun.target)) == (
        "release",
        ["ISR"],
        ["PSE"],
    )
    swap = one(
        pipeline,
        "Ukraine and Russia swapped 95 prisoners of war on Friday, officials in Kyiv said.",
        "RETREAT",
    )
    assert swap.mode == "release"
    assert {*countries(swap.source), *countries(swap.target)} == {"UKR", "RUS"}


def test_retreat_return_territory_and_bodies(pipeline: Pipeline) -> None:
    land = one(
        pipeline, "Armenia handed back four border villages to Azerbaijan on Friday.", "RETREAT"
    )
    assert (land.mode, countries(land.source), countries(land.target)) == (
        "return",
        ["ARM"],
        ["AZE"],
    )
    bodies = one(
        pipeline,
        "Hamas handed over the bodies of four hostages to the Red Cross on Thursday.",
        "RETREAT",
    )
    assert bodies.mode == "return"


def test_retreat_disarm(pipeline: Pipeline) -> None:
    arms = one(pipeline, "Hundreds of FARC fighters laid down their weapons in 2017.", "RETREAT")
    assert arms.mode == "disarm"
    assert (countries(arms.source), sectors(arms.source)) == (["COL"], ["REB"])
    assert arms.target == []
    surrender = one(
        pipeline,
        "Islamic State fighters surrendered to the Syrian Democratic Forces on Sunday.",
        "RETREAT",
    )
    assert surrender.mode == "disarm"
    assert countries(surrender.target) == ["SYR"]


def test_retreat_ease_sanctions(pipeline: Pipeline) -> None:
    sanctions = one(pipeline, "Washington eased travel restrictions on Cuba last year.", "RETREAT")
    assert sanctions.mode == "ease"
    assert (countries(sanctions.source), countries(sanctions.target)) == (["USA"], ["CUB"])
    oil = one(
        pipeline,
        "Washington lifted sanctions on Venezuelan oil in October, the Treasury said.",
        "RETREAT",
    )
    assert countries(oil.target) == ["VEN"]
    # lifting a curfew is a verbal concession in the PLOVER manual
    text = "Kenyan authorities lifted the curfew in Nairobi on Friday night."
    assert of_type(pipeline, text, "RETREAT") == []
    curfew = one(pipeline, text, "CONCEDE")
    assert (countries(curfew.source), sectors(curfew.source)) == (["KEN"], ["GOV"])


def test_retreat_access(pipeline: Pipeline) -> None:
    trucks = one(pipeline, "Israel allowed aid trucks into Gaza on Sunday.", "RETREAT")
    assert trucks.mode == "access"
    assert (countries(trucks.source), countries(trucks.target)) == (["ISR"], ["PSE"])
    crossing = one(pipeline, "Egypt reopened the Rafah crossing for aid on Saturday.", "RETREAT")
    assert crossing.mode == "access"
    iaea = one(pipeline, "Iran granted the IAEA access to the Fordow site on Monday.", "RETREAT")
    assert iaea.mode == "access"
    assert countries(iaea.source) == ["IRN"]


def test_retreat_ceasefire(pipeline: Pipeline) -> None:
    # declaring a truce is a verbal concession; keeping one is RETREAT
    text = "Hezbollah declared a truce with Israel on Monday night."
    truce = one(pipeline, text, "CONCEDE")
    assert (countries(truce.source), countries(truce.target)) == (["LBN"], ["ISR"])
    assert of_type(pipeline, text, "RETREAT") == []
    both = one(
        pipeline,
        "The Colombian government and the ELN rebels began a six-month ceasefire on Thursday.",
        "RETREAT",
    )
    assert both.mode == "ceasefire"
    assert (sectors(both.source), sectors(both.target)) == (["GOV"], ["REB"])
    halted = one(
        pipeline,
        "Iraqi militias suspended attacks on US forces in January, their leaders said.",
        "RETREAT",
    )
    assert halted.mode == "ceasefire"
    assert (countries(halted.source), sectors(halted.source)) == (["IRQ"], ["REB"])
    assert countries(halted.target) == ["USA"]


def test_retreat_ceasefire_with_no_side_named_is_the_place(pipeline: Pipeline) -> None:
    # a ceasefire that names no side is coded for the country where it holds
    text = "Truce Begins in Contested Provinces of Ethiopia\n\nThe guns fell silent overnight."
    event = one(pipeline, text, "RETREAT")
    assert (event.mode, countries(event.source), event.target) == ("ceasefire", ["ETH"], [])
    # no place and no story country: no one to code
    text = "The fighting stopped at dawn on Monday, witnesses told reporters."
    assert of_type(pipeline, text, "RETREAT") == []


def test_retreat_giving_up_positions(pipeline: Pipeline) -> None:
    text = "The Israeli army dismantled two outposts in the West Bank on Monday."
    event = one(pipeline, text, "RETREAT")
    assert (event.mode, side(event.source), countries(event.target)) == (
        "withdraw",
        [("ISR", "MIL")],
        ["PSE"],
    )
    # a plan to do so is an intention (AGREE)
    text = "Israel will evacuate all its settlements in the Gaza Strip, officials said."
    intent = one(pipeline, text, "AGREE")
    assert (countries(intent.source), countries(intent.target)) == (["ISR"], ["PSE"])


def test_mobilize_forming_a_militia(pipeline: Pipeline) -> None:
    formed = one(pipeline, "Hezbollah formed a new militia in southern Syria.", "MOBILIZE")
    assert (formed.mode, side(formed.source), countries(formed.target)) == (
        "militia",
        [("LBN", "REB")],
        ["SYR"],
    )
    # passive: the group formed is the one mobilising
    text = "A far-right paramilitary group was formed in Finland last month."
    formed = one(pipeline, text, "MOBILIZE")
    assert side(formed.source) == [("FIN", "REB")]
    text = "The students formed a study group in Nairobi on Monday."
    assert of_type(pipeline, text, "MOBILIZE") == []
    text = "The Kenyan militia expanded its recruitment in the north as talks failed."
    assert one(pipeline, text, "MOBILIZE").mode == "militia"


def test_retreat_a_mission_received_by_its_host(pipeline: Pipeline) -> None:
    text = "Election observers from the European Union arrived in Harare on Friday."
    event = one(pipeline, text, "RETREAT")
    assert (event.mode, countries(event.source), countries(event.target)) == (
        "access",
        ["ZWE"],
        ["IGO"],
    )
    assert of_type(pipeline, text, "CONSULT") == []
    # a leader arriving is a visit
    text = "Vladimir Putin arrived in Beijing on Monday for talks."
    assert of_type(pipeline, text, "RETREAT") == []


def test_retreat_request_embeds_hypothetical_withdrawal(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "The United Nations demanded the withdrawal of Russian troops from Ukraine.",
        "RETREAT",
    )
    assert event.status == "hypothetical"
    assert countries(event.source) == ["RUS"]


@pytest.mark.parametrize(
    "text",
    [
        "The Kremlin released a statement on the talks on Monday evening.",
        "The Labor Department released US jobs data on Friday morning.",
        "Joe Biden called for a ceasefire in Gaza on Monday, officials said.",
        "The junta lifted restrictions on the press on Monday, activists said.",
        "Olaf Scholz eased concerns about the budget in a speech on Tuesday.",
        "The senator withdrew from the race for governor of Ohio on Monday.",
        "Hamas released a video of two American hostages on Monday.",
    ],
)
def test_retreat_look_alikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "RETREAT") == []


# -- MOBILIZE ------------------------------------------------------------------------------
def test_mobilize_troops_along_border(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Russia massed tens of thousands of troops along the Ukrainian border.",
        "MOBILIZE",
    )
    assert event.mode == "troops"
    assert (countries(event.source), countries(event.target)) == (["RUS"], ["UKR"])
    assert event.quad_class == "material conflict"


def test_mobilize_one_sided_deployment(pipeline: Pipeline) -> None:
    event = one(pipeline, "Russia deployed troops to the border on Monday.", "MOBILIZE")
    assert event.mode == "troops"
    assert countries(event.source) == ["RUS"]
    assert event.target == []


def test_mobilize_alert_weapons(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Vladimir Putin put Russia's nuclear forces on high alert on Sunday.", "MOBILIZE"
    )
    assert event.mode == "weapons"
    assert names(event.source) == ["Vladimir Putin"]
    assert event.date == date(2024, 3, 10)


def test_mobilize_reservists(pipeline: Pipeline) -> None:
    mobilised = one(
        pipeline, "Russia mobilised 300,000 reservists last autumn, the ministry said.", "MOBILIZE"
    )
    assert (mobilised.mode, countries(mobilised.source)) == ("troops", ["RUS"])
    called = one(pipeline, "Israel called up 360,000 reservists after the attack.", "MOBILIZE")
    assert (called.mode, countries(called.source)) == ("troops", ["ISR"])
    assert (
        of_type(pipeline, "Israel called up 360,000 reservists after the attack.", "CONSULT") == []
    )


def test_mobilize_mobilisation_noun(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Armenia declared a general mobilisation on Sunday after the clashes.", "MOBILIZE"
    )
    assert (event.mode, countries(event.source)) == ("troops", ["ARM"])


def test_mobilize_police(pipeline: Pipeline) -> None:
    active = one(
        pipeline,
        "The French interior ministry deployed 45,000 police officers on Saturday.",
        "MOBILIZE",
    )
    assert active.mode == "police"
    assert countries(active.source) == ["FRA"]
    passive = one(
        pipeline, "Kenyan police were deployed to the streets of Nairobi on Tuesday.", "MOBILIZE"
    )
    assert passive.mode == "police"
    assert (countries(passive.source), sectors(passive.source)) == (["KEN"], ["COP"])


def test_mobilize_militia(pipeline: Pipeline) -> None:
    event = one(pipeline, "Hezbollah sent fighters to the border on Monday night.", "MOBILIZE")
    assert event.mode == "militia"
    assert (countries(event.source), sectors(event.source)) == (["LBN"], ["REB"])


def test_mobilize_weapons(pipeline: Pipeline) -> None:
    moved = one(
        pipeline,
        "Iran moved missile launchers closer to the Iraqi border, officials said.",
        "MOBILIZE",
    )
    assert (moved.mode, countries(moved.source)) == ("weapons", ["IRN"])
    tested = one(
        pipeline, "North Korea test-fired a ballistic missile into the sea on Monday.", "MOBILIZE"
    )
    assert (tested.mode, countries(tested.source)) == ("weapons", ["PRK"])
    assert (
        of_type(
            pipeline,
            "North Korea test-fired a ballistic missile into the sea on Monday.",
            "ASSAULT",
        )
        == []
    )
    jets = one(pipeline, "China flew 30 warplanes near Taiwan on Tuesday, Taipei said.", "MOBILIZE")
    assert (jets.mode, countries(jets.source), countries(jets.target)) == (
        "weapons",
        ["CHN"],
        ["TWN"],
    )


def test_mobilize_drills_alone_are_a_show_of_force(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "China launched large-scale military drills around Taiwan on Thursday.",
        "MOBILIZE",
    )
    assert (countries(event.source), countries(event.target)) == (["CHN"], ["TWN"])
    assert (
        of_type(
            pipeline,
            "China launched large-scale military drills around Taiwan on Thursday.",
            "COOPERATE",
        )
        == []
    )


def test_mobilize_passive_without_agent(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Thousands of Russian troops were deployed near the Ukrainian border on Monday.",
        "MOBILIZE",
    )
    assert (countries(event.source), sectors(event.source)) == (["RUS"], ["MIL"])
    assert countries(event.target) == ["UKR"]


def test_mobilize_denied_reported(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "Russia did not deploy troops to the border, Sergei Lavrov said.", "MOBILIZE"
    )
    assert event.status == "denied"
    assert [a.name for a in event.attribution] == ["Sergei Lavrov"]


def test_mobilize_planned(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "India will deploy additional troops along the Chinese border next month.",
        "MOBILIZE",
    )
    assert event.status == "planned"
    assert (countries(event.source), countries(event.target)) == (["IND"], ["CHN"])


@pytest.mark.parametrize(
    "text",
    [
        "The company deployed new software across its offices in Kenya last year.",
        "The party mobilised its supporters ahead of the vote in Nairobi on Sunday.",
        "The coach deployed a new formation against Brazil on Sunday night.",
        "Kenya's health ministry raised the alarm over a cholera outbreak on Monday.",
        "The company sent staff to the new office in Berlin on Tuesday morning.",
    ],
)
def test_mobilize_look_alikes(pipeline: Pipeline, text: str) -> None:
    assert of_type(pipeline, text, "MOBILIZE") == []


# -- announced acts -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Germany will send 18 more Leopard tanks to Ukraine, Olaf Scholz said.", "DEU", "UKR"),
        ("Israel will withdraw its troops from Gaza next week.", "ISR", "PSE"),
        ("The Houthis said they would release the crew of the Galaxy Leader.", "YEM", None),
        ("Japan plans to hold joint naval drills with the Philippines in May.", "JPN", "PHL"),
    ],
)
def test_cooperation_announced_for_the_future_is_an_intention(
    pipeline: Pipeline, text: str, source: str, target: str | None
) -> None:
    # the PLOVER manual: cooperative actions reported in the future tense are intentions
    event = one(pipeline, text, "AGREE")
    assert (event.status, countries(event.source)) == ("happened", [source])
    if target:
        assert countries(event.target) == [target]
    assert [e for e in code(pipeline, text) if e.type in {"AID", "RETREAT", "COOPERATE"}] == []


def test_aid_handed_over(pipeline: Pipeline) -> None:
    text = "Swiss doctors handed over medicine to the Red Crescent in Iran on Friday."
    event = one(pipeline, text, "AID")
    assert countries(event.source) == ["CHE"]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Israel has strengthened its forces in Lebanon after rocket fire last week.", "LBN"),
        ("Israeli troops remained on alert in the West Bank on Sunday.", "PSE"),
    ],
)
def test_mobilize_reinforcing_and_staying_on_alert(
    pipeline: Pipeline, text: str, target: str
) -> None:
    event = one(pipeline, text, "MOBILIZE")
    assert event.mode == "troops"
    assert countries(event.target) == [target]


def test_aid_evacuating_the_wounded(pipeline: Pipeline) -> None:
    text = "Red Cross teams evacuated wounded civilians from Gaza on Friday."
    event = one(pipeline, text, "AID")
    assert countries(event.target) == ["PSE"]
    # a state bringing its own nationals home gives no aid to the country they leave
    assert of_type(pipeline, "Turkey evacuated its nationals from Sudan.", "AID") == []


def test_joint_exercises_counted_in_days(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Greek and Cypriot frigates began twelve days of naval exercises south of Crete.",
        "COOPERATE",
    )
    assert sorted(countries(event.source) + countries(event.target)) == ["CYP", "GRC"]


def test_aid_weighed_in_kilograms(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Norwegian nurses handed over 300 kg of bandages and antibiotics to a hospital "
        "in Aleppo, Syria.",
        "AID",
    )
    assert countries(event.source) == ["NOR"]
    assert countries(event.target) == ["SYR"]


def test_a_ceasefire_that_takes_effect_is_kept(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "A ceasefire between Armenia and Azerbaijan took effect at midnight.", "RETREAT"
    )
    assert event.mode == "ceasefire"
    assert sorted(countries(event.source) + countries(event.target)) == ["ARM", "AZE"]
    text = "Hostilities between Thailand and Cambodia stopped on Monday."
    assert one(pipeline, text, "RETREAT").status == "happened"
    # fighting that did not stop was fighting all the same
    text = "Fighting between Israel and Hamas did not stop on Sunday."
    assert [e.status for e in code(pipeline, text) if e.type == "ASSAULT"] == ["happened"]
    assert of_type(pipeline, text, "RETREAT") == []


def test_expanding_cooperation_is_cooperation(pipeline: Pipeline) -> None:
    event = one(pipeline, "Japan deepened security cooperation with Australia.", "COOPERATE")
    assert (countries(event.source), countries(event.target)) == (["JPN"], ["AUS"])


def test_aid_where_it_is_given_and_debt_relief(pipeline: Pipeline) -> None:
    event = one(pipeline, "The UN provided humanitarian aid in Haiti after the earthquake.", "AID")
    assert countries(event.target) == ["HTI"]
    event = one(pipeline, "Paris Club creditors wrote off debts owed by Iraq.", "AID")
    assert countries(event.target) == ["IRQ"]


def test_mobilize_ordered_to_a_place(pipeline: Pipeline) -> None:
    event = one(
        pipeline, "The Kenyan governor ordered police to the Nairobi city centre.", "MOBILIZE"
    )
    assert (event.mode, countries(event.source)) == ("police", ["KEN"])
    troops = one(pipeline, "Moscow ordered troops into the Kursk region on Sunday.", "MOBILIZE")
    assert (troops.mode, countries(troops.source)) == ("troops", ["RUS"])
    # an order to do something is that act's, not a deployment
    text = "The president called on the police to show restraint during the march."
    assert of_type(pipeline, text, "MOBILIZE") == []


def test_aid_announced_and_aid_to_the_story_country(pipeline: Pipeline) -> None:
    text = "Italy announced the transfer of additional humanitarian aid to Kyrgyzstan."
    event = one(pipeline, text, "AID")
    assert (countries(event.source), countries(event.target)) == (["ITA"], ["KGZ"])
    # no recipient named: the country the story is about, not the giver's own
    text = (
        "Japan Provides Emergency Aid After Floods\n\n"
        "Floods swept through Bangladesh this week. Officials in Dhaka said dozens died "
        "in Bangladesh, and the government of Bangladesh asked for tents."
    )
    event = one(pipeline, text, "AID")
    assert (countries(event.source), countries(event.target)) == (["JPN"], ["BGD"])
    text = "Japan provides emergency aid after floods\n\nJapan said Tokyo would send tents."
    assert of_type(pipeline, text, "AID") == []


def test_mobilize_called_to_a_place_in_the_passive(pipeline: Pipeline) -> None:
    text = "Riot police were called to the centre of Nairobi on Monday."
    event = one(pipeline, text, "MOBILIZE")
    assert (event.mode, countries(event.source), sectors(event.source)) == (
        "police",
        ["KEN"],
        ["COP"],
    )
    text = "The Kenyan minister called to the crowd from a balcony in Nairobi."
    assert of_type(pipeline, text, "MOBILIZE") == []
