"""Typed records that flow through every stage.

One :class:`Document` carries its text and metadata from the reader to the end of the
pipeline; stages attach typed fields to it rather than ad-hoc dict keys. Offsets
(``start``/``end``) are always character offsets into ``Document.text``, which is never
rewritten after reading: boilerplate is *reported* as :class:`RemovedSpan` records and
masked for analysis, so ``document.text[m.start:m.end] == m.sentence`` holds for every
evidence mention.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Status = Literal["happened", "planned", "denied", "hypothetical"]
DatePrecision = Literal["day", "week", "month", "year"]
QuadClass = Literal[
    "verbal cooperation", "material cooperation", "verbal conflict", "material conflict"
]


def content_hash(*parts: str, length: int = 16) -> str:
    """A stable hex id from text parts (sha256, truncated)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass(slots=True)
class RemovedSpan:
    """A piece of scraped text that is not article content, with the rule that matched."""

    start: int
    end: int
    text: str
    rule: str
    reason: str


@dataclass(slots=True)
class Document:
    """A news document as read, plus what cleaning found in it."""

    doc_id: str
    text: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    language: str | None = "en"
    source_path: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)
    author: str | None = None
    canonical_url: str | None = None  # courlan's form of the page's canonical URL or url
    repairs: list[str] = field(default_factory=list)  # what reading had to repair
    # A duplicate is not coded: it names the document it repeats and how alike they are.
    duplicate_of: str | None = None
    duplicate_kind: str | None = None  # "exact" | "near"
    similarity: float | None = None

    @staticmethod
    def make_id(text: str) -> str:
        """The content-hash id used when the input names no id."""
        return content_hash(text)

    def masked_text(self) -> str:
        """The text with removed spans blanked (same length, newlines kept)."""
        if not self.removed:
            return self.text
        chars = list(self.text)
        for span in self.removed:
            for i in range(span.start, span.end):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)


@dataclass(slots=True, frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Actor:
    """One participant: a person, a group or a state, coded as country + sector."""

    name: str
    text: str
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None
    role: str | None = None
    kind: str = "person"  # person | organization | group | country
    start: int | None = None
    end: int | None = None

    @property
    def key(self) -> str:
        """Identity used for de-duplication: the KB id, else country/sector/name."""
        return self.actor_id or f"{self.country}|{self.sector}|{self.name.lower()}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "text": self.text,
            "country": self.country,
            "sector": self.sector,
            "actor_id": self.actor_id,
            "role": self.role,
            "kind": self.kind,
        }


@dataclass(slots=True, frozen=True)
class Mention:
    """Evidence: one sentence of one document that states the event."""

    doc_id: str
    sentence: str
    start: int
    end: int
    trigger: str = ""


@dataclass(slots=True)
class Attribution:
    """Who reported the event ("according to X", "X said", "the readout")."""

    name: str | None
    role: str | None = None
    organization: str | None = None
    text: str = ""


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(slots=True)
class Quote:
    text: str
    speaker: Actor | None
    doc_id: str
    start: int
    end: int


@dataclass(slots=True)
class Event:
    type: str
    mode: str | None
    source: list[Actor]
    target: list[Actor]
    mentions: list[Mention]
    quad_class: str | None = None
    score: float | None = None
    context: list[str] = field(default_factory=list)
    date: date | None = None
    date_precision: DatePrecision | None = None
    date_text: str | None = None
    date_from_publication: bool = False
    location: Location | None = None
    status: Status = "happened"
    attribution: list[Attribution] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    confidence: float = 0.5
    cameo: str | None = None

    @property
    def doc_id(self) -> str:
        return self.mentions[0].doc_id if self.mentions else ""

    @property
    def event_id(self) -> str:
        """Stable content hash of what the event is (not of where it was read)."""
        src = sorted(a.key for a in self.source)
        tgt = sorted(a.key for a in self.target)
        return content_hash(
            self.type,
            self.mode or "",
            ",".join(src),
            ",".join(tgt),
            self.date.isoformat() if self.date else "",
            self.status,
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``tacitus code --format jsonl``."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "quad_class": self.quad_class,
            "score": self.score,
            "cameo": self.cameo,
            "source": [a.as_dict() for a in self.source],
            "target": [a.as_dict() for a in self.target],
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "date_from_publication": self.date_from_publication,
            "location": asdict(self.location) if self.location else None,
            "status": self.status,
            "attribution": [asdict(a) for a in self.attribution],
            "topics": list(self.topics),
            "confidence": round(self.confidence, 3),
            "evidence": [asdict(m) for m in self.mentions],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False)


@dataclass(slots=True, frozen=True)
class PersonTitle:
    """A person a document names in full, with what it says they are: their title,
    country and sector (for someone in the knowledge base, the office they hold on the
    document's date and its term). The store's actor memory learns from these."""

    name: str
    role: str | None = None
    country: str | None = None
    sector: str | None = None
    actor_id: str | None = None
    office_start: date | None = None
    office_end: date | None = None
    surname: str | None = None  # when not the last word ("Xi" of "Xi Jinping")


@dataclass(slots=True)
class CodedDocument:
    """The result of coding one document."""

    document: Document
    sentences: list[Sentence]
    events: list[Event]
    quotes: list[Quote]
    actors: list[Actor]
    contexts: list[str] = field(default_factory=list)  # PLOVER contexts of the story
    people: list[PersonTitle] = field(default_factory=list)  # named in full, with a title
