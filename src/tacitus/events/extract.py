"""Who did what to whom in one sentence: triggers, arguments, status, attribution, date.

``extract_sentence`` computes candidate events from a parsed sentence; it writes
nothing. A candidate that cannot become an event (no actor on one side, an actor
acting on itself) is returned as a :class:`Discarded` with the reason, so the runner
can count why candidates were dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from itertools import pairwise

from spacy.tokens import Span, Token

from tacitus.actors.kb import City, Institution, Place, normalize
from tacitus.actors.memory import bare_surname
from tacitus.actors.resolve import ActorResolver, DocumentActors, Match, without_determiner
from tacitus.events import dates
from tacitus.events.lexicon import load_lexicon, load_threat_rules
from tacitus.events.triggers import (
    QUANTITY_NOUNS,
    Trigger,
    TriggerSet,
    direct_object,
    headline_past,
    is_headline,
    load_triggers,
    modal_clause,
    reduced_relative,
)
from tacitus.ontology import load_ontology
from tacitus.records import Actor, Attribution, Event, Location, Mention, Status

WORDS = load_lexicon()  # immutable word lists from data/events/lexicon.toml
THREATS = load_threat_rules()  # conditional threats, data/events/threats.toml
# Marks on a mention's trigger id when the act it announces was coded as the statement
# it is: a threat ("will withdraw ... unless"), an intention ("will send aid": AGREE) or
# a promised concession ("promised to lift the curfew": CONCEDE, happened).
CONDITIONAL = "+condition"
INTENTION = "+intention"
PROMISE = "+promise"
# ... and when the act stays and its announcement or refusal is coded beside it: a threat
# ("said they would boycott": THREATEN and a planned PROTEST) or a refusal ("failed to
# reach agreement": REJECT and a denied AGREE).
ANNOUNCED = "+announced"
REFUSAL = "+refusal"
STATEMENTS = (CONDITIONAL, INTENTION, PROMISE, ANNOUNCED, REFUSAL)


@dataclass(slots=True)
class Discarded:
    trigger: str
    reason: str
    sentence: str


@dataclass(slots=True)
class SentenceContext:
    doc_id: str
    published: date | None
    memory: DocumentActors
    last_event: Event | None = None
    last_person: Actor | None = None
    discarded: list[Discarded] = field(default_factory=list)
    # the country the story is about, for collectives that name no country and no
    # place ("Gunmen stormed a police station"): Coder.code sets a function that scans
    # the document the first time it is asked
    find_story_country: Callable[[], str | None] | None = None
    story_known: bool = False
    story: str | None = None

    def story_country(self) -> str | None:
        if not self.story_known:
            self.story_known = True
            self.story = self.find_story_country() if self.find_story_country else None
        return self.story


def extract_sentence(
    sentence: Span,
    triggers: TriggerSet,
    resolver: ActorResolver,
    context: SentenceContext,
    likelihood: Mapping[str, float] | None = None,
) -> list[Event]:
    """Events of the trigger patterns that fit the sentence. Where patterns of several
    types fit one word, ``likelihood`` (the sentence classifier's per-type
    probabilities) decides which is tried first; without it, the file order does."""
    events: list[Event] = []
    used_triggers: set[int] = set()
    for token in sentence:
        if token.is_space or token.i in used_triggers:
            continue
        rules = triggers.candidates(token)
        if likelihood is not None and len({r.type for r in rules}) > 1:
            rules = _by_likelihood(rules, likelihood)
        for rule in rules:
            found = _apply(rule, token, sentence, resolver, context)
            if isinstance(found, Discarded):
                context.discarded.append(found)
                continue
            events.extend(found)
            used_triggers.add(token.i)
            if rule.objects:
                # "held talks": the object must not start a second, identical event
                obj = direct_object(token, rule.objects)
                if obj is not None:
                    used_triggers.add(obj.i)
            break
    events = _one_statement_each(events)
    events = _promise_not_agreement(events)
    _threat_targets(events)
    return events


def _promise_not_agreement(events: list[Event]) -> list[Event]:
    """ "Kenya agreed to lift the curfew", "the mayor promised to end the curfew": a
    concession promised is coded as that concession (CONCEDE, marked +promise), so the
    agreement or promise of the same source in the sentence is not coded beside it."""
    promised = {a.key for e in events if e.mentions[0].trigger.endswith(PROMISE) for a in e.source}
    if not promised:
        return events
    return [
        e
        for e in events
        if not (
            e.type == "AGREE" and not is_statement(e) and any(a.key in promised for a in e.source)
        )
    ]


# Patterns whose types the classifier rates within this of the likeliest are tried in
# file order: their files order them from the most specific ("exercises with Japan" is
# joint, COOPERATE) to the least ("exercises" alone, MOBILIZE).
LIKELIHOOD_MARGIN = 0.1


def _by_likelihood(rules: list[Trigger], likelihood: Mapping[str, float]) -> list[Trigger]:
    """The patterns that fit one word, in the order to try them: the classifier decides
    where it clearly prefers a type, the file order where it does not."""
    top = max(likelihood.get(r.type, 0.0) for r in rules)
    close = [r for r in rules if likelihood.get(r.type, 0.0) >= top - LIKELIHOOD_MARGIN]
    rest = sorted(
        (r for r in rules if likelihood.get(r.type, 0.0) < top - LIKELIHOOD_MARGIN),
        key=lambda r: -likelihood.get(r.type, 0.0),
    )
    ordered = close + rest
    # a pattern that names the act's own words ("agreed to the concessions") before a
    # bare verb's, whatever type the classifier prefers
    return [r for r in ordered if r.names_act] + [r for r in ordered if not r.names_act]


# The statement types whose target, when they name none, is the target of the act they
# are about, and the status that act has: "Iran threatened to launch an offensive
# against Iraq" (hypothetical), "Pakistan refused to deploy troops in Iraq" (denied).
STATEMENT_ACTS: dict[str, str] = {"THREATEN": "hypothetical", "REJECT": "denied"}


def _threat_targets(events: list[Event]) -> None:
    """A threat or refusal that names no target is aimed at the target of the act it
    is about: the event of that status and the same source in the sentence."""
    for statement in events:
        status = STATEMENT_ACTS.get(statement.type)
        if status is None or statement.target:
            continue
        sources = {a.country for a in statement.source}
        for act in events:
            about = act.status == status and act.target and act is not statement
            if about and sources & {a.country for a in act.source}:
                statement.target = [replace(a) for a in act.target]
                break


def generic_trigger(event_type: str, confidence: float, *, one_sided: bool) -> Trigger:
    """The pattern used where the classifier finds an event no trigger pattern fits:
    the actor is the one acting (subject, "by" agent, modifier, possessor), the target
    the one acted on (object, a prepositional object, the complement's object)."""
    return Trigger(
        id=f"classifier-{event_type.lower()}",
        type=event_type,
        mode=None,
        lemmas=frozenset(),
        pos=frozenset({"VERB", "NOUN"}),
        requires=frozenset(),
        objects=frozenset(),
        forbid=frozenset(),
        source=("subject", "by", "modifier", "poss", "governor_subject"),
        target=(
            "object",
            "prep:with|against|on|to|from|for|into|toward|towards|at|over|upon",
            "complement",
        ),
        symmetric=event_type in SYMMETRIC_TYPES,
        visitor=None,
        confidence=round(confidence, 3),
        target_optional=one_sided,
    )


SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# Types whose other party is a partner the patterns name exactly ("met X", "talks with
# X"); anyone else in the predicate is what was discussed, not a partner.
PARTNER_TYPES = frozenset({"CONSULT"})
# Material acts of force or control whose target, when no one is named, is the country
# where they happen.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT", "CONCEDE", "AID"})
# Types whose target, when no one is named, is the government where it happens or, with
# no place, the protesters' own: "Algerians blocked roads to press their demands".
# The same holds for the demands, concessions and refusals of groups that are not the
# state ("the teachers' union called off its strike", "tribal elders demanded that
# ..."): they are addressed to their own government.
DOMESTIC_TARGET_TYPES = frozenset({"PROTEST", "REQUEST", "CONCEDE", "REJECT"})
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG"})


# Acts of state control whose actor, in a passive that names none, is the government of
# the place where they happen.
PLACE_SOURCE_TYPES = frozenset({"CONCEDE", "COERCE"})
# Acts coded with no source when the text names no one who did them ("a car bomb killed
# 15 people in Kabul", "the village was shelled", "the ministry's network was hit by a
# cyber attack"): the perpetrator is unknown, and an analyst counts the attack all the
# same.
# A release names who was freed ("dozens of captives released"), with no place standing
# in for them. Entries are "TYPE" or "TYPE.mode".
UNATTRIBUTED_TYPES = frozenset({"ASSAULT", "COERCE.cyber", "RETREAT.release"})
# ... and where the act is a noun: "emergency aid arrives in Haiti" (not a participle
# describing someone: "militiamen armed with machetes")
UNATTRIBUTED_NOUN_TYPES = frozenset({"AID"})


def _agentless_passive(token: Token) -> bool:
    return any(c.dep_ == "nsubjpass" for c in token.children) and not _by_agent(token)


def _reciprocal(token: Token) -> bool:
    """The act's phrase has "each other" or "one another"."""
    words = [t.lower_ for t in token.subtree]
    return any(pair in {("each", "other"), ("one", "another")} for pair in pairwise(words))


def _unattributed(token: Token) -> bool:
    """The act is told without anyone who did it: a passive with no agent ("the village
    was shelled", "four killed"), or a noun that is its clause's subject ("a car bomb
    killed 15") or hangs on such a passive ("were killed in an air strike"); not a noun
    inside someone's act ("wounded two soldiers in a bomb attack")."""
    if token.pos_ == "VERB":
        return _agentless_passive(token) or _reduced_passive(token) or _act_as_subject(token)
    if token.dep_ in {"nsubj", "ROOT"}:
        return True
    if token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in WITNESS_VERBS:
        # "Video shows execution of second hostage", "mass deportations were reported":
        # seen or reported, by no one named
        return True
    if _agent_noun(token):
        # "was hit by a cyber attack": the act is the agent, no one is named
        return any(c.dep_ == "nsubjpass" for c in token.head.head.children)
    governor = _governor(token)
    return (
        governor is not None
        and token.dep_ == "pobj"
        and (_agentless_passive(governor) or _reduced_passive(governor))
    )


# Types whose doer may be a crowd that is only counted ("Dozens march", "hundreds
# stormed the compound").
CROWD_TYPES = frozenset({"PROTEST", "ASSAULT"})
# Nouns that count people without naming them when they stand alone: "dozens were
# arrested", "police charge dozens" ("dozens of protesters" names the protesters).
COUNTED_PEOPLE = frozenset({"dozen", "dozens", "hundreds", "thousands", "scores", "millions"})


def _counted_people(head: Token) -> bool:
    """A subject or object that is only a count: "Six indicted", "Four found guilty",
    "Dozens march" (not a year, and not "one of the men", whose "of" names them)."""
    if head.dep_ not in {"nsubj", "nsubjpass", "dobj", "ROOT"}:
        return False
    if any(c.dep_ in {"prep", "compound", "poss", "appos"} for c in head.children):
        return False
    if head.lower_ in COUNTED_PEOPLE:
        return True
    if head.pos_ != "NUM" or not head.like_num:
        return False
    # ("2,000" is a count, "2019" a year)
    return not (head.text.isdigit() and len(head.text) == 4 and head.text[:2] in {"19", "20"})


def _counted_group(head: Token) -> Actor:
    """People counted but not named, as a civilian group without a country yet."""
    end = head.right_edge.i
    while end > head.i and (head.doc[end].is_space or head.doc[end].is_punct):
        end -= 1  # (a headline's line break hangs on its last word)
    phrase = head.doc[head.left_edge.i : end + 1]
    if head.dep_ == "ROOT" or len(phrase) > 8:
        phrase = head.doc[head.left_edge.i : head.i + 1]  # "Six" of "Six indicted by ..."
    return Actor(
        name=phrase.text,
        text=phrase.text,
        sector="CVL",
        kind="group",
        start=phrase.start_char,
        end=phrase.end_char,
    )


def _weapon(actor: Actor) -> bool:
    """A military actor named by its weapon ("a drone", "warplanes"), not its owner."""
    words = actor.name.lower().split()
    return actor.sector == "MIL" and bool(words) and words[-1] in WEAPON_ACTORS


# Weapons that sectors.tsv reads as military actors ("Israeli warplanes", "a Turkish drone").
WEAPON_ACTORS = frozenset(
    {"drone", "drones", "uav", "uavs", "warplane", "warplanes", "jets", "planes", "gunships"}
)


def _act_as_subject(token: Token) -> bool:
    """The verb's subject is an attack, not someone: "Blast rocks the capital, killing
    11", "a car bomb killed 15" (an attack noun some pattern reads)."""
    subjects = _subject(token)
    return bool(subjects) and all(
        (
            (
                s.pos_ in {"NOUN", "PROPN"}
                and (
                    s.lemma_.lower() in _noun_lemmas("ASSAULT") or s.lemma_.lower() in WEAPON_NOUNS
                )
            )
            # ("Shelling in Brussels Kills Six Children": the gerund read as a verb)
            or (s.dep_ == "csubj" and s.tag_ == "VBG" and s.lower_ in _noun_lemmas("ASSAULT"))
        )
        and not any(c.lemma_.lower() in ACCIDENT_WORDS for c in s.children)
        for s in subjects
    )


# Verbs that show or report an act without saying who did it.
WITNESS_VERBS = frozenset(
    {"show", "report", "confirm", "reveal", "depict", "document", "film", "capture", "record"}
)
# Means of attack that stand as the subject of what they did ("a roadside bomb killed
# four soldiers"), unless an accident is named ("a gas explosion killed 11 miners").
WEAPON_NOUNS = frozenset(
    {
        "bomb", "blast", "explosion", "explosive", "device", "ied", "grenade", "rocket",
        "missile", "shell", "mortar", "drone", "uav", "airstrike", "landmine", "mine", "bullet",
    }
)  # fmt: skip
ACCIDENT_WORDS = frozenset(
    {"gas", "boiler", "factory", "fireworks", "pipeline", "tanker", "accidental", "industrial",
     "coal", "methane", "plant", "refinery", "warehouse", "cylinder", "volcanic"}
)  # fmt: skip


@cache
def _noun_lemmas(event_type: str) -> frozenset[str]:
    """Nouns a pattern of ``event_type`` reads as its act: an attack ("bombing", "air
    strike"), a protest ("protests", "riot")."""
    return frozenset(
        lemma
        for rules in load_triggers().by_lemma.values()
        for rule in rules
        if rule.type == event_type and "NOUN" in rule.pos
        for lemma in rule.lemmas
    )


def _in_protest(token: Token) -> Token | None:
    """The noun of "in protest" hanging on the trigger or the verb it depends on."""
    for node in (token, token.head):
        for prep in node.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                for noun in prep.children:
                    if noun.dep_ == "pobj" and _as_a_protest(noun):
                        return noun
    return None


def _as_a_protest(token: Token) -> bool:
    """ "closed its embassy in protest at the crackdown": the act is done as a protest,
    not a protest by the people of the place."""
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and token.lemma_.lower() == "protest"
        and not any(c.dep_ in {"det", "poss", "amod", "nummod"} for c in token.children)
    )


def _noun_place(noun: Token, resolver: ActorResolver) -> str | None:
    """The country of the place an event noun's in-, at-, across- or throughout-phrase
    names ("the protests in Kinshasa")."""
    for place in _prep_objects(noun, PLACE_PREPOSITIONS):
        located = _known_place(place, resolver)
        if located is not None:
            return located.country
    return None


ARRIVAL_VERBS = frozenset({"arrive", "reach", "land", "flow", "pour", "enter", "begin", "start"})


def _arriving(token: Token) -> bool:
    """A noun told as arriving or as a headline of its own: "emergency aid arrives in
    Haiti" (not "aid to Gaza remained blocked")."""
    return token.pos_ == "NOUN" and (
        token.dep_ == "ROOT"
        or (token.dep_ == "nsubj" and token.head.lemma_.lower() in ARRIVAL_VERBS)
    )


def _counted_victims(token: Token) -> bool:
    """The act's object is a bare number: "killed 75", "wounded 13"."""
    return any(c.dep_ == "dobj" and c.pos_ == "NUM" for c in token.children)


def _agent_noun(token: Token) -> bool:
    """The trigger noun is a passive's agent: "hit by a cyber attack"."""
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def _place_or_story(location: Location | None, context: SentenceContext) -> str | None:
    """The country of the place named, else of the story."""
    country = location.country if location is not None else None
    return country or context.story_country()


def _reduced_passive(token: Token) -> bool:
    """A past participle without auxiliary or agent: "Four killed in air strike",
    "13 students abducted from school"."""
    return (
        (token.tag_ == "VBN" or _headline_passive(token))
        and not any(c.dep_ in {"aux", "auxpass", "agent"} for c in token.children)
        and not _by_agent(token)
        and token.dep_ in {"ROOT", "acl", "ccomp", "conj"}
    )


@cache
def _transitive_lemmas() -> frozenset[str]:
    """Verbs some pattern reads with an object ("lifted the curfew", "arrested him")."""
    return frozenset(
        lemma
        for rules in load_triggers().by_lemma.values()
        for rule in rules
        if "VERB" in rule.pos and ("object" in rule.target or rule.objects)
        for lemma in rule.lemmas
    )


def _headline_passive(token: Token) -> bool:
    """A headline's past form with a subject but no object or auxiliary, which headlines
    write for the passive: "Curfew Lifted in Beirut", "Journalist Arrested" (the parser
    reads the subject as the doer)."""
    # (an intransitive verb keeps its doer: "Protesters Marched Through Nairobi")
    return token.lemma_.lower() in _transitive_lemmas() and headline_past(token)


def _civilians_of(country: str | None, resolver: ActorResolver) -> list[Actor]:
    """The people (civilians) of ``country`` as an implied actor (none for no country or
    one the knowledge base does not name)."""
    if country is None or country not in resolver.kb.country_names:
        return []
    name = resolver.kb.country_names[country]
    return [Actor(name=name, text="", country=country, sector="CVL", kind="group")]


def _government_of(location: Location | None, resolver: ActorResolver) -> list[Actor]:
    return _government(location.country if location else None, resolver)


def _government(country: str | None, resolver: ActorResolver) -> list[Actor]:
    """The government of ``country`` as an implied actor (none for no country or IGO)."""
    return [replace(a, sector="GOV", kind="group") for a in _country(country, resolver)]


def _country(country: str | None, resolver: ActorResolver) -> list[Actor]:
    """``country`` itself as an implied actor (none for no country or IGO)."""
    if country is None or country == "IGO":
        return []
    name = resolver.kb.country_names.get(country, country)
    return [Actor(name=name, text="", country=country, kind="country")]


def _people(actor: Actor) -> bool:
    """A country's people named by their plural ("young Algerians", "Palestinians"),
    not the state."""
    last = actor.text.split()[-1] if actor.text else ""
    return (
        actor.kind == "country"
        and last[:1].isupper()
        and last.endswith("s")
        and last not in actor.name.split()
    )


def _authorities(
    source: list[Actor], location: Location | None, resolver: ActorResolver
) -> list[Actor]:
    """The government a protest that names no one is aimed at (none when the protesters
    are the state, or their country is not one)."""
    if any(a.sector in STATE_SECTORS or (a.kind == "country" and not _people(a)) for a in source):
        return []
    countries = {a.country for a in source if a.country}
    country = location.country if location and location.country else None
    if country is None and len(countries) == 1:
        country = next(iter(countries))
    return _government(country, resolver)


def classifier_events(
    sentence: Span,
    event_type: str,
    probability: float,
    weights: Mapping[int, float],
    triggers: TriggerSet,
    resolver: ActorResolver,
    context: SentenceContext,
    tries: int = 3,
) -> list[Event]:
    """Events of ``event_type`` read around the words that weigh most for it
    (``weights`` by token index; verbs before nouns): the first word whose parse yields
    actors wins."""
    one_sided = load_ontology().get(event_type).one_sided
    rule = generic_trigger(event_type, probability, one_sided=one_sided)
    doc = sentence.doc
    words = sorted(
        (doc[i] for i, w in weights.items() if w > 0 and doc[i].pos_ in rule.pos),
        key=lambda t: (t.pos_ != "VERB", -weights[t.i]),
    )
    # a word a pattern of another type claims ("promised a harsh response" is a threat,
    # even where the threat names no one) is not read as this type
    words = [t for t in words if all(r.type == event_type for r in triggers.candidates(t))]
    for token in words[:tries]:
        found = _apply(rule, token, sentence, resolver, context)
        if isinstance(found, Discarded):
            context.discarded.append(found)
            continue
        return found
    return []


def _participants(
    rule: Trigger,
    token: Token,
    sentence: Span,
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
) -> tuple[list[Actor], list[Actor], Location | None] | Discarded:
    """Source, target and place of a candidate, or why it cannot be an event."""
    # a count stands for people acted on ("police charge dozens") or in a crowd's act
    # ("dozens march"), not for the source of an agreement, a meeting or a demand
    crowd = rule.type in CROWD_TYPES
    source = _first_role(rule.source, token, resolver, context, day, counted=crowd)
    # "a drone killed four militants in North Waziristan": a weapon of no named country is
    # no doer (the place is where it struck, not whose it is); the act is unattributed
    source = [a for a in source if not (a.country is None and _weapon(a))]
    target = _first_role(rule.target, token, resolver, context, day, partner=source)
    if not target and rule.type == "REJECT":
        target = _pressed_by(token, resolver, context, day)  # "despite calls from X"
    if rule.symmetric and {a.key for a in target} <= {a.key for a in source}:
        target = []  # "talks between X and Y" fills both roles with the same phrase
    if not target and len(source) >= 2 and _reciprocal(token):
        # "Taiwan and Uzbekistan expressed respect for each other": each to the other
        source = [a for a in source if not bare_surname(a)] or source
        source, target = source[:1], source[1:]
    if rule.symmetric and not target and len(source) >= 2:
        # "Nunavut and the United Kingdom agreed": a word that may be a surname does
        # not become a side of its own in the split
        source = [a for a in source if not bare_surname(a)] or source
        source, target = source[:1], source[1:]
    if rule.symmetric and not source and len(target) >= 2:
        source, target = target[:1], target[1:]
    source = _dedupe(source)
    target = _other_side(_dedupe(target), source)
    if (
        source
        and not target
        and rule.type not in PARTNER_TYPES
        and not (rule.symmetric and len(source) > 1)
        and "clause_subject" not in rule.target  # "said it must": no one else is asked
    ):
        # "demanded that the US cancel ...", "threatened to break relations with
        # Russia": the one acted on sits deeper in the predicate than any role reaches
        # (not the pattern's own object: "formed a new militia" names no one acted on)
        own = direct_object(token, rule.objects) if rule.objects else None
        target = _predicate_actors(token, source, resolver, context, day, own=own)
    location = event_location(token, resolver, context, day)
    convict = rule.type == "SANCTION" and rule.mode == "convict"
    if (
        not source
        and (rule.type in PLACE_SOURCE_TYPES or convict)
        and (token.pos_ == "NOUN" or _agentless_passive(token) or _reduced_passive(token))
    ):
        # "the curfew was lifted in Beirut", "dozens were arrested in Cairo", "an
        # internet shutdown in Bhutan": the authorities where it happens, or with no
        # place named, of the country the story is about ("Nationwide curfew imposed")
        source = _government_of(location, resolver)
        if not source and (token.pos_ != "NOUN" or token.dep_ in {"nsubj", "nsubjpass"}):
            # a passive, or a noun that is its clause's subject ("the curfew will be
            # lifted"), not a bare noun ("with dozens of arrests" in a sentence about
            # a crackdown is part of it)
            source = _government(context.story_country(), resolver)
            if source and not target and rule.type in PLACE_TARGET_TYPES:
                # "a nationwide curfew was imposed": on the country itself
                target = _country(source[0].country, resolver)
        if convict and not source:
            # "Former leader of the Cayman Islands sentenced to prison": by the courts of
            # the convicted one's country, where no place or story country says otherwise
            named = {a.country for a in target if a.country and a.country != "IGO"}
            if len(named) == 1:
                source = _government(named.pop(), resolver)
        if convict:
            # "four were found guilty": by that country's courts
            source = [replace(a, sector="JUD") for a in source]
    unplaced = [
        a
        for a in source + target
        if a.country is None
        and a.actor_id is None
        and a.kind == "group"
        # "the first visit to Italy by the Labour leader": a visit's place is where the
        # visitor goes, not where an official is from
        and not (a.role is not None and rule.type in PARTNER_TYPES)
    ]
    if unplaced:
        # "protesters marched in Paris": a collective without a country is local; with
        # no place in the sentence ("Gunmen stormed a police station", "Protesters
        # demand action on prices"), of the country the story is about
        country = _place_or_story(location, context)
        for actor in unplaced:
            actor.country = country
    if (
        not source
        and "place_people" in rule.source
        and token.dep_ != "compound"
        and not _as_a_protest(token)
    ):
        # "protests erupted across Iran": the people of the place (or of the story); not
        # for a noun qualifying another ("handed a protest note to the ambassador")
        source = _civilians_of(_place_or_story(location, context), resolver)
    for role, sector in (("place_government", "GOV"), ("place_judiciary", "JUD")):
        if not source and role in rule.source:
            # "Election observers allowed back into Barbados": its government;
            # "Former politician faces charges": its courts (where it happens, or of the
            # story's country)
            place = _place_or_story(location, context)
            source = [replace(a, sector=sector) for a in _government(place, resolver)]
    if not source and "place_country" in rule.source:
        # "a ceasefire began in Colombia": the country where it happens (or of the story)
        source = _country(_place_or_story(location, context), resolver)
    if source and not target and rule.type in PLACE_TARGET_TYPES and location and location.country:
        # "Serbia lifted the curfew in Montenegro", "troops on alert in the West Bank": an
        # act of force or control that names no one is aimed at the country it happens in
        name = resolver.kb.country_names.get(location.country, location.name)
        target = [Actor(name=name, text=location.name, country=location.country, kind="country")]
    if source and not target and rule.type == "AID" and location is None and token.pos_ == "VERB":
        # "the UN provides humanitarian aid after last week's disaster": to the country
        # the story is about, when that is not the giver's own (a verb: an aid noun is
        # often part of another act, "before allowing UN aid convoys")
        story = context.story_country()
        if story is not None and story not in {a.country for a in source}:
            target = _country(story, resolver)
    if source and not target and rule.type == "PROTEST":
        # "staged a hunger strike in protest against violations by Algerian security
        # forces": at whom the protest is aimed (the doer of what it is against)
        aimed = _prep_objects(_in_protest(token) or token, {"against", "at", "over"})
        target = _resolve_heads(aimed, resolver, context, day) or _resolve_heads(
            [g for h in aimed for g in _prep_objects(h, {"by"})], resolver, context, day
        )
    if source and not target and rule.type in DOMESTIC_TARGET_TYPES:
        target = _authorities(source, location, resolver)
    if source and not target and rule.type == "ASSAULT" and _counted_victims(token):
        # "bandits killed 75 in a pre-dawn massacre": the people of the place (or of the
        # story), counted but not named
        target = _civilians_of(_place_or_story(location, context), resolver)
    unattributed = (
        not source
        and (
            rule.type in UNATTRIBUTED_TYPES
            or f"{rule.type}.{rule.mode or rule.mode_for(token)}" in UNATTRIBUTED_TYPES
            or (rule.type in UNATTRIBUTED_NOUN_TYPES and _arriving(token))
        )
        and _unattributed(token)
        # "a statement from Miller released on Tuesday": inside a sentence, a participle
        # after its noun names an act with a doer the sentence leaves out, not one by no
        # one named (an attack told so is still counted); a line that is only the noun
        # phrase is a headline ("Dozens of captives released")
        and not (
            rule.type != "ASSAULT"
            and reduced_relative(token)
            and token.sent.root.pos_ in {"VERB", "AUX"}
        )
    )
    agent_noun = _agent_noun(token)
    if unattributed and not target and agent_noun:
        # "the news site was hit by a cyber attack": who was hit
        target = _first_role(("object",), token.head.head, resolver, context, day)
    if (
        unattributed
        and not target
        and (not agent_noun or rule.type != "ASSAULT")
        and rule.type != "RETREAT"
    ):
        # "four killed in an air strike in Nepal", "a power plant in Kyiv was disabled
        # by a cyber attack": the country where it happened (not for "damage caused by a
        # missile attack": who was hit is not said)
        place = location.country if location is not None else context.story_country()
        target = _country(place, resolver)
    if (not source and not (unattributed and target)) or (not target and not rule.target_optional):
        side = "source" if not source else "target"
        return Discarded(rule.id, f"no {side} actor", sentence.text.strip())
    if rule.target_optional and all(a.country is None and a.actor_id is None for a in target):
        target = []  # "accepted the demands of the striking doctors": keep the act
    if rule.type not in PARTNER_TYPES:  # a visit or a call is not domestic by default
        _domestic(source, target)
        _domestic(target, source)
    for side, actors in (("source", source), ("target", target)):
        if (
            actors
            and all(a.country is None and a.actor_id is None for a in actors)
            and not all(bare_surname(a) for a in actors)
        ):
            # "the Labour leader", "officials": nobody a user could count. A surname
            # alone ("Osoro accused ...") waits for the actor memory across documents,
            # which resolves it or drops the event (tacitus.actors.memory.settle).
            return Discarded(rule.id, f"{side} without country", sentence.text.strip())
    return source, target, location


def _apply(
    rule: Trigger,
    token: Token,
    sentence: Span,
    resolver: ActorResolver,
    context: SentenceContext,
) -> list[Event] | Discarded:
    status = event_status(token)
    act_mode = rule.mode or rule.mode_for(token)
    statement = _statement(rule.type, act_mode, token, status)
    found = _participants(rule, token, sentence, resolver, context, context.published)
    if isinstance(found, Discarded):
        return found
    if not found[1] and rule.untargeted_type is not None:
        # "China relaxed capital controls": eased at home, toward no other country
        rule = replace(rule, type=rule.untargeted_type, mode=None, untargeted_type=None)
        act_mode = None
        statement = _statement(rule.type, act_mode, token, status)
    # the date only for candidates that have their actors (dateparser is slow); who
    # held an office is then read again on the event's day. A threat, intention or
    # promise is dated when it is made ("said on Monday it would ..."), not when the act
    # would be (the parser often hangs the reporting verb's date on the act: read it
    # there too)
    chosen_date = (
        _statement_date(token, context.published)
        if statement
        else event_date(token, context.published, future=status == "planned")
    )
    day = chosen_date.day if chosen_date else context.published
    if day != context.published:
        found = _participants(rule, token, sentence, resolver, context, day)
        if isinstance(found, Discarded):
            return found
    source, target, location = found

    mode = act_mode
    if rule.type == "CONSULT" and mode is None:
        mode, source, target = _consult_mode(source, target, location)
    if rule.visitor == "target":
        source, target = target, source
    if mode == "visit":
        for actor in target:
            if actor.kind == "country":  # visiting a country is visiting its government
                actor.sector, actor.kind = "GOV", "group"

    event_type = rule.type
    threat = _promised_force(token) if rule.type == "AGREE" else None
    if threat is not None:
        # "promised to renew the bombing campaign", "promised arrests": a promise of
        # force or punishment is a threat
        event_type, mode = "THREATEN", THREATS.mode_for(*threat)
    if statement == CONDITIONAL:
        event_type, mode = "THREATEN", THREATS.mode_for(rule.type, mode)
    elif statement == INTENTION:
        event_type, mode = "AGREE", None
    if statement:
        status = "happened"  # the statement was made
    mention = Mention(
        doc_id=context.doc_id,
        sentence=sentence.text.strip(),
        start=sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip())),
        end=sentence.start_char + len(sentence.text.rstrip()),
        trigger=rule.id + (statement or ""),
    )
    attribution = attributions(token, sentence, resolver, context, day)
    events = []
    for src, tgt in _bilateral(rule, token, mode, source, target):
        event = Event(
            type=event_type,
            mode=mode,
            source=src,
            target=tgt,
            mentions=[mention],
            status=status,
            location=location,
            attribution=[replace(a) for a in attribution],
            confidence=rule.confidence,
        )
        if chosen_date is not None:
            event.date = chosen_date.day
            event.date_precision = chosen_date.precision
            event.date_text = chosen_date.text
        elif context.published is not None:
            event.date = context.published
            event.date_precision = "day"
            event.date_from_publication = True
        events.append(event)
    if THREATS.applies("announced", rule.type, mode) and (
        (statement is None and status == "planned" and _announced(token))
        # "Gambia suggested it may ban the former general", "said Malaysia could suspend
        # relations": a coercive act said to be possible is a threat, made when said
        or (status == "hypothetical" and _said_possible(token))
    ):
        threat_mode = THREATS.mode_for(rule.type, mode)
        events += _beside(events, "THREATEN", threat_mode, ANNOUNCED, token, context)
    elif status == "denied" and rule.type in THREATS.refused and _refused(token):
        reject_mode = THREATS.refused[rule.type]
        refusals = _beside(events, "REJECT", reject_mode, REFUSAL, token, context)
        aimless = [r for r in refusals if not r.target]
        # "declined to resign despite pressure from the anti-corruption commission": the
        # refusal answers those pressing
        pressing = _pressed_by(token, resolver, context, day) if aimless else []
        for refusal in aimless:
            refusal.target = [replace(a) for a in pressing]
        events += refusals
    if len(events[-1].source) + len(events[-1].target) >= 2:
        context.last_event = events[-1]  # what "the two leaders" can refer to
    for actor in source:
        if actor.actor_id and not actor.actor_id.startswith("org:"):
            context.last_person = actor
    return events


# Verbs of promising, whose object or complement may be an act of force.
PROMISE_VERBS = frozenset({"promise", "pledge", "vow", "swear"})
FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})


def _promised_force(token: Token) -> tuple[str, str | None] | None:
    """The type and mode of an act of force promised by ``token`` ("promised to renew
    the bombing", "pledged arrests"), or None."""
    if token.lemma_.lower() not in PROMISE_VERBS:
        return None
    triggers = load_triggers()
    for child in token.children:
        if child.dep_ not in {"xcomp", "dobj"}:
            continue
        for word in child.subtree:
            for rule in triggers.by_lemma.get(word.lemma_.lower(), ()):
                if rule.type in FORCE_TYPES and rule.matches(word, entities=False):
                    return rule.type, rule.mode or rule.mode_for(word)
    return None


def _pressed_by(
    token: Token, resolver: ActorResolver, context: SentenceContext, day: date | None
) -> list[Actor]:
    """Who presses for what the trigger's clause refuses: "despite pressure (calls,
    demands) from/by X"."""
    nodes = _governors(token) + [c for c in token.children if c.dep_ == "xcomp"]
    for node in nodes:
        for despite in (c for c in node.children if c.dep_ == "prep" and c.lower_ == "despite"):
            for noun in (c for c in despite.children if c.dep_ == "pobj"):
                for prep in (c for c in noun.children if c.dep_ == "prep"):
                    if prep.lower_ not in {"by", "from"}:
                        continue
                    heads = [g for g in prep.children if g.dep_ == "pobj"]
                    found = [
                        a
                        for a in _resolve_heads(_expand(heads), resolver, context, day)
                        if a.country or a.actor_id
                    ]
                    if found:
                        return found
    return []


def _beside(
    acts: list[Event],
    event_type: str,
    mode: str | None,
    mark: str,
    token: Token,
    context: SentenceContext,
) -> list[Event]:
    """The statements about ``acts`` coded beside them (a threat announcing them, a
    refusal of them): the same actors, happened, dated when said."""
    said = _statement_date(token, context.published)
    statements = []
    for act in acts:
        mention = replace(act.mentions[0], trigger=act.mentions[0].trigger + mark)
        statement = replace(
            act,
            type=event_type,
            mode=mode,
            source=[replace(a) for a in act.source],
            target=[replace(a) for a in act.target],
            mentions=[mention],
            status="happened",
            attribution=[replace(a) for a in act.attribution],
            date=said.day if said else context.published,
            date_precision=said.precision if said else ("day" if context.published else None),
            date_text=said.text if said else None,
            date_from_publication=said is None and context.published is not None,
        )
        statements.append(statement)
    return statements


def _announced(token: Token) -> bool:
    """The planned act is announced by who will do it: "will", a reported "would", or
    a verb of announcement ("vowed to") governs it, not a preparation or a schedule."""
    chain = _governors(token)
    beside = _coordinates(chain)
    for node in chain:
        if node.i in beside:
            continue
        if _said_of_future(node):
            return True
        if node.i != token.i and node.lemma_.lower() in THREATS.announce_verbs:
            return True
    return False


# Modals of a possibility, and the verbs that put one forward ("suggested it may ban").
POSSIBLE_AUX = frozenset({"may", "might", "could"})
SUGGEST_VERBS = frozenset({"suggest", "hint", "signal", "warn"})


def _said_possible(token: Token) -> bool:
    """The act is said to be possible by the side that would do it ("Gambia suggested it
    may ban", "the leader says Malaysia could suspend relations"): a modal of
    possibility in a clause reported, or put forward, by the actor itself (a pronoun for
    it, the same words) or one who speaks for a state; not by analysts."""
    for node in _governors(token):
        aux = {c.lower_ for c in node.children if c.dep_ == "aux"}
        if not aux & POSSIBLE_AUX or _condition_mark(node) or node.dep_ != "ccomp":
            continue
        verb = node.head
        if not (verb.lemma_.lower() in SUGGEST_VERBS or _reported(node)):
            continue
        actor = next((c for c in node.children if c.dep_ == "nsubj"), None)
        speaker = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if actor is None or speaker is None:
            continue
        if (
            actor.lower_ in PRONOUNS
            or actor.lower_ == speaker.lower_
            or speaker.lemma_.lower() in STATE_VOICES
        ):
            return True
    return False


# Who speaks for a state: "the leader says Malaysia could suspend relations".
STATE_VOICES = frozenset(
    {
        "leader", "president", "minister", "government", "spokesman", "spokeswoman",
        "spokesperson", "official", "ministry", "chancellor", "king", "premier",
    }
)  # fmt: skip


def _refused(token: Token) -> bool:
    """The denied act is refused ("refused to", "declined to", "failed to reach", "will
    not accept"), not only negated ("did not meet") or denied to have happened ("denied
    meeting")."""
    chain = _governors(token)
    beside = _coordinates(chain)
    if any(
        node.lemma_.lower() in REFUSAL_VERBS
        for node in chain[1:]
        if node.i not in beside and not any(c.dep_ == "neg" for c in node.children)
    ):
        return True
    # "Syria will not accept more refugees": a refusal announced
    return any(
        _said_of_future(node) and any(c.dep_ == "neg" for c in node.children) for node in chain
    )


def _said_of_future(node: Token) -> bool:
    """``node`` is said of the future: "will", or a reported "would"."""
    aux = {c.lower_ for c in node.children if c.dep_ in {"aux", "auxpass"}}
    return bool(aux & WORDS.future_aux) or ("would" in aux and _reported(node))


# Denial verbs that refuse the act under them (the others, "deny", "dismiss", "cancel",
# say it did not or will not happen).
REFUSAL_VERBS = frozenset({"refuse", "decline", "fail", "reject"})


def _one_statement_each(events: list[Event]) -> list[Event]:
    """A threat or refusal coded beside an act gives way to one its own pattern coded
    for the same actor ("refused to meet Biden": the refuse pattern's REJECT)."""
    own = {
        (e.type, a.key)
        for e in events
        if not e.mentions[0].trigger.endswith((ANNOUNCED, REFUSAL))
        for a in e.source
    }
    return [
        e
        for e in events
        if not e.mentions[0].trigger.endswith((ANNOUNCED, REFUSAL))
        or not any((e.type, a.key) in own for a in e.source)
    ]


def _domestic(actors: list[Actor], others: list[Actor]) -> None:
    """ "Thai lawmakers accused the army": a state body named without a country (army,
    police, judiciary, parliament, opposition) is of the other side's one country."""
    countries = {a.country for a in others if a.country}
    if len(countries) != 1:
        return
    for actor in actors:
        if (
            actor.country is None
            and actor.actor_id is None
            # a body, not a person by title ("the Labour leader"), except a judge or a
            # police officer, who acts where they serve ("Judge Rivera opened
            # investigations against Chilean officials")
            and (actor.kind == "group" or actor.sector in {"JUD", "COP"})
            and actor.sector is not None
            and actor.sector.lower() in WORDS.domestic_sectors
            and actor.text.split(" ", 1)[0].lower() not in POSSESSIVE_PRONOUNS
        ):
            actor.country = next(iter(countries))


def _bilateral(
    rule: Trigger, token: Token, mode: str | None, source: list[Actor], target: list[Actor]
) -> list[tuple[list[Actor], list[Actor]]]:
    """Phone calls and visits are one per pair: "calls with X, Y" are two calls."""
    plural_noun = token.pos_ == "NOUN" and token.tag_ == "NNS"
    if len(source) == 1 and len(target) > 1 and (mode in {"phone", "visit"} or plural_noun):
        return [(source, [actor]) for actor in target]
    return [(source, target)]


# -- arguments --------------------------------------------------------------------------
def _first_role(
    roles: tuple[str, ...],
    token: Token,
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
    partner: list[Actor] | None = None,
    counted: bool = True,
) -> list[Actor]:
    for role in roles:
        heads = role_heads(role, token)
        if heads:
            # the first role the sentence fills decides, even when its phrase names no
            # actor: "the first visit by the Labour leader" must not fall back to
            # whoever is the subject of the governing verb
            return _resolve_heads(heads, resolver, context, day, partner, counted)
    return []


def role_heads(role: str, token: Token) -> list[Token]:
    """The head tokens filling ``role`` for the trigger ``token`` (conjuncts expanded)."""
    heads: list[Token] = []
    if role in {"subject", "object"}:
        headline_passive = _headline_passive(token)
        passive = headline_passive or any(c.dep_ == "nsubjpass" for c in token.children)
        # "Six indicted by grand jury", "the journalist detained in Cairo": a past
        # participle modifying its noun is a passive whose subject is that noun
        reduced = reduced_relative(token)
    if role == "subject":
        heads = _by_agent(token) if passive or reduced else _subject(token)
    elif role == "object":
        if reduced and not passive:
            heads = [token.head]
        elif passive:
            subject_deps = {"nsubjpass", "nsubj"} if headline_passive else {"nsubjpass"}
            heads = [c for c in token.children if c.dep_ in subject_deps]
        else:
            heads = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
            if not heads:
                # "sentenced seven unionists to five years", parsed as a clause
                heads = [
                    c for c in token.children if c.dep_ == "ccomp" and c.pos_ in {"NOUN", "PROPN"}
                ] or [
                    # "found the governor guilty", parsed as a clause: its subject
                    g
                    for c in token.children
                    if c.dep_ == "ccomp" and c.pos_ == "ADJ"
                    for g in c.children
                    if g.dep_ == "nsubj"
                ]
    elif role == "by":
        heads = _by_agent(token)
    elif role == "with":
        heads = _prep_objects(token, {"with"})
        obj = direct_object(token, frozenset({token.lemma_}) | _ANY_OBJECT)
        if not heads and obj is not None:
            heads = _prep_objects(obj, {"with"})

    elif role == "talks_with":
        # "gained concessions in talks with the government": the other side of the talks
        # in which the act was done (on the trigger or its object)
        hosts = [token, *(c for c in token.children if c.dep_ == "dobj")]
        places = {"in", "during", "after", "at"}
        for talks in (t for host in hosts for t in _prep_objects(host, places)):
            if talks.lemma_.lower() in TALK_NOUNS:
                heads = _prep_objects(talks, {"with"})
                break
    elif role == "between":
        heads = _prep_objects(token, {"between", "among", "amongst"})
        obj = direct_object(token, _ANY_OBJECT)
        if not heads and obj is not None:
            heads = _prep_objects(obj, {"between", "among", "amongst"})
        node = token.head if token.dep_ == "compound" else token  # "mediation effort"
        if not heads and node is not token:
            heads = _prep_objects(node, {"between", "among", "amongst"})
        if not heads and node.pos_ == "NOUN" and node.dep_ in {"dobj", "attr"}:
            # "launched a mediation effort on Saturday between X and Y": the parser
            # hangs the phrase on the verb
            heads = _prep_objects(node.head, {"between", "among", "amongst"})
    elif role == "from":
        heads = _prep_objects(token, {"from"})
        obj = direct_object(token, _ANY_OBJECT)
        if not heads and obj is not None:
            heads = _prep_objects(obj, {"from"})
    elif role == "to":
        heads = _prep_objects(token, {"to"}) or _on_objects(token, {"to"})
    elif role == "in":
        heads = _prep_objects(token, {"in"})
    elif role.startswith("prep:"):
        # "protested against X", "sanctions on X": any preposition(s), on the trigger
        # or on its object noun
        words = set(role[5:].split("|"))
        heads = _prep_objects(token, words) or _on_objects(token, words)
    elif role == "modifier":
        # "Israeli air strikes on Gaza": the demonym or country naming the actor
        heads = [
            c
            for c in token.children
            if c.dep_ in {"amod", "compound", "nmod"}
            and c.i < token.i
            and (c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE", "ORG"})
        ]
    elif role == "complement":
        # "threatened to strike South Korea", "refused to meet Biden": the object (or
        # with-/against-/on-phrase) of the verb the trigger governs
        for xcomp in (c for c in token.children if c.dep_ == "xcomp"):
            heads = [c for c in xcomp.children if c.dep_ == "dobj"] or _prep_objects(
                xcomp, {"with", "against", "on", "to"}
            )
            if heads:
                break
    elif role == "that_subject":
        # "alleged that local companies had violated the law": whom the clause is about
        heads = [
            g
            for c in token.children
            if c.dep_ == "ccomp"
            for g in c.children
            if g.dep_ == "nsubj"  # not a passive's: "demanded that prisoners be freed"
        ][:1]
    elif role == "clause_subject":
        # "the Red Cross said US forces must ensure security": who must act
        clause = modal_clause(token, _MODALS)
        heads = _subject(clause) if clause is not None else []
    elif role == "doer" and token.dep_ == "pobj" and _engaged_in(token):
        # "Serb forces were engaged in ethnic cleansing": who is engaged in it; "over
        # 5,000 gathered for a peaceful demonstration": who gathered for it
        engaged = token.head.head
        heads = [c for c in engaged.children if c.dep_ in {"nsubj", "nsubjpass"}][:1]
    elif role == "doer":
        # "Spain has used drone strikes", "the authorities announced the arrest of ...",
        # "Vietnam announced boycotts": the subject of a verb of doing, ordering or
        # announcing whose object the noun trigger is (not "condemned the arrest")
        governor = _governor(token)
        if (
            governor is not None
            and governor.lemma_.lower() in DOER_VERBS
            and token.dep_ in {"dobj", "nsubjpass"}
        ):
            heads = _subject(governor)
    elif role == "poss":
        heads = [c for c in token.children if c.dep_ == "poss"]
    elif role == "governor_subject":
        governor = _governor(token)
        # a trigger that is itself the subject has no other subject to borrow
        heads = _subject(governor) if governor is not None and token.dep_ != "nsubj" else []
    elif role == "governor_with":
        governor = _governor(token)
        heads = _prep_objects(governor, {"with"}) if governor is not None else []
    return _expand(heads)


_MODALS = frozenset({"must", "should"})
# Verbs whose subject does what their object noun names (the "doer" role).
DOER_VERBS = frozenset(
    {
        "announce", "order", "carry", "conduct", "launch", "use", "stage", "mount", "begin",
        "start", "resume", "intensify", "step", "declare", "impose", "authorize", "authorise",
        "make", "unleash", "continue", "escalate", "perpetrate", "commit", "hold", "join",
        "organize", "organise", "lead",
    }
)  # fmt: skip
_ANY_OBJECT = frozenset(
    {
        "call",
        "phone",
        "telephone",
        "conversation",
        "talk",
        "talks",
        "meeting",
        "negotiation",
        "discussion",
        "consultation",
        "summit",
        "dialogue",
        "session",
        "round",
    }
)


# Children of the trigger whose phrases never hold its target: its own subject and
# agent, and clause-level material ("..., officials said", "who ...").
_NOT_PREDICATE = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "csubj",
        "agent",
        "punct",
        "cc",
        "aux",
        "auxpass",
        "neg",
        "mark",
        "parataxis",
        "relcl",
        "appos",
        "det",
        "prt",
    }
)
# Places, times, topics and the "of" of event nouns ("the killing of a journalist"):
# phrases behind these are where, when and what about, not whom.
_NOT_TARGET_PREPOSITIONS = WORDS.topic_prepositions | {
    "in",
    "at",
    "near",
    "inside",
    "outside",
    "across",
    "throughout",
    "during",
    "after",
    "before",
    "since",
    "until",
    "despite",
    "amid",
    "within",
    "around",
    "like",
    "as",
    "than",
    "via",
}
_ARGUMENT_DEPS = frozenset(
    {"dobj", "pobj", "nsubj", "nsubjpass", "dative", "attr", "conj", "poss", "amod", "compound"}
)


def _predicate_actors(
    token: Token,
    source: list[Actor],
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
    max_depth: int = 4,
    own: Token | None = None,
) -> list[Actor]:
    """The nearest actor (breadth first, up to ``max_depth`` steps) in the trigger's
    predicate that is not the source: objects of complements, subjects of embedded
    clauses, prepositional objects. Reporting clauses, dates, the trigger's own
    subject and ``own`` (the pattern's own object word) are not searched."""
    frontier = _branches(token, _NOT_PREDICATE)
    for _ in range(max_depth):
        following: list[Token] = []
        for node in frontier:
            if node.lemma_.lower() in WORDS.reporting_verbs or _is_time(node):
                continue
            if node.lemma_.lower() == "accord" or node.lower_ in PRONOUNS:
                continue
            if _destination(node, resolver):
                continue
            mine = own is not None and node.i == own.i
            if not mine and node.dep_ in _ARGUMENT_DEPS and _names_actor(node, resolver):
                resolved = _resolve_heads(_expand([node]), resolver, context, day)
                found = _other_side([a for a in resolved if a.country or a.actor_id], source)
                if found:
                    return _dedupe(found)
            following.extend(_branches(node, _NOT_BELOW))
        frontier = following
    return []


_NOT_BELOW = frozenset({"punct", "cc", "det", "relcl"})


def _branches(node: Token, skip: frozenset[str]) -> list[Token]:
    """Children the target search goes on through: not those of the ``skip``
    dependencies, nor prepositions of place, time or topic."""
    return [
        c
        for c in node.children
        if c.dep_ not in skip and not (c.dep_ == "prep" and c.lower_ in _NOT_TARGET_PREPOSITIONS)
    ]


def _other_side(actors: list[Actor], source: list[Actor]) -> list[Actor]:
    """Actors that can be the target of ``source``: not the source itself, and not the
    source's own country when the source is that state ("reaffirmed U.S. support"); a
    group within it may act on it ("French farmers would blockade Paris")."""
    taken = {a.key for a in source}
    own = {
        a.country
        for a in source
        if a.kind == "country" or a.sector is None or a.sector in STATE_SECTORS
    }
    return [
        a for a in actors if a.key not in taken and not (a.kind == "country" and a.country in own)
    ]


def _event_noun(head: Token, resolver: ActorResolver) -> bool:
    """A noun some trigger pattern reads as an event ("killing", "attack", "talks")
    whose own words name nobody."""
    return (
        head.pos_ == "NOUN"
        and head.lemma_.lower() in load_triggers().by_lemma
        and not _names_actor(head, resolver)
    )


def _destination(node: Token, resolver: ActorResolver) -> bool:
    """A city after a preposition of motion ("sent a delegation to Cairo") is where
    someone goes, not whom the event is aimed at (a country there is a target)."""
    if node.dep_ != "pobj" or node.head.lower_ not in {"to", "into", "toward", "towards", "from"}:
        return False
    found = resolver.matches(node.doc, node.left_edge.i, node.i + 1)
    return any(
        isinstance(m.value, City) or (isinstance(m.value, Place) and m.value.kind == "capital")
        for m in found
    )


def _names_actor(node: Token, resolver: ActorResolver) -> bool:
    """The word or its own modifiers name someone ("Ugandan opposition candidates"); an
    event noun whose actors hang on it by prepositions ("the killing of ...") does not."""
    if node.pos_ == "PROPN":
        return True
    if node.pos_ not in {"NOUN", "ADJ"}:
        return False
    return bool(resolver.matches(node.doc, node.left_edge.i, node.i + 1))


def _on_objects(token: Token, preps: set[str]) -> list[Token]:
    """Prepositional objects hung on the trigger's direct object(s): "extradited a
    suspect to Rwanda", "imposed sanctions on Iran"; for a noun trigger, on its "of"
    object: "a suspension of air links with Serbia"."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if token.pos_ == "NOUN":
        objects += _prep_objects(token, {"of"})
    for obj in objects:
        found = _prep_objects(obj, preps)
        if found:
            return found
    return []


def _by_agent(token: Token) -> list[Token]:
    return _prep_objects(token, {"by"}, deps={"agent", "prep"})


# Verbs whose subject does the act named by their "in" phrase.
ENGAGE_VERBS = frozenset({"engage", "involve", "participate", "implicate"})
# Verbs of coming together whose for-, in- or at-phrase names what the crowd does.
GATHER_VERBS = frozenset({"gather", "unite", "assemble", "rally", "converge", "join", "turn"})


def _engaged_in(token: Token) -> bool:
    """The noun trigger is what its clause's subject takes part in: "engaged in ethnic
    cleansing", "thousands gathered for a demonstration"."""
    verb = token.head.head
    lemma = verb.lemma_.lower()
    return lemma in ENGAGE_VERBS or (
        lemma in GATHER_VERBS and token.head.lower_ in {"for", "in", "at"}
    )


# Nouns of talking, whose with-phrase names the other side: "in talks with Lebanon".
TALK_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "meeting", "dialogue"})
# Nouns of what is said or written, whose participle says what it does: "a statement
# condemning the attack".
STATEMENT_NOUNS = frozenset(
    {
        "statement", "declaration", "communique", "communiqué", "letter", "resolution",
        "message", "note", "petition", "appeal", "decree", "report", "motion", "bill",
        "notice", "memo", "memorandum", "editorial", "speech", "video",
    }
)  # fmt: skip


def _subject(token: Token) -> list[Token]:
    current: Token | None = token
    came_from: Token | None = None
    # three steps up, a fourth through an adjective's preposition ("are guilty of
    # violating")
    for step in range(4):
        if step == 3 and not (came_from is not None and came_from.dep_ == "acomp"):
            break
        if current is None:
            break
        if came_from is not None and came_from.dep_ == "advcl" and came_from.tag_ == "VBG":
            # "the camp was attacked by militiamen, killing 156": the one who kills is
            # the passive's agent, not its subject
            agents = _by_agent(current)
            if agents:
                return agents[:1]
        deps = {"nsubj", "csubj"} if current.i == token.i else {"nsubj", "csubj", "nsubjpass"}
        # "X is expected to meet Y": the raised passive subject is the one who meets
        subjects = [c for c in current.children if c.dep_ in deps]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in {"who", "which", "that"} and current.dep_ == "relcl":
                return [current.head]
            return [subject]
        if current.dep_ == "xcomp" and current.head.i != current.i:
            # object control: "urged China to cooperate", "called on Russia to withdraw"
            # -- the one urged does it
            controller = [c for c in current.head.children if c.dep_ == "dobj"] or [
                g
                for c in current.head.children
                if c.dep_ == "prep" and c.lower_ == "on"
                for g in c.children
                if g.dep_ == "pobj" and not _is_time(g)  # "promised on Monday to lift"
            ]
            if controller:
                return controller[:1]
        if (
            current.dep_ == "acl"
            and current.tag_ == "VBG"
            and current.head.lemma_.lower() in STATEMENT_NOUNS
        ):
            # "issued a declaration demanding that ...", "a statement condemning the
            # attack": who issued it
            statement = current.head
            if statement.dep_ in {"dobj", "nsubjpass"} and statement.head.pos_ in {"VERB", "AUX"}:
                return _subject(statement.head)
            return [c for c in statement.children if c.dep_ == "poss"][:1]
        if _intended_by(current):
            # "made a commitment to ease restrictions", "announced its intention to
            # withdraw": who made it, or whose it is
            # (not "rejected a US offer to host a summit": the offer is another's)
            intention = current.head
            owner = [c for c in intention.children if c.dep_ == "poss"][:1]
            maker = intention.head
            # ("announced their intention": the pronoun is the one who announces)
            if (
                (not owner or owner[0].pos_ == "PRON")
                and intention.dep_ == "dobj"
                and maker.lemma_.lower() in INTENTION_MAKERS
                and maker.pos_ == "VERB"
            ):
                return _subject(maker)
            return owner
        # "Iran is willing to hold talks": through the predicate adjective to the subject
        # of its copula; "both sides are guilty of violating the truce": through the
        # adjective's preposition
        through_adjective = current.dep_ == "prep" and current.head.pos_ == "ADJ"
        climbs = current.dep_ in {"xcomp", "conj", "advcl", "pcomp", "acomp"} or through_adjective
        if climbs and current.head.i != current.i:
            came_from, current = current, current.head
        else:
            break
    return []


# Nouns of intention whose infinitive is the act intended: "a commitment to ease", "its
# intention to withdraw" (the act is planned: lexicon's plan_verbs has them).
INTENTION_NOUNS = frozenset(
    {
        "commitment", "pledge", "promise", "vow", "intention", "plan", "offer", "undertaking",
        "readiness", "willingness",
    }
)  # fmt: skip


# Verbs that make or state an intention: "made a commitment to ease", "announced its
# intention to withdraw" (not "rejected an offer to host").
INTENTION_MAKERS = frozenset(
    {
        "make", "give", "announce", "express", "declare", "reaffirm", "renew", "state", "repeat",
        "signal", "voice", "confirm",
    }
)  # fmt: skip


def _intended_by(node: Token) -> bool:
    """``node`` is the infinitive of a noun of intention: "ease" in "a commitment to
    ease restrictions"."""
    return (
        node.dep_ == "acl"
        and node.head.lemma_.lower() in INTENTION_NOUNS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    )


def _governor(token: Token) -> Token | None:
    """The verb a noun trigger depends on: "held" in "held talks", "referred" in
    "referred to the call"."""
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        token = token.head  # "launched a mediation effort": the effort's verb
    if (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lower_ in QUANTITY_NOUNS
        and token.head.head.i != token.head.i
    ):
        token = token.head.head  # "launched ten days of war games": the days' verb
        if token.dep_ == "npadvmod" and token.head.pos_ in {"VERB", "AUX"}:
            return token.head  # "began twelve days of exercises", parsed as an adverb
    head = token.head
    if token.dep_ in {"dobj", "nsubjpass", "attr", "nsubj"} and head.pos_ in {"VERB", "AUX"}:
        return head
    if (
        token.dep_ == "pobj"
        and head.dep_ == "prep"
        and head.lower_ not in WORDS.topic_prepositions
        and head.head.pos_ in {"VERB", "AUX"}
    ):
        return head.head
    return None


def _prep_objects(
    token: Token, preps: AbstractSet[str], deps: AbstractSet[str] | None = None
) -> list[Token]:
    found: list[Token] = []
    allowed = deps or ({"prep", "dative"} if "to" in preps else {"prep"})
    for child in token.children:
        # "granted asylum to X": the parser may label "to" dative
        if child.dep_ in allowed and child.lower_ in preps:
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if not objects:
                # "pulled its troops out of Haiti": the object hangs on the second word
                # of a two-word preposition
                inner = (g for g in child.children if g.dep_ == "prep")
                objects = [o for g in inner for o in g.children if o.dep_ == "pobj"]
            # "struck Kyiv on Tuesday": a date is not a participant
            found.extend(g for g in objects if not _is_time(g))
    return found


def _is_time(token: Token) -> bool:
    """A date or time word ("on Tuesday", "in March"); the recogniser alone is not
    trusted ("on Kyiv overnight" has been tagged TIME)."""
    return token.ent_type_ in {"DATE", "TIME"} and (
        token.lower_ in dates.DATE_WORDS or token.like_num
    )


def _expand(heads: list[Token]) -> list[Token]:
    """Add conjuncts ("X and Y") and listed names ("Netanyahu, Abbas")."""
    out: list[Token] = []
    todo = list(heads)
    while todo:
        head = todo.pop(0)
        if head in out:
            continue
        out.append(head)
        for child in head.children:
            if child.dep_ == "conj" or (
                child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "PROPN"
            ):
                todo.append(child)
    return out


def _resolve_heads(
    heads: list[Token],
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
    partner: list[Actor] | None = None,
    counted: bool = False,
) -> list[Actor]:
    """The actors the role's head tokens name; with ``counted``, a bare count ("Six
    indicted") is an unnamed group of people."""
    actors: list[Actor] = []
    # "Saint Kitts and Nevis": one name, not two conjuncts
    inside = {c.i for h in heads if h.n_rights and (c := resolver.name_conjunct(h)) is not None}
    for head in heads:
        if head.i in inside:
            continue
        if _is_group_anaphor(head) and context.last_event is not None:
            actors.extend(context.last_event.source + context.last_event.target)
            continue
        if head.lower_ in PRONOUNS:
            antecedent = _antecedent(head, resolver, context, day)
            if antecedent is not None:
                actors.append(antecedent)
            continue
        if head.lemma_.lower() == "counterpart":
            named = [
                c
                for c in head.children
                if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN" and c.i > head.i
            ]
            if named:
                # "his Turkish counterpart Hakan Fidan": the name decides
                actors.extend(_resolve_heads(_expand(named), resolver, context, day))
                continue
            if partner:
                actor = resolver.counterpart(head, partner[0], day)
                if actor is not None:
                    actors.append(actor)
                continue
        if _event_noun(head, resolver):
            # "the killing of a journalist in Nairobi" is an event, not someone; "the aid
            # package for Ukraine" is aimed at whoever its for-, to-, against-phrase names
            aimed = [
                g
                for c in head.children
                if c.dep_ == "prep" and c.lower_ not in _NOT_TARGET_PREPOSITIONS
                for g in c.children
                if g.dep_ == "pobj"
            ]
            found = _resolve_heads(aimed, resolver, context, day, partner)
            if not found and head.lemma_.lower() in _noun_lemmas("PROTEST"):
                # "expressed support for the protests in Kinshasa": for the protesters,
                # the people of the place
                found = _civilians_of(_noun_place(head, resolver), resolver)
            actors.extend(found)
            continue
        members = _of_members(head)
        if members:
            group = resolver.resolve_group(head, members, context.memory, day)
            if not group and counted and head.lower_ in COUNTED_PEOPLE:
                group = [_counted_group(head)]  # "dozens of captives"
            actors.extend(group)
            continue
        found = resolver.resolve_many(head, context.memory, day)
        if not found and counted and _counted_people(head):
            # "Six indicted by grand jury", "police charge dozens": people counted but
            # not named (placed later, like any collective without a country)
            found = [_counted_group(head)]
        found = _described_by_apposition(head, found, resolver, context, day)
        owner = _owner(head, found, resolver, context, day)
        for actor in found:
            if actor.country is None and actor.actor_id is None and owner is not None:
                actor.country = owner.country
        actors.extend(found)
    return actors


def _owner(
    head: Token,
    found: list[Actor],
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
) -> Actor | None:
    """Whose the actor is, when that gives a country it lacks: "its troops", "their
    police" (the state or group named before), "Starmer's Labour Party" (the person
    named)."""
    pronoun = next((c for c in head.children if c.lower_ in POSSESSIVE_PRONOUNS), None)
    if pronoun is not None:
        return _antecedent(pronoun, resolver, context, day)
    named = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if named is None or all(a.country is not None for a in found):
        return None
    return resolver.resolve(named, context.memory, day)


def _described_by_apposition(
    head: Token,
    found: list[Actor],
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
) -> list[Actor]:
    """A name the knowledge base does not know takes its appositive's country and
    sector: "Salaheddine Sidhoum, Algeria's leading human rights activist" (from a role
    or group noun, not someone it names: "the president's lawyer" is not the
    president); with nothing resolved, the name becomes an actor of that kind."""
    if head.pos_ != "PROPN" or (
        found and all(a.country is not None or a.actor_id is not None for a in found)
    ):
        return found
    described = next(
        (
            d
            for c in head.children
            if c.dep_ == "appos" and c.pos_ == "NOUN"
            for d in resolver.resolve_many(c, context.memory, day)
            if d.country is not None and d.actor_id is None
        ),
        None,
    )
    if described is None:
        return found
    if not found:
        name = head.doc[head.left_edge.i : head.i + 1]
        return [
            Actor(
                name=name.text,
                text=name.text,
                country=described.country,
                sector=described.sector,
                kind=described.kind,
                start=name.start_char,
                end=name.end_char,
            )
        ]
    for actor in found:
        if actor.country is None and actor.actor_id is None:
            actor.country = described.country
            actor.sector = actor.sector or described.sector
    return found


PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
# "Israel said it would ...", "the rebels said they had ...": a state, organisation or
# group named earlier in the sentence
COLLECTIVE_PRONOUNS = frozenset({"it", "they", "them"})
PRONOUNS = PERSONAL_PRONOUNS | COLLECTIVE_PRONOUNS
POSSESSIVE_PRONOUNS = frozenset({"its", "their"})


def _antecedent(
    pronoun: Token, resolver: ActorResolver, context: SentenceContext, day: date | None
) -> Actor | None:
    """ "he" is the subject of the main clause before it (a person), else the last
    person coded; "it"/"they" is the nearest subject before it that names a state,
    organisation or group."""
    personal = pronoun.lower_ in PERSONAL_PRONOUNS
    found = None
    for token in pronoun.sent:
        if token.i >= pronoun.i:
            break
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.lower_ in PRONOUNS:
            continue
        actor = resolver.resolve(token, context.memory, day)
        if actor is None:
            continue
        person = bool(actor.actor_id) and not (actor.actor_id or "").startswith("org:")
        if personal and person:
            return actor
        if not personal and not person and (actor.country or actor.actor_id or actor.sector):
            found = actor  # the nearest one before the pronoun (a party, the army)
    if personal:
        return context.last_person
    return found


def _of_members(head: Token) -> list[Token]:
    """Conjoined objects of "of" after a plural role noun ("ministers of A, B and C")."""
    if head.tag_ not in {"NNS", "NNPS"}:
        return []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects and any(c.dep_ == "conj" for c in objects[0].children):
                return _expand(objects)
    return []


def _is_group_anaphor(head: Token) -> bool:
    if head.lemma_.lower() not in WORDS.group_anaphors or head.tag_ not in {"NNS", "NNPS"}:
        return False
    return any(
        c.lower_ in {"both", "all"} or (c.dep_ == "nummod" and c.like_num) for c in head.children
    )


def _dedupe(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for actor in actors:
        if actor.key not in seen:
            seen.add(actor.key)
            out.append(actor)
    return out


# -- mode and place ---------------------------------------------------------------------------
def event_location(
    token: Token, resolver: ActorResolver, context: SentenceContext, day: date | None
) -> Location | None:
    """A place named by "in", "at", "across" or "throughout" attached to the trigger
    (or its governor)."""
    candidates = [token]
    governor = _governor(token)
    if governor is not None:
        candidates.append(governor)
    # "met Sergei Lavrov in Geneva", "cracked down on protesters in Tehran": the parser
    # often hangs the place on an argument
    candidates.extend(
        c for c in token.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "csubj"}
    )
    candidates.extend(
        g
        for c in token.children
        if c.dep_ in {"prep", "agent"}
        for g in c.children
        if g.dep_ == "pobj"
    )
    # "killed by gangs of masked men in Egypt": the place can hang on an "of" phrase
    candidates.extend(
        g
        for node in list(candidates[1:])
        for c in node.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    )
    for node in candidates:
        for place in _prep_objects(node, PLACE_PREPOSITIONS):
            located = _known_place(place, resolver)
            if located is not None:
                return located
            if place.ent_type_ in {"GPE", "LOC", "FAC"}:
                name = normalize(place.doc[place.left_edge.i : place.i + 1].text)
                return Location(name=name, country=_appositive_country(place, resolver))
    # "stormed a Baghdad police station", "the Kabul bombing": a place named as a
    # modifier of the trigger or of its object
    for node in [token, *(c for c in token.children if c.dep_ in {"dobj", "nsubjpass"})]:
        for child in node.children:
            if child.dep_ != "compound" or child.pos_ != "PROPN":
                continue
            for match in resolver.matches(child.doc, child.left_edge.i, child.i + 1):
                located = _place_location(match, {"capital"})
                if located is not None:
                    return located
    return None


# Prepositions that name where an act happens ("protests across Minsk", "curfews
# throughout the north").
PLACE_PREPOSITIONS = frozenset({"in", "at", "across", "throughout"})


def _known_place(place: Token, resolver: ActorResolver) -> Location | None:
    """The place the knowledge base knows ``place``'s phrase as: a city or region, a
    country or capital, or an institution's seat."""
    for match in resolver.matches(place.doc, place.left_edge.i, place.i + 1):
        located = _place_location(match, {"name", "capital"})
        if located is not None:
            return located
        value = match.value
        if isinstance(value, Institution) and value.kind == "institution" and value.country:
            return Location(name=value.name, country=value.country)
    return None


def _place_location(match: Match, kinds: set[str]) -> Location | None:
    """Where a match names: a city (or region) with its coordinates, or a place of one of
    ``kinds`` ("name", "capital")."""
    value = match.value
    if isinstance(value, City):
        return Location(value.name, value.country, value.lat, value.lon)
    if isinstance(value, Place) and value.kind in kinds:
        return Location(name=match.text, country=value.country)
    return None


def _appositive_country(place: Token, resolver: ActorResolver) -> str | None:
    """The country of a state or country set after an unknown place with a comma:
    "in Berkeley, California" (regions.tsv), "in Tororo, Uganda"."""
    for child in place.children:
        if child.dep_ != "appos":
            continue
        for match in resolver.matches(place.doc, child.left_edge.i, child.i + 1):
            value = match.value
            if isinstance(value, City) or (isinstance(value, Place) and value.kind == "name"):
                return value.country
    return None


def _consult_mode(
    source: list[Actor], target: list[Actor], location: Location | None
) -> tuple[str | None, list[Actor], list[Actor]]:
    countries = {a.country for a in source + target if a.country}
    if len(countries) >= 3 or len(source) + len(target) >= 3:
        return "multilateral", source, target
    if location is None or location.country is None:
        return None, source, target
    source_countries = {a.country for a in source}
    target_countries = {a.country for a in target}
    if location.country in target_countries and location.country not in source_countries:
        return "visit", source, target
    if location.country in source_countries and location.country not in target_countries:
        return "visit", target, source  # the visitor is the source
    if location.country not in source_countries | target_countries:
        return "third-party", source, target
    return None, source, target


# -- status ----------------------------------------------------------------------------------
def _governors(token: Token) -> list[Token]:
    """The trigger and the words that govern its clause ("said it **will withdraw**"):
    what decides its status."""
    chain = [token]
    node = token
    for _ in range(3):
        # ("the curfew will be lifted": a noun trigger's clause decides, passive or not)
        noun_subject = node.dep_ in {"nsubj", "nsubjpass"} and node.pos_ == "NOUN"
        # ("acomp": "should be prepared to make concessions" is read from "should be")
        climbs = node.dep_ in {"xcomp", "ccomp", "pobj", "dobj", "pcomp", "prep", "conj", "acomp"}
        # ("prevented the demonstration staged by students": a participle describing its
        # noun shares the noun's fate)
        climbs = climbs or reduced_relative(node)
        if (climbs or noun_subject or _intended_by(node)) and node.head.i != node.i:
            node = node.head
            chain.append(node)
        else:
            break
    return chain


def _condition_mark(node: Token) -> str | None:
    """ "if" or "unless" when ``node`` heads a conditional clause."""
    for child in node.children:
        if child.dep_ == "mark" and child.lower_ in {"if", "unless"}:
            return child.lower_
    return None


def _purpose(node: Token) -> bool:
    """``node`` heads a clause of purpose: "so that same-sex marriages are banned",
    "in order that the talks resume" (what someone wants, not what happened)."""
    if node.dep_ != "advcl":
        return False
    marks = [c.lower_ for c in node.children if c.dep_ == "mark"]
    words = {t.lower_ for t in node.doc[max(0, node.left_edge.i - 2) : node.left_edge.i + 2]}
    return "lest" in marks or ("that" in words and ("so" in words or "order" in words))


def _statement(event_type: str, mode: str | None, token: Token, status: Status) -> str | None:
    """Whether the act the trigger announces is coded as the statement announcing it:
    CONDITIONAL, INTENTION, PROMISE, or None for the act itself."""
    if status in {"happened", "denied"}:
        return None
    if _conditioned(event_type, mode, token):
        return CONDITIONAL
    if status == "planned" and event_type.lower() in WORDS.intention_types:
        return INTENTION
    if status == "planned" and event_type in COOPERATIVE_TYPES and _ready(token):
        # "Iran is willing to hold talks", "would be ready to host a meeting": an
        # intention stated (CAMEO 03x, AGREE), not the act
        return INTENTION
    if status == "planned" and event_type.lower() in WORDS.promise_types:
        return PROMISE
    return None


# Adjectives of readiness, and the cooperative types whose act they make an intention.
READY_WORDS = frozenset({"ready", "willing", "prepared", "eager"})
# (a concession one is ready to make is an intention too, CAMEO 034, 035: only a
# promise makes it the concession, lexicon's promise_types)
COOPERATIVE_TYPES = frozenset({"CONSULT", "COOPERATE", "AID", "SUPPORT", "RETREAT", "CONCEDE"})


def _ready(token: Token) -> bool:
    """The act is one someone is said to be ready or willing to do."""
    return any(
        node.lemma_.lower() in READY_WORDS and node.pos_ in {"ADJ", "VERB"}
        for node in _governors(token)[1:]
    )


def _statement_date(token: Token, published: date | None) -> dates.ResolvedDate | None:
    """When an announced act was announced: the date on the reporting verb ("said on
    Monday it would ..."), or a past date the parser hung on the act itself; never the
    act's own future date ("next month")."""
    for node in dict.fromkeys((_governors(token)[-1], token)):
        found = event_date(node, published, future=False)
        if found is not None and (published is None or found.day <= published):
            return found
    return None


def is_statement(event: Event) -> bool:
    """The event is a threat, intention or promise read from an announced act."""
    return event.mentions[0].trigger.endswith(STATEMENTS)


def _conditioned(event_type: str, mode: str | None, token: Token) -> bool:
    """Whether the act the trigger announces is conditioned on what the other side does
    ("will withdraw ... unless the president arranges a ceasefire"), which makes it a
    threat (data/events/threats.toml); not an act that is itself the condition ("unless
    Baghdad accepted"), nor one inside an explicit threat or request ("threatened to
    withdraw", whose own pattern codes the threat)."""
    chain = _governors(token)
    if any(_condition_mark(node) for node in chain):
        return False
    if any(node.lemma_.lower() in WORDS.unrealised_verbs for node in chain[1:]):
        return False
    return any(
        (mark := _condition_mark(child)) is not None and THREATS.applies(mark, event_type, mode)
        for node in chain
        for child in node.children
        if child.dep_ == "advcl"
    )


def _coordinates(chain: list[Token]) -> set[int]:
    """The nodes of ``chain`` reached from a conjunct: "refused to deploy troops and
    urged its citizens ...": "refused" is beside "urged", it does not govern it (though
    what governs "refused" governs both)."""
    return {node.i for prev, node in pairwise(chain) if prev.dep_ == "conj"}


# Verbs of taking place: an act that is their subject and negated did not happen.
HAPPEN_VERBS = frozenset({"happen", "occur", "take", "materialize", "materialise", "go"})


def event_status(token: Token) -> Status:
    """happened / planned / denied / hypothetical, from the trigger and its governors."""
    if (
        token.dep_ == "advcl"
        and token.head.i != token.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    ):
        # "would blockade Paris to demand an end to the reform": the purpose of an act
        # not yet done is not done either
        purpose_of = event_status(token.head)
        if purpose_of in {"planned", "hypothetical"}:
            return purpose_of
    chain = _governors(token)
    beside = _coordinates(chain)
    # a verb whose subject the trigger noun is ("fighting did not stop", "the ceasefire
    # held") says what became of the act, not whether it was done (unless it is one of
    # happening: "the attack did not take place")
    of_subject = {
        node.i
        for prev, node in pairwise(chain)
        if prev.dep_ in {"nsubj", "nsubjpass"} and node.lemma_.lower() not in HAPPEN_VERBS
    }
    for node in chain:
        children = list(node.children)
        negated = any(c.dep_ == "neg" for c in children) and node.i not in of_subject
        if negated and (node.i not in beside or any(c.lower_ in {"or", "nor"} for c in children)):
            return "denied"  # "did not meet or call", not "did not attack and withdrew"
        nouns = [node] + [c for c in children if c.dep_ in {"dobj", "attr"}]
        if any(
            n.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in n.children)
            for n in nouns
        ):
            return "denied"  # "had no meeting with", "there was no attack"
        if node.i != token.i and node.i not in beside and node.lemma_.lower() in WORDS.denial_verbs:
            return "denied"
        if (
            node.i != token.i
            and node.lemma_.lower() == "call"
            and any(c.dep_ == "prt" and c.lower_ == "off" for c in children)
        ):
            # "called off the strike": the strike will not take place (the calling
            # off itself, a concession, did)
            return "denied"
    for inner, node in pairwise(chain):
        if inner.dep_ != "xcomp" or not any(c.lower_ == "to" for c in inner.children):
            continue
        if node.lemma_.lower() == "have" and any(c.lower_ == "yet" for c in node.children):
            return "denied"  # "has yet to make any arrests"
        if node.lemma_.lower() == "be" and node.pos_ == "AUX":
            return "planned"  # "Australia is to withdraw its forces"
    if any(_condition_mark(node) or _purpose(node) for node in chain):
        return "hypothetical"
    if any(
        node.i != token.i and node.pos_ == "NOUN" and node.lemma_.lower() in WORDS.possibility_nouns
        for node in chain
    ):
        return "hypothetical"  # "raised the potential of protests"
    for node in chain[1:]:
        if (
            node.lemma_.lower() in WORDS.unrealised_verbs
            and node.i not in beside
            and node.i not in of_subject
        ):
            # "threatened to impose sanctions", "urged Israel to withdraw": the inner act
            # has not happened; the threat or request is its own event
            return "hypothetical"
    for node in chain:
        children = list(node.children)
        aux = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
        if aux & WORDS.future_aux:
            return "planned"
        if (
            "to" in aux
            and node.dep_ == "ROOT"
            and any(c.dep_ == "nsubj" for c in children)
            and is_headline(token.sent)
        ):
            return "planned"  # a headline's "Government to Detain Journalists": will
        if "would" in aux and _reported(node):
            return "planned"  # "said that X would meet Y": the future seen from the past
        if aux & WORDS.hypothetical_aux:
            return "hypothetical"
        if node.i != token.i and node.i not in beside and node.lemma_.lower() in WORDS.plan_verbs:
            return "planned"
        if (
            node.i != token.i
            and node.tag_ in {"VBZ", "VBP"}
            and node.lemma_ in WORDS.start_verbs
            and not is_headline(token.sent)
        ):
            # "the visit begins on Monday": news present for the future; a headline's
            # present is the past ("Tuvalu and Chile Begin Joint Exercises")
            return "planned"
        if (
            node.tag_ == "VBG"
            and any(c.lower_ in {"is", "are", "am"} for c in children)
            and any(c.dep_ == "xcomp" for c in children)
        ):
            return "planned"  # "is going to meet"
    return "happened"


def _reported(node: Token) -> bool:
    """The clause is the content of a reporting verb ("told reporters that ...")."""
    introduced = any(c.dep_ == "mark" and c.lower_ == "that" for c in node.children)
    for _ in range(3):
        if node.head.i == node.i:
            return False
        reporting = node.head.lemma_.lower() in WORDS.reporting_verbs | {"tell"}
        if reporting and (node.dep_ == "ccomp" or introduced):
            return True
        node = node.head
    return False


# -- date ------------------------------------------------------------------------------------------
def event_date(token: Token, published: date | None, *, future: bool) -> dates.ResolvedDate | None:
    """The date expression attached to the trigger (not to another verb in the sentence)."""
    sentence = token.sent
    governor = _governor(token)
    best: tuple[int, dates.ResolvedDate] | None = None
    for ent in sentence.ents:
        if ent.label_ not in {"DATE", "TIME"}:
            continue
        distance = _attachment(ent.root, token, governor)
        if distance is None:
            continue
        text = ent.text
        head = ent.root.head
        if head.dep_ == "prep" and head.i == ent.start - 1:
            text = f"{head.text} {text}"  # keep "on Tuesday" as the text says it
        resolved = dates.resolve(text, published, future=future)
        if resolved is None:
            continue
        if best is None or distance < best[0]:
            best = (distance, resolved)
    if best is None and _when_clause(token):
        # "visited Tokyo in November, when Japan hosted the G7": the time the "when"
        # clause hangs on, a date ("November") or a clause with its own date
        head = token.head
        for ent in sentence.ents:
            if ent.label_ in {"DATE", "TIME"} and ent.start <= head.i < ent.end:
                prep = ent.root.head
                text = f"{prep.text} {ent.text}" if prep.i == ent.start - 1 else ent.text
                return dates.resolve(text, published, future=future)
        if token.dep_ == "advcl":
            return event_date(head, published, future=future)
    return best[1] if best else None


def _when_clause(token: Token) -> bool:
    return (
        token.dep_ in {"advcl", "relcl"}
        and token.head.i != token.i
        and any(c.dep_ == "advmod" and c.lower_ == "when" for c in token.children)
    )


def _attachment(node: Token, trigger: Token, governor: Token | None) -> int | None:
    """Steps from a date to the trigger, stopping at any other verb (None: not ours)."""
    steps = 0
    current = node
    while steps < 8:
        if current.i == trigger.i:
            return steps
        if governor is not None and current.i == governor.i:
            return steps + 4
        if current.i != node.i and current.pos_ in {"VERB", "AUX"}:
            return None
        if current.head.i == current.i:
            return None
        current = current.head
        steps += 1
    return None


# -- attribution ---------------------------------------------------------------------------------
def attributions(
    token: Token,
    sentence: Span,
    resolver: ActorResolver,
    context: SentenceContext,
    day: date | None,
) -> list[Attribution]:
    """Who reported the event: "according to X", "X said that ...", "a statement from X"."""
    found: list[Attribution] = []
    for word in sentence:
        if word.lemma_.lower() == "accord" and word.dep_ in {"prep", "advcl"}:
            for to in word.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            found.append(_attribution_of(obj, resolver, context, day))
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            break
        parent = node.head
        if parent.lemma_.lower() in WORDS.reporting_verbs and node.dep_ in {
            "ccomp",
            "xcomp",
            "prep",
            "advcl",
            "dobj",
            "pobj",
            "conj",
        }:
            for subject in _subject(parent):
                found.append(_attribution_of(subject, resolver, context, day))
        node = parent
    governor = _governor(token)
    if governor is not None:
        for subject in _subject(governor):
            if subject.lemma_.lower() in WORDS.report_nouns:
                found.append(_attribution_of(subject, resolver, context, day))
    unique: list[Attribution] = []
    for item in found:
        if item.name is None and item.organization is None and not item.text:
            continue
        if not any(u.name == item.name and u.organization == item.organization for u in unique):
            unique.append(item)
    return unique


def _attribution_of(
    head: Token, resolver: ActorResolver, context: SentenceContext, day: date | None
) -> Attribution:
    doc = head.doc
    text = normalize(doc[head.left_edge.i : head.right_edge.i + 1].text)
    if head.lemma_.lower() in WORDS.report_nouns:
        # "a separate State Department statement from Miller"
        authors = _prep_objects(head, {"from", "by"}) + [
            c for c in head.children if c.dep_ == "poss"
        ]
        organization = None
        for match in resolver.matches(doc, head.left_edge.i, head.i):
            if match.kind == "institution" and isinstance(match.value, Institution):
                organization = match.text
        person = _attribution_of(authors[0], resolver, context, day) if authors else None
        if person is not None and (person.name or person.organization):
            return Attribution(
                name=person.name,
                role=person.role,
                organization=person.organization or organization,
                text=text,
            )
        return Attribution(
            name=None, role=head.lemma_.lower(), organization=organization, text=text
        )
    seen = context.memory.by_surname.get(head.text)
    actor = resolver.resolve(head, context.memory, day)
    if (
        seen is None
        and actor is not None
        and (actor.actor_id is None or actor.actor_id.startswith("org:"))
        and (actor.country or actor.actor_id)
    ):
        # "the State Department said", "the Turkish Foreign Ministry said": an
        # organisation reports it, named as the text names it
        organization = without_determiner(head.doc[head.left_edge.i : head.i + 1])
        return Attribution(name=None, role=None, organization=organization, text=text)
    if seen is None and actor is None and head.pos_ != "PROPN":
        return Attribution(name=None, role=None, organization=None, text=text)
    name = seen.name if seen else (actor.name if actor else normalize(head.text))
    role = seen.role if seen else (actor.role if actor else None)
    organization = seen.organization if seen else None
    if (
        actor is not None
        and actor.actor_id is None
        and actor.country is None
        and not seen
        and not bare_surname(actor)
    ):
        # "according to the readout": a document, not a person
        role = actor.name.lower() if head.pos_ == "NOUN" else actor.name
        return Attribution(name=None, role=role, organization=None, text=text)
    return Attribution(name=name, role=role, organization=organization, text=text)
