"""Duplicate documents: exact copies and near-duplicates (the same wire story with
another outlet's headline, bylines or boilerplate).

An *exact* duplicate has the same text once case, white space and punctuation are
ignored (a SHA-256 of that form). A *near* duplicate shares at least ``threshold`` of
its word 5-grams with an earlier document (Jaccard similarity estimated by MinHash with
128 permutations, candidates found by locality-sensitive hashing; datasketch). The
earlier document is the original; the duplicate is linked to it and not coded again.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param

SHINGLE_WORDS = 5
NUM_PERM = 128
# Fewer shingles than this and MinHash says little; such texts are only checked exactly.
MIN_SHINGLES = 8
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Duplicate:
    original: str  # document id of the first document with this content
    kind: str  # "exact" | "near"
    similarity: float  # 1.0 for exact; estimated Jaccard similarity of the 5-grams


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def shingles(tokens: list[str]) -> set[bytes]:
    n = SHINGLE_WORDS
    return {" ".join(tokens[i : i + n]).encode("utf-8") for i in range(len(tokens) - n + 1)}


def signature(tokens: list[str]) -> MinHash | None:
    grams = shingles(tokens)
    if len(grams) < MIN_SHINGLES:
        return None
    # CRC-32: a stable 32-bit hash like datasketch's default (SHA-1 cut to 32 bits),
    # at a fraction of its cost; the permutations are drawn once, not per document.
    permutations, scheme = _permutations()
    minhash = MinHash(
        num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=permutations, scheme=scheme
    )
    minhash.update_batch(list(grams))
    return minhash


@cache
def _permutations() -> tuple[Any, Any]:
    template = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32)
    return template.permutations, template.scheme


@cache
def _bands(threshold: float) -> tuple[int, int]:
    """datasketch's choice of (bands, rows) for ``threshold``, found by numerical
    integration (tens of milliseconds), made once per threshold."""
    return cast(tuple[int, int], _optimal_param(threshold, NUM_PERM, 0.5, 0.5))


@dataclass(slots=True)
class DuplicateFinder:
    """Remembers every document it is shown; says which ones repeat an earlier one."""

    threshold: float = 0.8
    _exact: dict[str, str] = field(default_factory=dict)
    _signatures: dict[str, MinHash] = field(default_factory=dict)
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
        best: tuple[float, str] | None = None
        for candidate in self._lsh.query(minhash):
            similarity = minhash.jaccard(self._signatures[candidate])
            if similarity >= self.threshold and (best is None or similarity > best[0]):
                best = (similarity, candidate)
        if best is not None:
            return Duplicate(best[1], "near", round(best[0], 3))
        key = doc_id if doc_id not in self._signatures else f"{doc_id}#{len(self._signatures)}"
        self._signatures[key] = minhash
        self._lsh.insert(key, minhash)
        return None
