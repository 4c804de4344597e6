"""Cleaning scraped text: find the lines that are not article content, and say why.

Cleaning never rewrites ``Document.text``. It returns :class:`RemovedSpan` records (one
per removed line, with the rule and reason) that the pipeline masks before analysis, so
that every offset still points into the text as read. The patterns are data
(``data/clean/boilerplate.toml``); this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tacitus._data import read_toml
from tacitus.errors import ConfigError
from tacitus.records import Document, RemovedSpan

DUPLICATE_MIN_CHARS = 20


@dataclass(frozen=True, slots=True)
class LineRule:
    name: str
    reason: str
    pattern: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class BlockRule:
    name: str
    reason: str
    min_hits: int
    signals: tuple[re.Pattern[str], ...]
    # Lower-case words of which a line must contain one before the signals are tried:
    # most lines contain none, and substring tests cost far less than the searches.
    keywords: tuple[str, ...] = ()

    def hits(self, text: str) -> int:
        if self.keywords:
            lower = text.lower()
            if not any(keyword in lower for keyword in self.keywords):
                return 0
        return sum(1 for signal in self.signals if signal.search(text))


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    lines: tuple[LineRule, ...]
    blocks: tuple[BlockRule, ...]
    captions: tuple[LineRule, ...]
    prefixes: tuple[LineRule, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str


def _compile(pattern: str, rule: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"boilerplate rule {rule!r}: bad pattern: {exc}") from exc


@cache
def load_rules() -> BoilerplateRules:
    raw = read_toml("clean/boilerplate.toml")
    try:
        return BoilerplateRules(
            lines=tuple(_line_rule(r) for r in raw.get("line", [])),
            blocks=tuple(_block_rule(r) for r in raw.get("block", [])),
            captions=tuple(_line_rule(r) for r in raw.get("caption", [])),
            prefixes=tuple(_line_rule(r) for r in raw.get("prefix", [])),
        )
    except KeyError as exc:
        raise ConfigError(f"clean/boilerplate.toml: a rule is missing key {exc}") from exc


def _block_rule(raw: dict[str, Any]) -> BlockRule:
    return BlockRule(
        raw["name"],
        raw["reason"],
        int(raw["min_hits"]),
        tuple(_compile(sig, raw["name"], re.IGNORECASE) for sig in raw["signals"]),
        tuple(str(k).lower() for k in raw.get("keywords", ())),
    )


def _line_rule(raw: dict[str, str]) -> LineRule:
    return LineRule(raw["name"], raw["reason"], _compile(raw["pattern"], raw["name"]))


def split_lines(text: str) -> Iterator[Line]:
    """Non-blank lines with their offsets (stripped of surrounding white space)."""
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            yield Line(start, start + len(stripped), stripped)
        offset += len(raw) + 1


def find_boilerplate(text: str, rules: BoilerplateRules | None = None) -> list[RemovedSpan]:
    """Every line of ``text`` that is boilerplate, with the rule that says so."""
    rules = rules or load_rules()
    lines = list(split_lines(text))
    removed: dict[int, RemovedSpan] = {}

    def remove(line: Line, rule: str, reason: str) -> None:
        removed.setdefault(line.start, RemovedSpan(line.start, line.end, line.text, rule, reason))

    for line in lines:
        for rule in rules.lines:
            if rule.pattern.fullmatch(line.text):
                remove(line, rule.name, rule.reason)
                break
        else:
            for rule in rules.captions:
                if rule.pattern.search(line.text):
                    remove(line, rule.name, rule.reason)
                    break

    for line in lines:
        for block in rules.blocks:
            if block.hits(line.text) >= block.min_hits:
                remove(line, block.name, block.reason)
                break

    for line in lines:
        if line.start in removed:
            continue
        for rule in rules.prefixes:
            found = rule.pattern.match(line.text)
            if found and found.end() < len(line.text):
                end = line.start + found.end()
                removed[line.start] = RemovedSpan(
                    line.start, end, line.text[: found.end()], rule.name, rule.reason
                )
                break

    seen: set[str] = set()
    for line in lines:
        key = " ".join(line.text.split())
        if len(key) < DUPLICATE_MIN_CHARS:
            continue
        if key in seen:
            remove(line, "duplicate-line", "duplicate line")
        seen.add(key)
    return sorted(removed.values(), key=lambda span: span.start)


def clean(document: Document, rules: BoilerplateRules | None = None) -> Document:
    """The stage: attach the removed spans to the document (its text is unchanged)."""
    document.removed = find_boilerplate(document.text, rules)
    return document


# -- headlines ---------------------------------------------------------------------------
# Words that stay lower case inside a title-case headline ("Talks of the Two Koreas").
_HEADLINE_SMALL = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "to",
        "for",
        "and",
        "or",
        "but",
        "nor",
        "with",
        "at",
        "by",
        "from",
        "as",
        "over",
        "after",
        "before",
        "into",
        "amid",
        "against",
        "about",
        "up",
        "out",
        "off",
        "its",
        "his",
        "her",
        "their",
        "is",
        "are",
        "be",
    ]
)
HEADLINE_MAX_WORDS = 25
_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# A word after one of these starts a sentence, so its capital says nothing about names.
_SENTENCE_STARTS = frozenset(".!?:;\"“”'‘’([—–-\n")


def truecase_headlines(
    text: str,
    known: Callable[[], Collection[str]] | None = None,
    verbs: Callable[[], Collection[str]] | None = None,
) -> str:
    """``text`` with the title-case lines ("Curaçao Expels Dozens of Diplomats") in
    sentence case for the parser: each word after the first goes to lower case unless
    the rest of the text writes it with a capital inside a sentence (a name: "Isle of
    Man") or it is all capitals ("EU"). spaCy's small model reads title case poorly
    (capitalised verbs become names), and a news headline often states the event
    itself. ``known`` gives more names to keep (the names of the knowledge base:
    "Cyprus" in a headline the body only starts a sentence with; a name of several
    words only where the line has all of them); it is called only
    when a line is title case. A line is put in sentence case only on evidence that it
    is prose, not a line of names: a word it would lower that the text writes in lower
    case elsewhere, or an English verb (``verbs``, lower-case base forms, also called
    only for a title-case line: "Gambia Leader Raises Possibility of Bans" has a body
    that never writes "raises"). The length, and so every offset, is unchanged; a line
    that is not title case is left alone."""
    lines = text.split("\n")
    titled = {i for i, line in enumerate(lines) if _title_case(line)}
    if not titled:
        return text
    body = "\n".join(line for i, line in enumerate(lines) if i not in titled)
    names, common = set(), set()
    for m in _WORD.finditer(body):
        word = m.group(0)
        if word[0].islower():
            common.add(word)
        elif _inside_sentence(body, m.start()):
            names.add(word)
    multiword: list[str] = []
    if known is not None:
        for name in known():
            if " " in name:
                multiword.append(name)
            else:
                names.add(name)
    vocabulary = verbs() if verbs is not None else ()
    for i in titled:
        # a name of several words keeps its capitals where the line has all of it
        # ("State of Law Coalition"), not each word alone ("Martial Law")
        line = lines[i]
        spans = [
            (m.start(), m.end())
            for name in multiword
            if name in line
            for m in re.finditer(re.escape(name), line)
        ]
        lines[i] = _sentence_case(line, names, common, vocabulary, spans)
    return "\n".join(lines)


def _is_verb(word: str, verbs: Collection[str]) -> bool:
    """ "raises", "accused", "bans": an inflected form of one of ``verbs``."""
    if not verbs:
        return False
    forms = {word}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)])
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    return not forms.isdisjoint(verbs)


_CLOSING_QUOTES = "\"”'’"


def ends_like_sentence(line: str) -> bool:
    """The line ends as a sentence does: with a full stop, question or exclamation
    mark or colon, also inside a closing quote (\"..., he said.\"). A headline ending
    on a quotation has none inside it: Minister: "We Will Not Resign"."""
    stripped = line.rstrip()
    if not stripped:
        return False
    if stripped[-1] in _CLOSING_QUOTES:
        inside = stripped.rstrip(_CLOSING_QUOTES).rstrip()
        return not inside or inside[-1] in ".!?:,"
    return stripped[-1] in ".!?:"


def _title_case(line: str) -> bool:
    """A headline: short, no full stop at the end (a sentence or a photo caption has
    one), and nearly every word that is not a small word capitalised."""
    stripped = line.strip()
    if not stripped or ends_like_sentence(stripped):
        return False
    words = _WORD.findall(line)
    content = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    if len(words) < 3 or len(words) > HEADLINE_MAX_WORDS or len(content) < 2:
        return False
    capitals = sum(1 for w in content if w[0].isupper())
    return capitals >= 0.8 * len(content)


def _inside_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return bool(before) and before[-1] not in _SENTENCE_STARTS


def _sentence_case(
    line: str,
    names: set[str],
    common: set[str],
    verbs: Collection[str] = (),
    kept: Sequence[tuple[int, int]] = (),
) -> str:
    """The line in sentence case, or as it is when none of the words it would lower is
    written in lower case elsewhere in the text (a line of names: "Antony Blinken,
    Benjamin Netanyahu and Mahmoud Abbas")."""
    first = True
    evidence = False

    def lower(match: re.Match[str]) -> str:
        nonlocal first, evidence
        word = match.group(0)
        if first:
            first = False
            return word
        if word.isupper() or word in names or not word[0].isupper():
            return word
        if any(start <= match.start() < end for start, end in kept):
            return word  # inside a name of several words
        if _POSSESSIVE.sub("", word) in names:
            return word  # "Italy's", "Cyprus's": a name with its possessive ending
        lowered = word.lower()
        if len(lowered) != len(word):
            return word
        evidence = evidence or lowered in common or _is_verb(lowered, verbs)
        return lowered

    cased = _WORD.sub(lower, line)
    return cased if evidence else line
