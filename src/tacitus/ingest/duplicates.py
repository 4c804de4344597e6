"""Duplicate documents: exact copies and near-duplicates (the same wire story with
another outlet's headline, bylines or boilerplate).

An *exact* duplicate has the same text once case, white space and punctuation are
ignored (a SHA-256 of that form). A *near* duplicate shares at least ``threshold`` of
its word 5-grams with an earlier document (Jaccard similarity estimated by MinHash with
128 permutations, computed here with numpy; candidates found by datasketch's
locality-sensitive hashing index) and opens like it. The
earlier document is the original; the duplicate is linked to it and not coded again.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from typing import cast

import numpy as np
from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param

SHINGLE_WORDS = 5
NUM_PERM = 128
# Fewer shingles than this and MinHash says little; such texts are only checked exactly.
MIN_SHINGLES = 8
LEAD_MIN_WORDS = 15
LEAD_WORDS = 40
WINDOW_WORDS = 150
LEAD_AGREEMENT = 0.5
CANDIDATE_MARGIN = 0.2
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Duplicate:
    original: str  # document id of the first document with this content
    kind: str  # "exact" | "near"
    similarity: float  # 1.0 for exact; estimated Jaccard similarity of the 5-grams


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """32-bit hashes of the distinct word 5-grams: each word is hashed once (CRC-32,
    stable across processes and runs) and the five hashes of a window are combined as a
    polynomial, in numpy rather than by joining and hashing every 5-gram string."""
    n = SHINGLE_WORDS
    if len(tokens) < n:
        return np.empty(0, dtype=np.uint64)
    missing = set(tokens).difference(_WORD_HASHES)
    if len(_WORD_HASHES) + len(missing) > _WORD_CACHE_SIZE:
        _WORD_HASHES.clear()
        missing = set(tokens)
    for token in missing:
        _WORD_HASHES[token] = zlib.crc32(token.encode("utf-8"))
    ids = np.fromiter(map(_WORD_HASHES.__getitem__, tokens), np.uint64, len(tokens))
    windows = len(tokens) - n + 1
    combined = np.zeros(windows, dtype=np.uint64)
    for i in range(n):  # unsigned arithmetic wraps around modulo 2**64, as intended
        combined = combined * _BASE + ids[i : i + windows]
    return np.unique((combined ^ (combined >> np.uint64(32))) & _MAX32)


def signature(tokens: list[str]) -> MinHash | None:
    """The MinHash signature of the 5-grams: for each of 128 hash functions
    ``((a * h + b) mod 2**64) >> 32`` (multiply-add-shift hashing of the 32-bit 5-gram
    hashes, a universal family; datasketch's ``mod 2**61 - 1`` costs twice as much in
    numpy),
    the least value, as a datasketch ``MinHash`` for its LSH index and Jaccard
    estimate."""
    hashes = shingle_hashes(tokens)
    if len(hashes) < MIN_SHINGLES:
        return None
    a, b = _permutations()
    values = ((hashes[:, None] * a + b) >> _SHIFT).min(axis=0)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, permutations=(a, b), scheme="legacy")


_BASE = np.uint64(1_000_003)
_MAX32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
# Word → CRC-32, shared by all documents of a process (news vocabularies repeat).
_WORD_HASHES: dict[str, int] = {}
_WORD_CACHE_SIZE = 500_000


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """Fixed hash parameters, random 64-bit a (odd) and b: the same signatures in every
    process and run. The product must wrap around modulo 2**64 for multiply-shift to
    mix (with small a it would keep the order of h, and every minimum would be one
    5-gram's)."""
    rng = np.random.RandomState(1)
    a = rng.randint(0, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.randint(0, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2)
    return a, b


@cache
def _bands(threshold: float) -> tuple[int, int]:
    """(bands, rows) of the LSH index for linking at ``threshold``.

    datasketch's choice for a threshold balances missed pairs against false candidates,
    so at the threshold itself it finds fewer than half the pairs (44 % at 0.7). The
    index is built for a threshold ``CANDIDATE_MARGIN`` lower instead (25 bands of 5
    rows for 0.7: 99 % of the pairs at 0.7 found, 6 % of those at 0.3 offered), and
    every candidate is checked against the real threshold. Found by numerical
    integration (tens of milliseconds), once per threshold."""
    looser = max(0.1, threshold - CANDIDATE_MARGIN)
    return cast(tuple[int, int], _optimal_param(looser, NUM_PERM, 0.5, 0.5))


@dataclass(frozen=True, slots=True)
class _Original:
    doc_id: str
    minhash: MinHash
    text: str  # kept to compare openings with a candidate (rare: computed then)
    tokens: list[str]  # the first WINDOW_WORDS words


def _grams(tokens: list[str]) -> frozenset[str]:
    return frozenset(" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2))


def _lead(text: str) -> list[str]:
    """The words of the first paragraph of at least ``LEAD_MIN_WORDS`` words (so not a
    headline or a dateline line), at most ``LEAD_WORDS`` of them."""
    for line in text.split("\n"):
        tokens = words(line)
        if len(tokens) >= LEAD_MIN_WORDS:
            return tokens[:LEAD_WORDS]
    return words(text)[:LEAD_WORDS]


def _leads_agree(a: _Original, b: _Original) -> bool:
    """Whether the stories open alike: most of one's lead is near the top of the other
    (another outlet's headline or dateline above it moves it down a little)."""
    shares = []
    for x, y in ((a, b), (b, a)):
        lead = _grams(_lead(x.text))
        if lead:
            shares.append(len(lead & _grams(y.tokens)) / len(lead))
    return bool(shares) and max(shares) >= LEAD_AGREEMENT


@dataclass(slots=True)
class DuplicateFinder:
    """Remembers every document it is shown; says which ones repeat an earlier one.

    A near-duplicate must also *open* like its original (half the word 3-grams of one's
    lead paragraph within the first 150 words of the other): two reports of different
    events that share wire-service background paragraphs are alike overall but not in
    their leads.
    """

    threshold: float = 0.8
    _exact: dict[str, str] = field(default_factory=dict)
    _originals: list[_Original] = field(default_factory=list)
    _lsh: MinHashLSH | None = None

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError("threshold must be in (0, 1]")
        if self.threshold < 1.0:
            self._lsh = MinHashLSH(
                threshold=self.threshold, num_perm=NUM_PERM, params=_bands(self.threshold)
            )

    def check(self, doc_id: str, text: str) -> Duplicate | None:
        """The earlier document that ``text`` repeats, or ``None`` (then it is remembered
        as an original under ``doc_id``)."""
        tokens = words(text)
        digest = hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()
        original = self._exact.get(digest)
        if original is not None:
            return Duplicate(original, "exact", 1.0)
        self._exact[digest] = doc_id
        if self._lsh is None:
            return None
        minhash = signature(tokens)
        if minhash is None:
            return None
        this = _Original(doc_id, minhash, text, tokens[:WINDOW_WORDS])
        best: tuple[float, str] | None = None
        for key in self._lsh.query(minhash):
            candidate = self._originals[key]
            similarity = minhash.jaccard(candidate.minhash)
            if (
                similarity >= self.threshold
                and (best is None or similarity > best[0])
                and _leads_agree(this, candidate)
            ):
                best = (similarity, candidate.doc_id)
        if best is not None:
            return Duplicate(best[1], "near", round(best[0], 3))
        # Keys are positions, never made-up ids: two documents may share an id.
        self._lsh.insert(len(self._originals), minhash)
        self._originals.append(this)
        return None
