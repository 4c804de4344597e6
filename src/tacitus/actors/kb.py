"""The actor knowledge base: people with dated offices, countries, institutions, IGOs.

All of it is data (``data/actors/*.tsv``, formats in ``docs/data-files/actors.md`` and
``docs/data-files/people.md``); users add people with the ``actor_files`` setting.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from tacitus._data import read_tsv, read_user_tsv
from tacitus.errors import ConfigError

PEOPLE_HEADER = [
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
COUNTRIES_HEADER = ["code", "names", "demonyms", "capitals"]
INSTITUTIONS_HEADER = ["names", "country", "sector", "org"]
IGOS_HEADER = ["org", "names", "kind", "sector"]
SECTORS_HEADER = ["term", "sector", "kind"]
TITLES_HEADER = ["title", "role"]
CITIES_HEADER = ["name", "aliases", "country", "lat", "lon"]
# Countries whose leaders' names are written family name first in English news.
FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "HKG", "MAC"})
ROMAN_NUMERAL = re.compile(r"[IVX]+")
FIRST_PIECE = re.compile(r"[^\s\-]+")
NAME_PARTICLE = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]sh|[Aa]r)-")
ROLE_RANK = {"head_of_state": 0, "head_of_government": 1, "secretary_general": 2}


def normalize(text: str) -> str:
    """The form used for dictionary look-ups: typographic quotes and spacing folded."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


@dataclass(frozen=True, slots=True)
class Office:
    country: str
    sector: str
    roles: frozenset[str]
    title: str
    org: str
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class Person:
    actor_id: str
    name: str
    aliases: tuple[str, ...]
    offices: list[Office] = field(default_factory=list)

    @property
    def surname(self) -> str:
        """The name news uses alone: family name first for Chinese and Korean names,
        regnal numbers skipped ("Abdullah II" -> "Abdullah")."""
        words = self.name.split()
        countries = {o.country for o in self.offices}
        if countries & FAMILY_NAME_FIRST and len(words) > 1:
            return words[0]
        while len(words) > 1 and ROMAN_NUMERAL.fullmatch(words[-1]):
            words.pop()
        return words[-1]

    def office_on(self, day: date | None) -> Office | None:
        """The office held on ``day``; without a day, or out of office, the latest one."""
        if not self.offices:
            return None
        if day is not None:
            current = [o for o in self.offices if o.holds_on(day)]
            if current:
                # a prime minister who is also foreign minister is coded as PM
                return min(current, key=lambda o: min(ROLE_RANK.get(r, 9) for r in o.roles))
        return max(self.offices, key=lambda o: o.start or date.min)


@dataclass(frozen=True, slots=True)
class Place:
    """A name that stands for a country: its name, demonym or capital."""

    country: str
    kind: str  # "name" | "demonym" | "capital"
    canonical: str


@dataclass(frozen=True, slots=True)
class City:
    """A place events happen in (never an actor): "met in Geneva"."""

    name: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Institution:
    name: str
    country: str | None
    sector: str | None
    org: str | None
    kind: str  # "institution" | "IGO" | "NGO"


def _date(value: str, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: bad date {value!r}") from exc


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


@dataclass(slots=True)
class KnowledgeBase:
    people: dict[str, Person] = field(default_factory=dict)
    person_names: dict[str, str] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    places: dict[str, Place] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, Institution] = field(default_factory=dict)
    sector_terms: dict[str, tuple[str, str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    cities: dict[str, City] = field(default_factory=dict)
    max_words: int = 1
    starts: frozenset[str] = frozenset()
    # every name, lowercased and sorted: a phrase that begins none of them can grow into
    # none of them, which tells the matcher when to stop adding words
    keys: tuple[str, ...] = ()
    # (country, role) -> people who ever held that role there: "the Kenyan president"
    # looks at a handful of people, not at every person in the knowledge base
    office_holders: dict[tuple[str, str], list[Person]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def index_starts(self) -> None:
        """First word pieces of every name, lowercased: a token that starts none of them
        starts no match, which lets the matcher skip most tokens of a text."""
        forms = [
            *self.person_names,
            *self.institutions,
            *self.places,
            *self.titles,
            *self.sector_terms,
            *self.cities,
            *self.surnames,
        ]
        self.starts = frozenset(
            piece.group(0) for form in forms if (piece := FIRST_PIECE.match(form.lower()))
        )
        self.keys = tuple(sorted({form.lower() for form in forms}))

    # -- building -------------------------------------------------------------
    def add_people(self, rows: list[dict[str, str]], where: str) -> None:
        for n, row in enumerate(rows, start=1):
            if not row["actor_id"] or not row["name"] or not row["country"]:
                raise ConfigError(f"{where}: row {n} needs actor_id, name and country")
            person = self.people.get(row["actor_id"])
            if person is None:
                person = Person(row["actor_id"], row["name"], tuple(_split(row["aliases"])))
                self.people[person.actor_id] = person
                for form in (person.name, *person.aliases):
                    self._index_name(normalize(form), person.actor_id)
            person.offices.append(
                Office(
                    country=row["country"],
                    sector=row["sector"] or "GOV",
                    roles=frozenset(_split(row["role"])),
                    title=row["title"],
                    org=row["org"],
                    start=_date(row["start"], where),
                    end=_date(row["end"], where),
                )
            )

    def index_people(self) -> None:
        """Surnames and offices, indexed once all people files are read."""
        self.surnames.clear()
        self.office_holders.clear()
        for person in self.people.values():
            for key in {(o.country, role) for o in person.offices for role in o.roles}:
                self.office_holders[key].append(person)
            surname = person.surname
            self.surnames[surname].append(person.actor_id)
            # "Al-Yahya" is tokenised "Al - Yahya": the bare name must find him too
            bare = NAME_PARTICLE.sub("", surname)
            if bare != surname and bare:
                self.surnames[bare].append(person.actor_id)

    def _index_name(self, form: str, actor_id: str) -> None:
        self.person_names.setdefault(form, actor_id)
        self.max_words = max(self.max_words, len(form.split()))

    def add_countries(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            code = row["code"]
            names = _split(row["names"])
            if not names:
                continue
            self.country_names[code] = names[0]
            for kind in ("names", "demonyms", "capitals"):
                for form in _split(row[kind]):
                    self.places.setdefault(normalize(form), Place(code, kind.rstrip("s"), names[0]))
                    self.max_words = max(self.max_words, len(form.split()))

    def add_institutions(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            names = _split(row["names"])
            inst = Institution(
                names[0],
                row["country"] or None,
                row["sector"] or None,
                row["org"] or None,
                "institution",
            )
            for form in names:
                self.institutions.setdefault(normalize(form), inst)
                self.max_words = max(self.max_words, len(form.split()))

    def add_igos(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            names = _split(row["names"])
            kind = row["kind"] or "IGO"
            inst = Institution(names[0], kind, row["sector"] or None, row["org"], kind)
            for form in names:
                self.institutions.setdefault(normalize(form), inst)
                self.max_words = max(self.max_words, len(form.split()))

    def add_cities(self, rows: list[dict[str, str]]) -> None:
        for row in rows:
            city = City(row["name"], row["country"], float(row["lat"]), float(row["lon"]))
            for form in (row["name"], *_split(row["aliases"])):
                self.cities.setdefault(normalize(form), city)
                self.max_words = max(self.max_words, len(form.split()))

    # -- look-ups ---------------------------------------------------------------
    def person(self, actor_id: str) -> Person:
        return self.people[actor_id]

    def person_by_name(self, text: str) -> Person | None:
        actor_id = self.person_names.get(normalize(text))
        return self.people[actor_id] if actor_id else None

    def people_by_surname(self, surname: str) -> list[Person]:
        return [self.people[i] for i in self.surnames.get(surname, [])]

    def misspelt_surname(self, word: str) -> str | None:
        """The one surname ``word`` misspells by a single letter added, dropped,
        changed or two letters swapped ("Bouteflicka", "Gbago"), or None: the word has
        at least five letters, the same first letter, and no other surname is as close;
        or the surname it writes with accents the knowledge base leaves out."""
        if word in self.surnames:
            return None
        folded = _fold(word)
        if folded != word and folded in self.surnames:
            return folded  # "Izetbegović" for "Izetbegovic"
        if len(word) < 5:
            return None
        found = [
            surname
            for surname in self.surnames
            if surname[:1] == word[:1]
            and abs(len(surname) - len(word)) <= 1
            and len(surname) >= 5
            and _one_edit(word, surname)
        ]
        return found[0] if len(found) == 1 else None

    def holders(self, country: str | None, role: str, day: date | None) -> list[Person]:
        """People holding ``role`` (in ``country``, if given) on ``day``."""
        found = []
        candidates = (
            self.people.values()
            if country is None
            else self.office_holders.get((country, role), [])
        )
        for person in candidates:
            for office in person.offices:
                if role not in office.roles:
                    continue
                if country is not None and office.country != country:
                    continue
                if day is None or office.holds_on(day):
                    found.append(person)
                    break
        return found

    def role_of_title(self, title: str) -> str | None:
        return self.titles.get(title.lower())


@cache
def load_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    """The bundled knowledge base plus the user's people files (cached per process)."""
    kb = KnowledgeBase()
    kb.add_people(read_tsv("actors/people.tsv", PEOPLE_HEADER), "people.tsv")
    for path in extra_files:
        kb.add_people(read_user_tsv(path, PEOPLE_HEADER), str(path))
    kb.index_people()
    kb.add_countries(read_tsv("actors/countries.tsv", COUNTRIES_HEADER))
    kb.add_institutions(read_tsv("actors/institutions.tsv", INSTITUTIONS_HEADER))
    kb.add_igos(read_tsv("actors/igos.tsv", IGOS_HEADER))
    for row in read_tsv("actors/sectors.tsv", SECTORS_HEADER):
        kb.sector_terms[row["term"].lower()] = (row["sector"], row["kind"])
    for row in read_tsv("actors/titles.tsv", TITLES_HEADER):
        kb.titles[row["title"].lower()] = row["role"]
    # regions after cities, in the same table: "clashes in Borno" is a place events happen
    # in, like a city; a city of the same name keeps the form (setdefault)
    for name in ("actors/cities.tsv", "actors/regions.tsv"):
        try:
            kb.add_cities(read_tsv(name, CITIES_HEADER))
        except ValueError as exc:
            raise ConfigError(f"{name}: bad coordinate: {exc}") from exc
    kb.index_starts()
    return kb


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter added, dropped or changed, or by two
    neighbouring letters swapped."""
    if a == b:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) - len(short) != 1:
        return False
    i = next((k for k, (x, y) in enumerate(zip(short, long, strict=False)) if x != y), len(short))
    return short[i:] == long[i + 1 :]


def _fold(word: str) -> str:
    """``word`` without accents: "Hernández" -> "Hernandez"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
