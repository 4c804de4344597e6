"""WARC and WARC.gz: web crawls, including the layout of Common Crawl's news crawl.

Each ``response`` record of an HTML (or plain text) page with HTTP status 200 becomes a
document: its id is the record id, its URL the target URI, and the crawl date
(``WARC-Date``) is the publication date only when neither the page nor the metadata gives
one. ``resource`` records (pages saved without HTTP headers) are read the same way.
Records that are not documents (``warcinfo``, ``request``, ``metadata``, ``revisit``)
are skipped; responses that are not pages are rejected with the reason (status, content
type, size), and a file cut short keeps every record read before the cut.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tacitus.errors import Rejected
from tacitus.ingest.compressed import read_at_most
from tacitus.ingest.documents import (
    Result,
    attempt,
    html_bytes_document,
    text_bytes_document,
    too_large,
)
from tacitus.ingest.meta import Metadata, parse_date
from tacitus.records import Document
from tacitus.settings import Settings

PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
DOCUMENT_RECORDS = frozenset({"response", "resource"})


def read_warc(
    stream: BinaryIO, source: str, settings: Settings, overrides: Metadata
) -> Iterator[Result]:
    records = ArchiveIterator(stream)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Rejected:  # the guarded gzip stream under it: bomb, cut, corrupt
            raise
        except ArchiveLoadFailed as exc:
            yield Rejected("bad warc", f"record {number + 1}: {_first_line(exc)}", source)
            return
        except (EOFError, zlib.error) as exc:
            detail = f"record {number + 1} is cut short or corrupt ({type(exc).__name__})"
            yield Rejected("truncated", detail, source)
            return
        # warcio on arbitrary bytes: any other failure means a record it cannot parse,
        # and the records after it cannot be found.
        except Exception as exc:
            detail = f"record {number + 1}: {type(exc).__name__}: {_first_line(exc)}"
            yield Rejected("bad warc", detail, source)
            return
        number += 1
        if record.rec_type not in DOCUMENT_RECORDS:
            continue
        where = f"{source}#{number}"
        try:
            yield _record_result(record, where, settings, overrides)
        except Rejected:
            raise
        # A payload that does not decode (broken chunking or Content-Encoding): this
        # record only; warcio finds the next one by its length.
        except Exception as exc:
            yield Rejected("bad record", f"{type(exc).__name__}: {_first_line(exc)}", where)


def _record_result(record: Any, where: str, settings: Settings, overrides: Metadata) -> Result:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    http = record.http_headers
    if record.rec_type == "response":
        if http is None:
            return Rejected("not a page", "a response record without HTTP headers", where)
        status = http.get_statuscode()
        if status != "200":
            return Rejected("http status", f"{status} for {url}", where)
        content_type = http.get_header("Content-Type") or ""
    else:
        content_type = headers.get_header("Content-Type") or ""
    mime, charset = _content_type(content_type)
    if mime not in PAGE_TYPES | TEXT_TYPES:
        return Rejected("not a page", f"content type {mime or 'missing'} at {url}", where)
    data = read_at_most(record.content_stream(), settings.max_bytes)
    if len(data) > settings.max_bytes:
        return too_large(len(data), where, settings)
    # Kept, but said to be incomplete: a record the file ends inside (its block is
    # shorter than its Content-Length), or one the crawler cut (WARC-Truncated).
    notes = []
    missing = getattr(record.raw_stream, "limit", 0)
    if isinstance(missing, int) and missing > 0:
        notes.append(f"WARC record cut short: {missing} bytes missing")
    cut_by_crawler = headers.get_header("WARC-Truncated")
    if cut_by_crawler:
        notes.append(f"WARC-Truncated: {cut_by_crawler} (the crawler kept part of the page)")
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    meta = Metadata(doc_id=record_id.removeprefix("urn:uuid:") or None, url=url)
    meta = meta.override(published=overrides.published, url=overrides.url)
    crawled = _crawl_date(headers.get_header("WARC-Date"))
    if mime in TEXT_TYPES:
        result = attempt(text_bytes_document, data, where, settings, meta, None)
    else:
        result = attempt(
            html_bytes_document,
            data,
            where,
            settings,
            meta,
            None,
            fallback_published=crawled,
            charset=charset,
        )
    if isinstance(result, Document):
        result.repairs.extend(notes)
    return result


def _content_type(value: str) -> tuple[str, str | None]:
    mime, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return mime.strip().lower(), charset


def _crawl_date(value: str | None) -> Any:
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__
