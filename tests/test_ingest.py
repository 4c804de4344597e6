"""Readers: text, HTML and JSONL inputs become Documents, or Rejected with a reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tacitus.errors import Rejected
from tacitus.ingest import Metadata, read_bytes, read_paths, read_stream
from tacitus.records import Document
from tacitus.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()

STORY = (
    "Farmers in the northern province of Kestra blocked two highways with tractors on "
    "Monday, demanding that the agriculture ministry reverse cuts to fuel subsidies.\n\n"
    "Police said the  protest was peaceful and that traffic was diverted through nearby villages."
)
OTHER_STORY = (
    "The parliament of Ostrava Minor voted late on Thursday to extend a state of emergency "
    "in the border districts for another ninety days."
)


def read_all(
    *paths: str | Path, published: date | None = None, url: str | None = None
) -> list[Document | Rejected]:
    return list(read_paths(paths, settings=SETTINGS, published=published, url=url))


def one(results: list[Document | Rejected]) -> Document | Rejected:
    assert len(results) == 1, results
    return results[0]


def document(results: list[Document | Rejected]) -> Document:
    result = one(results)
    assert isinstance(result, Document), result
    return result


def rejection(results: list[Document | Rejected]) -> Rejected:
    result = one(results)
    assert isinstance(result, Rejected), result
    return result


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


# --- text files and metadata -------------------------------------------------------------


def test_text_file_with_sidecar_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "000_6406694f00667199.txt", STORY)
    sidecar = {
        "url": "https://news.example.com/kestra-farmers",
        "published": "2024-03-11",
        "title": "Farmers block highways in Kestra",
        "publisher": "Northern Herald",
        "section": "ignored",
    }
    write(tmp_path / "000_6406694f00667199.meta.json", json.dumps(sidecar))

    doc = document(read_all(path))

    assert doc.doc_id == "000_6406694f00667199"
    assert doc.text == STORY
    assert doc.url == "https://news.example.com/kestra-farmers"
    assert doc.published == date(2024, 3, 11)
    assert doc.title == "Farmers block highways in Kestra"
    assert doc.publisher == "Northern Herald"
    assert doc.source_path == str(path)


def test_sidecar_with_full_name_id_and_datetime(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    meta = {"id": "kestra-1", "published": "2024-03-11T22:15:00-05:00"}
    write(tmp_path / "story.txt.meta.json", json.dumps(meta))

    doc = document(read_all(path))

    assert doc.doc_id == "kestra-1"
    assert doc.published == date(2024, 3, 11)


def test_options_override_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path / "story.txt", STORY)
    meta = {"url": "https://old.example.com/a", "published": "2024-03-11", "title": "Kept"}
    write(tmp_path / "story.meta.json", json.dumps(meta))

    doc = document(read_all(path, published=date(2024, 1, 2), url="https://new.example.com/b"))

    assert doc.published == date(2024, 1, 2)
    assert doc.url == "https://new.example.com/b"
    assert doc.title == "Kept"


def test_text_is_kept_as_read_apart_from_line_endings(tmp_path: Path) -> None:
    raw = "\ufeff\r\n\r\n" + STORY.replace("\n", "\r\n") + "\r\n\r\n"
    doc = document(read_all(write(tmp_path / "crlf.txt", raw)))

    assert doc.text == STORY  # BOM, CRs and outer blank lines gone; double space kept
    assert "\r" not in doc.text


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    doc = document(read_all(write(tmp_path / "wide.txt", STORY.encode("utf-16"))))
    assert doc.text == STORY


def test_directory_recursion_is_sorted_and_skips_hidden_and_sidecars(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", OTHER_STORY)
    write(tmp_path / "a" / "z.txt", STORY)
    write(tmp_path / "a" / "y" / "deep.text", STORY)
    write(tmp_path / "a.txt", STORY)
    write(tmp_path / "a.meta.json", json.dumps({"title": "A"}))
    write(tmp_path / ".hidden.txt", STORY)
    write(tmp_path / ".cache" / "c.txt", STORY)

    results = read_all(tmp_path)

    docs = [r for r in results if isinstance(r, Document)]
    assert docs == results
    names = [Path(d.source_path or "").relative_to(tmp_path).as_posix() for d in docs]
    assert names == ["a/y/deep.text", "a/z.txt", "a.txt", "b.txt"]
    assert docs[2].title == "A"


# --- HTML ----------------------------------------------------------------------------------


def test_html_page_extraction() -> None:
    doc = document(read_all(FIXTURES / "harbour_strike.html"))

    assert doc.doc_id == "harbour_strike"
    assert doc.title == "Harbour workers strike over pay in Valdoria"
    assert doc.text.startswith(doc.title)
    assert "four thousand members joined the stoppage" in doc.text
    assert "ferry services to the outlying islands" in doc.text
    assert "Sign up for the morning briefing" not in doc.text  # nav
    assert "World desk" not in doc.text
    assert "All rights reserved" not in doc.text  # footer
    assert doc.published == date(2023, 11, 14)
    assert doc.publisher == "The Coastal Ledger"
    assert doc.url == "https://ledger.example.org/news/harbour-strike"


def test_html_title_is_prepended_when_body_lacks_it(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Emergency extended in Ostrava Minor</title></head><body>"
        f"<article><p>{OTHER_STORY}</p><p>{STORY}</p></article></body></html>"
    )
    doc = document(read_all(write(tmp_path / "page.htm", html)))

    assert doc.title == "Emergency extended in Ostrava Minor"
    assert doc.text.startswith("Emergency extended in Ostrava Minor\n\nThe parliament")


def test_html_sidecar_date_wins_over_page_date() -> None:
    data = (FIXTURES / "harbour_strike.html").read_bytes()
    meta = Metadata(published=date(2023, 11, 15), doc_id="x1")
    doc = document(list(read_bytes(data, name="p.html", settings=SETTINGS, kind="html", meta=meta)))
    assert doc.published == date(2023, 11, 15)
    assert doc.doc_id == "x1"


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    body = OTHER_STORY.replace("parliament", "parlement élu") + " " + STORY
    html = (
        '<html><head><meta charset="iso-8859-1"><title>Vote</title></head>'
        f"<body><article><p>{body}</p></article></body></html>"
    )
    doc = document(read_all(write(tmp_path / "latin.html", html.encode("latin-1"))))
    assert "parlement élu" in doc.text


def test_html_bogus_meta_charset_falls_back_to_utf8() -> None:
    html = f'<html><head><meta charset="rot13"></head><body><article><p>{STORY}</p></article>'
    results = list(read_bytes(html.encode(), name="r.html", settings=SETTINGS, kind="html"))
    assert "Kestra" in document(results).text


# --- JSONL ---------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    html = f"<html><body><article><p>{OTHER_STORY}</p><p>{STORY}</p></article></body></html>"
    lines = [
        json.dumps({"id": "k1", "text": STORY, "published": "2024-03-11", "extra": 1}),
        "{not json",
        "",
        json.dumps({"id": "k2", "title": "no text here"}),
        json.dumps({"id": "k3", "text": STORY, "published": "last Tuesday"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": 7, "html": html, "url": "https://example.net/7"}),
        json.dumps({"text": OTHER_STORY}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")

    results = read_all(path)

    docs = [r for r in results if isinstance(r, Document)]
    rejected = {r.source: r.reason for r in results if isinstance(r, Rejected)}
    assert [d.doc_id for d in docs] == ["k1", "7", Document.make_id(OTHER_STORY)]
    assert docs[0].published == date(2024, 3, 11)
    assert docs[1].url == "https://example.net/7"
    assert "Farmers in the northern province" in docs[1].text
    assert docs[0].source_path == f"{path}:1"
    assert rejected == {
        f"{path}:2": "bad line",
        f"{path}:4": "bad line",
        f"{path}:5": "bad date",
        f"{path}:6": "bad line",
    }


def test_jsonl_lone_surrogate_is_undecodable(tmp_path: Path) -> None:
    path = write(
        tmp_path / "s.jsonl", '{"text": "Farmers \\ud800 in Kestra blocked the highways today."}'
    )
    rejected = rejection(read_all(path))
    assert rejected.reason == "undecodable"
    assert "surrogate" in rejected.detail


def test_jsonl_options_override_lines(tmp_path: Path) -> None:
    line = json.dumps({"id": "k1", "text": STORY, "published": "2024-03-11"})
    path = write(tmp_path / "one.ndjson", line)
    doc = document(read_all(path, published=date(2020, 5, 5)))
    assert doc.published == date(2020, 5, 5)


# --- sniffing: stdin and unknown extensions ------------------------------------------------


def test_stdin_text() -> None:
    doc = document(list(read_stream(STORY.encode(), name="-", settings=SETTINGS)))
    assert doc.doc_id == Document.make_id(STORY)
    assert doc.text == STORY


def test_stdin_html() -> None:
    data = (FIXTURES / "harbour_strike.html").read_bytes()
    doc = document(list(read_stream(data, name="-", settings=SETTINGS)))
    assert "Merrowick" in doc.text
    assert doc.doc_id == Document.make_id(doc.text)


def test_stdin_jsonl_with_a_bad_line() -> None:
    data = (
        json.dumps({"id": "a", "text": STORY})
        + "\n{broken\n"
        + json.dumps({"id": "b", "text": OTHER_STORY})
    )
    results = list(read_stream(data.encode(), name="<stdin>", settings=SETTINGS))
    assert [r.doc_id if isinstance(r, Document) else r.reason for r in results] == [
        "a",
        "bad line",
        "b",
    ]
    assert isinstance(results[1], Rejected)
    assert results[1].source == "<stdin>:2"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("page.dat", f"  <!DOCTYPE html><html><body><article><p>{STORY}</p></article>", "html"),
        ("page.php", f"<div>menu</div><body><article><p>{STORY}</p></article></body>", "html"),
        ("feed.json", json.dumps({"id": "j", "text": STORY}), "jsonl"),
        ("notes.log", STORY, "text"),
    ],
)
def test_unknown_extension_is_sniffed(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    doc = document(read_all(write(tmp_path / name, content)))
    if expected == "text":
        assert doc.text == STORY
    elif expected == "jsonl":
        assert doc.doc_id == "j"
    else:
        assert "<" not in doc.text
        assert "Kestra" in doc.text


# --- rejections ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "reason", "detail"),
    [
        ("empty.txt", b"", "empty", ""),
        ("blank.txt", b" \n\n\t\n", "empty", ""),
        ("nul.txt", b"Police said\x00\x01\x02 the march", "binary", "NUL byte at offset 11"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary", "PDF"),
        ("photo.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", "PNG"),
        ("archive.html", b"PK\x03\x04\x14\x00\x00\x00", "binary", "ZIP"),
        ("short.txt", b"Police said.", "too short", "12 characters"),
    ],
)
def test_rejections(tmp_path: Path, name: str, content: bytes, reason: str, detail: str) -> None:
    path = write(tmp_path / name, content)
    rejected = rejection(read_all(path))
    assert rejected.reason == reason
    assert detail in rejected.detail
    assert rejected.source == str(path)


def test_text_that_is_not_utf8_is_repaired_and_says_so(tmp_path: Path) -> None:
    path = write(
        tmp_path / "latin.txt",
        "Caf\xe9 owners in Kestra protested against the new tax.".encode("latin-1"),
    )
    doc = document(read_all(path))
    assert doc.text == "Caf\xe9 owners in Kestra protested against the new tax."
    assert doc.repairs == ["not UTF-8: read as windows-1252"]


def test_mixed_encodings_keep_the_utf8_and_read_stray_bytes_as_windows_1252(
    tmp_path: Path,
) -> None:
    data = "Caf\xe9 owners in Kestra said ".encode() + b"\x93enough\x94 on Monday."
    doc = document(read_all(write(tmp_path / "mixed.txt", data)))
    assert doc.text == "Caf\xe9 owners in Kestra said \u201cenough\u201d on Monday."
    assert doc.repairs == ["mixed encodings: 2 bytes read as windows-1252"]


def test_too_large(tmp_path: Path) -> None:
    path = write(tmp_path / "big.txt", STORY)
    small = Settings(max_bytes=100)
    rejected = rejection(list(read_paths([path], settings=small)))
    assert rejected.reason == "too large"
    stdin = list(read_stream(STORY.encode(), name="-", settings=small))
    assert rejection(stdin).reason == "too large"


def test_too_large_applies_per_jsonl_line(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "small", "text": OTHER_STORY}), json.dumps({"text": STORY * 3})]
    path = write(tmp_path / "mixed.jsonl", "\n".join(lines))
    results = list(read_paths([path], settings=Settings(max_bytes=300)))
    assert isinstance(results[0], Document)
    assert isinstance(results[1], Rejected)
    assert results[1].reason == "too large"


def test_html_without_article_text(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Home</title></head><body>"
        "<nav><a href='/'>Front page</a> <a href='/world'>World</a></nav>"
        "<footer>Copyright 2024 Example Daily</footer></body></html>"
    )
    path = write(tmp_path / "index.html", html)
    rejected = rejection(read_all(path))
    assert rejected.reason == "no article text"
    assert rejected.source == str(path)


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "story.txt"
    rejected = rejection(read_all(missing))
    assert rejected.reason == "not found"
    assert rejected.source == str(missing)


@pytest.mark.parametrize(
    ("sidecar", "reason"),
    [
        ("{not json", "bad metadata"),
        ("[1, 2]", "bad metadata"),
        ('{"title": 42}', "bad metadata"),
        ('{"published": "March 2024"}', "bad date"),
    ],
)
def test_bad_sidecar_rejects_the_document(tmp_path: Path, sidecar: str, reason: str) -> None:
    path = write(tmp_path / "story.txt", STORY)
    write(tmp_path / "story.meta.json", sidecar)
    rejected = rejection(read_all(path, published=date(2024, 1, 1)))
    assert rejected.reason == reason
    assert rejected.source == str(path)


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        list(read_bytes(b"x", name="x", settings=SETTINGS, kind="pdf"))


# --- property: nothing but Document or Rejected --------------------------------------------

_inputs = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=500).map(str.encode),
    st.builds(
        lambda tag, text: f"<html><body><{tag}>{text}</{tag}></body></html>".encode(),
        st.sampled_from(["p", "article", "div", "nav", "script"]),
        st.text(max_size=300),
    ),
    st.lists(st.text(max_size=80), max_size=5).map(lambda xs: "\n".join(xs).encode()),
)


@settings(max_examples=100, deadline=None)
@given(data=_inputs, kind=st.sampled_from([None, "text", "html", "jsonl"]))
def test_read_bytes_never_raises(data: bytes, kind: str | None) -> None:
    tiny = Settings(min_text_chars=1)
    for result in read_bytes(data, name="fuzz.bin", settings=tiny, kind=kind):
        assert isinstance(result, Document | Rejected)
        if isinstance(result, Rejected):
            assert result.source is not None
            assert result.source.startswith("fuzz.bin")
