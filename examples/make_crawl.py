"""Write examples/corpus/crawl/CC-NEWS-20241004083000-00000.warc.gz from examples/sources/.

The sample crawl holds one page (examples/sources/gulf_ledger_amman.html, written by the
tacitus authors) the way Common Crawl's news crawl stores pages: a warcinfo record, then
a request and a response record for the page, one gzip member per record. Record ids
and dates are fixed, so the file is the same every time it is written.

    python examples/make_crawl.py
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "crawl" / "CC-NEWS-20241004083000-00000.warc.gz"
PAGES = [
    (
        "https://gulfledger.example/region/2024/10/04/amman-three-ministers",
        HERE / "sources" / "gulf_ledger_amman.html",
        "4d3f2a10-7c1e-4b8e-9a51-2f0c6d7e8b90",
        "4d3f2a10-7c1e-4b8e-9a51-2f0c6d7e8b91",
    )
]
CRAWLED = "2024-10-04T08:30:12Z"


def main() -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        info = writer.create_warc_record(
            OUT.name,
            "warcinfo",
            payload=io.BytesIO(b"software: examples/make_crawl.py\r\nformat: WARC File Format 1.1\r\n"),
            length=64,
            warc_content_type="application/warc-fields",
            warc_headers_dict={
                "WARC-Date": CRAWLED,
                "WARC-Record-ID": "<urn:uuid:4d3f2a10-7c1e-4b8e-9a51-2f0c6d7e8b8f>",
                "WARC-Filename": OUT.name,
            },
        )
        writer.write_record(info)
        for url, page, request_id, response_id in PAGES:
            body = page.read_bytes()
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=StatusAndHeaders(
                    "GET /region/2024/10/04/amman-three-ministers HTTP/1.1",
                    [("Host", "gulfledger.example"), ("User-Agent", "example-crawler")],
                    is_http_request=True,
                ),
                warc_headers_dict={"WARC-Date": CRAWLED, "WARC-Record-ID": f"<urn:uuid:{request_id}>"},
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=StatusAndHeaders(
                    "200 OK",
                    [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                    protocol="HTTP/1.1",
                ),
                warc_headers_dict={"WARC-Date": CRAWLED, "WARC-Record-ID": f"<urn:uuid:{response_id}>"},
            )
            writer.write_record(request)
            writer.write_record(response)


if __name__ == "__main__":
    main()
