"""Property: every reader turns any bytes into Documents or counted rejections, never an
exception. Random bytes, and valid HTML, feeds, WARC records, CSV, JSONL and gzip files
cut, spliced and bit-flipped."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.errors import Rejected
from tacitus.ingest import read_bytes, read_stream
from tacitus.ingest.sniff import KINDS
from tacitus.records import Document
from tacitus.settings import Settings

from .ingest_data import STORIES, gzipped, page, warc_bytes
from .test_ingest_formats import ATOM, RSS

TINY = Settings(min_text_chars=1, max_bytes=200_000)
FUZZ = settings(
    max_examples=int(__import__("os").environ.get("TACITUS_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _csv() -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "published"])
    for key, story in STORIES.items():
        writer.writerow([key, story, "2024-03-04"])
    return out.getvalue().encode()


SEEDS: dict[str, bytes] = {
    "html": page("Ferry crews strike", STORIES["ferry"], published="2024-03-06").encode(),
    "feed": RSS.encode(),
    "atom": ATOM.encode(),
    "warc": warc_bytes(
        [
            {
                "type": "response",
                "url": "https://a.example.com/f",
                "body": page("F", STORIES["ferry"]).encode(),
            },
            {
                "type": "resource",
                "url": "file:///c.txt",
                "body": STORIES["court"].encode(),
                "content_type": "text/plain",
            },
        ]
    ),
    "warc-plain": warc_bytes(
        [
            {
                "type": "response",
                "url": "https://a.example.com/s",
                "body": page("S", STORIES["summit"]).encode(),
            }
        ],
        compress=False,
    ),
    "csv": _csv(),
    "jsonl": "".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in STORIES.items()).encode(),
}
SEEDS["gzip-jsonl"] = gzipped(SEEDS["jsonl"])
SEEDS["gzip-html"] = gzipped(SEEDS["html"])
KIND_OF = {
    "html": "html",
    "feed": "feed",
    "atom": "feed",
    "warc": "warc",
    "warc-plain": "warc",
    "csv": "csv",
    "jsonl": "jsonl",
    "gzip-jsonl": "jsonl",
    "gzip-html": "html",
}


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["cut", "delete", "insert", "flip", "repeat"]))
        if op == "cut":
            del data[i:]
        elif op == "delete":
            del data[i : i + draw(st.integers(1, 200))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=40))
        elif op == "flip":
            data[i] ^= 1 << draw(st.integers(0, 7))
        else:
            j = min(len(data), i + draw(st.integers(1, 300)))
            data[i:i] = data[i:j] * draw(st.integers(1, 5))
    return bytes(data)


def check(results: list[Document | Rejected], name: str) -> None:
    for result in results:
        assert isinstance(result, Document | Rejected)
        if isinstance(result, Rejected):
            assert result.reason and result.source and result.source.startswith(name)
        else:
            assert result.text.strip()
            result.text.encode("utf-8")  # no lone surrogates reach the pipeline


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from([None, *KINDS]))
def test_random_bytes_through_every_reader(data: bytes, kind: str | None) -> None:
    check(list(read_bytes(data, name="fuzz.bin", settings=TINY, kind=kind)), "fuzz.bin")


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(SEEDS)), sniff=st.booleans())
def test_mutated_inputs_through_their_reader(data: st.DataObject, name: str, sniff: bool) -> None:
    blob = data.draw(mutated(SEEDS[name]))
    kind = None if sniff else KIND_OF[name]
    check(list(read_bytes(blob, name=f"{name}.in", settings=TINY, kind=kind)), f"{name}.in")


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(SEEDS)))
def test_mutated_inputs_on_stdin(data: st.DataObject, name: str) -> None:
    blob = data.draw(mutated(SEEDS[name]))
    check(list(read_stream(blob, name="<stdin>", settings=TINY)), "<stdin>")


def test_seeds_are_read_whole() -> None:
    """The unmutated seeds are good input: the fuzzing starts from something readable."""
    for name, blob in SEEDS.items():
        results = list(read_bytes(blob, name=name, settings=TINY, kind=KIND_OF[name]))
        assert any(isinstance(r, Document) for r in results), (name, results)
