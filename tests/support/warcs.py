"""WARC files written by the tests themselves with warcio: responses, requests, revisits, anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class Rec:
    """One record to write: ``kind`` is a WARC record type (``response``, ``request``, ``revisit``,
    ``metadata``, ``resource``)."""

    url: str
    body: bytes = b""
    kind: str = "response"
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    date: str = "2024-03-15T10:00:00Z"
    headers: list[tuple[str, str]] = field(default_factory=list)


def write_warc(path: Path, records: list[Rec], *, gzip: bool = True, warcinfo: bool = True) -> Path:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        if warcinfo:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsbot tests"}))
        for rec in records:
            warc_headers = {"WARC-Date": rec.date}
            if rec.kind == "response":
                http = StatusAndHeaders(
                    f"{rec.status} X",
                    [
                        ("Content-Type", rec.content_type),
                        *rec.headers,
                        ("Content-Length", str(len(rec.body))),
                    ],
                    protocol="HTTP/1.1",
                )
                record = writer.create_warc_record(
                    rec.url,
                    "response",
                    payload=BytesIO(rec.body),
                    length=len(rec.body),
                    http_headers=http,
                    warc_headers_dict=warc_headers,
                )
            elif rec.kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
                record = writer.create_warc_record(
                    rec.url,
                    "request",
                    payload=BytesIO(b""),
                    http_headers=http,
                    warc_headers_dict=warc_headers,
                )
            elif rec.kind == "revisit":
                record = writer.create_revisit_record(
                    rec.url, "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", rec.url, rec.date
                )
            else:
                record = writer.create_warc_record(
                    rec.url, rec.kind, payload=BytesIO(rec.body), warc_content_type=rec.content_type
                )
            writer.write_record(record)
    return path


def record_offsets(path: Path) -> list[tuple[str, int, int]]:
    """``(type, offset, length)`` of every record of a file, as warcio reads it."""
    found = []
    with open(path, "rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            iterator.read_to_end()
            found.append((record.rec_type, iterator.get_record_offset(), iterator.get_record_length()))
    return found


def write_arc(path: Path, records: list[Rec]) -> Path:
    """An ARC (version 1) file: the format of older Internet Archive and Heritrix crawls."""
    version = b"1 0 newsbot-tests\nURL IP-address Archive-date Content-type Archive-length\n"
    out = b"filedesc://%s 0.0.0.0 20240315100000 text/plain %d\n" % (path.name.encode(), len(version))
    out += version + b"\n"
    for rec in records:
        http = (
            b"HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (rec.status, rec.content_type.encode(), len(rec.body))
            + rec.body
        )
        stamp = rec.date.replace("-", "").replace(":", "").replace("T", "")[:14].encode()
        media = rec.content_type.split(";")[0].encode()
        out += b"%s 127.0.0.1 %s %s %d\n" % (rec.url.encode(), stamp, media, len(http)) + http + b"\n"
    path.write_bytes(out)
    return path
