"""The quality gate: scores on the gold data of ../shared/eval may only go up.

Pinned minimums live in ``tests/eval_minimums.json``. Raise them when the coder
improves; a commit that lowers one must say why in CHANGELOG.md. The NGEC file (4,500
stories) is scored on every 10th story to keep CI fast; the sample is fixed.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tacitus import Document, Pipeline, Settings
from tacitus.evaluate import EvalReport, check_minimums, load_gold, score
from tests.conftest import shared_path

MINIMUMS = json.loads((Path(__file__).parent / "eval_minimums.json").read_text("utf-8"))
NGEC_STEP = 10


def evaluate(path: Path, step: int = 1) -> EvalReport:
    gold = load_gold(path)[::step]
    # as tacitus eval (cli.evaluate_file): every gold document coded, each on its own
    pipeline = Pipeline(replace(Settings(), deduplicate=False, languages=()))
    pipeline.memory = None
    documents = [Document(doc_id=g.id, text=g.text, published=g.published) for g in gold]
    predicted = {c.document.doc_id: c.events for c in pipeline.code_documents(documents)}
    return score(gold, predicted)


def gate(report: EvalReport, minimums: dict[str, Any]) -> list[str]:
    data = report.as_dict()
    failures = check_minimums(report, {k: v for k, v in minimums.items() if k != "max"})
    for key, ceiling in minimums.get("max", {}).items():
        value = data[key]
        if value is None or value > ceiling:
            failures.append(f"{key} = {value} is above its maximum {ceiling}")
    return failures


@pytest.mark.gold
def test_plover_gold_standard_records() -> None:
    report = evaluate(shared_path("eval", "plover_gsr_dev.jsonl"))
    failures = gate(report, MINIMUMS["plover_gsr_dev"])
    assert not failures, "\n".join(failures) + "\n" + json.dumps(report.as_dict(), indent=1)


@pytest.mark.gold
@pytest.mark.slow
def test_ngec_synthetic_stories_sample() -> None:
    report = evaluate(shared_path("eval", "ngec_synthetic_docs.jsonl"), step=NGEC_STEP)
    failures = gate(report, MINIMUMS["ngec_synthetic_docs"])
    assert not failures, "\n".join(failures)
