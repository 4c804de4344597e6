"""Actor memory across documents: a person once named in full with a title resolves
later from the surname alone, within their time in office.

Within one document the resolver already links "Murkomen" to "Interior Minister
Kipchumba Murkomen" named earlier (``DocumentActors``). Across documents, the coder
reports the people each document names in full with what it says they are
(``PersonTitle``: title, country, sector; for people in the knowledge base, the term of
the office they held that day). ``ActorMemory`` remembers them by surname, and a later
event or quote whose actor is only a surname that nothing else resolved (a person with
no knowledge-base id, one word, its country unknown or the same) gets that person, if
exactly one remembered person with the surname is valid on the event's date:

* someone in the knowledge base: while they hold the office they were seen in;
* anyone else: from ``GRACE_DAYS`` before the first document that named them with the
  title to ``days`` (setting ``actor_memory_days``, default 365) after the last one, as
  the term of an office that the news does not give is unknown.

Two valid people with one surname resolve neither. The store keeps the memory (table
``people_seen``) so that it carries over from one ingest to the next.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tacitus.records import Actor, CodedDocument, PersonTitle

__all__ = ["GRACE_DAYS", "ActorMemory", "Remembered"]

# A report can appear a few days after the event it describes, and an earlier report can
# use the surname alone: a remembered title also holds this many days before it was seen.
GRACE_DAYS = 7


@dataclass(slots=True)
class Remembered:
    """One person the corpus has named in full with a title."""

    name: str
    surname: str
    role: str | None
    country: str | None
    sector: str | None
    actor_id: str | None
    first_seen: date
    last_seen: date
    documents: int
    office_start: date | None = None  # a knowledge-base office's term, when known
    office_end: date | None = None

    def valid_on(self, day: date, days: int) -> bool:
        if self.actor_id is not None and (self.office_start or self.office_end):
            return (self.office_start is None or self.office_start <= day) and (
                self.office_end is None or day <= self.office_end
            )
        return (
            self.first_seen - timedelta(days=GRACE_DAYS)
            <= day
            <= self.last_seen + timedelta(days=days)
        )


class ActorMemory:
    """People named with a title, by surname (see the module's docstring)."""

    def __init__(self, days: int = 365, people: Iterable[Remembered] = ()) -> None:
        self.days = days
        self.by_name: dict[str, Remembered] = {}
        self.by_surname: dict[str, list[Remembered]] = {}
        for person in people:
            self._add(person)
        self.resolved = 0  # actors resolved from memory so far
        self._changed: dict[str, Remembered] = {}

    def _add(self, person: Remembered) -> None:
        self.by_name[person.name] = person
        self.by_surname.setdefault(person.surname, []).append(person)

    def learn(self, people: Iterable[PersonTitle], day: date | None) -> list[Remembered]:
        """Remember the people one document named with a title (``day``: the document's
        date; a document without one teaches nothing); the entries changed."""
        if day is None:
            return []
        changed: dict[str, Remembered] = {}
        for seen in people:
            surname = seen.surname or seen.name.split()[-1]
            if len(seen.name.split()) < 2 or not (seen.country and (seen.role or seen.sector)):
                continue
            known = self.by_name.get(seen.name)
            if known is None:
                known = Remembered(
                    seen.name,
                    surname,
                    seen.role,
                    seen.country,
                    seen.sector,
                    seen.actor_id,
                    day,
                    day,
                    0,
                    seen.office_start,
                    seen.office_end,
                )
                self._add(known)
            elif known.name not in changed:
                if day >= known.last_seen:  # the latest title wins
                    known.role = seen.role or known.role
                    known.country = seen.country or known.country
                    known.sector = seen.sector or known.sector
                    known.office_start = seen.office_start or known.office_start
                    known.office_end = seen.office_end or known.office_end
                known.first_seen = min(known.first_seen, day)
                known.last_seen = max(known.last_seen, day)
            else:
                continue  # one document counts once
            known.documents += 1
            changed[known.name] = known
        self._changed.update(changed)
        return list(changed.values())

    def take_changed(self) -> list[Remembered]:
        """The entries learned or updated since the last call (for the store to write)."""
        changed = list(self._changed.values())
        self._changed.clear()
        return changed

    def recall(self, actor: Actor, day: date | None) -> Actor | None:
        """The remembered person a bare surname stands for on ``day``, or None."""
        if (
            day is None
            or actor.kind != "person"
            or actor.actor_id is not None
            or " " in actor.name.strip()
        ):
            return None
        candidates = [
            p
            for p in self.by_surname.get(actor.name.strip(), ())
            if p.valid_on(day, self.days) and (actor.country in (None, p.country))
        ]
        if len(candidates) != 1:
            return None
        [person] = candidates
        return replace(
            actor,
            name=person.name,
            country=person.country,
            sector=person.sector or actor.sector,
            actor_id=person.actor_id,
            role=actor.role or person.role,
        )

    def apply(self, coded: CodedDocument) -> int:
        """Resolve the bare surnames of one document's events, quotes and actors from
        memory (in place); how many actors were resolved."""
        published = coded.document.published
        count = 0

        def resolved(actors: list[Actor], day: date | None, *, counted: bool = True) -> list[Actor]:
            nonlocal count
            out = []
            for actor in actors:
                found = self.recall(actor, day)
                if found is not None and counted:
                    count += 1
                out.append(found or actor)
            return out

        for event in coded.events:
            day = event.date or published
            event.source = resolved(event.source, day)
            event.target = resolved(event.target, day)
        for quote in coded.quotes:
            if quote.speaker is not None:
                quote.speaker = resolved([quote.speaker], published)[0]
        coded.actors = resolved(coded.actors, published, counted=False)
        self.resolved += count
        return count


def bare_surname(actor: Actor) -> bool:
    """A person named by one capitalised word that nothing in the document or the
    knowledge base resolved: the coder keeps an event with such a side for the actor
    memory to settle (``settle``)."""
    name = actor.name.strip()
    return (
        actor.kind == "person"
        and actor.actor_id is None
        and actor.country is None
        and " " not in name
        and name[:1].isupper()
    )


def settle(coded: CodedDocument, memory: ActorMemory | None) -> tuple[int, list[str]]:
    """Learn from one coded document, resolve its bare surnames from ``memory`` (none:
    resolve nothing), and drop the events with a side still without any country, as
    the coder drops such events itself. The number of actors resolved and the reasons
    of the events dropped."""
    recalled = 0
    if memory is not None:
        memory.learn(coded.people, coded.document.published)
        recalled = memory.apply(coded)
    kept, dropped = [], []
    changed = False
    for event in coded.events:
        side = None
        for name, actors in (("source", event.source), ("target", event.target)):
            named = [a for a in actors if not bare_surname(a)]
            if len(named) < len(actors):
                # a surname nobody resolved: out of a compound side, or the event goes
                actors[:] = named
                changed = True
                if not named:
                    side = side or name
            elif actors and all(a.country is None and a.actor_id is None for a in actors):
                side = side or name
        if side is None:
            kept.append(event)
        else:
            dropped.append(f"{side} without country")
    if dropped or changed:
        coded.events = kept
        by_key: dict[str, Actor] = {}
        for event in kept:
            for actor in event.source + event.target:
                by_key.setdefault(actor.key, actor)
        coded.actors = list(by_key.values())
    return recalled, dropped
