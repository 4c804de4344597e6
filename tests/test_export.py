"""Every export format is written, read back and compared with the store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import networkx as nx
import pandas as pd
import pytest
from typer.testing import CliRunner

from tacitus.cli import app
from tacitus.store import EventFilter, Store
from tacitus.store.export import GDELT_COLUMNS, POLECAT_COLUMNS, QUAD_CODES, export, network

from .conftest import Databases

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def store(databases: Databases):  # type: ignore[no-untyped-def]
    """The sample corpus in a store, on each engine."""
    db = databases.new("export")
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as opened:
        yield opened


def test_jsonl_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    n = export(store, "jsonl", out)
    back = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert n == len(back) > 0
    assert back == json.loads(json.dumps(store.events()))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_round_trip(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"e.{fmt}"
    where = EventFilter(status=None)
    n = export(store, fmt, out, where)
    if fmt == "csv":
        back = pd.read_csv(out, keep_default_na=False, na_values=[""])
    else:
        back = duckdb.sql(f"SELECT * FROM read_parquet('{out}')").df()
    expected = store.events_frame(where)
    assert n == len(back) == len(expected) > 0
    assert list(back.columns) == list(expected.columns)
    for column in expected.columns:
        left = expected[column].astype(str).replace({"NaT": "nan", "None": "nan", "<NA>": "nan"})
        right = back[column].astype(str).replace({"NaT": "nan", "None": "nan", "<NA>": "nan"})
        if column == "date":
            right = right.str[:10]
        assert left.tolist() == right.tolist(), column


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream, delimiter="\t"))


def test_polecat_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    export(store, "polecat", out)
    rows = read_tsv(out)
    events = store.events()
    assert list(rows[0]) == list(POLECAT_COLUMNS)
    assert len(rows) == len(events)
    for row, event in zip(rows, events, strict=True):
        assert row["Event ID"] == event["event_id"]
        assert row["Event Date"] == event["date"]
        assert (row["Event Type"], row["Event Mode"]) == (event["type"], event["mode"] or "")
        assert row["Actor Name"].split("; ") == [a["name"] for a in event["source"]]
        assert row["Recipient Country"] == "; ".join(a["country"] or "" for a in event["target"])
        assert int(row["Quad Code"]) == QUAD_CODES[event["quad_class"]]
        assert float(row["Event Intensity"]) == event["score"]
        assert int(row["Mentions"]) == event["mention_count"]


def test_gdelt_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.tsv"
    n = export(store, "gdelt", out)
    rows = read_tsv(out)
    events = {e["event_id"]: e for e in store.events()}
    assert list(rows[0]) == list(GDELT_COLUMNS)
    pairs = sum(max(1, len(e["source"])) * max(1, len(e["target"])) for e in events.values())
    assert n == len(rows) == pairs
    for row in rows:
        event = events[row["GLOBALEVENTID"].rsplit("-", 1)[0]]
        assert row["SQLDATE"] == event["date"].replace("-", "")
        assert row["EventCode"] == (event["cameo"] or "")
        assert row["EventRootCode"] == (event["cameo"] or "")[:2]
        assert int(row["QuadClass"]) == QUAD_CODES[event["quad_class"]]
        assert row["Actor1Name"] in {a["name"] for a in event["source"]}
        if event["target"]:
            assert row["Actor2Name"] in {a["name"] for a in event["target"]}
        assert int(row["NumSources"]) == event["source_count"]


def test_graphml_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    edges = export(store, "graphml", out)
    back = nx.read_graphml(out, force_multigraph=True)
    graph = network(store)
    assert edges == back.number_of_edges() == graph.number_of_edges() > 0
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(
        (u, v, k, sorted(d.items())) for u, v, k, d in back.edges(keys=True, data=True)
    ) == sorted((u, v, k, sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))
    assert back.nodes["badr-abdelatty"]["country"] == "EGY"


def test_cli_export_and_bad_format(store: Store, tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(
        app, ["export", "polecat", str(tmp_path / "p.tsv"), "--db", store.path, "--country", "TUR"]
    )
    bad = runner.invoke(app, ["export", "xlsx", str(tmp_path / "p.x"), "--db", store.path])
    assert ok.exit_code == 0, ok.output
    rows = read_tsv(tmp_path / "p.tsv")
    assert rows and all("TUR" in r["Actor Country"] + r["Recipient Country"] for r in rows)
    assert bad.exit_code == 2


def test_an_attack_by_no_one_named_is_stored_and_exported(
    databases: Databases, tmp_path: Path
) -> None:
    story = tmp_path / "blast.txt"
    story.write_text(
        "Blast Kills Nine at Market\n\n"
        "A car bomb killed nine people at a market in Kirkuk, Iraq, on Saturday, "
        "police said.\n",
        encoding="utf-8",
    )
    db = databases.new("unattributed")
    result = CliRunner().invoke(app, ["ingest", str(story), "--db", db, "-q"])
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as opened:
        (attack,) = [e for e in opened.events() if e["type"] == "ASSAULT"]
        assert attack["source"] == []
        assert [a["country"] for a in attack["target"]] == ["IRQ"]
        export(opened, "polecat", tmp_path / "p.tsv")
        (row,) = [r for r in read_tsv(tmp_path / "p.tsv") if r["Event ID"] == attack["event_id"]]
        assert (row["Actor Name"], row["Recipient Country"]) == ("", "IRQ")
        export(opened, "gdelt", tmp_path / "g.tsv")
        rows = [
            r
            for r in read_tsv(tmp_path / "g.tsv")
            if r["GLOBALEVENTID"].startswith(attack["event_id"])
        ]
        assert [(r["Actor1Code"], r["Actor2CountryCode"]) for r in rows] == [("", "IRQ")]
        # no dyad: the network has no edge for it
        assert all(
            d["event_id"] != attack["event_id"] for *_, d in network(opened).edges(data=True)
        )
