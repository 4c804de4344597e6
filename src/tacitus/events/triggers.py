"""Trigger patterns (data/events/triggers/*.toml, one file per event type) and their
matching against a parse."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from tacitus._data import list_files, read_toml
from tacitus.clean import ends_like_sentence
from tacitus.errors import ConfigError
from tacitus.ontology import load_ontology

ROLES = {
    "complement",
    "clause_subject",
    "that_subject",
    "talks_with",
    "place_people",
    "place_country",
    "place_government",
    "place_judiciary",
    "doer",
    "modifier",
    "to",
    "in",
    "subject",
    "object",
    "with",
    "between",
    "from",
    "poss",
    "governor_subject",
    "governor_with",
    "by",
}
# Dependencies through which a word "modifies" a trigger for `requires`.
# A verb's particle counts: "called **off** the strike", "stepped **down**".
_MODIFIER_DEPS = {"compound", "amod", "advmod", "npadvmod", "nmod", "dobj", "attr", "prt"}
# Adverbs through which a prepositional object qualifies the trigger ("out on strike").
_THROUGH_ADVERBS = frozenset({"out", "back", "still"})


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    type: str
    mode: str | None
    lemmas: frozenset[str]
    pos: frozenset[str]
    requires: frozenset[str]
    objects: frozenset[str]
    forbid: frozenset[str]
    source: tuple[str, ...]
    target: tuple[str, ...]
    symmetric: bool
    visitor: str | None
    confidence: float
    target_optional: bool = False
    preps: frozenset[str] = frozenset()
    mode_words: tuple[tuple[str, frozenset[str]], ...] = ()
    clause_aux: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    untargeted_type: str | None = None

    @property
    def names_act(self) -> bool:
        """The pattern names the words of the act itself (its object or a required
        modifier: "prevented the demonstration", "agreed to concessions"), not only the
        verb."""
        return bool(self.objects or self.requires)

    def mode_for(self, token: Token) -> str | None:
        """The first mode whose words occur in the trigger's phrase ("air strike")."""
        if not self.mode_words:
            return None
        lemmas = {t.lemma_.lower() for t in token.subtree} | modifier_lemmas(token)
        lemmas.add(token.lemma_.lower())
        for mode, words in self.mode_words:
            if lemmas & words:
                return mode
        return None

    def matches(self, token: Token, *, entities: bool = True) -> bool:
        """Whether the pattern fits the token. ``entities=False`` is the looser test used
        before entities are known: forbidden children are not checked, since whether
        "on Sunday" is a date decides whether "on" is forbidden."""
        if token.pos_ not in self.pos:
            return False
        for child in token.children if entities else ():
            if child.lower_ in self.forbid or f"dep:{child.dep_}" in self.forbid:
                if child.dep_ == "prep" and any(
                    g.ent_type_ in {"DATE", "TIME"} or g.lemma_.lower() == "time"
                    for g in child.children
                ):
                    # "called him on Sunday" is not "called on him to"; "shelled the city
                    # for the first time" is no strike for pay
                    continue
                return False
        if entities and reduced_relative(token) and token.head.lower_ in self.forbid:
            return False  # "a statement released on Tuesday": the noun is its object
        if self.preps and not any(
            c.dep_ in {"prep", "dative"} and c.lower_ in self.preps for c in token.children
        ):
            return False
        if self.clause_aux and modal_clause(token, self.clause_aux) is None:
            return False
        if self.governors and not (
            # "the ceasefire took effect": the noun is the subject of one of these verbs
            token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.lower() in self.governors
        ):
            return False
        obj = direct_object(token, self.objects) if self.objects else None
        if self.objects and obj is None:
            return False
        if self.requires and not (modifier_lemmas(token) & self.requires):
            # the required word may qualify the object instead: "lifted restrictions on
            # the media", "a shutdown of the internet"; or be the object of a headline's
            # passive: "Election Observers Allowed Back into Barbados"
            if obj is not None and modifier_lemmas(obj) & self.requires:
                return True
            return bool(passive_object_lemmas(token) & self.requires)
        return True


# Nouns of quantity whose "of" phrase is what the verb acts on: "expelled dozens of
# diplomats", "arrested hundreds of protesters".
QUANTITY_NOUNS = frozenset(
    {
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "score",
        "scores",
        "number",
        "group",
        "handful",
        "couple",
        "batch",
        "pair",
        "million",
        "millions",
        "part",
        "portion",
        "bulk",
        # time: "launched ten days of war games"
        "day",
        "days",
        "week",
        "weeks",
    }
)


def direct_object(token: Token, lemmas: frozenset[str]) -> Token | None:
    """The trigger's direct object when its lemma is one of ``lemmas`` (seen through a
    noun of quantity: "dozens of diplomats")."""
    deps = {"dobj", "attr", "nsubjpass"}
    if headline_past(token):
        deps.add("nsubj")  # "Curfew Lifted in Beirut": a headline's passive
    if reduced_relative(token):
        # "social media platforms suspended in ...": the noun the participle describes
        head = token.head
        if head.lemma_.lower() in lemmas:
            return head
        inner = quantity_object(head)
        if inner is not None and inner.lemma_.lower() in lemmas:
            return inner
    for child in token.children:
        # the object of a passive is its subject: "the curfew was lifted"
        if child.dep_ not in deps:
            continue
        if child.lemma_.lower() in lemmas:
            return child
        inner = quantity_object(child)
        if inner is not None and inner.lemma_.lower() in lemmas:
            return inner
    return None


def passive_object_lemmas(token: Token) -> set[str]:
    """The lemmas of what a headline's passive or a participle after its noun acts on:
    "observers" in "Election Observers Allowed Back", "Observers allowed in"."""
    found = {c.lemma_.lower() for c in token.children if c.dep_ == "nsubj" and headline_past(token)}
    if reduced_relative(token):
        found.add(token.head.lemma_.lower())
    return found


def reduced_relative(token: Token) -> bool:
    """A past participle after the noun it describes, told as an act: a passive without
    its auxiliary in a line that is only a noun phrase ("Six indicted by grand jury"),
    or with its own agent or date inside a sentence ("the demonstration staged by
    students", "the journalist detained on Monday"); not a description ("U.S. forces
    stationed in Japan")."""
    if not (token.dep_ == "acl" and token.tag_ == "VBN" and token.head.i < token.i):
        return False
    if token.sent.root.pos_ not in {"VERB", "AUX"}:
        return True
    return any(
        c.dep_ == "agent"
        or c.ent_type_ in {"DATE", "TIME"}
        or (c.dep_ == "prep" and any(g.ent_type_ in {"DATE", "TIME"} for g in c.children))
        for c in token.children
    )


# Children a headline's passive past form ("Journalist Arrested") does not have.
NOT_HEADLINE_PASSIVE = frozenset({"dobj", "aux", "auxpass", "ccomp", "xcomp", "dative"})


def headline_past(token: Token) -> bool:
    """A past form with a subject and no object or auxiliary in a headline: how headlines
    write the passive ("Journalist Arrested in Cairo")."""
    if token.pos_ != "VERB" or token.tag_ not in {"VBD", "VBN"}:
        return False
    children = list(token.children)
    if not any(c.dep_ == "nsubj" for c in children) or any(
        c.dep_ in NOT_HEADLINE_PASSIVE for c in children
    ):
        return False
    # a headline is a line of its own: first the token's line's last character (cheap),
    # then the sentence
    text = doc_text(token.doc)
    end = text.find("\n", token.idx)
    last = (end if end >= 0 else len(text)) - 1
    while last >= 0 and text[last] in " \t\r":
        last -= 1
    if last < 0 or text[last] in ".!?:":
        return False  # (a closing quote is weighed by is_headline)
    return is_headline(token.sent)


def doc_text(doc: Doc) -> str:
    """``doc.text``, made once per document (spaCy joins every token each time it is
    asked; a document made from part of this one shares its user data, hence the
    check)."""
    entry = doc.user_data.get(_TEXT_KEY)
    if entry is None or entry[0] != (id(doc), len(doc)):
        entry = doc.user_data[_TEXT_KEY] = ((id(doc), len(doc)), doc.text)
    text: str = entry[1]
    return text


_TEXT_KEY = "tacitus.text"


def is_headline(sentence: Span) -> bool:
    """A line of its own with no full stop: a headline or a subheading."""
    text = doc_text(sentence.doc)
    raw = sentence.text
    stripped = raw.strip()
    if not stripped or ends_like_sentence(stripped):
        return False
    start = sentence.start_char + len(raw) - len(raw.lstrip())
    end = start + len(stripped)
    # what stands before and after it on its lines, spaces and tabs aside (read in place,
    # not copied: this runs for many verbs)
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    return (before < 0 or text[before] == "\n") and (after >= len(text) or text[after] == "\n")


def modal_clause(token: Token, modals: frozenset[str]) -> Token | None:
    """The clause the trigger says with one of ``modals``: "said (that) the US **must**
    act" gives "act"."""
    for child in token.children:
        if child.dep_ == "ccomp" and any(
            c.dep_ == "aux" and c.lower_ in modals for c in child.children
        ):
            return child
    return None


def quantity_object(noun: Token) -> Token | None:
    """ "diplomats" of "dozens of diplomats" (None when ``noun`` is no quantity)."""
    if noun.lower_ not in QUANTITY_NOUNS and noun.lemma_.lower() not in QUANTITY_NOUNS:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def modifier_lemmas(token: Token) -> set[str]:
    """Lemmas that qualify a trigger: "phone" in "phone call", "spoke by phone"."""
    found = set()
    for child in token.children:
        if child.dep_ in _MODIFIER_DEPS or (
            # "found him guilty": a predicate adjective, however it is parsed
            child.pos_ == "ADJ" and child.dep_ in {"oprd", "acomp", "ccomp", "xcomp"}
        ):
            found.add(child.lemma_.lower())
            found.update(g.lemma_.lower() for g in child.children if g.dep_ == "compound")
            if child.lower_ in _THROUGH_ADVERBS:
                # "are out on strike": the object of the adverb's preposition
                found.update(
                    g.lemma_.lower()
                    for p in child.children
                    if p.dep_ == "prep"
                    for g in p.children
                    if g.dep_ == "pobj"
                )
        elif child.dep_ == "prep":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    found.add(grand.lemma_.lower())
                    found.update(g.lemma_.lower() for g in grand.children if g.dep_ == "compound")
    return found


@dataclass(frozen=True, slots=True)
class TriggerSet:
    by_lemma: dict[str, tuple[Trigger, ...]]

    @property
    def lemmas(self) -> frozenset[str]:
        """Words one of which a sentence must hold for some pattern to match it: a
        pattern's required modifiers if it has any ("phone"), else its objects ("talks"),
        else its clause's modals ("must"), else its trigger lemmas. Light verbs ("have",
        "hold") alone select nothing."""
        words: set[str] = set()
        for rules in self.by_lemma.values():
            for rule in rules:
                words |= rule.requires or rule.objects or rule.clause_aux or rule.lemmas
        return frozenset(words)

    def candidates(self, token: Token, *, entities: bool = True) -> list[Trigger]:
        rules = self.by_lemma.get(token.lemma_.lower(), ())
        return [rule for rule in rules if rule.matches(token, entities=entities)]


@cache
def load_triggers() -> TriggerSet:
    by_lemma: dict[str, list[Trigger]] = defaultdict(list)
    ids: set[str] = set()
    for table in trigger_tables():
        rule_id = table.get("id", "?")
        try:
            rule = _trigger(table)
        except KeyError as exc:
            raise ConfigError(f"trigger {rule_id}: missing key {exc}") from exc
        if rule.id in ids:
            raise ConfigError(f"trigger id {rule.id!r} is used twice")
        ids.add(rule.id)
        for lemma in rule.lemmas:
            by_lemma[lemma].append(rule)
    return TriggerSet({k: tuple(v) for k, v in by_lemma.items()})


TRIGGER_DIR = "events/triggers"


def trigger_tables() -> list[dict[str, Any]]:
    """Every [[trigger]] table of every file in data/events/triggers/."""
    tables: list[dict[str, Any]] = []
    for relative in list_files(TRIGGER_DIR, ".toml"):
        tables.extend(read_toml(relative).get("trigger", []))
    return tables


def _trigger(table: dict[str, Any]) -> Trigger:
    ontology = load_ontology()
    rule_id = table["id"]
    event_type = ontology.get(table["type"])
    mode = table.get("mode") or None
    if mode is not None and mode not in event_type.modes:
        raise ConfigError(f"trigger {rule_id}: {mode!r} is not a mode of {event_type.name}")
    for role in (*table["source"], *table["target"]):
        if role not in ROLES and not (role.startswith("prep:") and len(role) > 5):
            raise ConfigError(f"trigger {rule_id}: unknown role {role!r}")
    visitor = table.get("visitor")
    if visitor not in {None, "source", "target"}:
        raise ConfigError(f"trigger {rule_id}: visitor must be 'source' or 'target'")
    mode_words = table.get("mode_words", {})
    for word_mode in mode_words:
        if word_mode not in event_type.modes:
            raise ConfigError(
                f"trigger {rule_id}: {word_mode!r} is not a mode of {event_type.name}"
            )
    untargeted = table.get("untargeted_type")
    if untargeted is not None:
        untargeted = ontology.get(untargeted).name
    return Trigger(
        id=rule_id,
        type=event_type.name,
        mode=mode,
        lemmas=frozenset(table["lemmas"]),
        pos=frozenset(table.get("pos", ["VERB", "NOUN"])),
        requires=frozenset(table.get("requires", [])),
        objects=frozenset(table.get("objects", [])),
        forbid=frozenset(table.get("forbid", [])),
        source=tuple(table["source"]),
        target=tuple(table["target"]),
        symmetric=bool(table.get("symmetric", False)),
        visitor=visitor,
        confidence=float(table.get("confidence", 0.5)),
        target_optional=bool(table.get("target_optional", False)),
        preps=frozenset(table.get("preps", [])),
        mode_words=tuple((m, frozenset(words)) for m, words in mode_words.items()),
        clause_aux=frozenset(table.get("clause_aux", [])),
        governors=frozenset(table.get("governors", [])),
        untargeted_type=untargeted,
    )
