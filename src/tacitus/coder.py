"""Code one parsed document: actors, events, topics, quotes, in-document coreference.

This is the per-document stage the runner calls after spaCy; it reads the parse and
returns a :class:`CodedDocument` without side effects.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from spacy.tokens import Doc, Span

from tacitus.actors.kb import City, Institution, KnowledgeBase, Place, load_kb
from tacitus.actors.resolve import ActorResolver, DocumentActors, Match
from tacitus.dedup import merge_events
from tacitus.events.classify import TypeModel, load_model
from tacitus.events.contexts import ContextLexicon, document_contexts, load_contexts
from tacitus.events.extract import (
    PARTNER_TYPES,
    Discarded,
    SentenceContext,
    classifier_events,
    extract_sentence,
    is_statement,
)
from tacitus.events.topics import TopicLexicon, discussed_countries, load_topics
from tacitus.events.triggers import TriggerSet, doc_text, load_triggers
from tacitus.ontology import Ontology, load_ontology
from tacitus.quotes import find_quotes
from tacitus.records import Actor, CodedDocument, Document, Event, PersonTitle, Sentence
from tacitus.settings import Settings

# Sentences after a mention that describe the same event ("Blinken reaffirmed ...").
ELABORATION_WINDOW = 4
TOPIC_TYPES = frozenset({"CONSULT", "AGREE", "REQUEST"})


@dataclass(slots=True)
class Coder:
    """Everything needed to code a parsed document; built once per process."""

    kb: KnowledgeBase
    resolver: ActorResolver
    triggers: TriggerSet
    topics: TopicLexicon
    ontology: Ontology
    classifier: TypeModel
    contexts: ContextLexicon
    event_threshold: float = 0.5
    veto_threshold: float = 0.1
    discarded: list[Discarded] = field(default_factory=list)
    _specific_ids: frozenset[str] | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Coder:
        kb = load_kb(settings.actor_files)
        return cls(
            kb,
            ActorResolver(kb),
            load_triggers(),
            load_topics(),
            load_ontology(),
            load_model(settings.type_model),
            load_contexts(),
            settings.classifier_events,
            settings.classifier_veto,
        )

    def code(self, document: Document, doc: Doc) -> CodedDocument:
        memory = self.resolver.prepare(doc, document.published)
        context = SentenceContext(document.doc_id, document.published, memory)
        context.find_story_country = partial(_story_country, doc, self.resolver, memory.matches)
        sentences: list[Sentence] = []
        sentence_contexts: list[list[str]] = []
        candidates: list[Event] = []
        recent: list[tuple[int, Event]] = []  # (sentence index, event) for elaborations
        text = doc_text(doc)  # made once (spaCy joins every token each time it is asked)
        # removed boilerplate is blank in the parsed (masked) text, so its sentences are
        # skipped as empty here (a span's text is the document's between its offsets)
        spans = [(s, text[s.start_char : s.end_char]) for s in doc.sents]
        for index, (span, span_text) in enumerate((s, t) for s, t in spans if t.strip()):
            sentences.append(_sentence(document.doc_id, index, span, span_text))
            likelihood = self.classifier.probabilities(span)
            found = extract_sentence(span, self.triggers, self.resolver, context, likelihood)
            found = self._weigh(span, found, likelihood, context)
            # a sentence that goes on about a recent event of its subject ("Blinken
            # reiterated U.S. support ...") describes that event: the classifier codes
            # no new one there
            if not found and not self._elaborate(span, index, recent, context.memory):
                found = self._classify(span, likelihood, context)
            sentence_contexts.append(self.contexts.find(span))
            for event in found:
                event.context = list(sentence_contexts[-1])
                self._add_topics(event, span, include_countries=True)
                recent.append((index, event))
            candidates.extend(found)
        self.discarded.extend(context.discarded)
        events = merge_events(candidates)
        story = document_contexts(sentence_contexts)
        for event in events:
            event.context = event.context or list(story)
            kind = self.ontology.get(event.type)
            event.quad_class = kind.quad_class
            event.score = kind.score_for(event.mode)
            event.cameo = self.ontology.cameo(event.type, event.mode)
        quotes = find_quotes(doc, text, document.doc_id, self.resolver, memory, document.published)
        actors = _actors(events)
        people = _people(memory, document.published)
        written = document.masked_text()
        if written != text:  # headlines parsed in sentence case: quote them as written
            sentences = [replace(s, text=written[s.start : s.end]) for s in sentences]
            for event in events:
                event.mentions = [
                    replace(m, sentence=written[m.start : m.end]) for m in event.mentions
                ]
            quotes = [replace(q, text=written[q.start : q.end]) for q in quotes]
        return CodedDocument(document, sentences, events, quotes, actors, story, people)

    def _weigh(
        self,
        span: Span,
        found: list[Event],
        likelihood: dict[str, float],
        context: SentenceContext,
    ) -> list[Event]:
        """Set aside pattern events of a type the sentence very unlikely reports."""
        best = max(likelihood, key=likelihood.__getitem__)
        p_best = likelihood[best]
        kept = []
        for event in found:
            p = likelihood.get(event.type, 0.0)
            # a threatened or requested act ("threatened to arrest") keeps its own type,
            # and so does an act read as the threat, intention or promise announcing it
            unlikely = (
                p < self.veto_threshold
                and event.status == "happened"
                and not is_statement(event)
                and not self._specific(event.mentions[0].trigger)
            )
            if unlikely and p_best > 0.5 and best != event.type:
                reason = f"classifier: {event.type} unlikely, {best} likely"
                context.discarded.append(
                    Discarded(event.mentions[0].trigger, reason, span.text.strip())
                )
                continue
            kept.append(event)
        return kept

    def _specific(self, trigger: str) -> bool:
        """The event's pattern names the words of the act itself (``Trigger.names_act``),
        evidence the classifier's reading of the whole sentence does not overrule."""
        if self._specific_ids is None:
            self._specific_ids = frozenset(
                rule.id
                for rules in self.triggers.by_lemma.values()
                for rule in rules
                if rule.names_act
            )
        return trigger in self._specific_ids

    def _classify(
        self, span: Span, likelihood: dict[str, float], context: SentenceContext
    ) -> list[Event]:
        """The classifier's likeliest type where no pattern found an event, if likely
        enough."""
        best = max(likelihood, key=likelihood.__getitem__)
        p_best = likelihood[best]
        # CONSULT is left to its patterns: a meeting's partners must be named exactly
        if p_best < self.event_threshold or best in PARTNER_TYPES:
            return []
        weights = self.classifier.word_weights(span, best)
        return classifier_events(span, best, p_best, weights, self.triggers, self.resolver, context)

    def _add_topics(self, event: Event, span: Span, *, include_countries: bool) -> None:
        if event.type not in TOPIC_TYPES:
            return
        parties = {a.country for a in event.source + event.target}
        names = list(self.topics.find(span.text))
        if include_countries:
            for code in discussed_countries(span, self.resolver):
                if code not in parties:
                    names.append(self.kb.country_names.get(code, code))
        for name in names:
            if name not in event.topics:
                event.topics.append(name)

    def _elaborate(
        self,
        span: Span,
        index: int,
        recent: list[tuple[int, Event]],
        memory: DocumentActors,
    ) -> bool:
        """Give topics of a describing sentence to the latest event of its subject;
        whether there was one."""
        subjects = [t for t in span if t.dep_ == "nsubj" and t.head.dep_ in {"ROOT", "ccomp"}]
        if not subjects:
            return False
        for position, event in reversed(recent):
            if index - position > ELABORATION_WINDOW:
                break
            parties = event.source + event.target
            for subject in subjects:
                actor = self.resolver.resolve(subject, memory, event.date)
                if actor is not None and any(actor.key == p.key for p in parties):
                    self._add_topics(event, span, include_countries=False)
                    return True
        return False


def _sentence(doc_id: str, index: int, span: Span, text: str) -> Sentence:
    """``text``: the span's text."""
    start = span.start_char + (len(text) - len(text.lstrip()))
    stripped = text.strip()
    return Sentence(doc_id, index, start, start + len(stripped), stripped)


def _actors(events: list[Event]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for event in events:
        for actor in event.source + event.target:
            seen.setdefault(actor.key, actor)
    return list(seen.values())


def _people(memory: DocumentActors, day: date | None) -> list[PersonTitle]:
    """The people the document names in full with a title and a country (for the
    store's actor memory): knowledge-base people in office on ``day`` with that office
    and its term, others with what the document says."""
    people = []
    for seen in memory.by_id.values():
        person = seen.person
        if person is not None:
            office = person.office_on(day) if day is not None else None
            if office is None or day is None or not office.holds_on(day):
                continue
            people.append(
                PersonTitle(
                    person.name,
                    office.title,
                    office.country,
                    office.sector,
                    person.actor_id,
                    office.start,
                    office.end,
                    person.surname,
                )
            )
        elif seen.country and (seen.role or seen.sector):
            people.append(PersonTitle(seen.name, seen.role, seen.country, seen.sector))
    return people


def _story_country(doc: Doc, resolver: ActorResolver, matches: list[Match]) -> str | None:
    """The country a story is about: the one its places and institutions name most (the
    first sentence counting twice), when it has more than half of all such mentions and
    more than one; short of that, the one country the first sentence names, when no
    other is named more often ("Latvia Independence Party Outlawed" over a body that
    names Russia as often), else the one named more often than any other."""
    counts: Counter[str] = Counter()
    first = next((s for s in doc.sents if s.text.strip()), None)
    first_end = first.end if first is not None else 0
    opening: set[str] = set()
    for match in matches:  # the document's dictionary matches (ActorResolver.prepare)
        value = match.value
        country = value.country if isinstance(value, Place | City | Institution) else None
        if country in resolver.kb.country_names:  # not "IGO" or "NGO"
            counts[country] += 2 if match.start < first_end else 1
            if match.start < first_end:
                opening.add(country)
    if not counts:
        return None
    (top, n), total = counts.most_common(1)[0], sum(counts.values())
    if n >= 2 and n * 2 > total:
        return top
    if len(opening) == 1 and counts[(named := next(iter(opening)))] == n:
        return named
    runner_up = counts.most_common(2)[1][1] if len(counts) > 1 else 0
    if n >= 2 and n > runner_up:
        return top  # named more often than any other, if not by half of all mentions
    return None
