"""Exports of the stored events: JSON lines, CSV, Parquet, POLECAT-like and GDELT-like
TSV, and the actor network as GraphML.

Every format is written from the same selection (an ``EventFilter``) and documented in
``docs/export.md``; ``tests/test_export.py`` writes each, reads it back and compares.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import networkx as nx

from tacitus.store import EventFilter, Store

FORMATS = ("jsonl", "csv", "parquet", "polecat", "gdelt", "graphml")

# The CAMEO quad class numbers GDELT uses.
QUAD_CODES = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}

POLECAT_COLUMNS = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Event Intensity",
    "Quad Code",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Primary Actor Sector",
    "Recipient Name",
    "Recipient Country",
    "Primary Recipient Sector",
    "Placename",
    "Country",
    "Latitude",
    "Longitude",
    "Status",
    "Story IDs",
    "Sources",
    "Mentions",
)

GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "PloverScore",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
)


def export(store: Store, format: str, out: Path, where: EventFilter | None = None) -> int:
    """Write the selected events (or, for GraphML, the network of their actors) to
    ``out`` in ``format``; the number of rows, events or edges written."""
    writers: dict[str, Callable[[Store, Path, EventFilter], int]] = {
        "jsonl": _jsonl,
        "csv": _csv,
        "parquet": _parquet,
        "polecat": _polecat,
        "gdelt": _gdelt,
        "graphml": _graphml,
    }
    if format not in writers:
        raise ValueError(f"unknown export format {format!r}; formats: {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return writers[format](store, out, where or EventFilter())


def _jsonl(store: Store, out: Path, where: EventFilter) -> int:
    records = store.events(where)
    with out.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def _csv(store: Store, out: Path, where: EventFilter) -> int:
    frame = store.events_frame(where)
    frame.to_csv(out, index=False)
    return len(frame)


def _parquet(store: Store, out: Path, where: EventFilter) -> int:
    # DuckDB writes Parquet itself (no pyarrow needed), whichever engine holds the store.
    frame = store.events_frame(where)
    with duckdb.connect() as writer:
        writer.register("tacitus_export", frame)
        writer.execute("COPY (SELECT * FROM tacitus_export) TO ? (FORMAT PARQUET)", [str(out)])
    return len(frame)


def _names(actors: list[dict[str, Any]], key: str) -> str:
    return "; ".join(str(a.get(key) or "") for a in actors)


def _polecat(store: Store, out: Path, where: EventFilter) -> int:
    records = store.events(where)
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow(POLECAT_COLUMNS)
        for r in records:
            location = r["location"] or {}
            writer.writerow(
                [
                    r["event_id"],
                    r["date"] or "",
                    r["type"],
                    r["mode"] or "",
                    "" if r["score"] is None else r["score"],
                    QUAD_CODES.get(r["quad_class"] or "", ""),
                    "; ".join(r["context"]),
                    _names(r["source"], "name"),
                    _names(r["source"], "country"),
                    _names(r["source"], "sector"),
                    _names(r["target"], "name"),
                    _names(r["target"], "country"),
                    _names(r["target"], "sector"),
                    location.get("name") or "",
                    location.get("country") or "",
                    "" if location.get("lat") is None else location["lat"],
                    "" if location.get("lon") is None else location["lon"],
                    r["status"],
                    "; ".join(sorted({e["doc_id"] for e in r["evidence"]})),
                    r["source_count"],
                    r["mention_count"],
                ]
            )
    return len(records)


def _gdelt(store: Store, out: Path, where: EventFilter) -> int:
    """One row per (source, target) pair of an event, as GDELT's events are dyadic;
    an event without a target has one row per source with empty Actor2 fields."""
    records = store.events(where)
    urls = _document_urls(store)
    rows = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
        writer.writerow(GDELT_COLUMNS)
        for r in records:
            cameo = r["cameo"] or ""
            location = r["location"] or {}
            targets = r["target"] or [None]
            first_doc = r["evidence"][0]["doc_id"] if r["evidence"] else ""
            pair = 0
            for source in r["source"] or [None]:
                for target in targets:
                    pair += 1
                    writer.writerow(
                        [
                            f"{r['event_id']}-{pair}",
                            (r["date"] or "").replace("-", ""),
                            _cameo_actor(source),
                            (source or {}).get("name") or "",
                            (source or {}).get("country") or "",
                            (source or {}).get("sector") or "",
                            _cameo_actor(target),
                            (target or {}).get("name") or "",
                            (target or {}).get("country") or "",
                            (target or {}).get("sector") or "",
                            1,
                            cameo,
                            cameo[:3],
                            cameo[:2],
                            QUAD_CODES.get(r["quad_class"] or "", ""),
                            "" if r["score"] is None else r["score"],
                            r["mention_count"],
                            r["source_count"],
                            r["document_count"],
                            location.get("name") or "",
                            location.get("country") or "",
                            "" if location.get("lat") is None else location["lat"],
                            "" if location.get("lon") is None else location["lon"],
                            urls.get(first_doc, ""),
                        ]
                    )
                    rows += 1
    return rows


def _cameo_actor(actor: dict[str, Any] | None) -> str:
    """A CAMEO-style actor code: country then sector (``EGYGOV``)."""
    if not actor:
        return ""
    return f"{actor.get('country') or ''}{actor.get('sector') or ''}"


def _document_urls(store: Store) -> dict[str, str]:
    rows = store.query(
        "SELECT doc_id, coalesce(canonical_url, url) FROM documents WHERE url IS NOT NULL"
    )
    return {str(doc_id): str(url) for doc_id, url in rows}


def network(store: Store, where: EventFilter | None = None) -> nx.MultiDiGraph:
    """The actor network of the selected events: a node per actor (name, country,
    sector, actor id), an edge per source → target pair of an event (type, mode, quad
    class, score, date, event id)."""
    graph = nx.MultiDiGraph()
    for r in store.events(where or EventFilter()):
        for actor in r["source"] + r["target"]:
            graph.add_node(
                _node(actor),
                name=actor["name"],
                country=actor["country"] or "",
                sector=actor["sector"] or "",
                actor_id=actor["actor_id"] or "",
            )
        for source in r["source"]:
            for target in r["target"]:
                graph.add_edge(
                    _node(source),
                    _node(target),
                    key=r["event_id"],
                    type=r["type"],
                    mode=r["mode"] or "",
                    quad_class=r["quad_class"] or "",
                    score=float(r["score"]) if r["score"] is not None else 0.0,
                    date=r["date"] or "",
                    mentions=int(r["mention_count"]),
                )
    return graph


def _node(actor: dict[str, Any]) -> str:
    return str(
        actor.get("actor_id")
        or f"{actor.get('country') or '?'}|{actor.get('sector') or '?'}|{actor['name']}"
    )


def _graphml(store: Store, out: Path, where: EventFilter) -> int:
    graph = network(store, where)
    nx.write_graphml(graph, out)
    return int(graph.number_of_edges())
