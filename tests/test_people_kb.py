"""Consistency checks for the bundled people knowledge base (data/actors/people.tsv)."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pycountry
import pytest

PEOPLE_TSV = Path(__file__).parents[1] / "src/tacitus/data/actors/people.tsv"

HEADER = [
    "actor_id",
    "name",
    "aliases",
    "country",
    "sector",
    "role",
    "title",
    "org",
    "start",
    "end",
]
ROLES = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "spokesperson",
    "secretary_general",
}
ORGS = {"UN", "NATO", "ARL", "AU", "EU"}
# ISO 3166-3 codes of the former states whose leaders are listed
FORMER_STATES = {"SUN", "DDR", "CSK", "YUG", "YMD"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]
MENA = [
    "DZA",
    "BHR",
    "EGY",
    "IRN",
    "IRQ",
    "ISR",
    "JOR",
    "KWT",
    "LBN",
    "LBY",
    "MAR",
    "OMN",
    "PSE",
    "QAT",
    "SYR",
    "TUN",
    "ARE",
    "YEM",
    "SDN",
]
CHECKED_ROLES = ("head_of_state", "head_of_government", "foreign_minister")
# Offices of international organisations, keyed like countries: "IGO:<org>".
IGO_OFFICES = {
    ("IGO:UN", "secretary_general"),
    ("IGO:NATO", "secretary_general"),
    ("IGO:ARL", "secretary_general"),
    ("IGO:AU", "secretary_general"),
    ("IGO:EU", "head_of_state"),  # President of the European Council
    ("IGO:EU", "head_of_government"),  # President of the European Commission
    ("IGO:EU", "foreign_minister"),  # High Representative
}

WINDOW_START = date(2015, 1, 1)
WINDOW_END = date(2026, 1, 1)
OPEN_END = date(2026, 11, 25)  # stands in for an empty `end` (still in office)
MAX_OVERLAP_DAYS = 31
MAX_GAP_DAYS = 120

# Tenures allowed to overlap by more than MAX_OVERLAP_DAYS. A holder whose title says
# they stood in ("Acting President", "Interim", "Provisional", "Co-President") and party
# leaders listed beside the formal head of state of a one-party state ("General
# Secretary", "First Secretary") may overlap anyone; these pairs may overlap too:
OVERLAP_PAIRS = {
    # Iran until 1989: both the President and the Prime Minister ran the government.
    ("IRN", "head_of_government", frozenset({"abolhassan-banisadr", "mohammad-ali-rajai"})),
    ("IRN", "head_of_government", frozenset({"ali-khamenei", "mir-hossein-mousavi"})),
    # Cambodia 1993-1998: First and Second Prime Ministers.
    ("KHM", "head_of_government", frozenset({"hun-sen", "norodom-ranariddh"})),
    ("KHM", "head_of_government", frozenset({"hun-sen", "ung-huot"})),
    # Vietnam until 1975-04-30: North and South.
    ("VNM", "head_of_state", frozenset({"nguyen-van-thieu", "ton-duc-thang"})),
    ("VNM", "head_of_government", frozenset({"pham-van-dong", "tran-thien-khiem"})),
    # Serbia 1992-2006: the federal (FR Yugoslavia, Serbia and Montenegro) and the
    # republic's presidents and prime ministers, both coded SRB.
    *(
        ("SRB", "head_of_state", frozenset(pair))
        for pair in [
            ("slobodan-milosevic", "dobrica-cosic"),
            ("slobodan-milosevic", "zoran-lilic"),
            ("slobodan-milosevic", "milan-milutinovic"),
            ("milan-milutinovic", "vojislav-kostunica"),
            ("svetozar-marovic", "boris-tadic"),
        ]
    ),
    *(
        ("SRB", "head_of_government", frozenset(pair))
        for pair in [
            ("radoman-bozovic", "milan-panic"),
            ("nikola-sainovic", "radoje-kontic"),
            ("radoje-kontic", "mirko-marjanovic"),
            ("mirko-marjanovic", "momir-bulatovic"),
            ("milomir-minic", "zoran-zizic"),
            ("zoran-zizic", "zoran-djindjic"),
            ("zoran-djindjic", "dragisa-pesic"),
        ]
    ),
    # Samoa 2021: the constitutional crisis, two prime ministers sworn in.
    (
        "WSM",
        "head_of_government",
        frozenset({"tuilaepa-sailele-malielegaoi", "fiame-naomi-mataafa"}),
    ),
}
STANDING_IN = ("acting ", "interim ", "provisional ", "co-")
PARTY_OFFICES = {"General Secretary", "First Secretary"}
# Rival (not internationally recognised, or parallel) authorities, listed because news
# reports them: their tenures overlap those of the recognised government.
RIVAL_AUTHORITIES = {
    # Afghanistan: the Taliban emirate (1996-2001) beside the recognised government.
    ("AFG", "mohammad-omar"),
    # Cote d'Ivoire 2010-2011: Gbagbo's camp after the election he lost.
    ("CIV", "laurent-gbagbo"),
    ("CIV", "gilbert-ake-ngbo"),
    # Libya: the 2011 rebel council; eastern (House of Representatives) and Tripoli
    # (General National Congress) governments.
    ("LBY", "mustafa-abdul-jalil"),
    ("LBY", "mahmoud-jibril"),
    ("LBY", "abdullah-al-thani"),
    ("LBY", "omar-al-hassi"),
    ("LBY", "khalifa-al-ghawil"),
    ("LBY", "fathi-bashagha"),
    ("LBY", "osama-hamad"),
    # Madagascar 2002: Ravalomanana's and Ratsiraka's rival governments.
    ("MDG", "marc-ravalomanana"),
    ("MDG", "jacques-sylla"),
    # Palestine: the Hamas government in Gaza (2007-2014).
    ("PSE", "ismail-haniyeh"),
    # Yemen: Houthi authorities in Sanaa.
    ("YEM", "mohammed-ali-al-houthi"),
    ("YEM", "saleh-al-sammad"),
    ("YEM", "mahdi-al-mashat"),
    ("YEM", "abdulaziz-bin-habtour"),
    ("YEM", "ahmed-al-rahawi"),
}
# Gaps longer than MAX_GAP_DAYS that are real vacancies or are covered elsewhere.
GAP_EXCEPTIONS = {
    # The British monarch is head of state of Australia and Canada too; listed under GBR.
    ("AUS", "head_of_state"): "monarch listed under GBR",
    ("CAN", "head_of_state"): "monarch listed under GBR",
    # Presidential vacancies, the cabinet exercising the powers of the presidency.
    ("LBN", "head_of_state"): "vacant 2014-05-25..2016-10-31 and 2022-10-31..2025-01-09",
    # No foreign minister under the Transitional Military Council (2019-04-11..2019-09-08).
    ("SDN", "foreign_minister"): "vacant 2019-04-11..2019-09-08",
}


def _parse_date(text: str) -> date:
    return date.fromisoformat(text)


def _load() -> list[dict[str, str]]:
    with PEOPLE_TSV.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    assert header == HEADER
    rows = []
    for lineno, fields in enumerate(reader, start=2):
        assert len(fields) == len(HEADER), f"row {lineno}: {len(fields)} fields: {fields}"
        rows.append(dict(zip(HEADER, fields, strict=True)))
    return rows


ROWS = _load()


def _span(row: dict[str, str]) -> tuple[date, date]:
    start = _parse_date(row["start"])
    end = _parse_date(row["end"]) if row["end"] else OPEN_END
    return start, end


def _office_key(row: dict[str, str]) -> str:
    return f"IGO:{row['org']}" if row["country"] == "IGO" else row["country"]


def _tenures() -> dict[tuple[str, str], list[dict[str, str]]]:
    by_office: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in ROWS:
        for role in row["role"].split("|"):
            by_office[(_office_key(row), role)].append(row)
    return by_office


CHECKED_OFFICES = sorted(
    {(c, r) for c in G20 + MENA for r in CHECKED_ROLES} | IGO_OFFICES,
)


def test_header_and_comments() -> None:
    text = PEOPLE_TSV.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if not line.startswith("#"))
    assert first.split("\t") == HEADER
    assert any(line.startswith("#") and "as of" in line.lower() for line in text.splitlines())


def test_row_count() -> None:
    assert 4000 <= len(ROWS) <= 8000


def test_fields_valid() -> None:
    for row in ROWS:
        where = f"{row['actor_id']} {row['country']} {row['role']}"
        assert SLUG.match(row["actor_id"]), where
        assert row["name"] and row["name"] == row["name"].strip(), where
        assert row["name"].isascii(), where
        aliases = row["aliases"].split("|") if row["aliases"] else []
        assert all(a and a == a.strip() for a in aliases), where
        assert row["name"] not in aliases, where
        assert len(set(aliases)) == len(aliases), where
        assert row["sector"] == "GOV", where
        roles = row["role"].split("|")
        assert roles and set(roles) <= ROLES and len(set(roles)) == len(roles), where
        assert row["title"], where
        if row["country"] == "IGO":
            assert row["org"] in ORGS, where
        elif row["country"] not in FORMER_STATES:
            assert pycountry.countries.get(alpha_3=row["country"]) is not None, where
            assert row["org"] == "", where
        start, end = _span(row)
        assert start <= end, where


def test_actor_id_consistent_with_name() -> None:
    names: dict[str, set[str]] = defaultdict(set)
    ids: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        names[row["actor_id"]].add(row["name"])
        ids[row["name"]].add(row["actor_id"])
    assert {k: v for k, v in names.items() if len(v) > 1} == {}
    assert {k: v for k, v in ids.items() if len(v) > 1} == {}


def test_sorted_by_country_role_start() -> None:
    keys = [(r["country"], r["role"], r["start"]) for r in ROWS]
    assert keys == sorted(keys)


def test_no_duplicate_rows() -> None:
    keys = [(r["actor_id"], r["country"], r["role"], r["title"], r["start"]) for r in ROWS]
    assert len(keys) == len(set(keys))


def _may_overlap(row: dict[str, str]) -> bool:
    return row["title"].lower().startswith(STANDING_IN) or row["title"] in PARTY_OFFICES


# every office that one person holds at a time (a country has several spokespersons)
SINGLE_OFFICES = sorted(k for k in _tenures() if k[1] != "spokesperson")


@pytest.mark.parametrize(("office", "role"), SINGLE_OFFICES)
def test_no_overlapping_tenures(office: str, role: str) -> None:
    rows = _tenures()[(office, role)]
    rows = [
        r for r in rows if (office, r["actor_id"]) not in RIVAL_AUTHORITIES and not _may_overlap(r)
    ]
    problems = []
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            (a0, a1), (b0, b1) = _span(a), _span(b)
            days = (min(a1, b1) - max(a0, b0)).days
            pair = frozenset({a["actor_id"], b["actor_id"]})
            if days > MAX_OVERLAP_DAYS and (office, role, pair) not in OVERLAP_PAIRS:
                problems.append((a["actor_id"], b["actor_id"], days))
    assert problems == []


def _gaps(office: str, role: str, window_start: date) -> list[tuple[date, date]]:
    spans = sorted(_span(r) for r in _tenures().get((office, role), []))
    assert spans, f"no holders of {role} for {office}"
    covered_to = window_start
    gaps = []
    for start, end in spans:
        if (start - covered_to).days > MAX_GAP_DAYS and start > window_start:
            gaps.append((covered_to, start))
        covered_to = max(covered_to, end)
    if (WINDOW_END - covered_to).days > MAX_GAP_DAYS:
        gaps.append((covered_to, WINDOW_END))
    return gaps


@pytest.mark.parametrize(("office", "role"), CHECKED_OFFICES)
def test_no_gaps(office: str, role: str) -> None:
    if (office, role) in GAP_EXCEPTIONS:
        pytest.skip(GAP_EXCEPTIONS[(office, role)])
    assert _gaps(office, role, WINDOW_START) == []


# Historical news: the G20's heads of state and government are covered from 1976 on.
HISTORY_START = date(1976, 1, 1)
HISTORY_STARTS = {
    ("CHN", "head_of_state"): date(1983, 6, 18),  # no state president from 1975 to 1983
    ("RUS", "head_of_state"): date(1991, 7, 10),  # before: the Soviet Union (SUN)
    ("RUS", "head_of_government"): date(1991, 11, 6),
}


@pytest.mark.parametrize(
    ("office", "role"),
    [(c, r) for c in G20 for r in ("head_of_state", "head_of_government")],
)
def test_no_gaps_since_1976(office: str, role: str) -> None:
    if (office, role) in GAP_EXCEPTIONS:
        pytest.skip(GAP_EXCEPTIONS[(office, role)])
    assert _gaps(office, role, HISTORY_STARTS.get((office, role), HISTORY_START)) == []


def _find(actor_id: str, country: str, role: str, start: str) -> dict[str, str]:
    matches = [
        r
        for r in ROWS
        if r["actor_id"] == actor_id
        and r["country"] == country
        and role in r["role"].split("|")
        and r["start"] == start
    ]
    assert len(matches) == 1, (actor_id, country, role, start, matches)
    return matches[0]


@pytest.mark.parametrize(
    ("actor_id", "country", "role", "start", "end"),
    [
        ("antony-blinken", "USA", "foreign_minister", "2021-01-26", "2025-01-20"),
        ("benjamin-netanyahu", "ISR", "head_of_government", "2022-12-29", ""),
        ("benjamin-netanyahu", "ISR", "head_of_government", "2009-03-31", "2021-06-13"),
        ("mahmoud-abbas", "PSE", "head_of_state", "2005-01-15", ""),
        ("joe-biden", "USA", "head_of_state", "2021-01-20", "2025-01-20"),
        ("donald-trump", "USA", "head_of_government", "2025-01-20", ""),
        ("xi-jinping", "CHN", "head_of_state", "2013-03-14", ""),
        ("olaf-scholz", "DEU", "head_of_government", "2021-12-08", "2025-05-06"),
        ("rishi-sunak", "GBR", "head_of_government", "2022-10-25", "2024-07-05"),
        ("liz-truss", "GBR", "head_of_government", "2022-09-06", "2022-10-25"),
        ("mohammed-bin-salman", "SAU", "head_of_government", "2022-09-27", ""),
        ("ali-khamenei", "IRN", "head_of_state", "1989-06-04", ""),
        ("ebrahim-raisi", "IRN", "head_of_government", "2021-08-03", "2024-05-19"),
        ("bashar-al-assad", "SYR", "head_of_state", "2000-07-17", "2024-12-08"),
        ("antonio-guterres", "IGO", "secretary_general", "2017-01-01", ""),
        ("jens-stoltenberg", "IGO", "secretary_general", "2014-10-01", "2024-10-01"),
        ("margaret-thatcher", "GBR", "head_of_government", "1979-05-04", "1990-11-28"),
        ("ronald-reagan", "USA", "head_of_state", "1981-01-20", "1989-01-20"),
        ("helmut-kohl", "DEU", "head_of_government", "1982-10-01", "1998-10-27"),
        ("mikhail-gorbachev", "SUN", "head_of_state", "1985-03-11", "1991-08-24"),
        ("nelson-mandela", "ZAF", "head_of_state", "1994-05-10", "1999-06-14"),
        ("kofi-annan", "IGO", "secretary_general", "1997-01-01", "2006-12-31"),
    ],
)
def test_spot_checks(actor_id: str, country: str, role: str, start: str, end: str) -> None:
    row = _find(actor_id, country, role, start)
    assert row["end"] == end


def test_spot_check_details() -> None:
    blinken = _find("antony-blinken", "USA", "foreign_minister", "2021-01-26")
    assert blinken["title"] == "Secretary of State"
    assert "Tony Blinken" in blinken["aliases"].split("|")
    us_president = _find("barack-obama", "USA", "head_of_state", "2009-01-20")
    assert us_president["role"] == "head_of_state|head_of_government"
    khamenei = _find("ali-khamenei", "IRN", "head_of_state", "1989-06-04")
    assert khamenei["title"] == "Supreme Leader"
    abbas = _find("mahmoud-abbas", "PSE", "head_of_state", "2005-01-15")
    assert "Abu Mazen" in abbas["aliases"].split("|")
    lula = _find("luiz-inacio-lula-da-silva", "BRA", "head_of_state", "2023-01-01")
    assert "Lula" in lula["aliases"].split("|")
    guterres = _find("antonio-guterres", "IGO", "secretary_general", "2017-01-01")
    assert guterres["org"] == "UN"
    psaki = [r for r in ROWS if r["actor_id"] == "jen-psaki"]
    assert {r["title"] for r in psaki} == {
        "State Department spokesperson",
        "White House press secretary",
    }
