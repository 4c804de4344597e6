"""Errors and rejections: nothing is dropped silently.

A :class:`Rejected` carries a short machine-readable ``reason`` (counted in run
summaries) and a human ``detail``. Readers and stages raise it for one bad document; the
runner catches it, records it in a :class:`Rejections` tally and moves on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


class TacitusError(Exception):
    """Base class for errors raised by tacitus."""


class ConfigError(TacitusError):
    """A setting, data file or model could not be used."""


class Rejected(TacitusError):
    """One input was not coded, for a stated reason."""

    def __init__(self, reason: str, detail: str = "", source: str | None = None) -> None:
        self.reason = reason
        self.detail = detail
        self.source = source
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}{self.reason}" + (f" ({self.detail})" if self.detail else "")


@dataclass(slots=True)
class Rejection:
    source: str | None
    reason: str
    detail: str


@dataclass(slots=True)
class Rejections:
    """A tally of rejected inputs, kept by the runner and shown at the end of a run."""

    items: list[Rejection] = field(default_factory=list)

    def add(self, error: Rejected) -> None:
        self.items.append(Rejection(error.source, error.reason, error.detail))

    def counts(self) -> Counter[str]:
        return Counter(item.reason for item in self.items)

    def __len__(self) -> int:
        return len(self.items)
