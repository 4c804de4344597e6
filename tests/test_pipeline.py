"""The runner: batching, processes, error policy and run statistics."""

from __future__ import annotations

from datetime import date

import pytest

from tacitus import Document, Pipeline, Rejected, Settings
from tacitus.coder import Coder
from tacitus.records import CodedDocument

TEXTS = [
    "Olaf Scholz spoke by phone with Emmanuel Macron on Friday.",
    "Giorgia Meloni visited Tunisia on Wednesday and met Kais Saied in Tunis.",
    "The central bank kept interest rates unchanged on Thursday, citing inflation.",
    "Hakan Fidan met Sergei Lavrov in Doha on Monday, the Turkish ministry said.",
    "Narendra Modi held a phone call with Vladimir Putin about grain supplies.",
]


def documents() -> list[Document]:
    return [
        Document(doc_id=f"doc{i}", text=text, published=date(2024, 3, 14))
        for i, text in enumerate(TEXTS)
    ]


def summary(coded: list[CodedDocument]) -> list[tuple[str, list[str]]]:
    return [(c.document.doc_id, sorted(e.event_id for e in c.events)) for c in coded]


def test_batches_keep_order_and_results(pipeline: Pipeline) -> None:
    small = Pipeline(Settings(batch_size=2))
    assert summary(list(small.code_documents(documents()))) == summary(
        list(pipeline.code_documents(documents()))
    )


@pytest.mark.slow
def test_two_processes_give_the_same_events() -> None:
    one = list(Pipeline(Settings(n_process=1)).code_documents(documents()))
    two = list(Pipeline(Settings(n_process=2, batch_size=2)).code_documents(documents()))
    assert summary(one) == summary(two)
    assert sum(len(c.events) for c in two) >= 4


@pytest.mark.slow
def test_workers_count_discards_and_rejections_like_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = Coder.code

    def failing(self: Coder, document: Document, doc: object) -> CodedDocument:
        if document.doc_id == "doc3":
            raise ValueError("simulated failure")
        return original(self, document, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(Coder, "code", failing)  # workers fork after this, so they see it
    runs = [Pipeline(Settings(n_process=n, batch_size=2)) for n in (1, 2)]
    outputs = [summary(list(run.code_documents(documents()))) for run in runs]
    assert outputs[0] == outputs[1]
    assert "doc3" not in [doc_id for doc_id, _ in outputs[1]]
    one, two = (run.stats for run in runs)
    assert (two.read, two.coded, two.events) == (one.read, one.coded, one.events)
    assert two.discarded == one.discarded
    assert [(r.reason, r.source) for r in two.rejections.items] == [("coding failed", "doc3")]


def test_progress_callback_counts_documents() -> None:
    seen: list[int] = []
    runner = Pipeline(Settings(batch_size=2))
    list(runner.code_documents(documents(), progress=seen.append))
    assert sum(seen) == len(TEXTS)


def test_rejected_inputs_are_counted_and_the_run_goes_on() -> None:
    runner = Pipeline(Settings())
    stream: list[Document | Rejected] = [
        Rejected("binary", "PDF file", "a.pdf"),
        *documents()[:2],
        Document(doc_id="chrome", text="Topics\nComments\nShare this article\n" * 3),
    ]
    coded = list(runner.code_documents(stream))
    assert [c.document.doc_id for c in coded] == ["doc0", "doc1"]
    assert runner.stats.read == 4
    assert runner.stats.coded == 2
    assert runner.stats.rejections.counts() == {"binary": 1, "no article text": 1}
    assert runner.stats.removed_lines["page chrome"] == 9


def test_error_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Coder.code

    def failing(self: Coder, document: Document, doc: object) -> CodedDocument:
        if document.doc_id == "doc1":
            raise ValueError("simulated failure")
        return original(self, document, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(Coder, "code", failing)
    skip = Pipeline(Settings())
    coded = list(skip.code_documents(documents()))
    assert "doc1" not in [c.document.doc_id for c in coded]
    assert len(coded) == len(TEXTS) - 1
    [item] = skip.stats.rejections.items
    assert (item.reason, item.source) == ("coding failed", "doc1")
    assert "simulated failure" in item.detail

    strict = Pipeline(Settings(on_error="raise"))
    with pytest.raises(ValueError, match="simulated failure"):
        list(strict.code_documents(documents()))


def test_code_text_raises_rejected_for_empty_article() -> None:
    with pytest.raises(Rejected, match="no article text"):
        Pipeline(Settings()).code_text("Topics\nComments\n")


def test_keep_boilerplate_setting() -> None:
    text = "Olaf Scholz spoke by phone with Emmanuel Macron on Friday.\nTopics\n"
    kept = Pipeline(Settings(keep_boilerplate=True)).code_text(text)
    assert kept.document.removed == []
    cleaned = Pipeline(Settings()).code_text(text)
    assert [r.text for r in cleaned.document.removed] == ["Topics"]
