"""Code one parsed document: actors, events, topics, quotes, in-document coreference.

This is the per-document stage the runner calls after spaCy; it reads the parse and
returns a :class:`CodedDocument` without side effects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from tacitus.actors.kb import KnowledgeBase, load_kb
from tacitus.actors.resolve import ActorResolver, DocumentActors
from tacitus.dedup import merge_events
from tacitus.events.extract import Discarded, SentenceContext, extract_sentence
from tacitus.events.topics import TopicLexicon, discussed_countries, load_topics
from tacitus.events.triggers import TriggerSet, load_triggers
from tacitus.ontology import Ontology, load_ontology
from tacitus.quotes import find_quotes
from tacitus.records import Actor, CodedDocument, Document, Event, Sentence
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
    discarded: list[Discarded] = field(default_factory=list)

    @classmethod
    def from_settings(cls, settings: Settings) -> Coder:
        kb = load_kb(settings.actor_files)
        return cls(kb, ActorResolver(kb), load_triggers(), load_topics(), load_ontology())

    def code(self, document: Document, doc: Doc) -> CodedDocument:
        memory = self.resolver.prepare(doc, document.published)
        context = SentenceContext(document.doc_id, document.published, memory)
        sentences: list[Sentence] = []
        candidates: list[Event] = []
        recent: list[tuple[int, Event]] = []  # (sentence index, event) for elaborations
        # removed boilerplate is blank in the parsed (masked) text, so its sentences are
        # skipped as empty here
        for index, span in enumerate(s for s in doc.sents if s.text.strip()):
            sentences.append(_sentence(document.doc_id, index, span))
            found = extract_sentence(span, self.triggers, self.resolver, context)
            for event in found:
                self._add_topics(event, span, include_countries=True)
                recent.append((index, event))
            if not found:
                self._elaborate(span, index, recent, context.memory)
            candidates.extend(found)
        self.discarded.extend(context.discarded)
        events = merge_events(candidates)
        for event in events:
            kind = self.ontology.get(event.type)
            event.quad_class = kind.quad_class
            event.score = kind.score_for(event.mode)
            event.cameo = self.ontology.cameo(event.type, event.mode)
        quotes = find_quotes(
            doc, doc.text, document.doc_id, self.resolver, memory, document.published
        )
        actors = _actors(events)
        return CodedDocument(document, sentences, events, quotes, actors)

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
    ) -> None:
        """Give topics of a describing sentence to the latest event of its subject."""
        subjects = [t for t in span if t.dep_ == "nsubj" and t.head.dep_ in {"ROOT", "ccomp"}]
        if not subjects:
            return
        for position, event in reversed(recent):
            if index - position > ELABORATION_WINDOW:
                break
            parties = event.source + event.target
            for subject in subjects:
                actor = self.resolver.resolve(subject, memory, event.date)
                if actor is not None and any(actor.key == p.key for p in parties):
                    self._add_topics(event, span, include_countries=False)
                    return


def _sentence(doc_id: str, index: int, span: Span) -> Sentence:
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    stripped = text.strip()
    return Sentence(doc_id, index, start, start + len(stripped), stripped)


def _actors(events: list[Event]) -> list[Actor]:
    seen: dict[str, Actor] = {}
    for event in events:
        for actor in event.source + event.target:
            seen.setdefault(actor.key, actor)
    return list(seen.values())
