"""``NEWSBOT_WARC_DIR``: every article response of a live crawl also goes to rolling WARC files.

Any crawl can then be re-extracted later with ``scrapy crawl warc -a paths=DIR/*.warc.gz`` (after the
extractor improves, for instance): articles whose content changed get ``revision + 1``, the others are
confirmed unchanged. Files are gzip per record (as CC-NEWS), named
``newsbot-<spider>-<UTC start>-<pid>-<n>.warc.gz``, and a new one starts past ``NEWSBOT_WARC_MAX_BYTES``.
A file is written under a ``.open`` suffix and renamed when closed, so a glob never picks a file being
written.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response, TextResponse
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbot import settings as defaults

logger = logging.getLogger(__name__)

# Headers that describe the bytes on the wire, not the decoded body Scrapy hands us.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def http_headers(response: Response) -> StatusAndHeaders:
    """The response's status line and headers, as they describe the (decoded) body we record."""
    pairs = [
        (name.decode("latin-1"), value.decode("latin-1"))
        for name, values in response.headers.items()
        if name.decode("latin-1").lower() not in _WIRE_HEADERS
        for value in values
    ]
    pairs.append(("Content-Length", str(len(response.body))))
    return StatusAndHeaders(f"{response.status} OK", pairs, protocol="HTTP/1.1")


class WarcRecorder:
    """A Scrapy extension (enabled by ``NEWSBOT_WARC_DIR``) writing article responses as WARC records."""

    def __init__(self, crawler: Crawler, folder: Path, max_bytes: int) -> None:
        self.crawler = crawler
        self.folder = folder
        self.max_bytes = max_bytes
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.number = 0
        self.handle: BinaryIO | None = None
        self.path: Path | None = None
        self.writer: WARCWriter | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcRecorder:
        folder = crawler.settings.get("NEWSBOT_WARC_DIR")
        if not folder:
            raise NotConfigured("NEWSBOT_WARC_DIR is not set")
        path = Path(folder).expanduser()
        path.mkdir(parents=True, exist_ok=True)
        recorder = cls(
            crawler, path, crawler.settings.getint("NEWSBOT_WARC_MAX_BYTES", defaults.NEWSBOT_WARC_MAX_BYTES)
        )
        crawler.signals.connect(recorder.response_received, signal=signals.response_received)
        crawler.signals.connect(recorder.close, signal=signals.spider_closed)
        return recorder

    def _open(self) -> WARCWriter:
        self.close()
        self.number += 1
        spider = self.crawler.spider.name if self.crawler.spider else "crawl"
        name = f"newsbot-{spider}-{self.stamp}-{os.getpid()}-{self.number:05d}.warc.gz"
        self.path = self.folder / name
        self.handle = open(self.path.with_name(name + ".open"), "wb")  # noqa: SIM115 - closed in close()
        self.writer = WARCWriter(self.handle, gzip=True)
        return self.writer

    def response_received(self, response: Response, request: Any, spider: Any) -> None:
        if getattr(request.callback, "__name__", None) != "parse_article" or not isinstance(
            response, TextResponse
        ):
            return
        writer = (
            self.writer if self.handle is not None and self.handle.tell() < self.max_bytes else self._open()
        )
        record = writer.create_warc_record(
            response.url,
            "response",
            payload=BytesIO(response.body),
            length=len(response.body),
            http_headers=http_headers(response),
        )
        writer.write_record(record)
        self.crawler.stats.inc_value("newsbot/warc/recorded")

    def close(self, *args: Any, **kwargs: Any) -> None:
        if self.handle is None or self.path is None:
            return
        self.handle.close()
        self.path.with_name(self.path.name + ".open").rename(self.path)
        logger.info("WARC file written: %s", self.path)
        self.handle = None
