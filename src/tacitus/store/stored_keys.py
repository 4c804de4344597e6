"""What a DuckDB store holds of its events, as numbers in memory, so that a batch is
matched against the store (``Store._match_events``) without reading the ``events``
table.

Matching asks, for each of a batch's events, whether its id is stored, and which stored
event of the same type, status and participants, with a compatible mode and a date
within the merge window, is the nearest (ties to the smallest id). Asked of the table,
both questions read every stored event of the batch's dates, every batch: most of a
large ingest's time once millions are stored. Here they are answered from arrays
(``StoredEvents``), one entry per stored event:

* its id as the 64-bit number its 16 hex digits are (so the same order as the ids'
  text, for ties; a store holding any other id is matched by the table instead);
* its kind: DuckDB's ``hash(type, status, participants)`` and, as a second 64 bits,
  the ``hash()`` of the three joined (two hashes of different functions of the same
  text: events of different kinds share both only by a 128-bit accident);
* ``hash(mode)`` (0 for none; the distinct modes are few, and their hashes are checked
  to differ), its date as a day number and whether that date is a publication date.

The stored events are found by kind in sorted runs of (kind, position) (``Runs``: a new
batch's events are a new run, merged with the last when it is not much smaller, so
few runs and linear merges), and the rule is applied to all the pairs at once with
NumPy. The ids are a ``KeySet``. The hashes are DuckDB's, of the batch's rows and of
the stored rows alike, in the same process: nothing is written to the database. The
arrays are read from the table once a store is first written to, then kept up to date
by ``Store.add`` after each commit (the events it wrote, and the stored events whose
publication date a batch's event replaced by the date of its text); if the table holds
another number of events or documents than they have seen (another connection wrote),
they are read again. ``tests/test_store.py`` compares every table and count with
matching by the table alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["BatchKeys", "KeySet", "Runs", "StoredEvents"]

Numbers = npt.NDArray[np.uint64]
Integers = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

# a date's day number as DuckDB counts it (``date - DATE '1970-01-01'``)
EPOCH = date(1970, 1, 1).toordinal()

# what is read of each stored event, by DuckDB
_NUMBERS = (
    "TRY_CAST('0x' || event_id AS UBIGINT) AS id, "
    "coalesce(regexp_full_match(event_id, '[0-9a-f]{16}'), false) AS hex, "
    "hash(type, status, participants) AS kind, "
    "hash(concat_ws(chr(31), type, status, participants)) AS check_, "
    "CASE WHEN mode IS NULL THEN 0::UBIGINT ELSE hash(mode) END AS mode"
)


class KeySet:
    """A set of 64-bit numbers, to ask about many at once: two sorted arrays, a large
    one and a small one that new numbers are merged into, itself merged into the large
    one when it has grown past an eighth of it (each merge of two sorted arrays is
    linear: NumPy's stable sort merges runs)."""

    def __init__(self, values: Numbers) -> None:
        self._large: Numbers = np.sort(values)
        self._small: Numbers = np.empty(0, dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._large) + len(self._small)

    def add(self, values: Numbers) -> None:
        self._small = _merged(self._small, np.sort(values))
        if len(self._small) * 8 > len(self._large):
            self._large = _merged(self._large, self._small)
            self._small = np.empty(0, dtype=np.uint64)

    def contains(self, values: Numbers) -> Flags:
        """For each value, whether the set holds it (looked up in order: faster)."""
        order = np.argsort(values)
        ordered = values[order]
        found = np.empty(len(values), dtype=bool)
        found[order] = _members(self._large, ordered) | _members(self._small, ordered)
        return found


def _merged(a: Numbers, b: Numbers) -> Numbers:
    if not len(a):
        return b
    if not len(b):
        return a
    return np.sort(np.concatenate((a, b)), kind="stable")


def _members(ordered: Numbers, values: Numbers) -> Flags:
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    found: Flags = ordered[at] == values
    return found


class Runs:
    """A multiset of 64-bit keys, each with a position (a row of ``StoredEvents``):
    sorted runs, a new one per ``add``, the last two merged while the earlier is less
    than four times the later (so a few runs, each entry merged a few times)."""

    def __init__(self) -> None:
        self._runs: list[tuple[Numbers, Integers]] = []

    def add(self, keys: Numbers, positions: Integers) -> None:
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], positions[order]))
        while len(self._runs) > 1 and len(self._runs[-2][0]) < 4 * len(self._runs[-1][0]):
            (k1, p1), (k2, p2) = self._runs[-2], self._runs[-1]
            keys_ = np.concatenate((k1, k2))
            order = np.argsort(keys_, kind="stable")
            self._runs[-2:] = [(keys_[order], np.concatenate((p1, p2))[order])]

    def pairs(self, keys: Numbers) -> tuple[Integers, Integers]:
        """Every (index into ``keys``, position) whose key is that key (the keys looked
        up in order: faster)."""
        found_at: list[Integers] = []
        found: list[Integers] = []
        order = np.argsort(keys)
        keys = keys[order]
        for run, positions in self._runs:
            low = np.searchsorted(run, keys, side="left")
            high = np.searchsorted(run, keys, side="right")
            counts = high - low
            total = int(counts.sum())
            if not total:
                continue
            which = np.repeat(order, counts)
            starts = np.repeat(low - (np.cumsum(counts) - counts), counts)
            found_at.append(which)
            found.append(positions[np.arange(total) + starts])
        if not found:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty
        return np.concatenate(found_at), np.concatenate(found)


@dataclass(slots=True)
class BatchKeys:
    """The numbers of a batch's events, in the batch's order (see the module); ``exact``:
    whether every id is 16 hex digits (else the batch is matched by the table)."""

    ids: Numbers
    kinds: Numbers
    checks: Numbers
    modes: Numbers
    days: Integers
    dated: Flags
    inferred: Flags
    exact: bool
    mode_names: dict[int, str | None]

    @classmethod
    def read(
        cls,
        connection: Any,
        relation: str,
        ids: Sequence[str],
        dates: Sequence[date | None],
        inferred: Sequence[bool],
    ) -> BatchKeys:
        """The numbers of a batch's events: ``ids``, ``dates`` and publication-date flags
        ``inferred`` in its order, the rest read from ``relation`` (a relation with the
        columns ``position``, ``type``, ``status``, ``participants`` and ``mode``)."""
        found = connection.execute(
            "SELECT hash(type, status, participants) AS kind, "
            "hash(concat_ws(chr(31), type, status, participants)) AS check_, "
            "CASE WHEN mode IS NULL THEN 0::UBIGINT ELSE hash(mode) END AS mode "
            "FROM (SELECT position, CAST(type AS VARCHAR) AS type, "
            "CAST(status AS VARCHAR) AS status, CAST(participants AS VARCHAR) AS participants, "
            f"CAST(mode AS VARCHAR) AS mode FROM {relation}) ORDER BY position"
        ).fetchnumpy()
        modes = connection.execute(
            f"SELECT DISTINCT hash(CAST(mode AS VARCHAR)), CAST(mode AS VARCHAR) "
            f"FROM {relation} WHERE mode IS NOT NULL"
        ).fetchall()
        days = np.fromiter(
            (0 if day is None else day.toordinal() - EPOCH for day in dates),
            dtype=np.int64,
            count=len(dates),
        )
        dated = np.fromiter((day is not None for day in dates), dtype=bool, count=len(dates))
        numbers = hex_numbers(ids)
        # the distinct modes' hashes differ (always, but it is checked)
        exact = numbers is not None and len({h for h, _ in modes}) == len(modes)
        return cls(
            numbers if numbers is not None else _zeros(len(ids)),
            np.asarray(found["kind"], dtype=np.uint64),
            np.asarray(found["check_"], dtype=np.uint64),
            np.asarray(found["mode"], dtype=np.uint64),
            days,
            dated,
            np.fromiter(map(bool, inferred), dtype=bool, count=len(inferred)),
            exact,
            {int(h): m for h, m in modes},
        )


# each ASCII character's value as a hex digit (16 for none: only 0-9 and a-f are)
_HEX = np.full(256, 16, dtype=np.uint64)
_HEX[np.frombuffer(b"0123456789", dtype=np.uint8)] = np.arange(10, dtype=np.uint64)
_HEX[np.frombuffer(b"abcdef", dtype=np.uint8)] = np.arange(10, 16, dtype=np.uint64)
_SHIFTS = np.arange(60, -4, -4, dtype=np.uint64)


def hex_numbers(ids: Sequence[str]) -> Numbers | None:
    """The ids as the numbers their 16 lowercase hex digits are, or None if any id is
    not 16 such digits."""
    if len(ids) and set(map(len, ids)) != {16}:
        return None
    try:
        text = "".join(ids).encode("ascii")
    except UnicodeEncodeError:
        return None
    digits = _HEX[np.frombuffer(text, dtype=np.uint8)].reshape(len(ids), 16)
    if (digits == 16).any():
        return None
    numbers: Numbers = np.bitwise_or.reduce(digits << _SHIFTS, axis=1)
    return numbers


def _zeros(n: int) -> Numbers:
    return np.zeros(n, dtype=np.uint64)


def _grown(array: npt.NDArray[Any], size: int) -> npt.NDArray[Any]:
    """``array`` with room for ``size`` entries (doubling, so appends are amortised)."""
    if size <= len(array):
        return array
    bigger = np.zeros(max(size, 2 * len(array), 1024), dtype=array.dtype)
    bigger[: len(array)] = array
    return bigger


@dataclass(slots=True)
class StoredEvents:
    """The stored events' numbers (see the module). ``rows``, ``documents``: how many
    rows of ``events`` and ``documents`` they were read from or added with (another
    count in the table: read them again). ``exact``: whether they decide matching (every
    stored id is 16 hex digits and no two modes share a hash); when not, the store
    matches by the table."""

    rows: int
    documents: int
    exact: bool
    ids: KeySet
    modes: dict[int, str | None]
    size: int = 0
    # one entry per stored dated event with participants, at its position
    event_ids: Numbers = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    checks: Numbers = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    mode_numbers: Numbers = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    days: Integers = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    inferred: Flags = field(default_factory=lambda: np.zeros(0, dtype=bool))
    kinds: Runs = field(default_factory=Runs)

    @classmethod
    def read(cls, connection: Any) -> StoredEvents:
        ((rows, documents),) = connection.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents)"
        ).fetchall()
        found = connection.execute(
            f"SELECT {_NUMBERS}, coalesce(date - DATE '1970-01-01', 0) AS day, "
            "date IS NOT NULL AND participants IS NOT NULL AS dated, "
            "coalesce(date_inferred, false) AS inferred FROM events"
        ).fetchnumpy()
        distinct = connection.execute(
            "SELECT DISTINCT hash(mode), mode FROM events WHERE mode IS NOT NULL"
        ).fetchall()
        modes = {int(h): m for h, m in distinct}
        exact = bool(np.asarray(found["hex"], dtype=bool).all()) and len(modes) == len(distinct)
        if not exact:
            return cls(int(rows), int(documents), False, KeySet(_zeros(0)), modes)
        ids = np.asarray(found["id"]).astype(np.uint64)
        stored = cls(int(rows), int(documents), True, KeySet(ids), modes)
        dated = np.asarray(found["dated"], dtype=bool)
        stored._append(
            ids[dated],
            np.asarray(found["kind"], dtype=np.uint64)[dated],
            np.asarray(found["check_"], dtype=np.uint64)[dated],
            np.asarray(found["mode"], dtype=np.uint64)[dated],
            np.asarray(found["day"], dtype=np.int64)[dated],
            np.asarray(found["inferred"], dtype=bool)[dated],
        )
        return stored

    def fresh(self, connection: Any) -> bool:
        """Whether the table holds the events and documents these numbers have seen."""
        ((rows, documents),) = connection.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM documents)"
        ).fetchall()
        return (int(rows), int(documents)) == (self.rows, self.documents)

    def accepts(self, batch: BatchKeys) -> bool:
        """Whether the numbers decide the batch's matching: all exact, and the batch's
        modes' hashes name the modes they name here."""
        if not (self.exact and batch.exact) or 0 in batch.mode_names:
            return False
        return all(self.modes.get(h, m) == m for h, m in batch.mode_names.items())

    def known(self, batch: BatchKeys) -> Flags:
        """For each of the batch's events, whether an event of its id is stored."""
        return self.ids.contains(batch.ids)

    def nearest(self, batch: BatchKeys, window: int, extra: int) -> dict[int, tuple[int, int]]:
        """For each id of the batch's dated events that a stored event matches (the same
        kind, modes equal or one unknown, dates at most ``window`` days apart, or
        ``window + extra`` when either date is a publication date, another id), the
        nearest such event's id and position, ties to the smallest id (the events of one
        id are one question, as in the table's query)."""
        dated = np.flatnonzero(batch.dated)
        if not len(dated) or not self.size:
            return {}
        at, positions = self.kinds.pairs(batch.kinds[dated])
        if not len(at):
            return {}
        at = dated[at]
        distance = np.abs(self.days[positions] - batch.days[at])
        stored_modes, modes = self.mode_numbers[positions], batch.modes[at]
        ok = (
            (self.checks[positions] == batch.checks[at])
            & ((stored_modes == 0) | (modes == 0) | (stored_modes == modes))
            & (self.event_ids[positions] != batch.ids[at])
            & (distance <= window + extra * (self.inferred[positions] | batch.inferred[at]))
        )
        at, positions, distance = at[ok], positions[ok], distance[ok]
        if not len(at):
            return {}
        ids = batch.ids[at]
        order = np.lexsort((self.event_ids[positions], distance, ids))
        ids, positions = ids[order], positions[order]
        first = np.ones(len(ids), dtype=bool)
        first[1:] = ids[1:] != ids[:-1]
        return {
            int(i): (int(self.event_ids[p]), int(p))
            for i, p in zip(ids[first], positions[first], strict=True)
        }

    def add(self, batch: BatchKeys, written: Sequence[int], documents: int) -> None:
        """The events at the positions ``written`` of the batch, stored by a transaction
        that also stored ``documents`` documents."""
        self.rows += len(written)
        self.documents += documents
        self.modes.update(batch.mode_names)
        if not len(written):
            return
        taken = np.asarray(written, dtype=np.int64)
        self.ids.add(batch.ids[taken])
        taken = taken[batch.dated[taken]]
        self._append(
            batch.ids[taken],
            batch.kinds[taken],
            batch.checks[taken],
            batch.modes[taken],
            batch.days[taken],
            batch.inferred[taken],
        )

    def redate(self, position: int, day: int) -> None:
        """The stored event at ``position`` is now dated ``day`` by its text."""
        self.days[position] = day
        self.inferred[position] = False

    def _append(
        self,
        ids: Numbers,
        kinds: Numbers,
        checks: Numbers,
        modes: Numbers,
        days: Integers,
        inferred: Flags,
    ) -> None:
        start, end = self.size, self.size + len(ids)
        self.event_ids = _grown(self.event_ids, end)
        self.checks = _grown(self.checks, end)
        self.mode_numbers = _grown(self.mode_numbers, end)
        self.days = _grown(self.days, end)
        self.inferred = _grown(self.inferred, end)
        self.event_ids[start:end] = ids
        self.checks[start:end] = checks
        self.mode_numbers[start:end] = modes
        self.days[start:end] = days
        self.inferred[start:end] = inferred
        self.kinds.add(kinds, np.arange(start, end, dtype=np.int64))
        self.size = end
