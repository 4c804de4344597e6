"""The runner: cleaning, batching through spaCy's ``nlp.pipe``, coding, error policy.

Stages are plain functions of typed records; the runner alone decides batch sizes,
the number of processes and what happens to a document that fails (rejected with a
reason and counted under ``on_error="skip"``, re-raised under ``"raise"``). It reports
progress through a callback and never prints.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain, islice
from multiprocessing.pool import AsyncResult

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.actors.kb import load_kb
from tacitus.actors.memory import ActorMemory, settle
from tacitus.clean import clean, truecase_headlines
from tacitus.coder import Coder
from tacitus.errors import ConfigError, Rejected, Rejections
from tacitus.ingest.duplicates import DuplicateFinder
from tacitus.ingest.language import identify
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
    recalled: int = 0  # surnames resolved from people earlier documents named
    removed_lines: Counter[str] = field(default_factory=Counter)
    duplicates: Counter[str] = field(default_factory=Counter)  # by kind: exact, near
    repairs: Counter[str] = field(default_factory=Counter)  # what reading repaired, by kind


class Pipeline:
    """Code documents into events. One instance per process; reuse it across calls."""

    def __init__(
        self, settings: Settings | None = None, *, memory: ActorMemory | None = None
    ) -> None:
        """``memory``: the actor memory across documents to use and teach (the store's,
        ``Store.memory()``); by default a new one for this pipeline's documents. Set
        ``pipeline.memory = None`` to code every document on its own."""
        self.settings = settings or Settings.load()
        self.settings.validate()
        self.memory: ActorMemory | None = (
            memory if memory is not None else ActorMemory(self.settings.actor_memory_days)
        )
        self._nlp: Language | None = None
        self._names: frozenset[str] | None = None
        self._verb_words: frozenset[str] | None = None
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

        With ``n_process = 1`` one ``nlp.pipe`` call spans the whole stream. With more,
        worker processes parse *and* code tasks of a quarter batch and send back only
        the coded documents (small next to a parse), so the parent does nothing but read,
        clean and collect; results keep the input order.
        """
        ready = self._ready(documents, progress)
        if self.settings.n_process > 1:
            results = self._parallel(ready)
        else:
            results = (
                self._code(document, doc)
                for doc, document in self.nlp.pipe(
                    ready, as_tuples=True, batch_size=self.settings.batch_size
                )
            )
        for coded in results:
            if progress is not None:
                progress(1)
            if coded is not None:
                if coded.document.duplicate_of is None:
                    self._settle(coded)
                yield coded

    def _settle(self, coded: CodedDocument) -> None:
        """The actor memory across documents, in input order (in this process)."""
        recalled, dropped = settle(coded, self.memory)
        self.stats.recalled += recalled
        self.stats.discarded.update(dropped)
        self.stats.events -= len(dropped)

    def _parallel(self, ready: Iterator[tuple[str, Document]]) -> Iterator[CodedDocument | None]:
        """Documents coded in a pool of workers, in tasks of a quarter batch (small tasks
        keep both workers busy to the end of a run), at most four tasks per worker in
        flight (so a long input is never read ahead into memory)."""
        _ = (self.nlp, self.coder)  # loaded before the workers fork, so they inherit them
        context = multiprocessing.get_context()
        n = self.settings.n_process
        with context.Pool(n, initializer=_start_worker, initargs=(self.settings,)) as pool:
            pending: deque[AsyncResult[list[_Outcome]]] = deque()
            batches = _batches(ready, max(1, self.settings.batch_size // 4))
            for batch in batches:
                pending.append(pool.apply_async(_work, (batch,)))
                if len(pending) >= 4 * n:
                    yield from map(self._record, pending.popleft().get())
            while pending:
                yield from map(self._record, pending.popleft().get())

    def _record(self, outcome: _Outcome) -> CodedDocument | None:
        coded, failure, discarded = outcome
        self.stats.discarded.update(discarded)
        if failure is not None:
            self._reject(Rejected(*failure))
            return None
        if coded is not None and coded.document.duplicate_of is not None:
            return coded
        self.stats.coded += 1
        self.stats.events += len(coded.events) if coded else 0
        return coded

    def prepare(
        self,
        documents: Iterable[Document | Rejected],
        *,
        progress: Progress | None = None,
        finder: DuplicateFinder | None = None,
    ) -> Iterator[Document]:
        """Everything before parsing: count repairs, clean, set aside what is too short
        or in another language, and link duplicates (``duplicate_of``; with ``finder``
        None, a new one for this call unless ``deduplicate`` is off). Rejected inputs are
        counted in ``self.stats`` and not yielded."""
        for document, _ in self._prepared(documents, progress, finder):
            yield document

    def _prepared(
        self,
        documents: Iterable[Document | Rejected],
        progress: Progress | None,
        finder: DuplicateFinder | None = None,
    ) -> Iterator[tuple[Document, str]]:
        """:meth:`prepare`, with each document's masked text (made once)."""
        if finder is None and self.settings.deduplicate:
            finder = DuplicateFinder(self.settings.near_duplicate)
        for item in documents:
            self.stats.read += 1
            try:
                if isinstance(item, Rejected):
                    raise item
                # by kind ("mixed encodings"), not by message: counts vary per document
                self.stats.repairs.update(r.split(":", 1)[0] for r in item.repairs)
                document, masked = self._prepare(item)
            except Rejected as exc:
                self._reject(exc)
                if progress is not None:
                    progress(1)
                continue
            found = finder.check(document.doc_id, masked) if finder else None
            if found is not None:
                document.duplicate_of = found.original
                document.duplicate_kind = found.kind
                document.similarity = found.similarity
                self.stats.duplicates[found.kind] += 1
            yield document, masked

    def _ready(
        self, documents: Iterable[Document | Rejected], progress: Progress | None
    ) -> Iterator[tuple[str, Document]]:
        """What spaCy should parse: a duplicate passes with no text, so that it keeps its
        place in the output, linked to its original."""
        for document, masked in self._prepared(documents, progress):
            yield ("" if document.duplicate_of else masked), document

    def _code(self, document: Document, doc: Doc) -> CodedDocument | None:
        return self._record(_code_one(self.coder, self.settings, document, doc))

    def _prepare(self, document: Document) -> tuple[Document, str]:
        """The cleaned document and its masked text, or ``Rejected``."""
        if not self.settings.keep_boilerplate:
            clean(document)
            self.stats.removed_lines.update(r.reason for r in document.removed)
        # headlines in sentence case for the parser; offsets unchanged, and the coder
        # quotes the text as written (Coder.code)
        masked = truecase_headlines(document.masked_text(), self._name_words, self._verbs)
        if len(masked.strip()) < self.settings.min_text_chars:
            detail = (
                "nothing but boilerplate is left after cleaning"
                if document.removed
                else f"fewer than {self.settings.min_text_chars} characters"
            )
            raise Rejected("no article text", detail, document.source_path or document.doc_id)
        if self.settings.languages:
            guess = identify(masked)
            if guess.probability >= self.settings.language_min_probability:
                if guess.language not in self.settings.languages:
                    detail = f"{guess.language} (probability {guess.probability:.2f})"
                    where = document.source_path or document.doc_id
                    raise Rejected("other language", detail, where)
                document.language = guess.language
        return document, masked

    def _name_words(self) -> frozenset[str]:
        """The names of the knowledge base's places, cities, institutions and people, and
        the people's surnames, kept capitalised in a headline put in sentence case (loaded
        once, and only when a document has a title-case line)."""
        if self._names is None:
            kb = load_kb(self.settings.actor_files)
            names = set(chain(kb.places, kb.cities, kb.institutions, kb.person_names))
            names.update(name.split()[-1] for name in kb.person_names)
            self._names = frozenset(name for name in names if name[:1].isupper())
        return self._names

    def _verbs(self) -> frozenset[str]:
        """The English verbs spaCy's lemmatizer lists (base forms), evidence that a
        title-case line is a headline in prose (loaded once, and only when a document
        has a title-case line; empty for a pipeline without such a table)."""
        if self._verb_words is None:
            words: frozenset[str] = frozenset()
            # (disabled when tacitus.lemmas stands in for it: its tables are still there)
            if "lemmatizer" in self.nlp.component_names:
                lookups = getattr(self.nlp.get_pipe("lemmatizer"), "lookups", None)
                if lookups is not None and lookups.has_table("lemma_index"):
                    words = frozenset(lookups.get_table("lemma_index").get("verb", ()))
            self._verb_words = words
        return self._verb_words

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


# -- worker processes -------------------------------------------------------------------
# (coded document or None, (reason, detail, source) of a failure or None, discard reasons)
_Outcome = tuple[CodedDocument | None, tuple[str, str, str] | None, list[str]]
_worker: Pipeline | None = None


def _code_one(coder: Coder, settings: Settings, document: Document, doc: Doc) -> _Outcome:
    """Code one parsed document; a failure becomes a rejection unless ``on_error`` is
    ``"raise"``. Broken settings or data (ConfigError) always stop the run."""
    if document.duplicate_of is not None:
        return CodedDocument(document, [], [], [], []), None, []
    failure = None
    try:
        coded: CodedDocument | None = coder.code(document, doc)
    except ConfigError:
        raise
    except Exception as exc:  # one bad document must not end the run
        if settings.on_error == "raise":
            raise
        coded = None
        failure = ("coding failed", f"{type(exc).__name__}: {exc}", document.doc_id)
    discarded = [d.reason for d in coder.discarded]
    coder.discarded.clear()
    return coded, failure, discarded


def _start_worker(settings: Settings) -> None:
    global _worker
    _worker = Pipeline(replace(settings, n_process=1))


def _work(batch: list[tuple[str, Document]]) -> list[_Outcome]:
    assert _worker is not None, "worker not started"
    pipeline = _worker
    outcomes: list[_Outcome] = []
    for doc, document in pipeline.nlp.pipe(batch, as_tuples=True, batch_size=len(batch)):
        outcomes.append(_code_one(pipeline.coder, pipeline.settings, document, doc))
    return outcomes


def _batches(
    items: Iterator[tuple[str, Document]], size: int
) -> Iterator[list[tuple[str, Document]]]:
    while batch := list(islice(items, size)):
        yield batch
