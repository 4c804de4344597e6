"""Resolve the noun phrase of an event argument to a coded :class:`Actor`.

Order of evidence, strongest first: a person in the knowledge base named in full or by
alias; a surname seen in full earlier in the document (in-document coreference) or
held by exactly one office holder on the day; an institution or IGO; a title with a
country ("the Israeli prime minister" → whoever held the office that day, preferring
someone the document names); a country name, demonym or capital; a bare group noun.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from spacy.tokens import Doc, Span, Token

from tacitus.actors.kb import City, Institution, KnowledgeBase, Person, Place, normalize
from tacitus.records import Actor

# Children whose subtrees are not part of the actor's own name or title.
_EXCLUDED_DEPS = {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep", "case"}
_TITLE_PREPS = {"of", "for"}
# The entity types spaCy gives a lone surname ("Osoro" is often ORG to the small model).
SURNAME_ENTITY_TYPES = frozenset({"PERSON", "ORG"})
# A bare surname resolves to someone out of office only this many years after they left.
RECENT_OFFICE_YEARS = 10


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # token index in the doc
    end: int
    kind: str  # person | place | institution | title | sector
    text: str
    value: object


@dataclass(slots=True)
class PersonSeen:
    """What the document tells about a person, gathered before events are coded."""

    name: str
    person: Person | None
    role: str | None = None
    organization: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class DocumentActors:
    """In-document memory: people named in full, by surname."""

    published: date | None
    by_surname: dict[str, PersonSeen] = field(default_factory=dict)
    by_id: dict[str, PersonSeen] = field(default_factory=dict)
    # every dictionary match of the document, from the pre-pass (reused by the scan for
    # the country a story is about)
    matches: list[Match] = field(default_factory=list)

    def remember(self, seen: PersonSeen) -> PersonSeen:
        key = seen.person.actor_id if seen.person else seen.name
        known = self.by_id.get(key)
        if known is None:
            self.by_id[key] = known = seen
        else:
            known.role = known.role or seen.role
            known.organization = known.organization or seen.organization
            known.country = known.country or seen.country
            known.sector = known.sector or seen.sector
        self.by_surname.setdefault(seen.name.split()[-1], known)
        return known


class ActorResolver:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # -- dictionary matching ------------------------------------------------------
    def matches(self, doc: Doc, start: int, end: int) -> list[Match]:
        """Longest non-overlapping dictionary matches in ``doc[start:end]`` (kept on the
        document: every pattern that fits a sentence resolves the same phrases again)."""
        # (a document made from part of this one shares its user data: the cache is
        # checked to be this text's)
        entry = doc.user_data.get(_MATCHES_KEY)
        if entry is None or entry[0] != (id(doc), len(doc)):
            entry = doc.user_data[_MATCHES_KEY] = ((id(doc), len(doc)), {})
        cache: dict[tuple[int, int, int], list[Match]] = entry[1]
        key = (id(self.kb), start, end)
        found = cache.get(key)
        if found is None:
            whole = cache.get((id(self.kb), 0, len(doc)))
            inside = None if whole is None else _within(whole, start, end)
            found = cache[key] = inside if inside is not None else self._scan(doc, start, end)
        return list(found)

    def _scan(self, doc: Doc, start: int, end: int) -> list[Match]:
        tokens = doc_tokens(doc)
        found: list[Match] = []
        starts = self.kb.starts
        longest = self.kb.max_words + 2
        i = start
        while i < end:
            if tokens.lower[i] not in starts:
                i += 1
                continue
            hit = None
            for length in range(self._reach(tokens, i, min(longest, end - i)), 0, -1):
                j = i + length
                if tokens.space[j - 1] or tokens.punct[j - 1]:
                    continue
                hit = self._lookup(doc, tokens, i, j)
                if hit is not None:
                    break
            if hit is None:
                i += 1
            else:
                found.append(hit)
                i = hit.end
        return found

    def _reach(self, tokens: _Tokens, i: int, limit: int) -> int:
        """The most words from token ``i`` (at most ``limit``) that may still spell a name:
        once the lower-cased phrase begins no name of the knowledge base, no longer phrase
        is one, so :meth:`_lookup` need not try it."""
        keys = self.kb.keys
        if not keys:
            return limit
        for length in range(1, limit + 1):
            text = normalize(tokens.text_of(i, i + length))
            if "\u03a3" in text:  # capital sigma: str.lower() depends on what follows
                return limit
            lower = text.lower()
            at = bisect_left(keys, lower)
            if at == len(keys) or not keys[at].startswith(lower):
                return length - 1
        return limit

    def _lookup(self, doc: Doc, tokens: _Tokens, i: int, j: int) -> Match | None:
        text = normalize(tokens.text_of(i, j))
        lower = text.lower()
        kb = self.kb
        if text in kb.person_names:
            return Match(i, j, "person", text, kb.people[kb.person_names[text]])
        if text in kb.institutions:
            return Match(i, j, "institution", text, kb.institutions[text])
        if text in kb.places:
            return Match(i, j, "place", text, kb.places[text])
        if lower in kb.titles and not (j - i == 1 and doc[i].pos_ == "VERB"):
            return Match(i, j, "title", lower, kb.titles[lower])
        if lower in kb.sector_terms and not _proper_modifier(doc[i:j]):
            return Match(i, j, "sector", lower, kb.sector_terms[lower])
        # a city that is also someone's surname ("Lagos", "Paris") is the city unless
        # the parser took it for a person
        city = text in kb.cities and not (j - i == 1 and doc[i].ent_type_ == "PERSON")
        if city:
            return Match(i, j, "city", text, kb.cities[text])
        if j - i == 1 and text in kb.surnames and text[:1].isupper():
            return Match(i, j, "surname", text, text)
        if text in kb.cities:
            return Match(i, j, "city", text, kb.cities[text])
        return None

    # -- document pre-pass ----------------------------------------------------------
    def prepare(self, doc: Doc, published: date | None) -> DocumentActors:
        """Remember every person named in full, with their title and organisation."""
        memory = DocumentActors(published)
        memory.matches = self.matches(doc, 0, len(doc))
        for match in memory.matches:
            if match.kind == "person":
                assert isinstance(match.value, Person)
                head = doc[match.end - 1]
                role, org = self._apposition(head)
                memory.remember(PersonSeen(match.value.name, match.value, role, org))
        for ent in doc.ents:
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            name = normalize(ent.text)
            if self.kb.person_by_name(name) or not name.split()[-1][:1].isupper():
                continue
            head = ent.root
            role, org = self._apposition(head)
            country, sector = self._describe(doc, head)
            memory.remember(PersonSeen(name, None, role, org, country, sector))
        return memory

    def _apposition(self, head: Token) -> tuple[str | None, str | None]:
        """("spokesman", "U.S. State Department") from "X, spokesman for the U.S. ..."."""
        role = org = None
        for child in head.children:
            if child.dep_ == "appos":
                role = child.text if child.pos_ == "NOUN" else None
                for grand in child.children:
                    if grand.dep_ == "prep" and grand.lower_ in _TITLE_PREPS:
                        objects = [t for t in grand.children if t.dep_ == "pobj"]
                        if objects:
                            span = head.doc[objects[0].left_edge.i : objects[0].i + 1]
                            org = without_determiner(span)
        if role is None:
            titles = [
                head.doc[m.start : m.end].text
                for m in self.matches(head.doc, head.left_edge.i, head.i)
                if m.kind == "title"
            ]
            role = titles[-1] if titles else None
        return role, org

    def _describe(self, doc: Doc, head: Token) -> tuple[str | None, str | None]:
        country = sector = None
        for match in self.matches(doc, *_phrase_bounds(head)):
            if match.kind == "place" and isinstance(match.value, Place):
                country = country or match.value.country
            elif match.kind == "institution" and isinstance(match.value, Institution):
                country = country or match.value.country
                sector = sector or match.value.sector
            elif match.kind == "sector" and isinstance(match.value, tuple):
                sector = sector or match.value[0]
            elif match.kind == "title":
                sector = sector or "GOV"
        return country, sector

    # -- resolution -----------------------------------------------------------------------
    def name_conjunct(self, head: Token) -> Token | None:
        """The conjunct that is part of the head's own name: "Nevis" in "Saint Kitts and
        Nevis", "Barbuda" in "Antigua and Barbuda" (one dictionary name across the "and"
        the parser read as two)."""
        for child in head.rights:
            if child.dep_ != "conj":
                continue
            start = _phrase_bounds(head)[0]
            end = _phrase_bounds(child)[1]
            for match in self.matches(head.doc, start, end):
                if match.start <= head.i and match.end > child.i:
                    return child
            return None
        return None

    def resolve(self, head: Token, memory: DocumentActors, day: date | None) -> Actor | None:
        """The actor named by the noun phrase headed by ``head``, or None."""
        doc = head.doc
        start, end = _phrase_bounds(head)
        joined = self.name_conjunct(head) if head.n_rights else None
        if joined is not None:
            end = max(end, _phrase_bounds(joined)[1])
        phrase = doc[start:end]
        matches = self.matches(doc, start, end)
        day = day or memory.published

        people = [m for m in matches if m.kind == "person"]
        if people:
            person = people[-1].value
            assert isinstance(person, Person)
            return self._person_actor(person, phrase.text, day)

        named = any(m.kind == "surname" and m.end == head.i + 1 for m in matches)
        if (head.pos_ == "PROPN" or head.ent_type_ == "PERSON" or named) and not _names_place(
            head, matches
        ):
            surname_actor = self._by_surname(head.text, phrase.text, memory, day)
            if surname_actor is not None:
                return surname_actor

        country = sector = None
        institution = None
        title_role = None
        title_text = None
        title_word = None  # a title-like sector term: "secretary", "minister"
        ethnic: str | None = None  # the country an ethnic group's name comes from
        for match in matches:
            if match.kind == "institution":
                assert isinstance(match.value, Institution)
                institution = institution or match.value
            elif match.kind == "place":
                assert isinstance(match.value, Place)
                if match.value.kind == "demonym" and _ethnic(doc, match, head):
                    # "ethnic Albanians": a people, not the state
                    ethnic = ethnic or match.value.country
                    continue
                country = country or match.value.country
            elif match.kind == "title":
                title_role, title_text = str(match.value), match.text
            elif match.kind == "sector":
                assert isinstance(match.value, tuple)
                sector = match.value[0]
                if match.value[1] == "title":
                    title_word = match.text
        if institution is not None:
            country = country if institution.country in (None, "") else institution.country
            sector = sector if institution.kind == "institution" and sector else institution.sector
        if ethnic and institution is None:
            # "ethnic Albanians in Macedonia", "the Albanians of southern Serbia": an
            # ethnic group is coded by the country it lives in: the place named with
            # it, else the one country the sentence's places are in, else (no place or
            # several) the country its name comes from
            country = (
                country
                or self._where(head, ("in", "of"))
                or self._sentence_country(head, start, end)
                or ethnic
            )
            sector = sector or "CVL"

        if head.pos_ == "NOUN" and not any(m.start <= head.i < m.end for m in matches):
            # "President Reagan's latest policy statement": a thing of someone's is
            # theirs (the possessor, resolved on its own)
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            outside = owner is not None and any(
                m.start > owner.right_edge.i or m.end <= owner.left_edge.i for m in matches
            )  # "bin Laden's al-Qaeda network" is al-Qaeda's
            if owner is not None and owner.pos_ in {"PROPN", "NOUN"} and not outside:
                found = self.resolve(owner, memory, day)
                if found is not None:
                    return replace(found, text=phrase.text)

        # A named person the KB does not know: keep the name, code what the text says.
        head_is_city = any(m.kind == "city" and m.start <= head.i < m.end for m in matches)
        if (
            not head_is_city
            and head.ent_type_ == "PERSON"
            and title_role is not None
            and institution is None
            and country is None
        ):
            # a surname misspelt by one letter, confirmed by the title of the one office
            # holder it fits ("President Abdelaziz Bouteflicka")
            surname = self.kb.misspelt_surname(head.text)
            holders = [
                person
                for person in (self.kb.people_by_surname(surname) if surname else [])
                if any(
                    title_role in o.roles and (day is None or o.holds_on(day))
                    for o in person.offices
                )
            ]
            if len(holders) == 1:
                return self._person_actor(holders[0], phrase.text, day)
        if not head_is_city and (
            head.ent_type_ == "PERSON"
            or (head.pos_ == "PROPN" and institution is None and country is None)
        ):
            seen = memory.by_surname.get(head.text)
            name = seen.name if seen else _name_tokens(phrase, head)
            if head.ent_type_ == "PERSON" or seen:
                return Actor(
                    kind="person",
                    name=name,
                    text=phrase.text,
                    country=country or (seen.country if seen else None),
                    sector=sector
                    or (seen.sector if seen else None)
                    or ("GOV" if title_role else None),
                    role=title_text or (seen.role if seen else None),
                )
            if (
                len(phrase) == 1
                and head.ent_type_ in SURNAME_ENTITY_TYPES
                and not head.text.isupper()
                and not matches
            ):
                # A capitalised word alone ("Osoro accused ..."), often taken for an
                # organisation by the small model, and no acronym ("NPFL"): a surname
                # the actor memory across documents may know (tacitus.actors.memory);
                # unresolved, it is dropped.
                return Actor(kind="person", name=head.text, text=phrase.text)

        if title_role is not None:
            holder = self._holder(title_role, title_text or "", country, memory, day)
            if holder is not None:
                return self._person_actor(holder, phrase.text, day)
        elif title_word is not None and country is not None:
            holder = self._holder("", title_word, country, memory, day, named_only=True)
            if holder is not None:
                return self._person_actor(holder, phrase.text, day)

        if institution is not None:
            return Actor(
                kind="organization",
                name=institution.name,
                text=phrase.text,
                country=country,
                sector=sector or "GOV",
                actor_id=f"org:{institution.org}" if institution.org else None,
            )
        if country is not None:
            capital = any(isinstance(m.value, Place) and m.value.kind == "capital" for m in matches)
            return Actor(
                kind="country" if not sector and not title_role else "group",
                name=self.kb.country_names.get(country, country),
                text=phrase.text,
                country=country,
                sector=sector or ("GOV" if title_role or capital else None),
                role=title_text,
            )
        cities = [m.value for m in matches if isinstance(m.value, City)]
        if cities and sector is None and title_role is None:
            # "shelled Kharkiv": the city stands for its country
            return Actor(
                kind="country", name=cities[0].name, text=phrase.text, country=cities[0].country
            )
        if sector is not None or title_role is not None:
            return Actor(
                kind="group",
                name=without_determiner(phrase),
                text=phrase.text,
                sector=sector or "GOV",
                # "police in Abuja", "Sao Paulo businesses": where the group is
                country=(self._where(head) or (cities[0].country if cities else None))
                if title_role is None
                else None,
                # "the Labour leader": one person's role, no collective
                role=title_text if title_role is not None else title_word,
            )
        return None

    def _where(self, head: Token, preps: tuple[str, ...] = ("in", "from")) -> str | None:
        """The country of the place a group is said to be in or from: "police in Abuja",
        "rebels in eastern Congo", "students from Kenya" (None when none or several). A
        place's name outweighs an adjective on it: "the Israeli-occupied West Bank"."""
        countries, described = set(), set()
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for match in self.matches(pobj.doc, pobj.left_edge.i, pobj.i + 1):
                    place = place_country(match.value)
                    if place is not None:
                        countries.add(place)
                    elif isinstance(match.value, Place):  # a demonym
                        described.add(match.value.country)
        countries = countries or described
        return countries.pop() if len(countries) == 1 else None

    def _sentence_country(self, head: Token, start: int, end: int) -> str | None:
        """The one country the places of ``head``'s sentence are in, outside the phrase
        ``start:end`` (None when none or several)."""
        sentence = head.sent
        countries = {
            place_country(m.value)
            for m in self.matches(head.doc, sentence.start, sentence.end)
            if m.end <= start or m.start >= end
        }
        countries.discard(None)
        return countries.pop() if len(countries) == 1 else None

    def counterpart(self, head: Token, of: Actor, day: date | None) -> Actor | None:
        """ "his Turkish counterpart": whoever holds ``of``'s office in that country."""
        person = self.kb.people.get(of.actor_id or "")
        office = person.office_on(day) if person else None
        countries = [
            m.value.country
            for m in self.matches(head.doc, *_phrase_bounds(head))
            if isinstance(m.value, Place)
        ]
        if office is None or not countries:
            return None
        for role in sorted(office.roles):
            holders = self.kb.holders(countries[0], role, day)
            if len(holders) == 1:
                return self._person_actor(
                    holders[0], head.doc[head.left_edge.i : head.i + 1].text, day
                )
        return Actor(
            kind="group",
            name=self.kb.country_names.get(countries[0], countries[0]),
            text=head.text,
            country=countries[0],
            sector=office.sector,
        )

    def resolve_group(
        self, head: Token, members: list[Token], memory: DocumentActors, day: date | None
    ) -> list[Actor]:
        """ "the foreign ministers of Egypt, Jordan and Saudi Arabia": one actor each."""
        doc = head.doc
        start = _phrase_bounds(head)[0]
        titles = [m for m in self.matches(doc, start, head.i + 1) if m.kind in {"title", "sector"}]
        singular = head.lemma_.lower()
        role = self.kb.titles.get(singular) or self.kb.titles.get(
            " ".join(
                t.lemma_.lower()
                for t in doc[start : head.i + 1]
                if t.dep_ != "det" and not t.is_space
            )
        )
        actors: list[Actor] = []
        for member in members:
            places = [
                m.value
                for m in self.matches(doc, member.left_edge.i, member.i + 1)
                if isinstance(m.value, Place)
            ]
            if not places:
                actor = self.resolve(member, memory, day)
                if actor is not None:
                    actors.append(actor)
                continue
            country = places[0].country
            if role is not None:
                holders = self.kb.holders(country, role, day)
                if len(holders) == 1:
                    actors.append(self._person_actor(holders[0], member.text, day))
                    continue
            sector = None
            for match in titles:
                sector = "GOV" if match.kind == "title" else match.value[0]  # type: ignore[index]
            actors.append(
                Actor(
                    kind="group" if sector else "country",
                    name=self.kb.country_names.get(country, country),
                    text=member.text,
                    country=country,
                    sector=sector,
                )
            )
        return actors

    def resolve_many(self, head: Token, memory: DocumentActors, day: date | None) -> list[Actor]:
        """Like :meth:`resolve`, but a phrase the parser failed to split ("Foreign Minister
        Hakan Fidan and Egyptian Foreign Minister Badr Abdelatty" parsed as one noun
        phrase) gives every person it names when a conjunction separates them."""
        doc = head.doc
        start, end = _phrase_bounds(head)
        people = [m for m in self.matches(doc, start, end) if m.kind == "person"]
        if len(people) >= 2:
            joined = all(
                any(t.lower_ in {"and", ","} for t in doc[a.end : b.start])
                for a, b in pairwise(people)
            )
            if joined:
                day = day or memory.published
                found = []
                for match in people:
                    assert isinstance(match.value, Person)
                    found.append(self._person_actor(match.value, match.text, day))
                return found
        places = [m for m in self.matches(doc, start, end) if isinstance(m.value, Place)]
        if (
            len(places) >= 2
            and head.tag_ in {"NNS", "NNPS"}
            and all(
                any(t.lower_ in {"and", ","} for t in doc[a.end : b.start])
                for a, b in pairwise(places)
            )
        ):
            # "Indian and Pakistani troops": one collective per country
            actor = self.resolve(head, memory, day)
            if actor is not None and actor.actor_id is None:
                found = []
                for match in places:
                    assert isinstance(match.value, Place)
                    code = match.value.country
                    name = self.kb.country_names.get(code, code)
                    found.append(
                        Actor(
                            kind=actor.kind,
                            name=name,
                            text=match.text,
                            country=code,
                            sector=actor.sector,
                            role=actor.role,
                        )
                    )
                return found
        origins = self._origins(head) if head.tag_ in {"NNS", "NNPS"} else []
        if len(origins) >= 2:
            # "troops from Monaco and Saudi Arabia": one collective per country
            actor = self.resolve(head, memory, day)
            if actor is not None and actor.actor_id is None:
                return [
                    replace(
                        actor,
                        kind="group" if actor.sector else "country",
                        name=self.kb.country_names.get(code, code),
                        country=code,
                    )
                    for code in origins
                ]
        actor = self.resolve(head, memory, day)
        return [actor] if actor is not None else []

    def _origins(self, head: Token) -> list[str]:
        """The countries of a "from X and Y" phrase on ``head``, in order."""
        found: list[str] = []
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "from":
                continue
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for node in [pobj, *pobj.conjuncts]:
                    for match in self.matches(node.doc, node.left_edge.i, node.i + 1):
                        value = match.value
                        if isinstance(value, Place | City) and value.country not in found:
                            found.append(value.country)
        return found

    def _person_actor(self, person: Person, text: str, day: date | None) -> Actor:
        office = person.office_on(day)
        return Actor(
            kind="person",
            name=person.name,
            text=text,
            country=office.country if office else None,
            sector=office.sector if office else None,
            actor_id=person.actor_id,
            role=office.title if office else None,
        )

    def _by_surname(
        self, surname: str, text: str, memory: DocumentActors, day: date | None
    ) -> Actor | None:
        seen = memory.by_surname.get(surname)
        if seen is not None and seen.person is not None:
            return self._person_actor(seen.person, text, day)
        if seen is not None:
            return None
        candidates = self.kb.people_by_surname(surname)
        if day is not None:
            in_office = [p for p in candidates if any(o.holds_on(day) for o in p.offices)]
            # "Trump" between his terms, yes; a 1980s prime minister's surname in
            # today's news is far more likely someone else's
            recent = [p for p in candidates if _left_office_within(p, day, RECENT_OFFICE_YEARS)]
            candidates = in_office or recent
        if len(candidates) == 1:
            return self._person_actor(candidates[0], text, day)
        offices = {(o.country, o.sector) for p in candidates if (o := p.office_on(day))}
        if len(offices) == 1 and len(candidates) > 1:
            # "President Bush" with no date: which Bush is open, but not his country
            [(country, sector)] = offices
            return Actor(kind="person", name=surname, text=text, country=country, sector=sector)
        return None

    def _holder(
        self,
        role: str,
        title: str,
        country: str | None,
        memory: DocumentActors,
        day: date | None,
        *,
        named_only: bool = False,
    ) -> Person | None:
        """Who a title refers to: someone the document names, else the office holder."""
        named = []
        for seen in memory.by_id.values():
            if seen.person is None:
                continue
            office = seen.person.office_on(day)
            if office is None or (country is not None and office.country != country):
                continue
            if role in office.roles or office.title.lower().startswith(title):
                named.append(seen.person)
        if len(named) == 1:
            return named[0]
        if country is None or named_only:
            return None
        holders = self.kb.holders(country, role, day)
        titled = [
            p for p in holders if (office := p.office_on(day)) and office.title.lower() == title
        ]
        holders = titled or holders
        return holders[0] if len(holders) == 1 else None


@dataclass(frozen=True, slots=True)
class _Tokens:
    """Per-document token attributes read once: indexing a spaCy Doc token by token is
    what made dictionary matching slow."""

    text: list[str]
    lower: list[str]
    whitespace: list[str]
    space: list[bool]
    punct: list[bool]

    def text_of(self, i: int, j: int) -> str:
        pieces = [self.text[k] + self.whitespace[k] for k in range(i, j - 1)]
        pieces.append(self.text[j - 1])
        return "".join(pieces)


_TOKENS_KEY = "tacitus_tokens"


def _within(matches: list[Match], start: int, end: int) -> list[Match] | None:
    """The matches of the whole document that a scan of ``[start, end)`` would find: the
    ones inside it, when none crosses either edge (the greedy scan then passes both
    edges as the scan of the range does); None when one does."""
    inside = []
    for match in matches:
        if match.end <= start:
            continue
        if match.start >= end:
            break
        if match.start < start or match.end > end:
            return None
        inside.append(match)
    return inside


_MATCHES_KEY = "tacitus.matches"


def doc_tokens(doc: Doc) -> _Tokens:
    """Each token's text, lower-case form, trailing whitespace and space and punctuation
    flags, read once per document (and kept on it)."""
    cached = doc.user_data.get(_TOKENS_KEY)
    if cached is None or len(cached.text) != len(doc):
        cached = _Tokens([], [], [], [], [])
        for t in doc:  # one pass: creating Token objects is the cost
            cached.text.append(t.text)
            cached.lower.append(t.lower_)
            cached.whitespace.append(t.whitespace_)
            cached.space.append(t.is_space)
            cached.punct.append(t.is_punct)
        doc.user_data[_TOKENS_KEY] = cached
    return cached


def _names_place(head: Token, matches: list[Match]) -> bool:
    """Whether the name ending at ``head`` is all a place's name ("Sierra Leone",
    "Montenegro"): no surname then, though a Leone or a Montenegro held office
    somewhere. "Michael Jordan" is a name with a place in it, not a place."""
    first = head.i
    while first > 0 and head.doc[first - 1].pos_ == "PROPN" and head.doc[first - 1].head == head:
        first -= 1
    return any(m.kind in {"place", "city"} and m.start <= first and m.end > head.i for m in matches)


def place_country(value: object) -> str | None:
    """The country of a match that names a place: a city, region, country or capital (a
    demonym describes, it names no place)."""
    if isinstance(value, City) or (isinstance(value, Place) and value.kind != "demonym"):
        return value.country
    return None


def _ethnic(doc: Doc, match: Match, head: Token) -> bool:
    """The demonym ``match`` names an ethnic group rather than a country's citizens:
    "ethnic Albanians", "an ethnic Russian party", "the Albanians of southern Serbia"."""
    if match.start > 0 and doc[match.start - 1].lower_ == "ethnic":
        return True
    if not (match.start <= head.i < match.end) or head.tag_ not in {"NNPS", "NNS"}:
        return False
    return any(
        prep.dep_ == "prep" and prep.lower_ == "of" and any(c.dep_ == "pobj" for c in prep.children)
        for prep in head.children
    )


def _left_office_within(person: Person, day: date, years: int) -> bool:
    """Whether ``person`` held an office that began by ``day`` and ended at most
    ``years`` before it."""
    return any(
        (o.start is None or o.start <= day)
        and (o.end is None or (day - o.end).days <= years * 365.25)
        for o in person.offices
    )


def _proper_modifier(span: Span) -> bool:
    """ "the Labour leader": a capitalised modifier before a lowercase head is a name
    (a party), so "labour leader" must not code the labour sector."""
    first, last = span[0], span[-1]
    return (
        len(span) > 1
        and first.text[:1].isupper()
        and not first.is_sent_start
        and last.text[:1].islower()
    )


# Words that stand for part of the group their "of" phrase names.
_PARTITIVES = frozenset(
    {"some", "many", "most", "several", "all", "none", "few", "each", "both", "one", "any"}
)


def _phrase_bounds(head: Token) -> tuple[int, int]:
    """Token bounds of the head's own name or title: left modifiers and "of"-phrases."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _EXCLUDED_DEPS:
            continue
        start = min(start, child.left_edge.i)
    end = head.i + 1
    for child in head.rights:
        title_prep = child.dep_ == "prep" and child.lower_ in _TITLE_PREPS
        if (title_prep and (head.pos_ in {"NOUN", "NUM"} or head.lower_ in _PARTITIVES)) or (
            child.dep_ in {"compound", "flat"}
        ):
            # "two of the nurses", "some of the protesters": the group they are part of
            end = max(end, child.right_edge.i + 1)
        elif title_prep and head.pos_ == "PROPN" and child.lower_ == "of" and _proper_of(child):
            # a name with "of" in it: "the Isle of Man", "the Republic of Korea"
            end = max(end, child.right_edge.i + 1)
    while start < end and (head.doc[start].is_punct or head.doc[start].is_space):
        start += 1
    return start, end


def _proper_of(prep: Token) -> bool:
    """ "of" followed by a proper name alone ("of Man", "of the Congo")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return (
        len(objects) == 1
        and objects[0].pos_ == "PROPN"
        and all(t.pos_ in {"PROPN", "DET"} for t in prep.doc[prep.i + 1 : prep.right_edge.i + 1])
    )


def without_determiner(span: Span) -> str:
    """ "the State Department" -> "State Department" (a lone determiner is kept)."""
    if len(span) > 1 and span[0].dep_ == "det":
        span = span[1:]
    return normalize(span.text)


def _name_tokens(phrase: Span, head: Token) -> str:
    """The proper-name part of a phrase: "Mahmoud Abbas" from "PA head Mahmoud Abbas"."""
    tokens = [head]
    for token in reversed(list(phrase.doc[phrase.start : head.i])):
        if (
            token.pos_ == "PROPN"
            and token.ent_type_ == head.ent_type_
            and token.dep_ in {"compound", "flat"}
        ):
            tokens.insert(0, token)
        else:
            break
    return " ".join(t.text for t in tokens)
