"""Headlines whose verb the parser read as a noun, parsed again with the verb in the past.

News headlines drop articles and auxiliaries and state the event in the present tense
("Macedonia Ratifies Treaty", "Czech Republic and Austria Sign Trade Agreement", "Sri
Lanka Thanks Comoros for Support", "Hundreds Rally in Capital"). spaCy's small English
model, trained on running text, often reads that present-tense verb as a noun in a chain
of compounds, so the line has no verb and the coder finds no one doing anything. The
same words with the verb in the past ("Macedonia ratified treaty") it parses as a
sentence.

``tacitus_headline_verbs`` runs after the parser. For a line of its own with no full
stop (:func:`tacitus.events.triggers.is_headline`) whose root is not a verb, it takes
the words tagged as nouns (or as a present-tense verb the parser did not make the root)
that are an English verb's base or third-person form (after the line's first word, as a
subject comes first; in lower case, unless the line is all in title case, as a capital
in a line in sentence case marks a name), left to right, and parses
the line again with that word in its past form (LemmInflect's inflection tables): the
first whose parse makes that word the root verb gives the line its tags, heads and
labels, the word keeping a present-tense tag. The words, offsets, the text and every
other line are unchanged; nothing happens where the parser already found a verb, and a
line it cannot repair stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import numpy as np
from spacy.attrs import DEP, HEAD, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span

from tacitus.events.triggers import is_headline

HEADLINE_VERBS = "tacitus_headline_verbs"
MAX_TRIES = 3  # words tried per headline
# nouns, and present-tense verbs the parser did not follow ("hosts" in "Macedonia hosts
# peace talks ...", made a compound of "talks")
_CANDIDATE_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "VBZ", "VBP"})
_VERB_ROOT_TAGS = frozenset({"VBD", "VBN"})


@cache
def _inflect() -> Any:
    import lemminflect  # loaded at the first headline that needs it (~0.5 s)

    return lemminflect


def past_form(word: str) -> tuple[str, str] | None:
    """``(past form, present tag)`` of ``word`` read as a verb's base ("sign": VBP) or
    third person ("ratifies": VBZ), else None."""
    inflect = _inflect()
    lower = word.lower()
    for lemma in inflect.getAllLemmas(lower, upos="VERB").get("VERB", ()):
        if lower == lemma:
            tag = "VBP"
        elif lower in inflect.getInflection(lemma, tag="VBZ"):
            tag = "VBZ"
        else:
            continue
        past = inflect.getInflection(lemma, tag="VBD")
        if past:
            return past[0], tag
    return None


class HeadlineVerbs:
    """Re-parse headlines without a verb, with a candidate verb put in the past."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        heads: Any = None
        for sentence in doc.sents:
            root = sentence.root
            if root.tag_.startswith("VB") or len(sentence) < 3 or not is_headline(sentence):
                continue
            parse = self._reparse(sentence)
            if parse is None:
                continue
            if heads is None:
                heads = doc.to_array([TAG, HEAD, DEP])  # uint64; HEAD relative
            tags, relative, deps = parse
            start, end = sentence.start, sentence.end
            heads[start:end, 0] = tags
            heads[start:end, 1] = relative
            heads[start:end, 2] = deps
        if heads is not None:
            doc.from_array([TAG, HEAD, DEP], heads)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _reparse(self, sentence: Span) -> tuple[list[int], np.ndarray, list[int]] | None:
        """The sentence's tags, relative heads and labels from a parse with one of its
        noun-tagged verb forms in the past, the first that parses as the root verb."""
        words = [t.text for t in sentence]
        spaces = [bool(t.whitespace_) for t in sentence]
        alpha = [t for t in sentence if t.is_alpha and len(t) > 3]
        # in a line in sentence case a capital marks a name ("Human Rights Watch");
        # a line left in title case gives no such sign
        titled = sum(t.is_title for t in alpha) * 5 >= len(alpha) * 4
        tries = 0
        for i, token in enumerate(sentence):
            if i == 0 or token.tag_ not in _CANDIDATE_TAGS or not token.is_alpha:
                continue
            if not titled and not token.is_lower:
                continue
            form = past_form(token.text)
            if form is None:
                continue
            tries += 1
            variant_words = list(words)
            variant_words[i] = form[0]
            variant = self._parse(Doc(self.nlp.vocab, words=variant_words, spaces=spaces))
            verb = variant[i]
            roots = [t for t in variant if t.dep_ == "ROOT"]
            if roots == [verb] and verb.tag_ in _VERB_ROOT_TAGS:
                strings = self.nlp.vocab.strings
                tags = [strings.add(form[1]) if t.i == i else t.tag for t in variant]
                relative = variant.to_array([HEAD])
                deps = [t.dep for t in variant]
                return tags, relative, deps
            if tries >= MAX_TRIES:
                break
        return None

    def _parse(self, doc: Doc) -> Doc:
        for name in ("tok2vec", "tagger", "parser"):
            if name in self.nlp.pipe_names:
                doc = self.nlp.get_pipe(name)(doc)
        return doc


@Language.factory(HEADLINE_VERBS)
def make_headline_verbs(nlp: Language, name: str) -> HeadlineVerbs:
    return HeadlineVerbs(nlp, name)
