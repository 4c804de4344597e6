"""A deterministic synthetic news corpus for benchmarks.

``make_stories(n, seed)`` writes ``n`` news-like stories from the templates below (all
written for this file; nothing is copied from real articles). Each story is a headline
line, a blank line and 4-10 sentences in paragraphs separated by blank lines. The mix:

* diplomatic phone calls, visits and meetings between office holders taken from the
  bundled people knowledge base (``tacitus/data/actors/people.tsv``), each picked so that
  they held office on the story's publication date;
* ministry statements, protests and attacks;
* economic news with no political event in it;
* on about 30% of stories, a tail of page boilerplate ("Sign up for our newsletter", ...).

Every story ``i`` is generated from its own random stream seeded with ``(seed, i)``, so
``make_stories(20)`` is a prefix of ``make_stories(300)`` and the output does not depend
on ``PYTHONHASHSEED``. Run ``python benchmarks/corpus.py 3`` to print a few stories.
"""

from __future__ import annotations

import csv
import io
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib import resources

from tacitus import Document

FIRST_DAY = date(2016, 1, 1)
LAST_DAY = date(2025, 12, 31)
BOILERPLATE_SHARE = 0.3
PUBLISHER = "Bench Wire"

# How many sentences a story has (headline not counted), and how they are weighted.
SENTENCE_COUNTS = (4, 5, 6, 7, 8, 9, 10)
SENTENCE_WEIGHTS = (1, 1, 2, 3, 4, 5, 6)
# Sentences per paragraph after the lede.
PARAGRAPH_SIZES = (1, 2, 3)
PARAGRAPH_WEIGHTS = (3, 5, 2)

DEMONYM_OVERRIDES = {"USA": "U.S."}
IGO_PREFIX = {"UN": "UN", "NATO": "NATO", "ARL": "Arab League", "EU": "EU", "AU": "African Union"}
MONARCH_TITLES = {"King", "Queen", "Emir", "Sultan", "Emperor", "Supreme Leader"}
SHORT_NAME_OVERRIDES = {
    "Luiz Inacio Lula da Silva": "Lula",
    "Andres Manuel Lopez Obrador": "Lopez Obrador",
    "Enrique Pena Nieto": "Pena Nieto",
    "Cristina Fernandez de Kirchner": "Fernandez de Kirchner",
    "Claudia Ruiz Massieu": "Ruiz Massieu",
    "Juan Ramon de la Fuente": "de la Fuente",
    "Ursula von der Leyen": "von der Leyen",
    "Jean-Yves Le Drian": "Le Drian",
    "Enzo Moavero Milanesi": "Moavero Milanesi",
    "Beji Caid Essebsi": "Caid Essebsi",
}
FAMILY_NAME_FIRST = {"CHN", "KOR"}
# Countries where the attack template is used; attacks elsewhere are rarer.
CONFLICT_COUNTRIES = ("SYR", "YEM", "IRQ", "LBY", "SDN", "ISR", "PSE", "LBN", "EGY", "TUR")

BOILERPLATE_LINES = (
    "You have read {k} articles this month.",
    "Sign up for our newsletter",
    "Topics",
    "Comments",
)


# --------------------------------------------------------------------------- people


@dataclass(frozen=True, slots=True)
class Official:
    name: str
    country: str
    role: str
    title: str
    org: str
    start: date
    end: date | None

    def in_office(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    demonym: str
    capital: str


def _rows(relative: str) -> list[dict[str, str]]:
    node = resources.files("tacitus").joinpath("data", *relative.split("/"))
    text = node.read_text("utf-8")
    lines = [line for line in io.StringIO(text) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


@cache
def _countries() -> dict[str, Country]:
    out: dict[str, Country] = {}
    for row in _rows("actors/countries.tsv"):
        code = row["code"]
        name = row["names"].split("|")[0]
        if name.startswith("United "):  # "talks in the United States"
            name = f"the {name}"
        demonym = DEMONYM_OVERRIDES.get(code) or (row["demonyms"].split("|")[0] or name)
        capital = row["capitals"].split("|")[0] or name
        out[code] = Country(code, name, demonym, capital)
    return out


@cache
def _officials() -> tuple[Official, ...]:
    out = []
    for row in _rows("actors/people.tsv"):
        roles = row["role"].split("|")
        role = next(
            (r for r in ("head_of_state", "head_of_government", "foreign_minister") if r in roles),
            roles[0],
        )
        out.append(
            Official(
                name=row["name"],
                country=row["country"],
                role=role,
                title=row["title"],
                org=row["org"],
                start=date.fromisoformat(row["start"]),
                end=date.fromisoformat(row["end"]) if row["end"] else None,
            )
        )
    return tuple(out)


def _in_office(day: date, *, roles: tuple[str, ...]) -> list[Official]:
    return [o for o in _officials() if o.role in roles and o.in_office(day)]


def short_name(official: Official) -> str:
    """The name used on second mention ("Macron", "Xi", "Abdullah II")."""
    name = official.name
    if name in SHORT_NAME_OVERRIDES:
        return SHORT_NAME_OVERRIDES[name]
    tokens = name.split()
    if len(tokens) == 1 or tokens[-1].strip("IVX") == "":
        return name
    if {"bin", "Al", "Al-Sabah"} & set(tokens):
        return name
    if official.country in FAMILY_NAME_FIRST:
        return tokens[0]
    return tokens[-1]


def _label(official: Official) -> str:
    """The title written before the name: "French President", "NATO Secretary-General"."""
    title = official.title
    if " of the " in title:  # "President of the European Commission" -> "European ... President"
        head, _, body = title.partition(" of the ")
        title = f"{body} {head}"
    elif title.startswith("Minister of "):  # "Minister of International Relations and ..."
        title = "Foreign Minister"
    if official.country == "IGO":
        if title == "High Representative":
            return "EU foreign policy chief"
        prefix = IGO_PREFIX.get(official.org, "")
        if not prefix or title.startswith(("European", "African")):
            return title
        return f"{prefix} {title}"
    country = _countries()[official.country]
    if title in MONARCH_TITLES:
        return f"{country.name}'s {title}"
    return f"{country.demonym} {title}"


def full_mention(official: Official) -> str:
    return f"{_label(official)} {official.name}"


# --------------------------------------------------------------------------- vocabulary

TOPICS = (
    "regional security",
    "bilateral trade",
    "energy cooperation",
    "the humanitarian situation in the region",
    "climate finance",
    "migration and border management",
    "maritime security",
    "investment in ports and railways",
    "food security",
    "counterterrorism cooperation",
    "arms control",
    "reform of the international lending institutions",
    "the protection of civilians in conflict zones",
    "visa rules for students and business travellers",
)
SECTORS = (
    "renewable energy",
    "agriculture",
    "health care",
    "higher education",
    "digital infrastructure",
    "shipping",
    "tourism",
    "water management",
    "defence procurement",
    "mining",
)
VENUES = (
    "the annual UN General Assembly in New York",
    "a Group of 20 summit",
    "a security conference in Munich",
    "an economic forum in Davos",
    "a climate conference",
    "a gathering of foreign ministers in Brussels",
    "a regional summit",
)
GRIEVANCES = (
    "rising fuel prices",
    "a planned increase in the retirement age",
    "cuts to public sector wages",
    "a new law restricting independent media",
    "the cost of bread and other staples",
    "alleged fraud in last month's local elections",
    "power cuts that have lasted for weeks",
    "the arrest of a prominent opposition figure",
)
# (as written in the story, as written in a headline)
ATTACK_TARGETS = (
    ("a crowded market", "market"),
    ("an army checkpoint", "checkpoint"),
    ("a police station", "police station"),
    ("a bus carrying farm workers", "bus"),
    ("a village on the outskirts", "village"),
    ("a convoy of trucks carrying supplies", "aid convoy"),
    ("a wedding party", "wedding party"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ORDINALS = ("second", "third", "fourth", "fifth")
COMPANIES = (
    ("a state-owned steelmaker", "steelmaker"),
    ("the largest telecoms operator", "telecoms operator"),
    ("a regional airline", "regional airline"),
    ("a listed cement producer", "cement maker"),
    ("the biggest private bank", "private lender"),
)

# --------------------------------------------------------------------------- templates
# Placeholders: {a} {b} full first mentions; {a_short} {b_short}; {a_country} {b_country};
# {a_dem} {b_dem}; {a_city} {b_city}; {day} ("on Tuesday"); {weekday}; {month}; {year};
# {topic} {topic2}; {sector} {sector2}; {venue}; {n1}..{n4} small numbers; {ordinal};
# {pct} {pct2} percentages; {bn} billions. Country-level stories use {country}, {dem},
# {city}, {leader} and {leader_short}.

PHONE_HEADLINES = (
    "{a_short} and {b_short} discuss {topic} in phone call",
    "{a_short} calls {b_short} as {topic} tops the agenda",
    "{a_dem} and {b_dem} officials speak by phone",
    "Phone call between {a_short} and {b_short} focuses on {topic}",
)
PHONE_LEDES = (
    "{a} spoke by phone with {b} {day}, discussing {topic} and ways to deepen cooperation "
    "between {a_country} and {b_country}, according to a statement released by {a_short}'s "
    "office later in the evening.",
    "{a} held a telephone conversation with {b} {day} in which the two sides reviewed "
    "{topic} and the wider state of relations between their countries, officials in {a_city} "
    "said.",
    "{b} received a phone call from {a} {day}, the {b_dem} government said in a short "
    "readout that described the exchange as frank, detailed and constructive but gave few "
    "specifics.",
    "{a} called {b} {day} to discuss {topic}, the first conversation between the two since "
    "tensions flared earlier in the year over {topic2} and a series of sharply worded "
    "statements.",
)
PHONE_EXTRAS = (
    "During the call, {a_short} stressed the importance of keeping channels of "
    "communication open at a time of rising tension across the region, the statement "
    "released in {a_city} said.",
    "Officials familiar with the conversation said it lasted about {n3} minutes and ended "
    "with a pledge to work toward a visit by {a_short} to {b_city} later in the year, "
    "although no date has been set.",
    "It was the {ordinal} conversation between the two in {year}, reflecting what diplomats "
    "in both capitals describe as a steady if cautious improvement in ties after several "
    "difficult years.",
    '"We had a useful and direct exchange, and we agreed that dialogue remains the only '
    'sensible way forward for both of our countries," {a_short} wrote in a post on social '
    "media after the call.",
    "The call came a day after {b_short} returned from a regional tour that included stops "
    "in several neighbouring capitals and a brief visit to a busy border crossing.",
)
VISIT_HEADLINES = (
    "{a_short} arrives in {b_city} for talks with {b_short}",
    "{a_short} visits {b_country} seeking closer ties",
    "{b_short} hosts {a_short} in {b_city} as the two sides sign deals",
    "{a_short} in {b_country} on first visit in {n1} years",
)
VISIT_LEDES = (
    "{a} arrived in {b_city} {day} for a {n1}-day official visit and met {b} to discuss "
    "{topic}, the {b_dem} government said in a statement carried by the state news agency.",
    "{b} hosted {a} in {b_city} {day}, and the two sides signed several memorandums of "
    "understanding covering {sector} and {sector2} at a ceremony attended by both "
    "delegations.",
    "{a} visited {b_country} {day}, holding talks with {b} on {topic} in the first trip of "
    "its kind by a senior {a_dem} official in {n2} years, according to officials in both "
    "capitals.",
)
VISIT_EXTRAS = (
    "The visitor was welcomed at the airport by a delegation of senior officials before "
    "being driven to the presidential palace, where an official ceremony with a military "
    "band was held in the courtyard.",
    "Talks were followed by a working lunch attended by the ministers responsible for "
    "finance, energy and defence, according to a programme that the hosts released on the "
    "eve of the visit.",
    "Business leaders travelling with the delegation were expected to sit down with local "
    "investors on the sidelines of the visit, with several agreements on {sector} still "
    "under review by lawyers.",
    "The visit is due to end on {weekday_next}, when {a_short} is scheduled to travel on to "
    "another capital in the region for a shorter stop before returning home at the end of "
    "the week.",
    "Security was tight across central {b_city}, where several roads were closed to traffic "
    "for most of the day and police were posted on the bridges ahead of the motorcade.",
)
MEETING_HEADLINES = (
    "{a_short} and {b_short} meet on the sidelines of a summit",
    "{a_dem} and {b_dem} officials agree to step up contacts",
    "{a_short}, {b_short} hold talks amid strains over {topic2}",
)
MEETING_LEDES = (
    "{a} met {b} on the sidelines of {venue} {day}, and the two agreed to set up a joint "
    "working group on {topic} that is expected to report back before the end of the year.",
    "{a} and {b} held talks {day} during {venue}, focusing on {topic} and on plans to "
    "expand cooperation in {sector}, according to a readout published by the {a_dem} side.",
    "{a} sat down with {b} {day} at {venue}, in a meeting that aides on both sides later "
    "described as businesslike, useful and long overdue.",
)
MEETING_EXTRAS = (
    "The meeting, which lasted a little over an hour and was held in a side room of the "
    "conference centre, was the first between the two since {b_short} took up the post, "
    "aides said.",
    "Photographs released afterwards showed the two delegations seated across a long table "
    "under the flags of both countries, with advisers taking notes behind them.",
    "A joint statement issued after the meeting promised a follow-up session at the level "
    "of deputy ministers within {n2} months and regular contacts between the two foreign "
    "ministries.",
    "Both delegations said technical teams would now draft a road map covering {sector}, "
    "customs procedures and the mutual recognition of professional qualifications, with a "
    "first version expected in {month}.",
)
DIPLOMATIC_EXTRAS = (
    "The two officials also agreed to stay in close contact and to ask their teams to "
    "prepare a round of consultations before the end of {month}, according to people "
    "briefed on the exchange.",
    "Neither side gave details on whether {topic2} had come up, although analysts in "
    "{b_city} said the subject was almost certainly raised at some point given the "
    "pressure both governments face at home.",
    "{a_country} and {b_country} have had an uneven relationship in recent years, marked by "
    "disagreements over trade rules, visa policy and competing interests in third countries, "
    "as well as occasional periods of warmth.",
    "A spokesperson for the {b_dem} foreign ministry declined to comment on the substance "
    "of the exchange beyond what was contained in the official readout, saying further "
    "details would be shared in due course.",
    "Trade between the two countries reached roughly ${bn} billion last year, according to "
    "official figures, with fuel, machinery and farm goods accounting for most of the "
    "total.",
    "Opposition lawmakers in {a_country} criticised the government for what they called a "
    "lack of transparency about the contacts and asked for a closed briefing in parliament "
    "before the summer recess.",
    "{b_short} said {b_country} was ready to work with partners on {topic}, but added that "
    "any lasting arrangement would have to respect the interests and the sovereignty of "
    "every country involved.",
    "{a_short} thanked the {b_dem} side for its hospitality and for its help with the "
    "evacuation of foreign nationals during last year's crisis, which officials in {a_city} "
    "have repeatedly praised.",
    "Diplomats said both governments were keen to show progress before a regional "
    "ministerial gathering scheduled for the autumn, where {topic} is expected to dominate "
    "the agenda.",
    "Earlier this year the two countries reopened a consulate that had been closed for "
    "nearly {n2} years, and direct flights between their capitals resumed in {month_past} after "
    "a long interruption.",
    "Observers noted that the tone of the statements released afterwards was noticeably "
    "warmer than at the last encounter between the two governments, when both sides traded "
    "accusations in public.",
)
STATEMENT_HEADLINES = (
    "{a_country} urges restraint as tensions rise over {topic2}",
    "{a_dem} ministry criticises {b_country} over {topic2}",
    "{a_short} welcomes progress on {topic}",
)
STATEMENT_LEDES = (
    "The {a_dem} foreign ministry on {weekday} urged all parties to show restraint after a "
    "week of mounting tension over {topic2}, warning that any further escalation would put "
    "civilians at risk.",
    "{a} said {day} that {a_country} was deeply concerned about {topic2} and called on "
    "{b_country} to return to negotiations without preconditions and to refrain from "
    "unilateral steps.",
    "{a} welcomed what was described as real progress on {topic}, saying in a written "
    "statement that the steps taken so far deserved the support of the whole region and of "
    "the wider international community.",
)
STATEMENT_EXTRAS = (
    "The statement did not say what measures, if any, {a_country} was prepared to take if "
    "its appeal went unheeded, and officials declined to elaborate when asked by reporters.",
    "Diplomats at the United Nations said a draft text on the issue was circulating among "
    "members of the Security Council but that no vote had been scheduled and that "
    "negotiations could take weeks.",
    "{b_country} has so far not responded publicly to the criticism, and repeated requests "
    "for comment sent to its embassy in {a_city} went unanswered on {weekday}.",
    "The ministry added that its embassy remained open and that citizens living in the area "
    "should follow the advice of local authorities, register with the consulate and avoid "
    "large gatherings.",
    "Analysts said the wording was stronger than in previous statements on the subject and "
    "probably reflected pressure from lawmakers who have demanded a firmer line for months.",
    "{a_short} repeated the position in remarks to reporters later in the day, saying that "
    "{a_country} wanted a solution based on international law and on the principle of good "
    "neighbourly relations.",
    "The government in {a_city} has taken a cautious approach to the dispute, preferring "
    "quiet contacts to public pressure, according to people familiar with its thinking who "
    "spoke on condition of anonymity.",
    "Several other governments issued similar appeals over the weekend, and the European "
    "Union said it was following developments closely and remained in contact with all "
    "sides.",
    "Officials said the issue would be raised again when foreign ministers from across the "
    "region gather in {month} for their regular consultations on trade and security.",
    "Financial markets in the region were calm, with bond spreads barely moving and the "
    "main currencies trading in narrow ranges after the statement was published.",
)
PROTEST_HEADLINES = (
    "Thousands protest in {city} over {grievance}",
    "Police disperse demonstrators in {city}",
    "{dem} protesters rally against {grievance}",
)
PROTEST_LEDES = (
    "Thousands of people marched through central {city} on {weekday} to protest against "
    "{grievance}, in one of the largest demonstrations the {dem} capital has seen in "
    "recent months.",
    "Police in {city} used tear gas and water cannon {day} to disperse crowds who had "
    "gathered outside government buildings to denounce {grievance} and to demand the "
    "resignation of senior ministers.",
    "Demonstrators blocked major roads in {city} and several other {dem} cities {day}, "
    "demanding that the government reverse course on {grievance} before the end of the "
    "month.",
)
PROTEST_EXTRAS = (
    "Protesters carried banners and chanted slogans calling on the government to resign, "
    "while most shops along the main avenue stayed shuttered and public transport was "
    "suspended for several hours.",
    "At least {n2} people were detained, according to a lawyers' association, which said "
    "several of those held had been denied access to legal counsel and to their families.",
    "Organisers, including trade unions and student groups, said they would return to the "
    "streets every week until their demands were met and called for a general strike later "
    "in the month.",
    "The interior ministry said {n1} officers had been injured and accused a small number "
    "of demonstrators of throwing stones and bottles at the police lines near the "
    "parliament building.",
    "Rights groups urged the authorities to respect the right to peaceful assembly, to "
    "investigate reports of excessive force and to release everyone held without charge.",
    "The government has defended its policy as necessary to stabilise public finances and "
    "to secure outside financing, arguing that the alternative would be a far deeper crisis.",
    "Similar rallies were reported in at least {n1} other cities, although they were smaller "
    "and, according to local media, passed off largely without incident.",
    "{leader} said in a televised address that the government would listen to legitimate "
    "concerns but would not tolerate violence, looting or the destruction of public "
    "property.",
    "Many of those taking part were young people who said they saw little future for "
    "themselves in the country and were thinking of emigrating if conditions did not "
    "improve.",
    "By nightfall the crowds had thinned, but groups of protesters were still gathered in "
    "the main square, singing, waving flags and sharing food brought by local residents.",
)
ATTACK_HEADLINES = (
    "{n3} killed in attack on {target_short} in {country}",
    "Gunmen kill {n3} in {country} attack",
    "Blast near {city} kills {n3}, officials say",
)
ATTACK_LEDES = (
    "At least {n3} people were killed and dozens wounded when gunmen opened fire on "
    "{target} in a town north of {city} {day}, local officials and medical sources said.",
    "A car bomb exploded near {target} on the edge of {city} {day}, killing at least {n3} "
    "people and damaging buildings up to a hundred metres away, according to the health "
    "ministry.",
    "Armed men attacked {target} in a rural district of {country} overnight, killing {n3} "
    "people, setting fire to several homes and driving off livestock, residents said.",
)
ATTACK_EXTRAS = (
    "No group immediately claimed responsibility for the attack, but officials blamed "
    "militants who have been active in the area for several years and who have targeted "
    "security forces before.",
    "Witnesses described scenes of panic as residents ran for cover and ambulances "
    "struggled to reach the wounded through narrow streets blocked by debris and burning "
    "vehicles.",
    "The injured were taken to hospitals in {city}, where doctors appealed for blood "
    "donations and warned that the death toll was likely to rise in the coming days.",
    "Security forces launched a search operation in the surrounding villages and said they "
    "had arrested {n1} suspects by the evening, including a man believed to have planned the "
    "attack.",
    "The {dem} government condemned the attack as a cowardly crime against innocent people "
    "and declared {n1} days of national mourning, with flags lowered on public buildings.",
    "The area has seen a rise in violence over the past year, with armed groups competing "
    "for control of smuggling routes, checkpoints and farmland along the main highway.",
    "Aid agencies said the attack would make it even harder to deliver food, water and "
    "medicine to families displaced by earlier fighting in the province.",
    "Local leaders called for more troops to be deployed to protect the roads linking the "
    "district to the provincial capital, which have been repeatedly cut in recent months.",
    "{leader} ordered an investigation into the attack and promised that those responsible "
    "would be found and brought to justice, whatever the cost.",
    "Funerals for several of the victims were held the following morning, attended by "
    "hundreds of mourners who carried the coffins through the streets of the town.",
)
# Economy headlines and ledes go in pairs (the headline must match the lede).
ECONOMY_HEADLINES = (
    "{dem} inflation eases to {pct}% in {month_past}",
    "Central bank in {city} leaves interest rates unchanged",
    "{dem} exports rise on strong demand from Asia",
)
ECONOMY_LEDES = (
    "Annual inflation in {country} slowed to {pct} percent in {month_past}, from {pct2} "
    "percent a month earlier, the national statistics office said on {weekday} in its "
    "regular monthly report.",
    "The central bank of {country} kept its benchmark interest rate unchanged on {weekday}, "
    "saying price pressures were easing gradually but that risks to the outlook remained "
    "tilted to the upside.",
    "{dem} exports grew {pct} percent in {month_past} from a year earlier, helped by strong "
    "orders from Asia and by higher prices for energy, metals and other raw materials.",
)
ECONOMY_EXTRAS = (
    "Food and transport costs rose more slowly than in previous months, while housing and "
    "utilities remained the largest contributors to the overall increase in consumer "
    "prices.",
    "Economists polled beforehand had expected a figure of about {pct2} percent, and several "
    "said the data strengthened the case for lower borrowing costs later in the year.",
    "The currency was little changed against the dollar in afternoon trading, and yields on "
    "ten-year government bonds edged lower as investors digested the figures.",
    "Retail sales grew for a {ordinal} straight month, suggesting that household spending "
    "was holding up despite higher prices and tighter credit conditions.",
    "Manufacturers reported rising input costs and longer delivery times for imported "
    "components, according to a separate survey of purchasing managers published on the "
    "same day.",
    "The finance ministry expects the economy to grow by about {growth} percent this year, "
    "a "
    "forecast that most private analysts consider somewhat optimistic given weak demand "
    "abroad.",
    "Unemployment stood at {jobless} percent at the end of the last quarter, its lowest level "
    "in several years, although joblessness among young graduates remains stubbornly high.",
    "Revenue from {sector} accounted for roughly a fifth of the total, up from about a tenth "
    "five years ago, reflecting heavy investment in new capacity.",
    "Analysts said a weaker global outlook, volatile commodity prices and higher shipping "
    "costs were the main risks for the coming months.",
    "The main stock index closed {index} percent higher, led by banks and consumer goods "
    "companies, while trading volumes were slightly above the monthly average.",
    "Investors will now turn their attention to the budget, which is due to be presented to "
    "parliament in {month} and is expected to include new measures to support exporters.",
)
COMPANY_HEADLINES = (
    "Shares of {dem} {company_short} jump after results",
    "{dem} {company_short} beats profit forecasts",
)
COMPANY_LEDES = (
    "Shares in {company} in {country} rose sharply on {weekday} after it reported quarterly "
    "profit well above forecasts, raised its dividend and promised to cut debt over the "
    "next two years.",
    "{company} in {country} posted a {pct} percent rise in quarterly revenue on {weekday}, "
    "beating analysts' estimates as demand at home recovered and costs fell.",
)
COMPANY_EXTRAS = (
    "The company said net profit for the quarter climbed to the equivalent of about ${n4} "
    "million, compared with a much smaller figure in the same period a year earlier.",
    "Management attributed the improvement to lower financing costs, a leaner payroll and "
    "a recovery in prices after two difficult years for the industry.",
    "The stock has gained roughly {n2} percent since the start of the year, outperforming "
    "the broader market, which has been held back by worries about global growth.",
    "Analysts at several brokerages raised their price targets after the results, although "
    "some cautioned that the gains in margins might not last into next year.",
    "The chief executive told investors that the firm would keep spending on new capacity "
    "and expected to open {n1} new sites by the end of the following year.",
    "The company plans to list a minority stake in one of its subsidiaries on the local "
    "exchange in {month}, a move that bankers say could raise a substantial sum.",
    "Trading volume in the shares was about three times the daily average, according to "
    "exchange data, as domestic funds increased their holdings.",
    "Ratings agencies have kept the company's credit outlook stable, citing its strong cash "
    "position and a falling ratio of debt to earnings.",
    "Employee unions said they would press for higher wages at the next round of collective "
    "bargaining, arguing that staff should share in the improved results.",
    "Shareholders will vote on the dividend at the annual general meeting, which is "
    "scheduled for {month} at the company's headquarters in {city}.",
)


# --------------------------------------------------------------------------- stories


@dataclass(frozen=True, slots=True)
class Kind:
    name: str
    weight: int
    build: Callable[[random.Random, date], dict[str, str] | None]
    headlines: tuple[str, ...]
    ledes: tuple[str, ...]
    extras: tuple[str, ...]
    paired: bool = False  # headlines[i] goes with ledes[i]


def _pair(rng: random.Random, day: date) -> tuple[Official, Official] | None:
    # IGO officials are left out: the templates speak of both sides' governments.
    people = _in_office(day, roles=("head_of_state", "head_of_government", "foreign_minister"))
    people = [p for p in people if p.country != "IGO"]
    # Prefer pairs of the same rank (foreign ministers with foreign ministers).
    first = rng.choice(people)
    same_rank = [p for p in people if p.role == first.role and p.country != first.country]
    others = same_rank or [p for p in people if p.country != first.country]
    if not others:
        return None
    return first, rng.choice(others)


def _common(rng: random.Random, day: date) -> dict[str, str]:
    event_day = day - timedelta(days=rng.choice((0, 1, 1, 1, 2)))
    topic, topic2 = rng.sample(TOPICS, 2)
    sector, sector2 = rng.sample(SECTORS, 2)
    pct = round(rng.uniform(1.2, 9.5), 1)
    return {
        "day": f"on {WEEKDAYS[event_day.weekday()]}",
        "weekday": WEEKDAYS[event_day.weekday()],
        "weekday_next": WEEKDAYS[(event_day.weekday() + 2) % 7],
        "month": MONTHS[(day.month - 1 + rng.choice((0, 1, 2))) % 12],
        "month_past": MONTHS[(day.month - 1 - rng.choice((1, 2, 3))) % 12],
        "year": str(day.year),
        "topic": topic,
        "topic2": topic2,
        "sector": sector,
        "sector2": sector2,
        "venue": rng.choice(VENUES),
        "n1": str(rng.randint(2, 5)),
        "n2": str(rng.randint(6, 30)),
        "n3": str(rng.randint(7, 45)),
        "n4": str(rng.randint(50, 400)),
        "ordinal": rng.choice(ORDINALS),
        "pct": str(pct),
        "pct2": str(round(pct + rng.choice((-0.6, -0.3, 0.2, 0.4)), 1)),
        "bn": str(rng.randint(2, 90)),
        "growth": str(round(rng.uniform(0.5, 5.5), 1)),
        "index": str(round(rng.uniform(0.2, 2.4), 1)),
        "jobless": str(round(rng.uniform(3.0, 14.0), 1)),
    }


def _bilateral(rng: random.Random, day: date) -> dict[str, str] | None:
    pair = _pair(rng, day)
    if pair is None:
        return None
    ctx = _common(rng, day)
    for key, official in zip("ab", pair, strict=True):
        country = _countries()[official.country]
        ctx[key] = full_mention(official)
        ctx[f"{key}_short"] = short_name(official)
        ctx[f"{key}_country"] = country.name
        ctx[f"{key}_dem"] = country.demonym
        ctx[f"{key}_city"] = country.capital
    return ctx


def _national(rng: random.Random, day: date, codes: tuple[str, ...] = ()) -> dict[str, str]:
    leaders = _in_office(day, roles=("head_of_government", "head_of_state"))
    leaders = [o for o in leaders if o.country != "IGO" and (not codes or o.country in codes)]
    leader = rng.choice(leaders)
    country = _countries()[leader.country]
    ctx = _common(rng, day)
    target, target_short = rng.choice(ATTACK_TARGETS)
    company, company_short = rng.choice(COMPANIES)
    ctx.update(
        country=country.name,
        dem=country.demonym,
        city=country.capital,
        leader=full_mention(leader),
        leader_short=short_name(leader),
        grievance=rng.choice(GRIEVANCES),
        target=target,
        target_short=target_short,
        company=company,
        company_short=company_short,
    )
    return ctx


def _conflict(rng: random.Random, day: date) -> dict[str, str]:
    return _national(rng, day, CONFLICT_COUNTRIES if rng.random() < 0.8 else ())


KINDS = (
    Kind("phone", 18, _bilateral, PHONE_HEADLINES, PHONE_LEDES, PHONE_EXTRAS + DIPLOMATIC_EXTRAS),
    Kind("visit", 13, _bilateral, VISIT_HEADLINES, VISIT_LEDES, VISIT_EXTRAS + DIPLOMATIC_EXTRAS),
    Kind(
        "meeting",
        13,
        _bilateral,
        MEETING_HEADLINES,
        MEETING_LEDES,
        MEETING_EXTRAS + DIPLOMATIC_EXTRAS,
    ),
    Kind(
        "statement",
        12,
        _bilateral,
        STATEMENT_HEADLINES,
        STATEMENT_LEDES,
        STATEMENT_EXTRAS,
        paired=True,
    ),
    Kind("protest", 10, _national, PROTEST_HEADLINES, PROTEST_LEDES, PROTEST_EXTRAS),
    Kind("attack", 10, _conflict, ATTACK_HEADLINES, ATTACK_LEDES, ATTACK_EXTRAS),
    Kind("company", 7, _national, COMPANY_HEADLINES, COMPANY_LEDES, COMPANY_EXTRAS, paired=True),
    Kind("economy", 17, _national, ECONOMY_HEADLINES, ECONOMY_LEDES, ECONOMY_EXTRAS, paired=True),
)


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[str]:
    """The lede alone, then the rest in paragraphs of one to three sentences."""
    out = [sentences[0]]
    rest = sentences[1:]
    while rest:
        size = rng.choices(PARAGRAPH_SIZES, PARAGRAPH_WEIGHTS)[0]
        out.append(" ".join(rest[:size]))
        rest = rest[size:]
    return out


def _story(index: int, seed: int) -> Document:
    rng = random.Random(f"tacitus-bench:{seed}:{index}")
    published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    kind = rng.choices(KINDS, [k.weight for k in KINDS])[0]
    ctx = kind.build(rng, published)
    if ctx is None:  # no pair of office holders on that day: fall back to economic news
        kind = KINDS[-1]
        ctx = _national(rng, published)
    count = rng.choices(SENTENCE_COUNTS, SENTENCE_WEIGHTS)[0]
    count = min(count, len(kind.extras) + 1)
    lede = rng.randrange(len(kind.ledes))
    templates = [kind.ledes[lede], *rng.sample(kind.extras, count - 1)]
    sentences = [_capitalize(t.format_map(ctx)) for t in templates]
    headline = kind.headlines[lede] if kind.paired else rng.choice(kind.headlines)
    headline = _capitalize(headline.format_map(ctx))
    blocks = [headline, *_paragraphs(rng, sentences)]
    if rng.random() < BOILERPLATE_SHARE:
        tail = [line for line in BOILERPLATE_LINES if rng.random() < 0.6] or ["Comments"]
        blocks.extend(line.format(k=rng.randint(2, 9)) for line in tail)
    doc_id = f"bench-{index + 1:04d}"
    return Document(
        doc_id=doc_id,
        text="\n\n".join(blocks) + "\n",
        url=f"https://news.example.org/{published:%Y/%m/%d}/{doc_id}",
        title=headline,
        publisher=PUBLISHER,
        published=published,
    )


def make_stories(n: int, seed: int = 0) -> list[Document]:
    """``n`` deterministic synthetic news stories (``doc_id`` ``bench-0001`` ...)."""
    if n < 0:
        raise ValueError("n must not be negative")
    return [_story(i, seed) for i in range(n)]


if __name__ == "__main__":
    for story in make_stories(int(sys.argv[1]) if len(sys.argv) > 1 else 3):
        print(f"=== {story.doc_id} {story.published} ({len(story.text.split())} words)")
        print(story.text)
