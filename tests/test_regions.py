"""Checks for ``src/tacitus/data/actors/regions.tsv``, the first-level division -> country
table, and for its use by the resolver: "clashes in Borno" is located in Nigeria.

The data checks use only the standard library and pycountry, like ``test_cities.py``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pycountry
import pytest

from tacitus import Pipeline
from tacitus.actors import kb as kb_module
from tacitus.actors.kb import City, load_kb
from tacitus.actors.resolve import ActorResolver
from tacitus.errors import ConfigError
from tests.helpers import clashing_forms, one, place_forms, repeated_forms, split_forms
from tests.helpers import forms_in as forms_of
from tests.helpers import read_tsv as read_data_tsv

DATA = Path(__file__).parents[1] / "src/tacitus/data/actors"
REGIONS = DATA / "regions.tsv"

HEADER = ["name", "aliases", "country", "lat", "lon"]
COORD = re.compile(r"-?\d{1,3}\.\d{2}")
# single generic words and compass regions several countries use for a division
GENERIC = {
    "Central",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "North",
    "South",
    "East",
    "West",
    "North East",
    "North West",
    "South East",
    "South West",
    "Northeast",
    "Northwest",
    "Southwest",
    "Southeast",
    "Coast",
    "Centre",
    "Center",
    "Nord",
    "Sud",
    "Est",
    "Ouest",
    "Littoral",
    "Plateau",
    "Rivers",
    "Delta",
    "Lakes",
    "Unity",
    "Capital",
    "Federal District",
    "Upper",
    "Lower",
    "Red Sea",
    "Sahel",
}
# names news uses for divisions of two countries, left out of the file
AMBIGUOUS = {
    "Punjab",
    "Santa Cruz",
    "La Paz",
    "La Rioja",
    "Amazonas",
    "Misiones",
    "Rio Negro",
    "San Luis",
    "Bolivar",
    "Sucre",
    "Adamawa",
    "Al Jawf",
    "Kashmir",
    "Kurdistan",
    "Abyei",
    "Gaza",
    "Victoria",
}
# surnames that would turn a person into a place ("Paolo Guerrero criticised ...")
SURNAMES = {"Guerrero", "Morelos", "Hesse", "Aragon", "Harari", "Salahuddin", "Wardak"}
# divisions of another country in pycountry with the same name, given to the one news means
SHARED_WITH_MINOR = {"Florida", "Maryland", "Montana", "Huila", "Pará", "Santa Catarina"}
# countries the file must cover, with the fewest rows each
COVERAGE = {
    "USA": 50,
    "CAN": 13,
    "MEX": 30,
    "BRA": 24,
    "ARG": 13,
    "COL": 15,
    "AUS": 7,
    "IND": 30,
    "PAK": 5,
    "AFG": 25,
    "NGA": 37,
    "ETH": 7,
    "SDN": 15,
    "SSD": 8,
    "COD": 20,
    "SOM": 15,
    "KEN": 30,
    "CMR": 1,
    "MLI": 5,
    "BFA": 5,
    "NER": 4,
    "MOZ": 5,
    "ZAF": 8,
    "LBY": 3,
    "EGY": 15,
    "IRQ": 10,
    "SYR": 3,
    "YEM": 10,
    "IRN": 20,
    "TUR": 10,
    "ISR": 2,
    "PSE": 1,
    "UKR": 24,
    "RUS": 25,
    "GEO": 10,
    "MMR": 10,
    "THA": 4,
    "PHL": 15,
    "IDN": 20,
    "CHN": 25,
    "ESP": 10,
    "DEU": 10,
    "ITA": 15,
    "FRA": 10,
}
PUBLISHED = date(2024, 3, 14)


def region_rows() -> list[tuple[int, list[str]]]:
    return read_data_tsv(REGIONS)[1]


def region_forms() -> list[tuple[int, str]]:
    """Every (line number, name or alias) in regions.tsv."""
    return place_forms(REGIONS)


def forms_in(name: str, columns: list[str]) -> set[str]:
    """The surface forms in the given columns of another actor data file."""
    return forms_of(DATA / name, columns)


def country_codes() -> set[str]:
    return {fields[0] for _, fields in read_data_tsv(DATA / "countries.tsv")[1]}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    cos = math.sin(lat1 * p) * math.sin(lat2 * p) + math.cos(lat1 * p) * math.cos(
        lat2 * p
    ) * math.cos((lon1 - lon2) * p)
    return 6371 * math.acos(max(-1.0, min(1.0, cos)))


# -- the file ----------------------------------------------------------------------------


def test_header_and_field_counts() -> None:
    header, rows = read_data_tsv(REGIONS)
    assert header == HEADER
    bad = [lineno for lineno, fields in rows if len(fields) != len(HEADER)]
    assert not bad, f"wrong field count on lines {bad}"


def test_no_stray_whitespace_or_empty_forms() -> None:
    bad = []
    for lineno, fields in region_rows():
        if not fields[0]:
            bad.append((lineno, "empty name"))
        for field in fields:
            if field != field.strip():
                bad.append((lineno, field))
        if any(not alias or alias != alias.strip() for alias in split_forms(fields[1])):
            bad.append((lineno, fields[1]))
    assert not bad, bad


def test_row_count_and_coverage() -> None:
    rows = region_rows()
    assert len(rows) >= 700
    per_country = Counter(fields[2] for _, fields in rows)
    thin = {
        code: (per_country[code], least)
        for code, least in COVERAGE.items()
        if per_country[code] < least
    }
    assert not thin, f"countries with fewer rows than expected: {thin}"


def test_country_codes_are_in_countries_tsv() -> None:
    known = country_codes()
    bad = [(lineno, fields[2]) for lineno, fields in region_rows() if fields[2] not in known]
    assert not bad, f"country codes not in countries.tsv: {bad}"


def test_coordinates_in_range() -> None:
    bad = []
    for lineno, fields in region_rows():
        lat, lon = fields[3], fields[4]
        if not (COORD.fullmatch(lat) and COORD.fullmatch(lon)):
            bad.append((lineno, lat, lon, "want decimal degrees with 2 decimals"))
        elif not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            bad.append((lineno, lat, lon, "out of range"))
    assert not bad, bad


def test_coordinates_plausible_for_the_country() -> None:
    """A region lies near its country's cities (within 4,000 km of one: Hawaii is the
    farthest) and in the same hemispheres when all those cities are, which catches a
    dropped minus sign or swapped lat/lon."""
    cities: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _, fields in read_data_tsv(DATA / "cities.tsv")[1]:
        cities[fields[2]].append((float(fields[3]), float(fields[4])))
    bad = []
    for lineno, (name, _aliases, country, lat_text, lon_text) in region_rows():
        known = cities.get(country)
        if not known:
            continue
        lat, lon = float(lat_text), float(lon_text)
        nearest = min(_km(lat, lon, c_lat, c_lon) for c_lat, c_lon in known)
        if nearest > 4000:
            bad.append((lineno, name, f"{nearest:.0f} km from the nearest {country} city"))
        for index, value in ((0, lat), (1, lon)):
            signs = {point[index] > 0 for point in known}
            far = all(abs(point[index]) > 3 for point in known) and abs(value) > 3
            if far and len(signs) == 1 and (value > 0) not in signs:
                bad.append((lineno, name, "hemisphere differs from every city of the country"))
    assert not bad, bad


def test_no_form_repeated() -> None:
    repeated = repeated_forms(region_forms())
    assert not repeated, f"names or aliases used more than once: {repeated}"


# -- exclusions ---------------------------------------------------------------------------


def test_no_clash_with_countries() -> None:
    """Georgia is the country, Washington its capital of the US, Scotland part of GBR."""
    taken = forms_in("countries.tsv", ["names", "demonyms", "capitals"])
    clashes = clashing_forms(region_forms(), taken)
    assert not clashes, f"forms already in countries.tsv: {clashes}"


def test_no_clash_with_cities() -> None:
    """A bare "Donetsk" or "Kano" is the city; the region is "Donetsk region", "Kano State"."""
    clashes = clashing_forms(region_forms(), forms_in("cities.tsv", ["name", "aliases"]))
    assert not clashes, f"forms already in cities.tsv: {clashes}"


def test_no_clash_with_organisations() -> None:
    taken = forms_in("igos.tsv", ["names"]) | forms_in("institutions.tsv", ["names"])
    clashes = clashing_forms(region_forms(), taken, fold=False)
    assert not clashes, f"forms already in igos.tsv or institutions.tsv: {clashes}"


def test_no_generic_ambiguous_or_surname_forms() -> None:
    forbidden = GENERIC | AMBIGUOUS | SURNAMES
    found = [(lineno, form) for lineno, form in region_forms() if form in forbidden]
    assert not found, f"generic, shared or surname forms: {found}"


def test_no_name_of_another_countrys_first_level_division() -> None:
    """A form naming a first-level division of another country in pycountry is shared,
    unless it is one the header comment gives to the division news means."""
    owners: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            if country is not None:
                owners[_fold(sub.name)].add(country.alpha_3)
    clashes = []
    for lineno, fields in region_rows():
        for form in [fields[0], *split_forms(fields[1])]:
            others = owners.get(_fold(form), set()) - {fields[2]}
            if others and fields[0] not in SHARED_WITH_MINOR:
                clashes.append((lineno, form, sorted(others)))
    assert not clashes, clashes


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("California", "USA"),
        ("Calif.", "USA"),
        ("District of Columbia", "USA"),
        ("Washington state", "USA"),
        ("Borno", "NGA"),
        ("Borno state", "NGA"),
        ("Khyber Pakhtunkhwa", "PAK"),
        ("KP", "PAK"),
        ("NWFP", "PAK"),
        ("Sichuan", "CHN"),
        ("Szechuan", "CHN"),
        ("Donetsk region", "UKR"),
        ("Donetsk Oblast", "UKR"),
        ("Crimea", "UKR"),
        ("Kursk region", "RUS"),
        ("Chechnya", "RUS"),
        ("Abkhazia", "GEO"),
        ("North Sinai", "EGY"),
        ("Rakhine", "MMR"),
        ("Sulu", "PHL"),
        ("Aceh", "IDN"),
        ("Catalonia", "ESP"),
        ("Bavaria", "DEU"),
        ("Sicily", "ITA"),
        ("Corsica", "FRA"),
        ("North Kivu", "COD"),
        ("Tigray", "ETH"),
        ("Cabo Delgado", "MOZ"),
    ],
)
def test_spot_checks(form: str, country: str) -> None:
    by_form = {}
    for _, fields in region_rows():
        for f in [fields[0], *split_forms(fields[1])]:
            by_form[f] = fields[2]
    assert by_form.get(form) == country


# -- loading ------------------------------------------------------------------------------


def test_loaded_after_cities_which_keep_their_forms() -> None:
    kb = load_kb()
    assert kb.cities["Borno"] == City("Borno", "NGA", 11.88, 13.15)
    assert kb.cities["Donetsk region"].country == "UKR"
    city_rows = {
        fields[0]: fields for _, fields in read_data_tsv(DATA / "cities.tsv")[1] if fields[0]
    }
    donetsk = city_rows["Donetsk"]
    assert kb.cities["Donetsk"] == City("Donetsk", "UKR", float(donetsk[3]), float(donetsk[4]))
    assert "Georgia" not in kb.cities  # the country (countries.tsv), not the US state
    assert kb.places["Georgia"].country == "GEO"


def test_bad_coordinate_names_regions_tsv(monkeypatch: pytest.MonkeyPatch) -> None:
    real = kb_module.read_tsv

    def fake(relative: str, header: list[str]) -> list[dict[str, str]]:
        rows = real(relative, header)
        if relative == "actors/regions.tsv":
            rows = [{**rows[0], "lat": "north"}]
        return rows

    monkeypatch.setattr(kb_module, "read_tsv", fake)
    with pytest.raises(ConfigError, match=r"regions\.tsv: bad coordinate"):
        load_kb.__wrapped__()


# -- end to end ---------------------------------------------------------------------------


def test_protest_in_a_us_state(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Protesters rallied outside city hall in Berkeley, California on Saturday.",
        "PROTEST",
    )
    assert [a.country for a in event.source] == ["USA"]
    # "Berkeley" is in no file; the state after the comma gives the country
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Berkeley", "USA")


def test_attack_in_a_nigerian_state(pipeline: Pipeline) -> None:
    event = one(pipeline, "Gunmen attacked a village in Borno state, killing 12 people.", "ASSAULT")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Borno", "NGA")
    assert event.location.lat == 11.88


def test_attack_in_a_pakistani_province(pipeline: Pipeline) -> None:
    event = one(
        pipeline,
        "Militants attacked a police checkpoint in Khyber Pakhtunkhwa on Tuesday, "
        "killing three officers.",
        "ASSAULT",
    )
    assert event.location is not None and event.location.country == "PAK"
    assert {a.country for a in event.source + event.target} == {"PAK"}


def test_region_stands_for_its_country(pipeline: Pipeline) -> None:
    """'shelled the Donetsk region' like 'shelled Kharkiv': the place stands for Ukraine."""
    event = one(pipeline, "Russian forces shelled the Donetsk region overnight.", "ASSAULT")
    assert [a.country for a in event.target] == ["UKR"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Virginia Giuffre criticised Prince Andrew in an interview.", "Virginia Giuffre"),
        ("Brittany Higgins criticised the government in a speech.", "Brittany Higgins"),
    ],
)
def test_a_first_name_is_not_the_region(pipeline: Pipeline, text: str, name: str) -> None:
    resolver = ActorResolver(load_kb())
    doc = pipeline.nlp(text)
    memory = resolver.prepare(doc, PUBLISHED)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    actor = resolver.resolve(subject, memory, PUBLISHED)
    assert actor is not None
    assert (actor.kind, actor.name, actor.country) == ("person", name, None)
