"""The ``tacitus`` command: a thin layer over the Python API.

Every command turns options into :class:`Settings` and calls library functions; all
printing happens here (events on stdout, progress and the run summary on stderr).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from tacitus import __version__
from tacitus.errors import ConfigError, Rejected, TacitusError
from tacitus.evaluate import EvalReport, check_minimums, load_gold, score
from tacitus.ingest import read_paths, read_stream
from tacitus.ingest.fetch import DEFAULT_USER_AGENT, FetchOptions, FetchReport
from tacitus.ingest.fetch import fetch as fetch_pages
from tacitus.ingest.meta import parse_date
from tacitus.ingest.sniff import KINDS
from tacitus.pipeline import Pipeline, RunStats
from tacitus.records import CodedDocument, Document, Event
from tacitus.settings import Settings
from tacitus.store import DEFAULT_DB, PERIODS, EventFilter, Store, is_server_url
from tacitus.store.engines import redact

app = typer.Typer(
    name="tacitus",
    help="Turn news into evidence-backed PLOVER political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"


ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline (default: first English one installed)"),
]
ProcessesOpt = Annotated[
    int | None, typer.Option("--n-process", "-j", help="processes that parse and code")
]
BatchOpt = Annotated[int | None, typer.Option("--batch-size", help="documents per batch")]
OnErrorOpt = Annotated[
    str | None,
    typer.Option("--on-error", help="skip: reject a failing document and go on; raise: stop"),
]
SettingsOpt = Annotated[
    Path | None, typer.Option("--settings", help="settings file (TOML with a tacitus table)")
]
PublishedOpt = Annotated[
    str | None, typer.Option(help="publication date YYYY-MM-DD (overrides metadata)")
]
KindOpt = Annotated[
    str | None,
    typer.Option(
        "--kind",
        help="read every input as this kind: text, html, jsonl, json, csv, warc, feed "
        "(default: by extension, else sniffed)",
    ),
]
ColumnsOpt = Annotated[
    str | None,
    typer.Option(
        "--columns", help="JSONL/CSV column mapping, e.g. text=body,published=date,id=article_id"
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="no progress or summary")]
CountryOpt = Annotated[str | None, typer.Option(help="source or target country code")]
TypesOpt = Annotated[
    list[str] | None, typer.Option("--type", "-t", help="PLOVER type (repeatable)")
]
StatusOpt = Annotated[str, typer.Option(help="happened, planned, denied, hypothetical, or 'any'")]
SinceOpt = Annotated[str | None, typer.Option(help="from this date (YYYY-MM-DD)")]
UntilOpt = Annotated[str | None, typer.Option(help="to this date (YYYY-MM-DD)")]


def _check_kind(kind: str | None) -> None:
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"--kind must be one of {', '.join(KINDS)}, not {kind!r}")


def _settings(path: Path | None, **overrides: Any) -> Settings:
    return Settings.load(overrides, path=path)


def _date_option(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from exc


@contextmanager
def _progress(enabled: bool, doing: str = "coding", unit: str = "documents") -> Iterator[Any]:
    if not enabled:
        yield None
        return
    with Progress(
        SpinnerColumn(),
        TextColumn(doing),
        BarColumn(),
        TextColumn(f"{{task.completed}} {unit}"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(doing, total=None, rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            elapsed = bar.tasks[0].elapsed or 0.0
            done = bar.tasks[0].completed
            bar.update(task, rate=f"{done / elapsed:.1f} {unit}/s" if elapsed else "")

        yield advance


@app.command()
def code(
    paths: Annotated[list[str], typer.Argument(help="files or directories; '-' reads stdin")],
    format: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.jsonl,
    published: PublishedOpt = None,
    url: Annotated[str | None, typer.Option(help="source URL (overrides metadata)")] = None,
    documents_out: Annotated[
        Path | None,
        typer.Option(
            "--documents",
            help="also write one JSON line per document: metadata, removed boilerplate, quotes",
        ),
    ] = None,
    keep_boilerplate: Annotated[
        bool, typer.Option("--keep-boilerplate", help="do not remove boilerplate lines")
    ] = False,
    keep_duplicates: Annotated[
        bool,
        typer.Option("--keep-duplicates", help="code duplicate documents again (no linking)"),
    ] = False,
    kind: KindOpt = None,
    columns: ColumnsOpt = None,
    include_all: Annotated[
        bool, typer.Option("--all", help="also print planned, denied and hypothetical events")
    ] = False,
    quiet: QuietOpt = False,
    model: ModelOpt = None,
    n_process: ProcessesOpt = None,
    batch_size: BatchOpt = None,
    on_error: OnErrorOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Code news documents into PLOVER events."""
    settings = _settings(
        settings_file,
        spacy_model=model,
        n_process=n_process,
        batch_size=batch_size,
        on_error=on_error,
        keep_boilerplate=keep_boilerplate or None,
        deduplicate=False if keep_duplicates else None,
        columns=columns,
    )
    day = _date_option(published)
    _check_kind(kind)
    pipeline = Pipeline(settings)
    documents = _read(paths, settings, day, url, kind)
    doc_file = documents_out.open("w", encoding="utf-8") if documents_out else None
    coded_docs: list[CodedDocument] = []
    try:
        with _progress(not quiet and err.is_terminal) as advance:
            for coded in pipeline.code_documents(documents, progress=advance):
                events = [e for e in coded.events if include_all or e.status == "happened"]
                if format is Format.jsonl:
                    for event in events:
                        out.print(event.to_json(), markup=False, highlight=False)
                else:
                    coded_docs.append(coded)
                if doc_file is not None:
                    doc_file.write(json.dumps(document_record(coded), ensure_ascii=False) + "\n")
    finally:
        if doc_file is not None:
            doc_file.close()
    if format is Format.table:
        for coded in coded_docs:
            _print_table(coded, include_all)
    if not quiet:
        _print_summary(pipeline.stats)


def _read(
    paths: list[str],
    settings: Settings,
    published: date | None,
    url: str | None,
    kind: str | None = None,
) -> Iterator[Document | Rejected]:
    for path in paths:  # in the order given, stdin ('-') where it stands
        if path == "-":
            # Read as a stream: a WARC or JSONL corpus piped in is not held in memory.
            yield from read_stream(
                sys.stdin.buffer,
                name="<stdin>",
                settings=settings,
                published=published,
                url=url,
                kind=kind,
            )
        else:
            yield from read_paths(
                [path], settings=settings, published=published, url=url, kind=kind
            )


def document_record(coded: CodedDocument) -> dict[str, Any]:
    """The JSON form of a coded document's provenance (written by ``--documents``)."""
    document = coded.document
    return {
        "doc_id": document.doc_id,
        "url": document.url,
        "title": document.title,
        "publisher": document.publisher,
        "published": document.published.isoformat() if document.published else None,
        "language": document.language,
        "author": document.author,
        "canonical_url": document.canonical_url,
        "source_path": document.source_path,
        "duplicate_of": document.duplicate_of,
        "duplicate_kind": document.duplicate_kind,
        "similarity": document.similarity,
        "repairs": list(document.repairs),
        "contexts": list(coded.contexts),
        "removed_boilerplate": [
            {"start": r.start, "end": r.end, "text": r.text, "rule": r.rule, "reason": r.reason}
            for r in document.removed
        ],
        "quotes": [
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker.as_dict() if q.speaker else None,
            }
            for q in coded.quotes
        ],
        "events": [e.event_id for e in coded.events],
    }


def _actor_cell(actors: list[Any]) -> str:
    return "\n".join(f"{a.name} ({a.country or '?'}, {a.sector or '?'})" for a in actors) or "-"


TABLE_MIN_WIDTH = 140


def _print_table(coded: CodedDocument, include_all: bool) -> None:
    document = coded.document
    title = f"{document.doc_id}" + (f" — {document.publisher}" if document.publisher else "")
    if document.published:
        title += f", published {document.published.isoformat()}"
    if coded.contexts:
        title += f" — contexts: {', '.join(coded.contexts)}"
    table = Table(title=title, show_lines=True, title_justify="left")
    for column in ("#", "source", "event", "target", "date", "status", "attributed to"):
        table.add_column(column, overflow="fold")
    events: list[Event] = [e for e in coded.events if include_all or e.status == "happened"]
    for number, event in enumerate(events, start=1):
        date_cell = event.date.isoformat() if event.date else "-"
        if event.date_text:
            date_cell += f"\n({event.date_text})"
        elif event.date_from_publication:
            date_cell += "\n(publication date)"
        attributed = "\n".join(
            " / ".join(p for p in (a.name, a.role, a.organization) if p) for a in event.attribution
        )
        kind = f"{event.type}" + (f" / {event.mode}" if event.mode else "")
        if event.score is not None:
            kind += f"\n{event.quad_class}, {event.score:+g}"
        table.add_row(
            str(number),
            _actor_cell(event.source),
            kind,
            _actor_cell(event.target),
            date_cell,
            event.status,
            attributed or "-",
        )
    width = max(out.width, TABLE_MIN_WIDTH)
    console = out if out.width >= TABLE_MIN_WIDTH else Console(highlight=False, width=width)
    console.print(table)
    for number, event in enumerate(events, start=1):
        out.print(f"[bold]#{number}[/bold] {event.event_id}")
        if event.topics:
            out.print(f"  topics: {', '.join(event.topics)}", markup=False)
        if event.context:
            out.print(f"  context: {', '.join(event.context)}", markup=False)
        for mention in event.mentions:
            out.print(f"  [{mention.start}:{mention.end}] {mention.sentence}", markup=False)
    if document.removed:
        out.print(f"removed {len(document.removed)} boilerplate lines:")
        for span in document.removed:
            text = span.text if len(span.text) <= 80 else span.text[:79] + "…"
            line = f"  [{span.start}:{span.end}] {span.reason} ({span.rule}): {text}"
            out.print(line, markup=False)


def _print_summary(stats: RunStats) -> None:
    duplicates = sum(stats.duplicates.values())
    err.print(
        f"read {stats.read} documents: coded {stats.coded} ({stats.events} events), "
        f"duplicates {duplicates}, set aside {len(stats.rejections)}"
    )
    for reason, count in stats.rejections.counts().most_common():
        err.print(f"  set aside ({reason}): {count}", markup=False)
    for item in stats.rejections.items[:20]:
        err.print(
            f"    {item.source}: {item.reason}" + (f" — {item.detail}" if item.detail else ""),
            markup=False,
        )
    if len(stats.rejections) > 20:
        err.print(f"    … and {len(stats.rejections) - 20} more", markup=False)
    if duplicates:
        kinds = ", ".join(f"{kind} {n}" for kind, n in stats.duplicates.most_common())
        err.print(f"  duplicates (linked to the first copy, not coded): {kinds}")
    for repair, count in stats.repairs.most_common():
        err.print(f"  repaired ({repair}): {count}", markup=False)
    if stats.removed_lines:
        removed = ", ".join(f"{r} {n}" for r, n in stats.removed_lines.most_common())
        err.print(f"  boilerplate lines removed: {removed}")
    if stats.discarded:
        dropped = ", ".join(f"{r} {n}" for r, n in stats.discarded.most_common())
        err.print(f"  candidate events discarded: {dropped}")
    if stats.recalled:
        err.print(
            f"  surnames resolved from people named with a title in earlier documents: "
            f"{stats.recalled}"
        )


DbOpt = Annotated[
    str,
    typer.Option(
        "--db",
        help="the store: a DuckDB file (created if missing) or postgresql://user@host/database",
    ),
]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="files, directories, patterns; '-': stdin")],
    db: DbOpt = DEFAULT_DB,
    published: PublishedOpt = None,
    kind: KindOpt = None,
    columns: ColumnsOpt = None,
    quiet: QuietOpt = False,
    model: ModelOpt = None,
    n_process: ProcessesOpt = None,
    batch_size: BatchOpt = None,
    on_error: OnErrorOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Code documents and store them, with their events, in the database (idempotent)."""
    settings = _settings(
        settings_file,
        spacy_model=model,
        n_process=n_process,
        batch_size=batch_size,
        on_error=on_error,
        columns=columns,
    )
    _check_kind(kind)
    day = _date_option(published)
    with Store.open(
        db,
        merge_window_days=settings.merge_window_days,
        actor_memory_days=settings.actor_memory_days,
    ) as store:
        pipeline = Pipeline(settings, memory=store.memory())
        skipped = 0

        def new(items: Iterator[Document | Rejected]) -> Iterator[Document | Rejected]:
            nonlocal skipped
            for item in items:
                if isinstance(item, Document) and store.has(item):
                    skipped += 1  # stored by an earlier run: neither coded nor stored again
                    continue
                yield item

        documents = new(_read(paths, settings, day, None, kind))
        with _progress(not quiet and err.is_terminal) as advance:
            coded = pipeline.code_documents(documents, progress=advance)
            stats = store.add(coded, batch=settings.store_batch)
        stats.already_stored += skipped
        stats.set_aside += store.add([], set_aside=pipeline.stats.rejections.items).set_aside
        totals = store.counts()
        repeated, happened = store.reported_more_than_once()
        dyads = store.top_dyads()
    if not quiet:
        _print_summary(pipeline.stats)
        err.print(
            f"stored {stats.documents} documents ({stats.already_stored} already stored): "
            f"{stats.events_new} new events, {stats.events_seen} events reported again, "
            f"{stats.mentions} mentions — {redact(db)} holds {totals['documents']} documents, "
            f"{totals['events']} events, {totals['mentions']} mentions",
            markup=False,
        )
        err.print(
            f"of {happened} events that happened, {repeated} are reported by more than one "
            "document (each stored once, with every report's evidence)",
            markup=False,
        )
        if dyads:
            pairs = "; ".join(
                f"{a}–{b} {n} events" + (f", mean score {mean:+.1f}" if mean is not None else "")
                for a, b, n, mean in dyads
            )
            err.print(f"busiest dyads: {pairs} (`tacitus dyad A B` for more)", markup=False)


@app.command()
def events(
    db: DbOpt = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
    actor: Annotated[str | None, typer.Option(help="actor name (part of it) or id")] = None,
    country: CountryOpt = None,
    sector: Annotated[str | None, typer.Option(help="source or target sector code")] = None,
    type: TypesOpt = None,
    mode: Annotated[str | None, typer.Option(help="PLOVER mode")] = None,
    status: StatusOpt = "happened",
    since: SinceOpt = None,
    until: UntilOpt = None,
    text: Annotated[str | None, typer.Option(help="words in an evidence sentence")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="at most this many")] = None,
) -> None:
    """List stored events, newest first, with their mention and source counts."""
    where = EventFilter(
        actor=actor,
        country=country,
        sector=sector,
        types=tuple(type or ()),
        mode=mode,
        status=None if status == "any" else status,
        since=_date_option(since),
        until=_date_option(until),
        text=text,
        limit=limit,
    )
    found: list[dict[str, Any]] = _read_store(db, lambda store: store.events(where))
    if format is Format.jsonl:
        for record in found:
            out.print(json.dumps(record, ensure_ascii=False), markup=False, highlight=False)
        return
    table = Table(
        title=f"{len(found)} events in {redact(db)}", show_lines=False, title_justify="left"
    )
    for column in ("date", "source", "event", "target", "status", "mentions", "sources"):
        table.add_column(column, overflow="fold")
    for record in found:
        kind = record["type"] + (f" / {record['mode']}" if record["mode"] else "")
        table.add_row(
            record["date"] or "-",
            _actor_cell_dicts(record["source"]),
            kind,
            _actor_cell_dicts(record["target"]),
            record["status"],
            str(record["mention_count"]),
            str(record["source_count"]),
        )
    width = max(out.width, TABLE_MIN_WIDTH)
    console = out if out.width >= TABLE_MIN_WIDTH else Console(highlight=False, width=width)
    console.print(table)


@app.command()
def dyad(
    a: Annotated[str, typer.Argument(help="actor: country code (EGY), actor id or name")],
    b: Annotated[str, typer.Argument(help="the other actor, the same way")],
    by: Annotated[str, typer.Option("--by", help="day, week, month, quarter or year")] = "month",
    db: DbOpt = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
) -> None:
    """Events between two actors per period, both directions: counts per quad class and
    the mean PLOVER score."""
    if by not in PERIODS:
        raise typer.BadParameter(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    frame = _read_store(db, lambda store: store.dyad(a, b, by=by))
    _print_frame(frame, f"{a} and {b} by {by} in {redact(db)}", format)


@app.command()
def actors(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="how many")] = 20,
    format: Annotated[Format, typer.Option("--format", "-f", help="output format")] = Format.table,
) -> None:
    """Who appears most in the stored events, with their codes."""
    frame = _read_store(db, lambda store: store.actors(limit=limit))
    _print_frame(frame, f"the {limit} actors in most events in {redact(db)}", format)


@app.command("export")
def export_command(
    format: Annotated[str, typer.Argument(help="jsonl, csv, parquet, polecat, gdelt or graphml")],
    out: Annotated[Path, typer.Argument(help="the file to write")],
    db: DbOpt = DEFAULT_DB,
    country: CountryOpt = None,
    type: TypesOpt = None,
    status: StatusOpt = "happened",
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Export the stored events (GraphML: their actor network) in a format for other
    tools."""
    from tacitus.store.export import FORMATS, export

    if format not in FORMATS:
        raise typer.BadParameter(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    where = EventFilter(
        country=country,
        types=tuple(type or ()),
        status=None if status == "any" else status,
        since=_date_option(since),
        until=_date_option(until),
    )
    written = _read_store(db, lambda store: export(store, format, out, where))
    unit = "edges" if format == "graphml" else "rows" if format == "gdelt" else "events"
    err.print(f"wrote {written} {unit} to {out}", markup=False)


def _read_store(db: str, read: Callable[[Store], Any]) -> Any:
    if not is_server_url(db) and not Path(db).exists():
        raise ConfigError(f"no store at {db}: run `tacitus ingest` first")
    with Store.open(db, read_only=True) as store:
        return read(store)


def _print_frame(frame: Any, title: str, format: Format) -> None:
    records = json.loads(frame.to_json(orient="records", date_format="iso"))
    if format is Format.jsonl:
        for record in records:
            if isinstance(record.get("period"), str):
                record["period"] = record["period"][:10]
            out.print(json.dumps(record, ensure_ascii=False), markup=False, highlight=False)
        return
    table = Table(title=title, title_justify="left")
    for column in frame.columns:
        table.add_column(
            str(column), justify="right" if frame[column].dtype.kind in "if" else "left"
        )
    for record in records:
        cells = []
        for column in frame.columns:
            value = record[column]
            if column == "period" and isinstance(value, str):
                value = value[:10]
            cells.append("-" if value is None else str(value))
        table.add_row(*cells)
    width = max(out.width, TABLE_MIN_WIDTH)
    console = out if out.width >= TABLE_MIN_WIDTH else Console(highlight=False, width=width)
    console.print(table)


def _actor_cell_dicts(actors: list[dict[str, Any]]) -> str:
    return (
        "\n".join(f"{a['name']} ({a['country'] or '?'}, {a['sector'] or '?'})" for a in actors)
        or "-"
    )


@app.command()
def fetch(
    feeds: Annotated[
        list[str] | None, typer.Argument(help="feeds: URLs or files (RSS or Atom)")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="folder for the pages (and the cache)")
    ] = Path("fetched"),
    urls: Annotated[
        Path | None,
        typer.Option("--urls", help="file of article URLs to fetch, one per line ('-': stdin)"),
    ] = None,
    refresh: Annotated[
        bool, typer.Option("--refresh", help="ask the server whether saved pages changed")
    ] = False,
    delay: Annotated[
        float | None, typer.Option("--delay", help="seconds between requests to one host")
    ] = None,
    retries: Annotated[int | None, typer.Option("--retries", help="retries per request")] = None,
    timeout: Annotated[float | None, typer.Option("--timeout", help="seconds per request")] = None,
    user_agent: Annotated[
        str | None, typer.Option("--user-agent", help="User-Agent header")
    ] = None,
    quiet: QuietOpt = False,
    settings_file: SettingsOpt = None,
) -> None:
    """Fetch the articles that feeds link to (politely) into a folder for tacitus code."""
    settings = _settings(
        settings_file,
        fetch_delay=delay,
        fetch_retries=retries,
        fetch_timeout=timeout,
        user_agent=user_agent,
    )
    listed: list[str] = []
    if urls is not None:
        raw = sys.stdin.read() if str(urls) == "-" else _read_text(urls)
        listed = raw.splitlines()
    if not feeds and not listed:
        raise typer.BadParameter("give feeds (URLs or files) or --urls FILE")
    options = FetchOptions(
        out=out,
        user_agent=settings.user_agent or DEFAULT_USER_AGENT,
        delay=settings.fetch_delay,
        retries=settings.fetch_retries,
        timeout=settings.fetch_timeout,
        max_bytes=settings.max_bytes,
        refresh=refresh,
    )
    with _progress(not quiet and err.is_terminal, "fetching", "pages") as advance:
        report = fetch_pages(feeds or [], listed, options, progress=advance)
    if not quiet:
        _print_fetch_summary(report, out)
    if report.failures and not (report.fetched or report.cached or report.not_modified):
        raise typer.Exit(1)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc


def _print_fetch_summary(report: FetchReport, out: Path) -> None:
    err.print(
        f"{report.feeds} feeds, {report.entries} entries: fetched {report.fetched} pages, "
        f"{report.cached} already saved, {report.not_modified} not modified, "
        f"failed {len(report.failures)} — pages in {out}"
    )
    for reason, count in report.failures.counts().most_common():
        err.print(f"  failed ({reason}): {count}", markup=False)
    for item in report.failures.items[:20]:
        err.print(f"    {item.source}: {item.reason} — {item.detail}", markup=False)


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="gold JSONL (format in docs/eval.md)")],
    limit: Annotated[
        int | None, typer.Option(min=1, help="score only the first N documents")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the report as JSON")] = False,
    minimums: Annotated[
        Path | None,
        typer.Option("--min", help="JSON file of minimum scores; exit 1 if any is missed"),
    ] = None,
    model: ModelOpt = None,
    n_process: ProcessesOpt = None,
    settings_file: SettingsOpt = None,
) -> None:
    """Score tacitus against gold events: precision, recall, F1, mode and date accuracy."""
    settings = _settings(settings_file, spacy_model=model, n_process=n_process)
    pinned = _read_minimums(minimums) if minimums is not None else None
    with _progress(err.is_terminal, "coding gold documents", "documents") as advance:
        report, stats = evaluate_file(gold, settings, limit=limit, progress=advance)
    if as_json:
        out.print(json.dumps(report.as_dict(), indent=2), markup=False)
    else:
        _print_report(report, gold)
    if stats.rejections:
        _print_summary(stats)
    if pinned is not None:
        failures = check_minimums(report, pinned)
        for failure in failures:
            err.print(f"below minimum: {failure}", markup=False)
        if failures:
            raise typer.Exit(1)


def _read_minimums(path: Path) -> dict[str, float]:
    """The pinned minimums, checked before the (long) evaluation runs."""
    try:
        raw = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read minimums file {path}: {exc}") from exc
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and isinstance(v, int | float) and not isinstance(v, bool)
        for k, v in raw.items()
    ):
        raise ConfigError(f"{path}: minimums must be a JSON object of metric name to number")
    return {k: float(v) for k, v in raw.items()}


def evaluate_file(
    path: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[EvalReport, RunStats]:
    """Code the gold documents and score them; the run's stats say what was rejected
    (a rejected gold document scores as all false negatives)."""
    gold = load_gold(path)[:limit] if limit is not None else load_gold(path)
    # Every gold document is scored: none is set aside as a duplicate or by language.
    pipeline = Pipeline(replace(settings, deduplicate=False, languages=()))
    pipeline.memory = None  # gold documents are scored each on its own
    documents = [
        Document(doc_id=g.id, text=g.text, published=g.published, source_path=str(path))
        for g in gold
    ]
    predicted: dict[str, list[Event]] = {}
    for coded in pipeline.code_documents(documents, progress=progress):
        predicted[coded.document.doc_id] = coded.events
    return score(gold, predicted), pipeline.stats


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _print_report(report: EvalReport, path: Path) -> None:
    data = report.as_dict()
    out.print(f"[bold]{path}[/bold]: {data['documents']} documents")
    if data["documents_with_actor_labels"]:
        table = Table(title="events (type + source country + target country)")
        for column in ("type", "gold", "predicted", "tp", "precision", "recall", "f1"):
            table.add_column(column, justify="right" if column != "type" else "left")
        for name, row in data["per_type"].items():
            table.add_row(
                name,
                str(row["gold"]),
                str(row["predicted"]),
                str(row["tp"]),
                _fmt(row["precision"]),
                _fmt(row["recall"]),
                _fmt(row["f1"]),
            )
        table.add_row(
            "[bold]all[/bold]",
            str(data["gold_events"]),
            str(data["predicted_events"]),
            str(data["tp"]),
            _fmt(data["event_precision"]),
            _fmt(data["event_recall"]),
            _fmt(data["event_f1"]),
        )
        out.print(table)
    if data["documents_without_actor_labels"]:
        table = Table(title="documents labelled with a type: is an event of that type found?")
        for column in ("type", "labels", "hits", "hit rate"):
            table.add_column(column)
        for name, row in data["per_type_doc"].items():
            table.add_row(name, str(row["labels"]), str(row["hits"]), _fmt(row["hit_rate"]))
        table.add_row(
            "[bold]all[/bold]",
            str(data["doc_labels"]),
            str(data["doc_hits"]),
            _fmt(data["doc_hit_rate"]),
        )
        out.print(table)
        off = ", ".join(f"{k} {v}" for k, v in data["off_type_predictions"].items()) or "none"
        out.print(
            f"documents with an event of a type not in their labels: {data['off_type_docs']}"
            f" ({_fmt(data['off_type_doc_rate'])}); by predicted type: {off}"
        )
        if data["headline_event_docs"]:
            out.print(
                "headlines with events, all of a labelled type: "
                f"{data['headline_on_type_docs']} of {data['headline_event_docs']}"
                f" (headline precision {_fmt(data['headline_precision'])})"
            )
    parts = []
    for name in ("type", "mode", "sector", "date", "status"):
        value = _fmt(data[f"{name}_accuracy"])
        parts.append(f"{name} accuracy {value} ({data[f'{name}_correct']}/{data[f'{name}_total']})")
    out.print(", ".join(parts))
    if data["unscored_predictions"]:
        unscored = ", ".join(f"{k} {v}" for k, v in data["unscored_predictions"].items())
        out.print(
            f"not scored, since the gold events all happened (kept and marked, out of "
            f"counts by default): {unscored}"
        )


@app.command()
def version() -> None:
    """Print the tacitus version."""
    out.print(__version__)


def main() -> None:
    try:
        app()
    except TacitusError as exc:
        err.print(f"error: {exc}", markup=False)
        raise SystemExit(2) from None
    except (ConfigError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise SystemExit(2) from None
