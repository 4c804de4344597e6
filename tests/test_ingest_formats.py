"""Readers for the forms news arrives in: CSV/TSV, gzip, WARC (Common Crawl's news
crawl layout), RSS/Atom feeds, globs; and the failures of each, counted with reasons."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from datetime import date
from pathlib import Path

import pytest

from tacitus.errors import Rejected
from tacitus.ingest import read_bytes, read_paths, read_stream
from tacitus.ingest.language import Guess
from tacitus.ingest.meta import Columns
from tacitus.records import Document
from tacitus.settings import Settings

from .ingest_data import GERMAN, STORIES, gzipped, page, warc_bytes

SETTINGS = Settings()


def read_all(*paths: str | Path, settings: Settings = SETTINGS) -> list[Document | Rejected]:
    return list(read_paths(paths, settings=settings))


def docs(results: list[Document | Rejected]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def reasons(results: list[Document | Rejected]) -> dict[str, str]:
    return {str(r.source): r.reason for r in results if isinstance(r, Rejected)}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


# --- CSV and TSV ---------------------------------------------------------------------------


def csv_text(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_csv_rows_become_documents_with_their_metadata(tmp_path: Path) -> None:
    rows = [
        {"id": "f1", "text": STORIES["ferry"], "published": "2024-03-06", "author": "J. Ro"},
        {"id": "s1", "text": STORIES["summit"], "published": "", "author": ""},
    ]
    path = write(tmp_path / "export.csv", csv_text(rows))

    found = docs(read_all(path))

    assert [d.doc_id for d in found] == ["f1", "s1"]
    assert found[0].text == STORIES["ferry"]  # quoted newlines kept
    assert found[0].published == date(2024, 3, 6)
    assert found[0].author == "J. Ro"
    assert found[1].published is None  # an empty cell is no date
    assert found[0].source_path == f"{path}:2"  # row numbers as a spreadsheet shows them


def test_column_mapping_renames_fields_in_csv_and_jsonl(tmp_path: Path) -> None:
    mapping = "text=body,published=date,id=article_id,title=headline"
    settings = Settings(columns=mapping)
    row = {"article_id": "a9", "headline": "Court halts decree", "body": STORIES["court"]}
    tsv = write(tmp_path / "export.tsv", csv_text([{**row, "date": "2024-03-04"}], "\t"))
    jsonl = write(tmp_path / "export.jsonl", json.dumps({**row, "date": "2024-03-04"}) + "\n")

    for path in (tsv, jsonl):
        (doc,) = docs(read_all(path, settings=settings))
        assert (doc.doc_id, doc.title, doc.published) == (
            "a9",
            "Court halts decree",
            date(2024, 3, 4),
        )
        assert doc.text == STORIES["court"]


def test_csv_without_the_text_column_is_set_aside_once_and_names_the_columns(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "x.csv", "headline,date\nA,2024-01-01\nB,2024-01-02\n")
    (rejected,) = read_all(path)
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "bad header"
    assert "columns: headline, date" in rejected.detail


def test_csv_bad_rows_are_counted_and_the_rest_read(tmp_path: Path) -> None:
    good = csv_text([{"id": "f1", "text": STORIES["ferry"]}])
    later = csv_text([{"id": "s1", "text": STORIES["summit"]}]).split("\n", 1)[1]
    content = good + 'f2,"too many",cells\n' + later
    path = write(tmp_path / "x.csv", content)

    results = read_all(path)

    assert [d.doc_id for d in docs(results)] == ["f1", "s1"]
    assert list(reasons(results).values()) == ["bad row"]


def test_mapping_that_is_not_field_equals_column_is_a_config_error() -> None:
    with pytest.raises(ValueError, match="not FIELD=COLUMN"):
        Columns.parse("text")
    with pytest.raises(ValueError, match="unknown field 'body'"):
        Columns.parse("body=text")


# --- gzip ----------------------------------------------------------------------------------


def test_gzip_files_are_read_by_their_inner_kind(tmp_path: Path) -> None:
    html = page("Ferry crews strike", STORIES["ferry"], published="2024-03-06T08:00:00Z")
    lines = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in STORIES.items())
    write(tmp_path / "page.html.gz", gzipped(html.encode()))
    write(tmp_path / "corpus.jsonl.gz", gzipped(lines.encode()))
    write(tmp_path / "mystery", gzipped(STORIES["court"].encode()))  # sniffed: gzip, then text

    found = docs(read_all(tmp_path))

    assert [d.doc_id for d in found] == ["ferry", "summit", "court", "mystery", "page"]
    assert found[-1].published == date(2024, 3, 6)
    assert "forty-eight hours" in found[-1].text


def test_gzip_on_stdin_is_sniffed() -> None:
    (doc,) = read_stream(gzipped(STORIES["summit"].encode()), name="<stdin>", settings=SETTINGS)
    assert isinstance(doc, Document)
    assert doc.text == STORIES["summit"]


def test_decompression_bomb_is_stopped(tmp_path: Path) -> None:
    first = json.dumps({"id": "d1", "text": STORIES["ferry"]}).encode() + b"\n"
    bomb = gzipped(first + b" " * 20_000_000)  # inflates about 1,000 times
    path = write(tmp_path / "bomb.jsonl.gz", bomb)
    small = Settings(max_bytes=200_000)

    results = read_all(path, settings=small)

    assert [d.doc_id for d in docs(results)] == ["d1"]
    (rejected,) = [r for r in results if isinstance(r, Rejected)]
    assert rejected.reason == "decompression bomb"
    assert "ratio over 200" in rejected.detail
    # One document inflating past max_bytes is simply too large, read no further.
    page_bomb = write(tmp_path / "bomb.html.gz", gzipped(b"A" * 20_000_000))
    assert list(reasons(read_all(page_bomb, settings=small)).values()) == ["too large"]


def test_a_large_honest_gzip_corpus_is_not_a_bomb(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"id": f"d{i}", "text": f"Report {i}. " + STORIES["court"]}) + "\n"
        for i in range(400)
    )
    path = write(tmp_path / "big.jsonl.gz", gzipped(lines.encode()))
    assert len(docs(read_all(path, settings=Settings(max_bytes=50_000)))) == 400


def test_truncated_and_corrupt_gzip(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps(
            {"id": f"d{i}", "text": f"{hashlib.sha256(bytes(i)).hexdigest()} {STORIES['ferry']}"}
        )
        + "\n"
        for i in range(50)
    )
    data = gzipped(lines.encode())
    cut = write(tmp_path / "cut.jsonl.gz", data[: len(data) // 2])
    fake = write(tmp_path / "fake.txt.gz", STORIES["ferry"])
    page_cut = write(tmp_path / "page.txt.gz", data[: len(data) // 2])

    results = read_all(cut)
    assert 10 < len(docs(results)) < 50  # what came before the cut is kept
    assert list(reasons(results).values())[-1] == "truncated"  # (and the cut line)
    assert reasons(read_all(fake)) == {str(fake): "bad gzip"}
    (partial,) = read_all(page_cut)  # one document: kept, said to be incomplete
    assert isinstance(partial, Document)
    assert partial.repairs[0].startswith("gzip input cut short")


# --- WARC ----------------------------------------------------------------------------------


def news_warc(compress: bool = True) -> bytes:
    ferry = page("Ferry crews strike", STORIES["ferry"], published="2024-03-06T07:00:00Z")
    summit = page("Presidents meet at Lisk", STORIES["summit"])  # no date in the page
    legacy = page("Court halts decree", STORIES["court"].replace("Valdoria", "Valdoría"))
    return warc_bytes(
        [
            {"type": "request", "url": "https://news.example.com/ferry"},
            {"type": "response", "url": "https://news.example.com/ferry", "body": ferry.encode()},
            {
                "type": "metadata",
                "url": "https://news.example.com/ferry",
                "body": b"fetchTimeMs: 120\r\n",
                "content_type": "application/warc-fields",
            },
            {
                "type": "response",
                "url": "https://news.example.com/lisk",
                "body": gzip.compress(summit.encode()),
                "headers": [("Content-Type", "text/html"), ("Content-Encoding", "gzip")],
                "date": "2024-03-07T23:50:00Z",
            },
            {
                "type": "response",
                "url": "https://news.example.com/court",
                "body": legacy.replace("charset='utf-8'", "").encode("cp1252"),
                "headers": [("Content-Type", "text/html; charset=windows-1252")],
            },
            {"type": "response", "url": "https://news.example.com/old", "status": "404 Not Found"},
            {
                "type": "response",
                "url": "https://news.example.com/logo.png",
                "headers": [("Content-Type", "image/png")],
                "body": b"\x89PNG\r\n",
            },
            {"type": "revisit", "url": "https://news.example.com/ferry"},
        ],
        compress=compress,
    )


@pytest.mark.parametrize("name", ["CC-NEWS-20240305101500-00042.warc.gz", "crawl.warc"])
def test_warc_pages_become_documents(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, news_warc(compress=name.endswith(".gz")))

    results = read_all(path)

    found = docs(results)
    assert [d.url for d in found] == [
        "https://news.example.com/ferry",
        "https://news.example.com/lisk",
        "https://news.example.com/court",
    ]
    assert found[0].published == date(2024, 3, 6)  # the page's own date
    assert found[1].published == date(2024, 3, 7)  # no date in the page: the crawl date
    assert "Valdoría" in found[2].text  # decoded by the HTTP charset
    assert all(len(d.doc_id) == 36 and d.doc_id.count("-") == 4 for d in found)  # record ids
    assert sorted(reasons(results).values()) == ["http status", "not a page"]


def test_warc_cut_short_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    data = news_warc()
    path = write(tmp_path / "cut.warc.gz", data[: int(len(data) * 0.55)])

    results = read_all(path)

    assert 1 <= len(docs(results)) < 3
    assert list(reasons(results).values())[-1] == "truncated"


def test_warc_with_garbage_between_records_is_set_aside_there(tmp_path: Path) -> None:
    first = warc_bytes(
        [
            {
                "type": "response",
                "url": "https://a.example.com/x",
                "body": page("Ferry", STORIES["ferry"]).encode(),
            }
        ],
        compress=False,
    )
    path = write(tmp_path / "bad.warc", first + b"this is not a warc record\r\n\r\n" * 3)

    results = read_all(path)

    assert len(docs(results)) == 1
    assert list(reasons(results).values()) == ["bad warc"]


# --- feeds ---------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>The Island Courier</title>
  <link>https://courier.example.org/</link>
  <item>
    <title>Ferry crews strike</title>
    <link>https://courier.example.org/ferry</link>
    <guid>courier-1001</guid>
    <pubDate>Wed, 06 Mar 2024 23:30:00 -0500</pubDate>
    <dc:creator>Mara Venn</dc:creator>
    <content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in STORIES["ferry"].split(chr(10) * 2))}]]></content:encoded>
  </item>
  <item>
    <title>Presidents meet at Lisk</title>
    <link>https://courier.example.org/lisk</link>
    <description>Talks at the border.</description>
  </item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valdoria Law Wire</title>
  <entry>
    <title>Court halts decree</title>
    <id>tag:lawwire.example.net,2024:court-1</id>
    <link href="https://lawwire.example.net/court-1"/>
    <published>2024-03-04T18:00:00+02:00</published>
    <author><name>Ilse Brandt</name></author>
    <content type="html">{STORIES["court"].replace(chr(10) * 2, "&lt;br/&gt;")}</content>
  </entry>
</feed>
"""


def test_rss_entries_with_content_become_documents(tmp_path: Path) -> None:
    results = read_all(write(tmp_path / "courier.rss", RSS))

    (doc,) = docs(results)
    assert doc.doc_id == "courier-1001"
    assert doc.url == "https://courier.example.org/ferry"
    assert doc.publisher == "The Island Courier"
    assert doc.author == "Mara Venn"
    assert doc.published == date(2024, 3, 6)  # as written, not shifted to UTC
    assert doc.text == "Ferry crews strike\n\n" + STORIES["ferry"]
    (rejected,) = [r for r in results if isinstance(r, Rejected)]
    assert rejected.reason == "too short"
    assert "tacitus fetch" in rejected.detail


def test_atom_feed_is_sniffed_from_xml(tmp_path: Path) -> None:
    (doc,) = docs(read_all(write(tmp_path / "wire.xml", ATOM)))
    assert doc.doc_id == "tag:lawwire.example.net,2024:court-1"
    assert doc.author == "Ilse Brandt"
    assert doc.published == date(2024, 3, 4)
    assert "interior ministry to appeal" in doc.text


def test_broken_feed_xml_is_repaired_and_says_so(tmp_path: Path) -> None:
    broken = RSS.replace("</channel>", "<item><title>Unclosed</item></channel>")
    (doc,) = docs(read_all(write(tmp_path / "broken.rss", broken)))
    assert doc.repairs and doc.repairs[0].startswith("feed XML repaired")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<?xml version='1.0'?><rss><chan", "bad feed"),
        ("<?xml version='1.0'?><catalog><book>Not news</book></catalog>", "bad feed"),
        (
            "<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>",
            "empty",
        ),
    ],
)
def test_feeds_that_cannot_be_read(tmp_path: Path, content: str, reason: str) -> None:
    path = write(tmp_path / "f.xml", content)
    assert list(reasons(read_all(path)).values()) == [reason]


# --- paths, globs, metadata ----------------------------------------------------------------


def test_globs_expand_recursively_and_a_pattern_without_matches_is_set_aside(
    tmp_path: Path,
) -> None:
    write(tmp_path / "a" / "ferry.txt", STORIES["ferry"])
    write(tmp_path / "a" / "b" / "court.txt", STORIES["court"])
    write(tmp_path / "a" / "b" / "court.html", page("Court", STORIES["court"]))

    found = docs(read_all(str(tmp_path / "a" / "**" / "*.txt")))
    missing = read_all(str(tmp_path / "nothing-*.txt"))

    assert sorted(d.doc_id for d in found) == ["b/court", "ferry"]  # relative to a/
    assert [r.reason for r in missing if isinstance(r, Rejected)] == ["not found"]


def test_html_author_and_canonical_url(tmp_path: Path) -> None:
    head = (
        '<meta name="author" content="Mara Venn">'
        '<link rel="canonical" href="HTTPS://Courier.Example.org:443/ferry?utm_source=rss#top">'
    )
    html = page("Ferry crews strike", STORIES["ferry"], extra_head=head)
    (doc,) = docs(read_all(write(tmp_path / "ferry.html", html)))
    assert doc.author == "Mara Venn"
    assert doc.canonical_url == "https://courier.example.org/ferry"


def test_read_bytes_reads_every_kind_by_name() -> None:
    data = warc_bytes(
        [
            {
                "type": "resource",
                "url": "file:///n.txt",
                "body": STORIES["court"].encode(),
                "content_type": "text/plain",
            }
        ]
    )
    (doc,) = read_bytes(data, name="x.warc.gz", settings=SETTINGS, kind="warc")
    assert isinstance(doc, Document)
    assert doc.text == STORIES["court"]


def test_other_language_is_set_aside_by_the_pipeline(pipeline) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Rejected) as caught:
        pipeline.code_text(GERMAN)
    assert caught.value.reason == "other language"
    assert caught.value.detail.startswith("de (probability")
    assert pipeline.code_text(STORIES["summit"]).document.language == "en"


def test_english_prose_is_recognised_without_the_model_and_other_languages_are_not() -> None:
    from tacitus.ingest.language import identify

    assert identify(" ".join(STORIES.values())) == Guess("en", 1.0)
    german = identify(GERMAN)
    assert german.language == "de" and 0.9 <= german.probability < 1.0  # the model's answer


def test_a_50_mb_page_is_set_aside_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as out:  # sparse: 50 MB on paper, nothing on disk
        out.truncate(50_000_000)
    (rejected,) = read_all(path)
    assert isinstance(rejected, Rejected)
    assert (rejected.reason, rejected.detail) == (
        "too large",
        "50000000 bytes > max_bytes 20000000",
    )


def test_kind_can_be_forced_for_stdin_and_files(tmp_path: Path) -> None:
    rows = csv_text([{"id": "f1", "text": STORIES["ferry"]}])
    (doc,) = read_stream(rows.encode(), name="<stdin>", settings=SETTINGS, kind="csv")
    assert isinstance(doc, Document) and doc.doc_id == "f1"
    odd = write(tmp_path / "export.dat", rows)
    assert [d.doc_id for d in docs(list(read_paths([odd], settings=SETTINGS, kind="csv")))] == [
        "f1"
    ]
    with pytest.raises(ValueError, match="unknown kind"):
        list(read_paths([odd], settings=SETTINGS, kind="pdf"))


def test_cli_reads_csv_from_stdin_with_kind_and_columns(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tacitus.cli import app

    rows = csv_text([{"story": STORIES["summit"], "day": "2024-03-07", "key": "s1"}])
    records = tmp_path / "docs.jsonl"
    mapping = "text=story,published=day,id=key"
    args = ["code", "-", "--kind", "csv", "--columns", mapping, "--documents", str(records)]
    result = CliRunner().invoke(app, [*args, "-q"], input=rows)

    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in records.read_text().splitlines()]
    assert (record["doc_id"], record["published"]) == ("s1", "2024-03-07")


def test_warc_record_cut_inside_is_kept_and_said_to_be_incomplete(tmp_path: Path) -> None:
    data = warc_bytes(
        [
            {
                "type": "response",
                "url": "https://a.example.com/f",
                "body": page("Ferry", STORIES["ferry"]).encode(),
            },
            {
                "type": "response",
                "url": "https://a.example.com/c",
                "body": page("Court", STORIES["court"]).encode(),
            },
        ],
        compress=False,
    )
    path = write(tmp_path / "cut.warc", data[:-300])

    first, second = docs(read_all(path))

    assert first.repairs == []
    assert second.repairs == ["WARC record cut short: 296 bytes missing"]


def test_json_documents_and_arrays(tmp_path: Path) -> None:
    array = [{"id": "a", "text": STORIES["ferry"]}, {"id": "b", "body": "no text"}, 7]
    path = write(tmp_path / "export.json", json.dumps(array, indent=2))
    single = write(tmp_path / "one", json.dumps({"id": "c", "text": STORIES["court"]}, indent=2))

    results = read_all(path)

    assert [d.doc_id for d in docs(results)] == ["a"]
    assert sorted(reasons(results).values()) == ["bad json", "bad json"]
    assert [d.doc_id for d in docs(read_all(single))] == ["c"]  # sniffed


@pytest.mark.parametrize(
    "prolog",
    [
        "<?xml version='1.0'?><?xml-stylesheet type='text/xsl' href='rss.xsl'?>",
        "<?xml version='1.0'?><!DOCTYPE rss PUBLIC '-//Netscape//DTD RSS 0.91//EN' 'x.dtd'>",
        "<?xml version='1.0'?><!-- generated -->\n",
    ],
)
def test_feeds_with_a_prolog_are_sniffed(tmp_path: Path, prolog: str) -> None:
    body = RSS.split("?>", 1)[1]
    (doc,) = docs(read_all(write(tmp_path / "feed", prolog + body)))
    assert doc.doc_id == "courier-1001"


def test_xhtml_with_an_xml_prolog_and_a_long_head_is_a_page(tmp_path: Path) -> None:
    head = "<meta name='x' content='" + "y" * 9000 + "'>"
    html = page("Ferry crews strike", STORIES["ferry"], extra_head=head).replace(
        "<!DOCTYPE html>", "<?xml version='1.0' encoding='utf-8'?>\n"
    )
    (doc,) = docs(read_all(write(tmp_path / "page", html)))
    assert "forty-eight hours" in doc.text


def test_jsonl_whose_first_line_is_corrupt_is_still_jsonl() -> None:
    lines = [
        '{"id": "x", "text": "cut',
        *(json.dumps({"id": k, "text": v}) for k, v in STORIES.items()),
    ]
    results = list(read_stream("\n".join(lines).encode(), name="<stdin>", settings=SETTINGS))
    assert [d.doc_id for d in docs(results)] == list(STORIES)
    assert list(reasons(results).values()) == ["bad line"]


def test_files_of_one_name_in_different_folders_keep_different_ids(tmp_path: Path) -> None:
    write(tmp_path / "africa" / "story.txt", STORIES["ferry"])
    write(tmp_path / "europe" / "story.txt", STORIES["court"])
    write(tmp_path / "europe" / "story.html.gz", gzipped(page("Lisk", STORIES["summit"]).encode()))

    ids = [d.doc_id for d in docs(read_all(tmp_path))]
    single = docs(read_all(tmp_path / "africa" / "story.txt"))

    # one folder's story.html.gz and story.txt share the name, so the id (as documented)
    assert ids == ["africa/story", "europe/story", "europe/story"]
    assert [d.doc_id for d in single] == ["story"]


def test_linked_folders_are_followed_once(tmp_path: Path) -> None:
    write(tmp_path / "real" / "ferry.txt", STORIES["ferry"])
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real", target_is_directory=True)

    assert [d.doc_id for d in docs(read_all(tmp_path / "corpus"))] == ["linked/ferry"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-03-05T23:30:00-05:00", date(2024, 3, 5)),
        ("Tue, 05 Mar 2024 23:30:00 -0500", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
    ],
)
def test_publication_dates_as_exports_write_them(written: str, expected: date) -> None:
    from tacitus.ingest.meta import parse_date

    assert parse_date(written) == expected


@pytest.mark.parametrize("written", ["yesterday", "last Tuesday", "March 2024", "soon"])
def test_relative_or_partial_dates_are_not_publication_dates(written: str) -> None:
    from tacitus.ingest.meta import parse_date

    with pytest.raises(ValueError, match="not a date with day, month and year"):
        parse_date(written)


def test_piped_gzip_is_not_a_bomb_and_comes_whole() -> None:
    """On a pipe the compressed position cannot be asked (tell); it is counted."""

    class Pipe(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
            chunk = self._data.read(min(len(buffer), 777))  # a pipe gives what it has
            buffer[: len(chunk)] = chunk
            return len(chunk)

    lines = "".join(
        json.dumps(
            {"id": f"d{i}", "text": f"{hashlib.sha256(bytes(i)).hexdigest()} {STORIES['court']}"}
        )
        + "\n"
        for i in range(400)
    )
    stream = io.BufferedReader(Pipe(gzipped(lines.encode())))
    results = list(read_stream(stream, name="<stdin>", settings=Settings(max_bytes=20_000)))
    assert len(docs(results)) == 400 and not reasons(results)


def test_gzip_with_trailing_junk_keeps_its_data(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in STORIES.items())
    path = write(tmp_path / "x.jsonl.gz", gzipped(lines.encode()) + b"\x00\x00junk")
    results = read_all(path)
    assert [d.doc_id for d in docs(results)] == list(STORIES)
    assert list(reasons(results).values()) == ["truncated"]  # said, not silent


def test_csv_stray_quote_and_bad_rows_do_not_lose_the_rows_after(tmp_path: Path) -> None:
    lines = ["id\ttext"]
    lines += [f"t{i}\tReport {i}: {STORIES['ferry'].replace(chr(10), ' ')}" for i in range(5)]
    lines.insert(
        3, 'q1\t"No deal," the minister said as the talks on the ferry crews broke up late.'
    )
    path = write(tmp_path / "export.tsv", "\n".join(lines) + "\n")

    results = read_all(path)

    assert [d.doc_id for d in docs(results)] == ["t0", "t1", "q1", "t2", "t3", "t4"]
    assert "No deal, the minister said" in docs(results)[2].text  # the stray quote is text


def test_csv_that_is_not_utf8_is_repaired_per_field(tmp_path: Path) -> None:
    rows = csv_text([{"id": f"r{i}", "text": f"Caf\xe9 {i}. {STORIES['court']}"} for i in range(3)])
    results = read_all(write(tmp_path / "legacy.csv", rows.encode("cp1252")))
    found = docs(results)
    assert [d.doc_id for d in found] == ["r0", "r1", "r2"]
    assert found[0].text.startswith("Caf\xe9 0.")
    assert found[0].repairs == ["mixed encodings: 1 byte read as windows-1252"]


def test_csv_mapping_to_a_column_that_is_not_there_is_said(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv", csv_text([{"text": STORIES["ferry"], "pubdate": "2024-03-06"}])
    )
    (rejected,) = read_all(path, settings=Settings(columns="published=pub_date"))
    assert isinstance(rejected, Rejected)
    assert rejected.reason == "bad header"
    assert "'pub_date' (for published)" in rejected.detail


def test_csv_field_over_the_limit_is_set_aside_and_the_next_row_read(tmp_path: Path) -> None:
    rows = csv_text(
        [
            {"id": "big", "text": "word " * 30_000},
            {"id": "ok", "text": STORIES["summit"]},
        ]
    )
    results = read_all(write(tmp_path / "x.csv", rows), settings=Settings(max_bytes=50_000))
    assert "too large" in reasons(results).values()
    assert [d.doc_id for d in docs(results)] == ["ok"]
