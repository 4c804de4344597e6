"""Cleaning scraped text: find the lines that are not article content, and say why.

Cleaning never rewrites ``Document.text``. It returns :class:`RemovedSpan` records (one
per removed line, with the rule and reason) that the pipeline masks before analysis, so
that every offset still points into the text as read. The patterns are data
(``data/clean/boilerplate.toml``); this module only applies them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
