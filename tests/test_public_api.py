"""The public surface of ``import tacitus`` is small and deliberate."""

from __future__ import annotations

from datetime import date

import tacitus


def test_exported_members() -> None:
    assert sorted(tacitus.__all__) == sorted(
        [
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
    )
    public = {name for name in dir(tacitus) if not name.startswith("_")}
    modules = {
        "actors",
        "attributes",
        "lemmas",
        "headline_verbs",
        "clean",
        "coder",
        "dedup",
        "errors",
        "events",
        "ingest",
        "nlp",
        "ontology",
        "pipeline",
        "quotes",
        "records",
        "settings",
        "store",
        "evaluate",
        "cli",
        "annotations",
        "data",
    }
    assert public - modules - set(tacitus.__all__) == set()


def test_code_text() -> None:
    coded = tacitus.code_text(
        "Olaf Scholz spoke by phone with Emmanuel Macron on Friday.", published=date(2024, 3, 14)
    )
    [event] = coded.events
    assert event.type == "CONSULT"
    assert event.date == date(2024, 3, 8)


def test_code_documents() -> None:
    documents = [
        tacitus.Document(doc_id=f"d{i}", text=text, published=date(2024, 3, 14))
        for i, text in enumerate(
            [
                "Olaf Scholz spoke by phone with Emmanuel Macron on Friday.",
                "Giorgia Meloni visited Tunisia on Wednesday and met Kais Saied.",
            ]
        )
    ]
    coded = list(tacitus.code_documents(documents))
    assert [c.document.doc_id for c in coded] == ["d0", "d1"]
    assert all(c.events for c in coded)
