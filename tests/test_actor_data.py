"""Consistency checks for the actor data files in ``src/tacitus/data/actors``.

Uses only the standard library and pycountry, so it runs before any resolver exists.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from tacitus.actors.kb import load_kb
from tests.helpers import read_tsv as read_data_tsv

DATA = Path(__file__).parents[1] / "src/tacitus/data/actors"

HEADERS = {
    "countries.tsv": ["code", "names", "demonyms", "capitals"],
    "institutions.tsv": ["names", "country", "sector", "org"],
    "igos.tsv": ["org", "names", "kind", "sector"],
    "sectors.tsv": ["term", "sector", "kind"],
    "sector_codes.tsv": ["code", "label", "description"],
}
# Palestine and Kosovo, and former states (ISO 3166-3) for historical news
EXTRA_COUNTRY_CODES = {"PSE", "XKX", "CSK", "DDR", "SUN", "YMD", "YUG"}
ISO_CODES = {c.alpha_3 for c in pycountry.countries}


def read_tsv(name: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    return read_data_tsv(DATA / name)


def split_forms(field: str) -> list[str]:
    return [form for form in field.split("|") if form] if field else []


def sector_codes() -> set[str]:
    return {fields[0] for _, fields in read_tsv("sector_codes.tsv")[1]}


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_header_and_field_counts(name: str) -> None:
    header, rows = read_tsv(name)
    assert header == HEADERS[name]
    assert rows, f"{name} has no rows"
    bad = [lineno for lineno, fields in rows if len(fields) != len(header)]
    assert not bad, f"{name}: wrong field count on lines {bad}"


@pytest.mark.parametrize("name", sorted(HEADERS))
def test_no_stray_whitespace_or_empty_forms(name: str) -> None:
    _, rows = read_tsv(name)
    problems = []
    for lineno, fields in rows:
        for field in fields:
            if field != field.strip():
                problems.append((lineno, field))
            if "|" in field and any(not f or f != f.strip() for f in field.split("|")):
                problems.append((lineno, field))
    assert not problems, f"{name}: {problems}"


def test_sector_codes_unique() -> None:
    codes = [fields[0] for _, fields in read_tsv("sector_codes.tsv")[1]]
    assert len(codes) == len(set(codes))
    assert all(code.isupper() and len(code) == 3 for code in codes)
    assert "IGO" not in codes, "IGO is a country code, not a sector"


def test_every_iso_country_has_a_row() -> None:
    codes = [fields[0] for _, fields in read_tsv("countries.tsv")[1]]
    assert len(codes) == len(set(codes)), "duplicate country rows"
    missing = ISO_CODES - set(codes)
    assert not missing, f"countries.tsv lacks {sorted(missing)}"
    unknown = set(codes) - ISO_CODES - EXTRA_COUNTRY_CODES
    assert not unknown, f"countries.tsv has unknown codes {sorted(unknown)}"
    assert set(codes) >= EXTRA_COUNTRY_CODES


def test_every_country_has_a_name() -> None:
    _, rows = read_tsv("countries.tsv")
    nameless = [fields[0] for _, fields in rows if not split_forms(fields[1])]
    assert not nameless


def test_no_surface_form_names_two_countries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for _, (code, names, demonyms, capitals) in read_tsv("countries.tsv")[1]:
        for form in split_forms(names) + split_forms(demonyms) + split_forms(capitals):
            owners[form].add(code)
    duplicates = {form: sorted(codes) for form, codes in owners.items() if len(codes) > 1}
    assert not duplicates, f"forms naming more than one country: {duplicates}"


def test_key_country_forms() -> None:
    lookup: dict[str, str] = {}
    for _, (code, names, demonyms, capitals) in read_tsv("countries.tsv")[1]:
        for form in split_forms(names) + split_forms(demonyms) + split_forms(capitals):
            lookup[form] = code
    expected = {
        "Washington": "USA",
        "U.S.": "USA",
        "Americans": "USA",
        "Israeli": "ISR",
        "Palestinian": "PSE",
        "Ramallah": "PSE",
        "Britain": "GBR",
        "Beijing": "CHN",
        "Tehran": "IRN",
        "Türkiye": "TUR",
        "DRC": "COD",
        "Congo": "COD",  # wires mean the DRC by bare "Congo"
        "Kosovo": "XKX",
        "South Korea": "KOR",
        "DPRK": "PRK",
    }
    for form, code in expected.items():
        assert lookup.get(form) == code, form


def test_institutions_codes() -> None:
    sectors = sector_codes()
    problems = []
    for lineno, (names, country, sector, org) in read_tsv("institutions.tsv")[1]:
        if not split_forms(names):
            problems.append((lineno, "no names"))
        if country and country not in ISO_CODES | EXTRA_COUNTRY_CODES | {"IGO"}:
            problems.append((lineno, f"country {country}"))
        if not country and not org:
            problems.append((lineno, "a row without a country needs an org code"))
        if sector not in sectors:
            problems.append((lineno, f"sector {sector}"))
        if org and not org.replace("_", "").isalnum():
            problems.append((lineno, f"org {org}"))
    assert not problems, problems


def test_key_institution_forms() -> None:
    lookup: dict[str, tuple[str, str]] = {}
    for _, (names, country, sector, _org) in read_tsv("institutions.tsv")[1]:
        for form in split_forms(names):
            lookup[form] = (country, sector)
    expected = {
        "White House": ("USA", "GOV"),
        "Pentagon": ("USA", "MIL"),
        "Kremlin": ("RUS", "GOV"),
        "Palestinian Authority": ("PSE", "GOV"),
        "Hamas": ("PSE", "REB"),
        "Hezbollah": ("LBN", "REB"),
        "Houthis": ("YEM", "REB"),
        "Islamic State": ("", "REB"),
        "Xinhua": ("CHN", "MED"),
    }
    for form, code in expected.items():
        assert lookup.get(form) == code, form


def test_institution_forms_unique() -> None:
    owners: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for _, (names, country, sector, _org) in read_tsv("institutions.tsv")[1]:
        for form in split_forms(names):
            owners[form].add((country, sector))
    duplicates = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert not duplicates, duplicates


def test_igos() -> None:
    sectors = sector_codes()
    _, rows = read_tsv("igos.tsv")
    orgs = [fields[0] for _, fields in rows]
    assert len(orgs) == len(set(orgs)), "duplicate org codes in igos.tsv"
    owners: dict[str, set[str]] = defaultdict(set)
    problems = []
    for lineno, (org, names, kind, sector) in rows:
        if kind not in {"IGO", "NGO"}:
            problems.append((lineno, f"kind {kind}"))
        if sector not in sectors:
            problems.append((lineno, f"sector {sector}"))
        if not org.isalnum():
            problems.append((lineno, f"org {org}"))
        if not split_forms(names):
            problems.append((lineno, "no names"))
        for form in split_forms(names):
            owners[form].add(org)
    assert not problems, problems
    duplicates = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert not duplicates, duplicates


def test_igo_and_institution_files_do_not_overlap() -> None:
    igo_forms = {form for _, fields in read_tsv("igos.tsv")[1] for form in split_forms(fields[1])}
    igo_orgs = {fields[0] for _, fields in read_tsv("igos.tsv")[1]}
    inst_forms = set()
    inst_orgs = set()
    for _, (names, _country, _sector, org) in read_tsv("institutions.tsv")[1]:
        inst_forms.update(split_forms(names))
        if org:
            inst_orgs.add(org)
    assert not igo_forms & inst_forms, sorted(igo_forms & inst_forms)
    assert not igo_orgs & inst_orgs, sorted(igo_orgs & inst_orgs)


def test_sectors_terms() -> None:
    sectors = sector_codes()
    _, rows = read_tsv("sectors.tsv")
    terms = [fields[0] for _, fields in rows]
    duplicates = sorted({t for t in terms if terms.count(t) > 1})
    assert not duplicates, f"terms listed twice: {duplicates}"
    problems = []
    for lineno, (term, sector, kind) in rows:
        if term != term.lower():
            problems.append((lineno, f"term not lowercase: {term}"))
        if "  " in term:
            problems.append((lineno, f"double space: {term}"))
        if sector not in sectors:
            problems.append((lineno, f"sector {sector}"))
        if kind not in {"title", "group"}:
            problems.append((lineno, f"kind {kind}"))
    assert not problems, problems


def test_every_sector_code_is_described_and_used() -> None:
    used = {fields[2] for _, fields in read_tsv("institutions.tsv")[1]}
    used |= {fields[3] for _, fields in read_tsv("igos.tsv")[1]}
    used |= {fields[1] for _, fields in read_tsv("sectors.tsv")[1]}
    codes = sector_codes()
    assert used <= codes, f"undescribed sectors: {sorted(used - codes)}"
    assert codes <= used, f"described but unused sectors: {sorted(codes - used)}"


def test_country_forms_not_reused_for_organisations() -> None:
    country_forms = set()
    for _, (_code, names, demonyms, capitals) in read_tsv("countries.tsv")[1]:
        country_forms.update(split_forms(names) + split_forms(demonyms) + split_forms(capitals))
    org_forms = {form for _, f in read_tsv("institutions.tsv")[1] for form in split_forms(f[0])}
    org_forms |= {form for _, f in read_tsv("igos.tsv")[1] for form in split_forms(f[1])}
    assert not country_forms & org_forms, sorted(country_forms & org_forms)


def test_misspelt_surnames() -> None:
    kb = load_kb()
    assert kb.misspelt_surname("Bouteflicka") == "Bouteflika"  # a letter added
    assert kb.misspelt_surname("Netanyhau") == "Netanyahu"  # two letters swapped
    assert kb.misspelt_surname("Netanyahu") is None  # spelt right
    assert kb.misspelt_surname("Abas") is None  # too short to tell
