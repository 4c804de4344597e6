"""Stories and builders for the ingest tests (all text written for these tests)."""

from __future__ import annotations

import gzip
import io
from datetime import datetime

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORIES = {
    "ferry": (
        "Ferry crews in the island province of Tessaly stopped work on Wednesday, leaving "
        "thousands of travellers stranded at the mainland port of Corvo.\n\n"
        "The seafarers' union said the stoppage would last forty-eight hours unless the "
        "shipping ministry withdrew a plan to cut crew sizes on the night crossings."
    ),
    "summit": (
        "The presidents of Kestra and Ostrava Minor met in the border town of Lisk on "
        "Thursday for their first talks since a dispute over water rights closed the "
        "frontier last spring.\n\n"
        "Officials from both delegations described the meeting as frank, and said technical "
        "teams would meet next month to draft rules on the flow of the shared river."
    ),
    "court": (
        "The supreme court of Valdoria suspended a decree that would have dissolved three "
        "opposition parties, ruling on Monday that the government had skipped a required "
        "parliamentary review.\n\n"
        "Lawyers for the parties said they expected the interior ministry to appeal, while "
        "hundreds of supporters gathered outside the court building in the capital."
    ),
}
GERMAN = (
    "Die Regierung von Kestra hat am Dienstag angekündigt, die Grenze zu Ostrava Minor "
    "nach monatelangen Verhandlungen wieder zu öffnen. Der Außenminister sagte, die "
    "Gespräche über die Wasserrechte würden im kommenden Monat fortgesetzt."
)


def page(title: str, body: str, *, published: str | None = None, extra_head: str = "") -> str:
    """A news page with navigation and footer around the article."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    date_meta = (
        f'<meta property="article:published_time" content="{published}">' if published else ""
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title>{date_meta}{extra_head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright 2024 Example Media. All rights reserved.</footer></body></html>"
    )


def warc_bytes(records: list[dict[str, object]], *, compress: bool = True) -> bytes:
    """A WARC file, one gzip member per record as in Common Crawl's news crawl.

    Each dict: ``type`` (response, request, resource, metadata, revisit, warcinfo),
    ``url``, ``body`` (bytes), ``status`` (HTTP status line), ``headers`` (HTTP headers
    as a list of pairs), ``date`` (WARC-Date), ``content_type`` (for resource records).
    """
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    info = writer.create_warcinfo_record(
        "CC-NEWS-20240305101500-00042.warc.gz", {"software": "tacitus tests", "format": "WARC"}
    )
    writer.write_record(info)
    for spec in records:
        kind = str(spec["type"])
        url = str(spec.get("url", "https://news.example.com/a"))
        body = spec.get("body", b"")
        assert isinstance(body, bytes)
        warc_headers = {"WARC-Date": str(spec.get("date", "2024-03-05T10:15:00Z"))}
        http = None
        if kind in {"response", "request", "revisit"}:
            headers = spec.get("headers", [("Content-Type", "text/html; charset=utf-8")])
            assert isinstance(headers, list)
            status = str(spec.get("status", "200 OK"))
            protocol = "HTTP/1.1" if kind != "request" else "GET / HTTP/1.1"
            http = StatusAndHeaders(status if kind != "request" else "", headers, protocol=protocol)
        record = writer.create_warc_record(
            url,
            kind,
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http,
            warc_headers_dict=warc_headers,
            warc_content_type=str(spec["content_type"]) if "content_type" in spec else None,
        )
        writer.write_record(record)
    return out.getvalue()


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)


def http_date(when: datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S GMT")
