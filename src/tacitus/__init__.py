"""tacitus: news into evidence-backed PLOVER event data.

The public surface is small and pinned by ``tests/test_public_api.py``::

    import tacitus
    coded = tacitus.code_text(text, published=date(2023, 9, 5))
    for event in coded.events:
        print(event.type, event.source, event.target, event.date)
"""

from __future__ import annotations

import typing as _typing

from tacitus.errors import ConfigError, Rejected, TacitusError
from tacitus.pipeline import Pipeline
from tacitus.records import (
    Actor,
    Attribution,
    CodedDocument,
    Document,
    Event,
    Location,
    Mention,
    Quote,
    RemovedSpan,
    Sentence,
)
from tacitus.settings import Settings

if _typing.TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import date

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Attribution",
    "CodedDocument",
    "ConfigError",
    "Document",
    "Event",
    "Location",
    "Mention",
    "Pipeline",
    "Quote",
    "Rejected",
    "RemovedSpan",
    "Sentence",
    "Settings",
    "TacitusError",
    "__version__",
    "code_documents",
    "code_text",
]


def code_text(
    text: str,
    *,
    published: date | None = None,
    doc_id: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> CodedDocument:
    """Code one text. Raises :class:`Rejected` when it has no article text."""
    return Pipeline(settings).code_text(text, published=published, doc_id=doc_id, url=url)


def code_documents(
    documents: Iterable[Document | Rejected], settings: Settings | None = None
) -> Iterator[CodedDocument]:
    """Code many documents; rejected ones are skipped (use :class:`Pipeline` to count them)."""
    return Pipeline(settings).code_documents(documents)
