"""Event coreference within a document: one event, several mentions.

Two candidate events are the same event when they have the same type and status, the
same participants (as sets; either direction for symmetric types such as CONSULT; for
an act by no one named, told in a headline and the body, the same people of one country),
compatible modes (equal, or one unknown) and compatible dates (equal, or one of them
only inferred from the publication date). Within one sentence, events of one type and
source whose targets differ in wording but not in country are one act ("attacked the
camp of Congolese refugees, killing 156 people"). The merged event keeps every mention and
attribution, the more specific mode and the date read from the text.
"""

from __future__ import annotations

from tacitus.clean import ends_like_sentence
from tacitus.records import Actor, Attribution, Event

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# Modes of meeting in person: a vaguer mention may name another ("met in Amman" for a
# trilateral meeting that is also in Jordan's capital).
MEETING_MODES = frozenset({"visit", "third-party", "multilateral"})
MENTION_BONUS = 0.1


def _same_sentence(a: Event, b: Event) -> bool:
    return bool(
        {(m.doc_id, m.start) for m in a.mentions} & {(m.doc_id, m.start) for m in b.mentions}
    )


def _side_countries(actors: list[Actor]) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country is not None)


def _sides(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(a.key for a in event.source), frozenset(a.key for a in event.target)


def same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or a.status != b.status:
        return False
    if not a.source and not b.source and _same_sentence(a, b):
        return True  # one attack by no one named, read from two of its words
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if not a.source and not b.source and _unattributed_twins(a, b):
        # "Blast Kills Nine at Market" over "a car bomb killed nine people at a market
        # in Kirkuk": one attack by no one named, its victims counted in other words
        return a.date_from_publication or b.date_from_publication or a.date == b.date
    a_src, a_tgt = _sides(a)
    b_src, b_tgt = _sides(b)
    if a_src == b_src and a_tgt != b_tgt and _same_sentence(a, b):
        # "the camp of Congolese refugees was attacked by militiamen, killing 156
        # people": one act, its target named twice, of the same country
        # ("bowed to pressure from the unions and withdrew the bill": one concession,
        # its target named once)
        if not a_tgt or not b_tgt:
            return True
        if any(x.kind == "person" for x in a.target + b.target):
            return False  # "visited China, where he met Xi": subsumes() keeps Xi
        a_countries, b_countries = _side_countries(a.target), _side_countries(b.target)
        return bool(a_countries) and a_countries == b_countries
    if a.type in SYMMETRIC_TYPES:
        if a_src | a_tgt != b_src | b_tgt:
            return False
    elif (a_src, a_tgt) != (b_src, b_tgt):
        return False
    if a.date_from_publication or b.date_from_publication:
        return True
    return a.date == b.date


def _unattributed_twins(a: Event, b: Event) -> bool:
    """Two acts by no one named on the same people of the same country, in no two
    different places, one of them told in a headline (two attacks told in the body are
    two attacks)."""
    if not any(
        not ends_like_sentence(m.sentence) for e in (a, b) for m in e.mentions if m.sentence
    ):
        return False
    countries = _side_countries(a.target)
    if not countries or countries != _side_countries(b.target):
        return False
    if {x.sector for x in a.target} != {x.sector for x in b.target}:
        return False
    places = {e.location.name for e in (a, b) if e.location is not None}
    return len(places) <= 1


def merge_into(kept: Event, other: Event) -> None:
    """Fold ``other`` into ``kept`` (kept's actors and direction win)."""
    spans = {(m.doc_id, m.start, m.end) for m in kept.mentions}
    for mention in other.mentions:
        if (mention.doc_id, mention.start, mention.end) not in spans:
            spans.add((mention.doc_id, mention.start, mention.end))
            kept.mentions.append(mention)
    kept.mentions.sort(key=lambda m: (m.doc_id, m.start))
    kept.mode = kept.mode or other.mode
    if kept.date_from_publication and not other.date_from_publication:
        kept.date = other.date
        kept.date_precision = other.date_precision
        kept.date_text = other.date_text
        kept.date_from_publication = False
    if kept.location is None:
        kept.location = other.location
    _merge_attributions(kept.attribution, other.attribution)
    for topic in other.topics:
        if topic not in kept.topics:
            kept.topics.append(topic)
    for context in other.context:
        if context not in kept.context:
            kept.context.append(context)
    kept.confidence = min(1.0, max(kept.confidence, other.confidence) + MENTION_BONUS)


def _merge_attributions(kept: list[Attribution], others: list[Attribution]) -> None:
    for item in others:
        twin = next((k for k in kept if k.name and k.name == item.name), None)
        if twin is None:
            twin = next(
                (k for k in kept if not k.name and not item.name and k.role == item.role), None
            )
        if twin is None:
            kept.append(item)
        else:
            twin.role = twin.role or item.role
            twin.organization = twin.organization or item.organization


def _generic(actors: list[Actor]) -> bool:
    """Only countries or collectives ("Kenya", "Israeli officials"), no one named."""
    return all(a.kind in {"country", "group"} for a in actors)


def subsumes(specific: Event, generic: Event) -> bool:
    """The generic event names only the countries where the specific one names people.

    Either the sources are the same and the generic target is the country of the
    specific target ("visited Beijing, where he met Xi": one visit to Xi; "will visit
    Japan next week" and "would meet Kamikawa in Tokyo": one trip), or every actor of
    the generic event is a country or collective ("Kenya and Ethiopia talks" over
    "Ruto spoke with Abiy"). Outside one sentence the dates must be compatible.
    """
    if specific.type != generic.type or specific.status != generic.status:
        return False
    modes = {generic.mode, specific.mode} - {None}
    if len(modes) > 1 and not modes <= MEETING_MODES:
        return False
    if _generic(specific.source + specific.target):
        return False
    same_sentence = _same_sentence(specific, generic)
    inferred = generic.date_from_publication or specific.date_from_publication
    if not (same_sentence or inferred or generic.date == specific.date):
        return False
    if _sides(specific)[0] == _sides(generic)[0]:
        if not _generic(generic.target) or _generic(specific.target):
            return False
        return {a.country for a in specific.target} == {a.country for a in generic.target}
    if same_sentence or not _generic(generic.source + generic.target):
        return False
    # "Egyptian and Saudi ministers meet" in a headline over the trilateral meeting
    countries, named = _countries(specific), _countries(generic)
    return len(named) >= 2 and named <= countries and None not in countries


def _countries(event: Event) -> set[str | None]:
    return {a.country for a in event.source + event.target}


def merge_events(events: list[Event]) -> list[Event]:
    """Merge coreferent events, keeping first-mention order.

    An event with a textual date absorbs its publication-dated twins first, so that a
    headline's undated mention joins the body's dated one.
    """
    ordered = sorted(events, key=lambda e: e.date_from_publication)
    merged: list[Event] = []
    for event in ordered:
        twin = next((m for m in merged if same_event(m, event)), None)
        if twin is None:
            merged.append(event)
        else:
            merge_into(twin, event)
    for generic in list(merged):
        specific = next((m for m in merged if m is not generic and subsumes(m, generic)), None)
        if specific is not None:
            merged.remove(generic)
            merge_into(specific, generic)
            if generic.mode and (specific.mode is None or specific.mode == "third-party"):
                specific.mode = generic.mode
    merged.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return merged
