"""The runner: cleaning, batching through spaCy's ``nlp.pipe``, coding, error policy.

Stages are plain functions of typed records; the runner alone decides batch sizes,
the number of processes and what happens to a document that fails (rejected with a
reason and counted under ``on_error="skip"``, re-raised under ``"raise"``). It reports
progress through a callback and never prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.clean import clean
from tacitus.coder import Coder
from tacitus.errors import ConfigError, Rejected, Rejections
from tacitus.nlp import load_nlp
from tacitus.records import CodedDocument, Document
from tacitus.settings import Settings

Progress = Callable[[int], None]


@dataclass(slots=True)
class RunStats:
    """What a run did, for the summary at its end."""

    read: int = 0
    coded: int = 0
    events: int = 0
    rejections: Rejections = field(default_factory=Rejections)
    discarded: Counter[str] = field(default_factory=Counter)
    removed_lines: Counter[str] = field(default_factory=Counter)


class Pipeline:
    """Code documents into events. One instance per process; reuse it across calls."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self.settings.validate()
        self._nlp: Language | None = None
        self._coder: Coder | None = None
        self.stats = RunStats()

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(
                self.settings.spacy_model, selective_ner=self.settings.selective_ner
            )
        return self._nlp

    @property
    def coder(self) -> Coder:
        if self._coder is None:
            self._coder = Coder.from_settings(self.settings)
        return self._coder

    def code_documents(
        self,
        documents: Iterable[Document | Rejected],
        *,
        progress: Progress | None = None,
    ) -> Iterator[CodedDocument]:
        """Code documents; rejected inputs are counted in ``self.stats``.

        One ``nlp.pipe`` call spans the whole stream, so with ``n_process > 1`` spaCy's
        workers start once, not once per batch.
        """
        parsed = self.nlp.pipe(
            self._ready(documents, progress),
            as_tuples=True,
            batch_size=self.settings.batch_size,
            n_process=self.settings.n_process,
        )
        for doc, document in parsed:
            coded = self._code(document, doc)
            self.stats.discarded.update(d.reason for d in self.coder.discarded)
            self.coder.discarded.clear()
            if progress is not None:
                progress(1)
            if coded is not None:
                yield coded

    def _ready(
        self, documents: Iterable[Document | Rejected], progress: Progress | None
    ) -> Iterator[tuple[str, Document]]:
        """Clean each document and pass on what spaCy should parse; reject the rest."""
        for item in documents:
            self.stats.read += 1
            try:
                if isinstance(item, Rejected):
                    raise item
                document = self._prepare(item)
            except Rejected as exc:
                self._reject(exc)
                if progress is not None:
                    progress(1)
                continue
            yield document.masked_text(), document

    def _code(self, document: Document, doc: Doc) -> CodedDocument | None:
        try:
            coded = self.coder.code(document, doc)
        except ConfigError:
            raise  # broken settings or data files fail every document: stop now
        except Exception as exc:  # one bad document must not end the run
            if self.settings.on_error == "raise":
                raise
            self._reject(Rejected("coding failed", f"{type(exc).__name__}: {exc}", document.doc_id))
            return None
        self.stats.coded += 1
        self.stats.events += len(coded.events)
        return coded

    def _prepare(self, document: Document) -> Document:
        if not self.settings.keep_boilerplate:
            clean(document)
            self.stats.removed_lines.update(r.reason for r in document.removed)
        if len(document.masked_text().strip()) < self.settings.min_text_chars:
            detail = (
                "nothing but boilerplate is left after cleaning"
                if document.removed
                else f"fewer than {self.settings.min_text_chars} characters"
            )
            raise Rejected("no article text", detail, document.source_path or document.doc_id)
        return document

    def _reject(self, error: Rejected) -> None:
        if self.settings.on_error == "raise":
            raise error
        self.stats.rejections.add(error)

    def code_text(
        self,
        text: str,
        *,
        published: date | None = None,
        doc_id: str | None = None,
        url: str | None = None,
        title: str | None = None,
        publisher: str | None = None,
    ) -> CodedDocument:
        """Code one text. Raises :class:`Rejected` if it cannot be coded."""
        document = Document(
            doc_id=doc_id or Document.make_id(text),
            text=text,
            url=url,
            title=title,
            publisher=publisher,
            published=published,
        )
        before = len(self.stats.rejections)
        coded = list(self.code_documents([document]))
        if not coded:
            item = self.stats.rejections.items[before]
            raise Rejected(item.reason, item.detail, item.source)
        return coded[0]
