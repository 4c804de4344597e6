"""A faster stand-in for the model's ``attribute_ruler``, applying the same patterns.

The small English model's attribute ruler maps every fine-grained tag to its
coarse part of speech and morphology and fixes a few words ("n't" → PART, "gon na" →
"go to"). spaCy runs its 179 patterns through the general token Matcher, which costs
about an eighth of the whole pipeline. The patterns are all one or two tokens long and
test only a token's tag, lower-case form, dependency label and whether it is a space, so
:class:`TableAttributeRuler` reads them from the loaded component, indexes them by tag
and word, and writes the results with one ``Doc.from_array`` call. Precedence is
spaCy's: later patterns override earlier ones, attribute by attribute.
``tests/test_attributes.py`` checks that every token gets the same tag, part of speech,
morphology, lemma and dependency as with the stock component.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from tacitus.errors import ConfigError

Predicate = Callable[[Any], bool]
# a token as the patterns see it: (tag, lower-case form, dependency, is it a space)
TokenView = tuple[str, str, str, bool]
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_WRITABLE = ("TAG", "POS", "MORPH", "LEMMA", "DEP")
CACHE_LIMIT = 200_000  # distinct (tag, word, dependency) tokens remembered


@dataclass(frozen=True, slots=True)
class _Rule:
    order: int  # later rules win
    tokens: tuple[tuple[tuple[int, Predicate], ...], ...]
    index: int  # which token of the match gets the attributes
    attrs: dict[str, str]

    def matches(self, views: list[TokenView], start: int) -> bool:
        if start + len(self.tokens) > len(views):
            return False
        return all(
            predicate(views[start + offset][field])
            for offset, tests in enumerate(self.tokens)
            for field, predicate in tests
        )


def _predicate(value: object) -> Predicate:
    if isinstance(value, dict) and len(value) == 1:
        ((operator, argument),) = value.items()
        if operator == "IN":
            members = frozenset(argument)
            return lambda v: v in members
        if operator == "NOT_IN":
            excluded = frozenset(argument)
            return lambda v: v not in excluded
        if operator == "REGEX":
            pattern = re.compile(argument)
            return lambda v: bool(pattern.search(v))
    elif isinstance(value, str | bool):
        return lambda v: v == value
    raise ConfigError(f"attribute rule: unsupported pattern value {value!r}")


class TableAttributeRuler:
    """The patterns of a spaCy ``AttributeRuler``, applied by table look-up."""

    def __init__(self, patterns: Iterable[dict[str, Any]]) -> None:
        self.rules: list[_Rule] = []
        self.by_tag: dict[str, list[_Rule]] = {}
        self.by_lower: dict[str, list[_Rule]] = {}
        self.general: list[_Rule] = []
        self._names: dict[int, str] = {}
        self._single: dict[TokenView, list[_Rule]] = {}
        self._longer: dict[TokenView, list[_Rule]] = {}
        for order, entry in enumerate(patterns):
            attrs = {str(k): str(v) for k, v in entry["attrs"].items()}
            unknown = set(attrs) - set(_WRITABLE)
            if unknown:
                raise ConfigError(f"attribute rule sets unsupported attributes {unknown}")
            for pattern in entry["patterns"]:
                tokens = []
                for spec in pattern:
                    if set(spec) - set(_FIELDS):
                        raise ConfigError(f"attribute rule tests unsupported keys {spec}")
                    tokens.append(tuple((_FIELDS[k], _predicate(v)) for k, v in spec.items()))
                rule = _Rule(order, tuple(tokens), int(entry.get("index", 0)), attrs)
                self.rules.append(rule)
                self._index(rule, pattern[0])

    def _index(self, rule: _Rule, first: dict[str, Any]) -> None:
        """File the rule under the tags or words its first token needs, if any."""
        for key, table in (("TAG", self.by_tag), ("LOWER", self.by_lower)):
            value = first.get(key)
            if isinstance(value, str):
                table.setdefault(value, []).append(rule)
                return
            if isinstance(value, dict) and set(value) == {"IN"}:
                for member in value["IN"]:
                    table.setdefault(member, []).append(rule)
                return
        self.general.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        if len(self._single) > CACHE_LIMIT:  # distinct words keep coming in a long run
            self._single.clear()
            self._longer.clear()
            self._names.clear()
        views = self._views(doc)
        found: list[tuple[int, int, _Rule]] = []
        for start, view in enumerate(views):
            # one-token rules depend on the token alone: worked out once per distinct token
            single = self._single.get(view)
            if single is None:
                single = self._single[view] = [
                    r for r in self._candidates(view) if len(r.tokens) == 1 and r.matches([view], 0)
                ]
            found.extend((rule.order, start, rule) for rule in single)
            longer = self._longer.get(view)
            if longer is None:
                longer = self._longer[view] = self._candidates(view, longer=True)
            for rule in longer:
                if rule.matches(views, start):
                    found.append((rule.order, start, rule))
        found.sort(key=lambda item: (item[0], item[1]))
        final: dict[int, dict[str, str]] = {}
        for _, start, rule in found:
            target = start + rule.index
            if 0 <= target < len(doc):
                final.setdefault(target, {}).update(rule.attrs)
        self._write(doc, final)
        return doc

    def _candidates(self, view: TokenView, *, longer: bool = False) -> list[_Rule]:
        """Rules whose first token may match ``view`` (only longer ones with ``longer``)."""
        tables = (self.by_tag.get(view[0], ()), self.by_lower.get(view[1], ()), self.general)
        return [r for table in tables for r in table if (len(r.tokens) > 1) == longer]

    def _views(self, doc: Doc) -> list[TokenView]:
        """Each token's tag, lower-case form, dependency and space flag, read as one
        array (string ids are looked up once per process)."""
        names = self._names
        strings = doc.vocab.strings

        def name(key: int) -> str:
            found = names.get(key)
            if found is None:
                found = names[key] = strings[key] if key else ""
            return found

        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        return [(name(t), name(w), name(d), bool(sp)) for t, w, d, sp in rows]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    @staticmethod
    def _write(doc: Doc, final: dict[int, dict[str, str]]) -> None:
        columns = [TAG, POS, MORPH, LEMMA]
        values: Any = doc.to_array(columns)  # uint64 ids, one row per token
        strings = doc.vocab.strings
        morphology = doc.vocab.morphology
        for i, attrs in final.items():
            for column, name in enumerate(("TAG", "POS", "MORPH", "LEMMA")):
                if name not in attrs:
                    continue
                value = attrs[name]
                values[i, column] = morphology.add(value) if name == "MORPH" else strings.add(value)
        doc.from_array(columns, values)
        for i, attrs in final.items():
            if "DEP" in attrs:
                doc[i].dep_ = attrs["DEP"]


TABLE_RULER = "tacitus_attribute_table"


@Language.factory(TABLE_RULER, default_config={"patterns": []})
def make_table_ruler(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> Any:
    return TableAttributeRuler(patterns)


def use_table_ruler(nlp: Language) -> bool:
    """Replace the pipeline's ``attribute_ruler`` by the table version of its patterns;
    a pipeline whose patterns use other operators keeps its own component (False)."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    patterns = getattr(nlp.get_pipe("attribute_ruler"), "patterns", None)
    if patterns is None:
        return False
    try:
        TableAttributeRuler(patterns)
    except ConfigError:
        return False
    nlp.add_pipe(TABLE_RULER, after="attribute_ruler", config={"patterns": patterns})
    nlp.disable_pipe("attribute_ruler")
    return True
