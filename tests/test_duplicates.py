"""Duplicate documents: exact copies and syndicated near-copies are linked, not coded."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tacitus import Document, Pipeline, Settings
from tacitus.cli import app
from tacitus.ingest.duplicates import DuplicateFinder, signature, words

from .helpers import PUBLISHED
from .ingest_data import STORIES

# One wire story as three outlets ran it: own headline, dateline, credit and footer.
WIRE = (
    "Kenya's foreign minister Musalia Mudavadi met Ethiopia's foreign minister in Geneva on "
    "Tuesday, the first talks between the two governments since their border was closed "
    "over a dispute about water rights last spring.\n\n"
    "Officials from both sides called the meeting constructive and said technical teams "
    "would meet again next month to draft an agreement on the flow of the shared river, "
    "which farmers downstream say has fallen by a third since the dam opened.\n\n"
    "The Kenyan minister told reporters after the meeting that his government was ready to reopen two of "
    "the crossings for trade as soon as the agreement was signed."
)
OUTLET_A = f"Border talks resume in Geneva\n\n{WIRE}\n\nCopyright 2024 Daily Planet."
OUTLET_B = (
    f"Kenya, Ethiopia hold first talks in a year\n\nGENEVA (Wire) -- {WIRE}\n\n"
    "Reporting by a staff writer; editing by the world desk."
)
OUTLET_C = OUTLET_A.upper().replace("\n\n", "\n   \n")  # same words, other case and spacing


def test_finder_links_exact_and_near_copies_and_keeps_other_stories_apart() -> None:
    finder = DuplicateFinder(threshold=0.7)
    assert finder.check("a", OUTLET_A) is None
    near = finder.check("b", OUTLET_B)
    exact = finder.check("c", OUTLET_C)
    assert finder.check("other", STORIES["summit"]) is None
    assert finder.check("other2", STORIES["court"]) is None

    assert near is not None and (near.original, near.kind) == ("a", "near")
    assert 0.7 <= near.similarity < 1.0
    assert exact is not None and (exact.original, exact.kind, exact.similarity) == (
        "a",
        "exact",
        1.0,
    )


def test_threshold_one_finds_exact_copies_only() -> None:
    finder = DuplicateFinder(threshold=1.0)
    assert finder.check("a", OUTLET_A) is None
    assert finder.check("b", OUTLET_B) is None
    found = finder.check("c", OUTLET_C)
    assert found is not None and found.kind == "exact"


def test_pipeline_codes_the_original_and_links_the_copies(pipeline: Pipeline) -> None:
    documents = [
        Document(doc_id="a", text=OUTLET_A, published=PUBLISHED),
        Document(doc_id="b", text=OUTLET_B, published=PUBLISHED),
        Document(doc_id="s", text=STORIES["summit"], published=PUBLISHED),
        Document(doc_id="c", text=OUTLET_C, published=PUBLISHED),
    ]
    before = pipeline.stats.duplicates.copy()

    coded = list(pipeline.code_documents(documents))

    assert [c.document.doc_id for c in coded] == ["a", "b", "s", "c"]  # order kept
    original, near, _, exact = coded
    assert original.events and original.document.duplicate_of is None
    assert (near.document.duplicate_of, near.document.duplicate_kind) == ("a", "near")
    assert (exact.document.duplicate_of, exact.document.duplicate_kind) == ("a", "exact")
    assert near.events == [] and exact.events == []
    assert pipeline.stats.duplicates - before == {"near": 1, "exact": 1}


def test_duplicates_across_processes_keep_their_links() -> None:
    pipeline = Pipeline(Settings(n_process=2, batch_size=4))
    documents = [Document(doc_id=f"s{i}", text=f"Item {i}. {STORIES['court']}") for i in range(6)]
    documents.insert(3, Document(doc_id="copy", text=OUTLET_A, published=PUBLISHED))
    documents.insert(1, Document(doc_id="first", text=OUTLET_B, published=PUBLISHED))

    coded = {c.document.doc_id: c for c in pipeline.code_documents(documents)}

    assert coded["copy"].document.duplicate_of == "first"
    assert coded["copy"].events == [] and coded["first"].events
    # "Item i." alone differs: these are near-duplicates of s0 as well
    assert {coded[f"s{i}"].document.duplicate_of for i in range(1, 6)} == {"s0"}


def test_cli_reports_duplicates_and_can_keep_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(OUTLET_A)
    (folder / "b.txt").write_text(OUTLET_B)
    runner = CliRunner()
    records = tmp_path / "docs.jsonl"

    day = ["--published", PUBLISHED.isoformat()]
    linked = runner.invoke(app, ["code", str(folder), *day, "--documents", str(records)])
    kept = runner.invoke(app, ["code", str(folder), *day, "--keep-duplicates"])

    assert linked.exit_code == 0, linked.output
    assert "duplicates (linked to the first copy, not coded): near 1" in linked.stderr
    rows = [json.loads(line) for line in records.read_text().splitlines()]
    assert [(r["doc_id"], r["duplicate_of"], r["duplicate_kind"]) for r in rows] == [
        ("a", None, None),
        ("b", "a", "near"),
    ]
    assert rows[1]["events"] == [] and 0.7 <= rows[1]["similarity"] < 1
    events_linked = [json.loads(x)["doc_id"] for x in linked.stdout.splitlines()]
    events_kept = [json.loads(x)["doc_id"] for x in kept.stdout.splitlines()]
    assert set(events_linked) == {"a"}
    assert set(events_kept) == {"a", "b"}


BACKGROUND = (
    "The insurgency in the northern provinces began in 2017 and has killed more than "
    "four thousand people, according to a count kept by a monitoring group in the capital. "
    "The government declared a state of emergency in three provinces last year and has "
    "asked neighbouring countries for help in securing the long and porous border, which "
    "armed groups cross freely to smuggle fuel, weapons and cattle. Aid agencies say "
    "nearly a million people have fled their homes, most of them to camps around the "
    "provincial capital, where food and clean water are scarce and schools have been "
    "closed for two years. Peace talks brokered by a regional bloc collapsed in March "
    "after the largest armed group refused to hand over its weapons, and a ceasefire "
    "agreed in the spring lasted less than a month. The army has since launched several "
    "offensives with the help of foreign troops and private contractors, retaking most "
    "of the coastal towns, although attacks on roads and villages inland continue."
)


def test_reports_of_different_events_with_shared_background_are_not_linked() -> None:
    first = (
        "Gunmen attacked a police post in the town of Mocimboa on Monday, killing six "
        "officers and wounding nine, local officials said.\n\n" + BACKGROUND
    )
    second = (
        "A roadside bomb hit an army convoy near Palma on Thursday, killing three soldiers, "
        "the defence ministry said in a statement.\n\n" + BACKGROUND
    )
    # alike enough overall to be linked, but they open differently
    assert signature(words(first)).jaccard(signature(words(second))) > 0.7  # type: ignore[union-attr]
    finder = DuplicateFinder(threshold=0.7)
    assert finder.check("attack-1", first) is None
    assert finder.check("attack-2", second) is None


def test_two_documents_with_one_id_are_each_remembered_under_it() -> None:
    finder = DuplicateFinder(threshold=0.7)
    assert finder.check("story", STORIES["court"] + " " + STORIES["ferry"]) is None
    assert finder.check("story", OUTLET_A) is None
    found = finder.check("copy", OUTLET_B)
    assert found is not None and found.original == "story"


def test_the_index_finds_nearly_all_pairs_at_the_threshold() -> None:
    """LSH banding: the chance that a pair of Jaccard similarity J shares a band."""
    from tacitus.ingest.duplicates import _bands

    bands, rows = _bands(0.7)
    found = 1 - (1 - 0.7**rows) ** bands
    offered = 1 - (1 - 0.3**rows) ** bands
    assert found > 0.98 and offered < 0.1
