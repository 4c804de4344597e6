"""Checks for ``src/tacitus/data/actors/cities.tsv``, the city -> country table.

Uses only the standard library and pycountry, like ``test_actor_data.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import pytest

from tests.helpers import clashing_forms, place_forms, read_tsv, repeated_forms, split_forms
from tests.helpers import forms_in as forms_of

DATA = Path(__file__).parents[1] / "src/tacitus/data/actors"
CITIES = DATA / "cities.tsv"
COUNTRIES = DATA / "countries.tsv"

HEADER = ["name", "aliases", "country", "lat", "lon"]
EXTRA_COUNTRY_CODES = {"PSE", "XKX"}
ISO_CODES = {c.alpha_3 for c in pycountry.countries}
COORD = re.compile(r"-?\d{1,3}\.\d{2,4}")


def city_rows() -> list[tuple[int, list[str]]]:
    return read_tsv(CITIES)[1]


def city_forms() -> list[tuple[int, str]]:
    """Every (line number, name or alias) in cities.tsv."""
    return place_forms(CITIES)


def forms_in(name: str, columns: list[str]) -> set[str]:
    """The surface forms in the given columns of another actor data file."""
    return forms_of(DATA / name, columns)


def test_header() -> None:
    header, _ = read_tsv(CITIES)
    assert header == HEADER


def test_field_counts() -> None:
    bad = [lineno for lineno, fields in city_rows() if len(fields) != len(HEADER)]
    assert not bad, f"wrong field count on lines {bad}"


def test_no_stray_whitespace_or_empty_forms() -> None:
    bad = []
    for lineno, fields in city_rows():
        if not fields[0]:
            bad.append((lineno, "empty name"))
        for field in fields:
            if field != field.strip():
                bad.append((lineno, field))
        if any(not alias or alias != alias.strip() for alias in split_forms(fields[1])):
            bad.append((lineno, fields[1]))
    assert not bad, bad


def test_row_count() -> None:
    assert len(city_rows()) >= 350


def test_country_codes_valid() -> None:
    bad = [
        (lineno, fields[2])
        for lineno, fields in city_rows()
        if fields[2] not in ISO_CODES | EXTRA_COUNTRY_CODES
    ]
    assert not bad, f"unknown country codes: {bad}"


def test_coordinates() -> None:
    bad = []
    for lineno, fields in city_rows():
        lat, lon = fields[3], fields[4]
        if not (COORD.fullmatch(lat) and COORD.fullmatch(lon)):
            bad.append((lineno, lat, lon, "want decimal degrees with 2-4 decimals"))
        elif not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            bad.append((lineno, lat, lon, "out of range"))
    assert not bad, bad


def test_no_form_repeated() -> None:
    repeated = repeated_forms(city_forms())
    assert not repeated, f"names or aliases used more than once: {repeated}"


def test_no_clash_with_countries() -> None:
    taken = forms_in("countries.tsv", ["names", "demonyms", "capitals"])
    clashes = clashing_forms(city_forms(), taken)
    assert not clashes, f"forms already in countries.tsv: {clashes}"


def test_no_clash_with_organisations() -> None:
    taken = forms_in("igos.tsv", ["names"]) | forms_in("institutions.tsv", ["names"])
    clashes = clashing_forms(city_forms(), taken, fold=False)
    assert not clashes, f"forms already in igos.tsv or institutions.tsv: {clashes}"


@pytest.mark.parametrize(
    ("form", "country"),
    [
        ("Geneva", "CHE"),
        ("New York", "USA"),
        ("Istanbul", "TUR"),
        ("Jeddah", "SAU"),
        ("Rafah", "PSE"),
        ("Kharkiv", "UKR"),
        ("Odessa", "UKR"),
        ("Sao Paulo", "BRA"),
        ("Sevastopol", "UKR"),
        ("Gaza City", "PSE"),
    ],
)
def test_spot_checks(form: str, country: str) -> None:
    by_form = {}
    for _, fields in city_rows():
        for f in [fields[0], *split_forms(fields[1])]:
            by_form[f] = fields[2]
    assert by_form.get(form) == country
