"""What a DuckDB store holds of its events, as compact numbers in memory, to find which
events of a batch may be stored already without reading the ``events`` table.

Matching a batch against the store (``Store._match_events``) asks, for each of the
batch's events, whether its id is stored and whether a stored event of the same type,
status and participants has a date within the merge window of its own. Asked of the
table, both questions read every stored event, every batch: most of a large ingest's
time once millions are stored. Here they are asked first of two sets of 64-bit numbers
(``StoredEvents``): the hashes of the stored ids, and for each stored dated event the
hash of its type, status and participants with the low 16 bits replaced by the
number of its period of 16 days (``PERIOD``, modulo 2**16); a batch's event looks up
the periods its merge window spans, one or two. The answer can be wrong only one
way: a number may be shared by events that do not match (a hash collision, dates
in the same period but further apart than the window, or 2,870 years apart), never
missing for one that is stored, so the store asks the table only about the events
found here (for most batches of a large ingest, few or none), with the same queries
as before: the results are the same (``tests/test_store.py`` compares them).

The hashes are DuckDB's ``hash()``, of the batch's rows and of the stored rows alike,
in the same process: nothing is written to the database, so nothing depends on the
function staying the same from one DuckDB to the next. The sets are read from the
table once a store is first written to, and then kept up to date by ``Store.add``
(each batch's events added once its transaction commits); if the table holds another
number of rows than the sets have seen (another connection wrote to it), they are read
again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["BatchKeys", "KeySet", "StoredEvents"]

Numbers = npt.NDArray[np.uint64]

# a date's day number as DuckDB counts it (``date - DATE '1970-01-01'``)
EPOCH = date(1970, 1, 1).toordinal()
_KIND = np.uint64(0xFFFF_FFFF_FFFF_0000)


# days to a period: events within the merge window (a few days) are in the same period
# or the next, so that one or two numbers are looked up for each of a batch's events
PERIOD = 16


def near_keys(kinds: Numbers, periods: npt.NDArray[np.int64]) -> Numbers:
    """The numbers of events of these kinds (hashes of type, status and participants)
    in these periods (day numbers // ``PERIOD``): the kind's high 48 bits, the period's
    low 16."""
    return (kinds & _KIND) | (periods & 0xFFFF).astype(np.uint64)


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

    def contains(self, values: Numbers) -> npt.NDArray[np.bool_]:
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


def _members(ordered: Numbers, values: Numbers) -> npt.NDArray[np.bool_]:
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
    found: npt.NDArray[np.bool_] = ordered[at] == values
    return found


@dataclass(slots=True)
class BatchKeys:
    """The numbers of a batch's events, in the batch's order: the hashes of their ids
    and of their kinds (type, status, participants), their day numbers and whether
    they have a date."""

    ids: Numbers
    kinds: Numbers
    days: npt.NDArray[np.int64]
    dated: npt.NDArray[np.bool_]

    @classmethod
    def read(cls, connection: Any, relation: str, dates: Sequence[date | None]) -> BatchKeys:
        """The numbers of the events of ``relation`` (a relation with the columns
        ``position``, ``event_id``, ``type``, ``status`` and ``participants``), whose
        dates are ``dates`` in the order of ``position``."""
        found = connection.execute(
            "SELECT hash(event_id) AS id, hash(type, status, participants) AS kind "
            f"FROM {relation} ORDER BY position"
        ).fetchnumpy()
        days = np.fromiter(
            (0 if day is None else day.toordinal() - EPOCH for day in dates),
            dtype=np.int64,
            count=len(dates),
        )
        dated = np.fromiter((day is not None for day in dates), dtype=bool, count=len(dates))
        return cls(np.asarray(found["id"]), np.asarray(found["kind"]), days, dated)


@dataclass(slots=True)
class StoredEvents:
    """The numbers of the stored events (``BatchKeys``): their ids' hashes, and the
    numbers of the dated ones' kinds and days (``near_keys``); ``rows``: how many rows
    of ``events`` they were read from or added with."""

    ids: KeySet
    near: KeySet
    rows: int

    @classmethod
    def read(cls, connection: Any) -> StoredEvents:
        found = connection.execute(
            "SELECT hash(event_id) AS id, hash(type, status, participants) AS kind, "
            "coalesce(date - DATE '1970-01-01', 0) AS day, date IS NOT NULL AS dated "
            "FROM events"
        ).fetchnumpy()
        dated = np.asarray(found["dated"], dtype=bool)
        kinds = np.asarray(found["kind"])[dated]
        days = np.asarray(found["day"], dtype=np.int64)[dated]
        ids = np.asarray(found["id"])
        return cls(KeySet(ids), KeySet(near_keys(kinds, days // PERIOD)), len(ids))

    def candidates(
        self, batch: BatchKeys, reach: int
    ) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        """For each of the batch's events: whether its id may be stored, and whether a
        stored event of its kind may have a date at most ``reach`` days from its own
        (both false only when certainly not)."""
        stored = self.ids.contains(batch.ids)
        near = np.zeros(len(batch.ids), dtype=bool)
        if len(self.near) and batch.dated.any():
            kinds, days = batch.kinds[batch.dated], batch.days[batch.dated]
            # the periods from that of ``reach`` days before to that of ``reach`` after
            first, last = (days - reach) // PERIOD, (days + reach) // PERIOD
            found = np.zeros(len(kinds), dtype=bool)
            for offset in range(int((last - first).max()) + 1):
                within = first + offset <= last
                found[within] |= self.near.contains(
                    near_keys(kinds[within], first[within] + offset)
                )
            near[batch.dated] = found
        return stored, near

    def add(self, batch: BatchKeys, rows: int) -> None:
        """A batch's events, after its transaction has written ``rows`` rows of
        ``events``: all of them, those it did not store too (numbers the sets hold in
        vain), so that a stored event whose date a batch's event replaced (of the same
        kind: it matched) is found by its new date as well."""
        self.ids.add(batch.ids)
        self.near.add(near_keys(batch.kinds[batch.dated], batch.days[batch.dated] // PERIOD))
        self.rows += rows
