"""The sentence classifier: how likely a sentence reports an event of each PLOVER type.

A linear model (one logistic regression per type, trained by
``training/train_types.py`` on the sentences in ``training/data``) over features read
from the parse spaCy has already made: lemmas with names and numbers abstracted,
lemma bigrams, and head→dependency→child triples ("withdraw>dobj>troop",
"impose>on>P"). Scoring a sentence is a sum of weight rows, so the model costs next to
nothing beside the parser, and it is shipped in the package as two small files
(``data/models/event_types.npz`` and its ``.json`` card).

The coder uses the probabilities three ways (see :mod:`tacitus.coder`): to choose the
type where trigger patterns of several types fit one word, to set aside pattern events
whose type the sentence very unlikely reports, and to code an event where no pattern
fits but the classifier is confident, with actors read from the parse around the word
that weighs most for that type.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import numpy as np
from spacy.tokens import Span, Token

from tacitus.errors import ConfigError

MODEL_DIR = "models"
MODEL_NAME = "event_types"
FEATURE_VERSION = 2

_SKIP_POS = frozenset({"PUNCT", "SPACE", "DET", "SYM", "X"})
# dependencies whose (head, child) pair says something about what happened
_PAIR_DEPS = frozenset(
    {
        "dobj",
        "nsubj",
        "nsubjpass",
        "xcomp",
        "ccomp",
        "prt",
        "neg",
        "dative",
        "attr",
        "acomp",
        "agent",
        "compound",
        "amod",
    }
)
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})


def word(token: Token) -> str:
    """A token as the classifier sees it: names become ``P``, numbers ``NUM``, the rest
    their lower-case lemma."""
    if token.pos_ == "PROPN":
        return "P"
    if token.pos_ == "ADJ" and token.text[:1].isupper() and not token.is_sent_start:
        return "P"  # demonyms: "Israeli troops"
    if token.like_num or token.pos_ == "NUM":
        return "NUM"
    return token.lemma_.lower()


def features(tokens: Iterable[Token]) -> set[str]:
    """The feature strings of one sentence (or of any run of tokens)."""
    return {feature for _, feature in anchored_features(tokens)}


def anchored_features(tokens: Iterable[Token]) -> list[tuple[int, str]]:
    """Each feature with the index of the token it is read from (a bigram: its second
    word; a dependency triple: the head)."""
    kept = [t for t in tokens if t.pos_ not in _SKIP_POS and not t.is_space]
    words = {t.i: word(t) for t in kept}
    found: list[tuple[int, str]] = []
    previous = ""
    for token in kept:
        i = token.i
        current = words[i]
        if current == "P" and previous == "P":
            continue  # "Antony Blinken" is one name
        found.append((i, "w=" + current))
        if previous:
            found.append((i, f"b={previous}_{current}"))
        previous = current
        if token.dep_ == "ROOT":
            found.append((i, "r=" + current))
        if token.pos_ not in _CONTENT_POS:
            continue
        for child in token.children:
            dep = child.dep_
            if dep == "dative" and child.pos_ == "ADP":
                dep = "prep"  # the parser calls "to" in "sent troops to X" either
            if dep in _PAIR_DEPS:
                found.append((i, f"d={current}>{dep}>{words.get(child.i) or child.lower_}"))
            elif dep in {"prep", "agent"}:
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        other = words.get(grand.i) or grand.lower_
                        found.append((i, f"d={current}>{child.lower_}>{other}"))
                found.append((i, f"d={current}>{child.lower_}"))
    return found


@dataclass(frozen=True)
class TypeModel:
    """One-vs-rest logistic regression over sentence features."""

    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    card: dict[str, object]

    def probabilities(self, tokens: Iterable[Token]) -> dict[str, float]:
        return dict(zip(self.labels, self.scores(features(tokens)).tolist(), strict=True))

    def scores(self, feats: Iterable[str]) -> np.ndarray:
        rows = [self.vocabulary[f] for f in feats if f in self.vocabulary]
        logits = self.bias + self.weights[rows].sum(axis=0) if rows else self.bias.copy()
        probabilities: np.ndarray = 1.0 / (1.0 + np.exp(-logits))
        return probabilities

    def word_weights(self, sentence: Span, label: str) -> dict[int, float]:
        """How much each word of the sentence, with the dependencies it heads, speaks for
        ``label`` (used to find the word that carries the event when no pattern fits)."""
        column = self.labels.index(label)
        weights: dict[int, float] = {}
        for i, feature in anchored_features(sentence):
            if feature.startswith("b="):
                continue
            row = self.vocabulary.get(feature)
            if row is not None:
                weights[i] = weights.get(i, 0.0) + float(self.weights[row, column])
        return weights

    def save(self, stem: str) -> None:
        """Write ``STEM.npz`` (arrays) and ``STEM.json`` (the card)."""
        ordered = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            stem + ".npz",
            labels=np.array(self.labels),
            features=np.array(ordered),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
        )
        with Path(stem + ".json").open("w", encoding="utf-8") as handle:
            json.dump(self.card, handle, indent=2, sort_keys=True)
            handle.write("\n")


def from_arrays(
    labels: Sequence[str],
    feature_names: Sequence[str],
    weights: np.ndarray,
    bias: np.ndarray,
    card: dict[str, object],
) -> TypeModel:
    vocabulary = {name: i for i, name in enumerate(feature_names)}
    if weights.shape != (len(vocabulary), len(labels)) or bias.shape != (len(labels),):
        raise ConfigError("sentence classifier: weights do not fit its labels and features")
    return TypeModel(
        tuple(labels),
        vocabulary,
        weights.astype(np.float32),
        bias.astype(np.float32),
        card,
    )


@cache
def load_model(stem: str = "") -> TypeModel:
    """The classifier at ``stem`` (``STEM.npz`` + ``STEM.json``), or the one shipped."""
    try:
        if stem:
            npz, card_file = Path(stem + ".npz"), Path(stem + ".json")
            raw, card_text = npz.read_bytes(), card_file.read_text(encoding="utf-8")
        else:
            folder = files("tacitus").joinpath("data", MODEL_DIR)
            raw = folder.joinpath(MODEL_NAME + ".npz").read_bytes()
            card_text = folder.joinpath(MODEL_NAME + ".json").read_text(encoding="utf-8")
        arrays = np.load(io.BytesIO(raw), allow_pickle=False)
        labels = [str(x) for x in arrays["labels"]]
        names = [str(x) for x in arrays["features"]]
        weights, bias = arrays["weights"], arrays["bias"]
        card = json.loads(card_text)
    except (OSError, KeyError, ValueError) as exc:
        where = stem or "the package"
        raise ConfigError(f"cannot load the sentence classifier from {where}: {exc}") from exc
    if card.get("feature_version") != FEATURE_VERSION:
        raise ConfigError(
            "the sentence classifier was trained on other features; "
            "run `python training/train_types.py`"
        )
    return from_arrays(labels, names, weights, bias, card)
