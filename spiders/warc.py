"""``scrapy crawl warc -a paths=FILE_OR_GLOB_OR_URL[,…]``: articles from WARC/ARC files, through the
same extraction and item pipelines as a live crawl, without Scrapy's downloader.

Records are read with warcio in the spider's ``start()`` and each HTML response record becomes an
item directly (the same extraction and ``build_item``, the outlet profile chosen by its host): pushing
them through the downloader would cost a request, a download slot and the middlewares per record for
nothing. Arguments: ``paths`` (comma-separated files, globs or ``http(s)://`` URLs, gzip or not),
``hosts`` / ``outlets`` (keep only these hosts, or these outlets' domains), ``since`` / ``until``.
Progress, the ledger and the filters are described in ``docs/backfill.md``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import scrapy
from scrapy import signals
from scrapy.http import HtmlResponse
from scrapy.utils.defer import deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.task import LoopingCall
from warcio.archiveiterator import ArchiveIterator

from newsbot import settings as defaults
from newsbot.crawl.drops import count_drop
from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.history import records as rec
from newsbot.history.ledger import Ledger, file_digest, worker_id
from newsbot.history.pool import extract_in_worker, start_pool
from newsbot.history.progress import Progress
from newsbot.history.sources import expand_paths, open_source, seek
from newsbot.history.window import parse_window
from newsbot.items import ArticleItem
from newsbot.outlets import OUTLETS, OutletProfile, profile_for_url
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoConnection, connect
from spiders.base import NewsSpider

logger = logging.getLogger(__name__)

SKIPPED = "newsbot/warc/skipped"
FILES = "newsbot/warc/files"


@dataclass(frozen=True)
class _Job:
    """A record kept for extraction."""

    url: str
    body: bytes
    charset: str | None
    profile: OutletProfile | None
    crawled: datetime | None


class LeaseLost(Exception):
    """Another worker holds the file now (ours expired): stop reading it, leave its ledger alone."""


class WarcSpider(NewsSpider):
    name = "warc"
    outlet_id = None

    def __init__(
        self,
        *args: Any,
        paths: str | None = None,
        hosts: str | None = None,
        outlets: str | None = None,
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        scrapy.Spider.__init__(self, *args, **kwargs)
        self.paths = expand_paths(paths)
        wanted = {h.strip().lower().removeprefix("www.") for h in (hosts or "").split(",") if h.strip()}
        for outlet in (o.strip() for o in (outlets or "").split(",") if o.strip()):
            if outlet not in OUTLETS:
                raise ValueError(f"outlets: unknown outlet {outlet!r} (known: {', '.join(sorted(OUTLETS))})")
            wanted |= set(OUTLETS[outlet].domains)
        self.hosts = tuple(sorted(wanted))
        self._window_args = (since, until)
        self.timezone = defaults.NEWSBOT_TIMEZONE
        self.window = parse_window(since, until)
        self.profile = None
        self.feed_urls: list[str] = []
        self.article_urls: list[str] = []
        self.allowed_domains: list[str] = []
        self.max_articles = None
        self._in_flight = 0
        self._room: Deferred | None = None
        self._records = 0
        self._bytes_done = 0
        self._bytes_total: int | None = 0
        self._started = time.monotonic()
        self._ticker: LoopingCall | None = None
        self._connection: MongoConnection | None = None
        self.ledger: Ledger | None = None
        self._pool: ProcessPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WarcSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.max_in_flight = max(
            1, settings.getint("NEWSBOT_WARC_MAX_IN_FLIGHT", defaults.NEWSBOT_WARC_MAX_IN_FLIGHT)
        )
        spider.checkpoint_every = max(
            1, settings.getint("NEWSBOT_WARC_CHECKPOINT_RECORDS", defaults.NEWSBOT_WARC_CHECKPOINT_RECORDS)
        )
        spider.progress_interval = settings.getfloat(
            "NEWSBOT_PROGRESS_INTERVAL", defaults.NEWSBOT_PROGRESS_INTERVAL
        )
        spider.file_slack = timedelta(
            days=settings.getfloat("NEWSBOT_WARC_FILE_SLACK_DAYS", defaults.NEWSBOT_WARC_FILE_SLACK_DAYS)
        )
        spider.max_record_size = settings.getint("DOWNLOAD_MAXSIZE", defaults.DOWNLOAD_MAXSIZE)
        spider.processes = max(1, settings.getint("NEWSBOT_WARC_PROCESSES", defaults.NEWSBOT_WARC_PROCESSES))
        spider._pool_depth = spider.processes * 4
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._item_done, signal=signal)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    # -- flow control -----------------------------------------------------------------------------

    def _item_done(self, *args: Any, **kwargs: Any) -> None:
        self._in_flight -= 1
        if self._room is not None and self._in_flight <= self.max_in_flight // 2:
            room, self._room = self._room, None
            room.callback(None)

    async def _wait_below(self, limit: int) -> None:
        """Let the pipelines catch up: at most ``limit`` items between the spider and the writer."""
        while self._in_flight > limit:
            if self._room is None:
                self._room = Deferred()
            await deferred_to_future(self._room)

    async def _drain(self) -> None:
        """Every item so far through the pipelines and written: a checkpoint may then be recorded."""
        while self._in_flight > 0:
            if self._room is None:
                self._room = Deferred()
            await deferred_to_future(self._room)
        for pipeline in self.crawler.engine.scraper.itemproc.middlewares:
            flush = getattr(pipeline, "flush", None)
            if flush is not None:
                await flush()

    # -- progress ---------------------------------------------------------------------------------

    def _stored(self) -> int:
        stats = self.crawler.stats
        return stats.get_value("newsbot/stored/inserted", 0) + stats.get_value("newsbot/stored/updated", 0)

    def progress(self) -> Progress:
        return Progress(
            self._records,
            self._stored(),
            time.monotonic() - self._started,
            self._bytes_done,
            self._bytes_total or None,
        )

    def _tick(self) -> None:
        logger.info("%s", self.progress().line())

    def _closed(self, reason: str) -> None:
        if self._ticker is not None and self._ticker.running:
            self._ticker.stop()
        progress = self.progress()
        logger.info("%s", progress.line())
        self.crawler.stats.set_value("progress", progress.as_document())
        if self._connection is not None:
            self._connection.close()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    # -- reading ----------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[ArticleItem]:
        settings = self.settings
        self._connection = connect(MongoConfig.from_settings(settings))
        collection = self._connection.database[
            settings.get("NEWSBOT_WARC_LEDGER_COLLECTION") or defaults.NEWSBOT_WARC_LEDGER_COLLECTION
        ]
        lease = timedelta(seconds=settings.getfloat("NEWSBOT_WARC_LEASE", defaults.NEWSBOT_WARC_LEASE))
        self.ledger = Ledger(collection, worker_id(), lease)
        if self.processes > 1:
            self._pool = start_pool(self.processes)
            logger.info("Extracting in %d worker processes", self.processes)
        self._started = time.monotonic()
        if self.progress_interval > 0:
            self._ticker = LoopingCall(self._tick)
            self._ticker.start(self.progress_interval, now=False)
        wanted = [p for p in self.paths if rec.file_in_window(p, self.window, self.file_slack)]
        self.crawler.stats.inc_value(f"{FILES}/skipped/out_of_window", len(self.paths) - len(wanted))
        self._bytes_total = 0
        for path in wanted:
            try:
                async for item in self._ingest(path):
                    yield item
            except LeaseLost:
                continue
        await self._drain()

    async def _ingest(self, path: str) -> AsyncIterator[ArticleItem]:
        stats = self.crawler.stats
        assert self.ledger is not None
        try:
            source = open_source(
                path,
                timeout=self.settings.getfloat("DOWNLOAD_TIMEOUT", defaults.DOWNLOAD_TIMEOUT),
                user_agent=self.settings["USER_AGENT"],
            )
        except (OSError, ValueError) as exc:
            stats.inc_value(f"{FILES}/failed")
            logger.error("WARC file %s could not be opened: %s", path, exc)
            return
        try:
            digest = file_digest(source.size, source.head)
            claim = self.ledger.claim(digest, path, source.size)
            if claim.outcome != "resume":
                stats.inc_value(f"{FILES}/skipped/{claim.outcome}")
                logger.info(
                    "WARC file %s skipped: %s",
                    path,
                    "already ingested" if claim.outcome == "done" else "another worker holds it",
                )
                return
            if self._bytes_total is not None:
                self._bytes_total = (
                    None if source.size is None else self._bytes_total + source.size - claim.offset
                )
            if claim.offset:
                stats.inc_value(f"{FILES}/resumed")
                logger.info("WARC file %s resumed at record %d (byte %d)", path, claim.records, claim.offset)
            seek(source, claim.offset)
            finished = False
            try:
                async for item in self._read(source, digest, claim.offset, claim.records):
                    yield item
                finished = True
            finally:
                if not finished:  # stopped mid-file: give it back, the next run resumes at the checkpoint
                    self.ledger.release(digest)
        finally:
            source.reader.close()

    async def _read(self, source: Any, digest: str, offset: int, records: int) -> AsyncIterator[ArticleItem]:
        stats = self.crawler.stats
        assert self.ledger is not None
        iterator = ArchiveIterator(source.reader, arc2warc=True)
        records_iter = iter(iterator)
        last_offset = offset
        since_checkpoint = 0
        stored_before = self._stored()
        damage: str | None = None
        pending: deque[tuple[_Job, Future]] = deque()
        while True:
            try:
                record = next(records_iter)
                item = self._item(record)
                iterator.read_to_end()
                if getattr(record.raw_stream, "limit", 0) > 0:  # the file ends inside this record
                    raise EOFError(f"record cut {record.raw_stream.limit} bytes before its end")
            except StopIteration:
                break
            except Exception as exc:  # truncated gzip member, cut record, garbage: keep what came before
                damage = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
                stats.inc_value(f"{FILES}/damaged")
                logger.error(
                    "WARC file %s is damaged after record %d (byte %d): %s; the records before are kept",
                    source.name,
                    records,
                    last_offset,
                    damage,
                )
                break
            records += 1
            self._records += 1
            stats.inc_value("newsbot/warc/records")
            done_to = iterator.offset if iterator.member_info else source.reader.tell()
            self._bytes_done += max(0, done_to - last_offset)
            last_offset = done_to
            if item is not None:
                async for article in self._process(item, pending):
                    self._in_flight += 1
                    yield article
                    await self._wait_below(self.max_in_flight)
            since_checkpoint += 1
            if since_checkpoint >= self.checkpoint_every:
                since_checkpoint = 0
                async for article in self._collect(pending, keep=0):
                    self._in_flight += 1
                    yield article
                await self._drain()
                stored = self._stored()
                if not self.ledger.checkpoint(digest, last_offset, records, stored - stored_before):
                    stats.inc_value(f"{FILES}/lease_lost")
                    logger.error("WARC file %s: another worker took it over; stopped reading it", source.name)
                    raise LeaseLost(source.name)
                stored_before = stored
        async for article in self._collect(pending, keep=0):
            self._in_flight += 1
            yield article
        await self._drain()
        self.ledger.finish(digest, last_offset, records, self._stored() - stored_before, damage)
        stats.inc_value(f"{FILES}/done")

    async def _process(self, job: _Job, pending: deque[tuple[_Job, Future]]) -> AsyncIterator[ArticleItem]:
        """Extract inline, or hand the record to a worker process and yield what the workers finished."""
        if self._pool is None:
            extracted = self._extract(job)
            if extracted is not None:
                yield self._to_item(job, extracted)
            return
        outlet_id = job.profile.id if job.profile is not None else None
        pending.append((job, self._pool.submit(extract_in_worker, job.body, job.url, job.charset, outlet_id)))
        async for article in self._collect(pending, keep=self._pool_depth):
            yield article

    async def _collect(self, pending: deque[tuple[_Job, Future]], keep: int) -> AsyncIterator[ArticleItem]:
        """Items of the finished extractions, in record order, until at most ``keep`` are pending."""
        while pending and (len(pending) > keep or pending[0][1].done()):
            job, future = pending.popleft()
            try:
                extracted = await asyncio.wrap_future(future)
            except Exception:
                self._extraction_failed(job.url)
                continue
            yield self._to_item(job, extracted)

    def _skip(self, kind: str) -> None:
        self.crawler.stats.inc_value(f"{SKIPPED}/{kind}")

    def _item(self, record: Any) -> _Job | None:
        """The record to extract, or ``None`` (counted by why) when it is not one we keep."""
        if record.rec_type != "response":
            self._skip(record.rec_type or "unknown")
            return None
        http = record.http_headers
        if http is None:
            self._skip("no_http")
            return None
        status = http.get_statuscode()
        if status != "200":
            self._skip("not_200")
            return None
        media, charset = rec.content_type_of(http.get_header("Content-Type"))
        if media not in rec.HTML_TYPES:
            self._skip("not_html")
            return None
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        host = rec.host_of(url)
        if not host or not url.startswith(("http://", "https://")):
            self._skip("bad_url")
            return None
        if self.hosts and not rec.host_matches(host, self.hosts):
            self._skip("host")
            return None
        crawled = rec.warc_date(record.rec_headers.get_header("WARC-Date"))
        if rec.crawled_before_window(crawled, self.window):
            self._skip("out_of_window")
            return None
        profile = profile_for_url(url)
        if profile is None and rec.host_is_foreign(host):
            self._skip("not_french_host")
            return None
        body = record.content_stream().read(self.max_record_size + 1)
        if len(body) > self.max_record_size:
            self._skip("too_large")
            return None
        why = rec.language_rejection(
            http.get_header("Content-Language"), body, trusted_host=profile is not None
        )
        if why is not None:
            self._skip(why)
            return None
        return _Job(url, body, charset, profile, crawled)

    def _extract(self, job: _Job) -> ExtractedArticle | None:
        try:
            # The HTTP charset only, as the extractor expects: it reads <meta charset> and guesses itself,
            # where TextResponse.encoding would decode the whole page once more to infer one.
            return extract_article(job.body, job.url, encoding=job.charset, profile=job.profile)
        except Exception:
            self._extraction_failed(job.url)
            return None

    def _extraction_failed(self, url: str) -> None:
        count_drop(self.crawler, "extraction_error")
        logger.exception("Extraction failed on %s", url)

    def _to_item(self, job: _Job, extracted: ExtractedArticle) -> ArticleItem:
        item = self.build_item(
            extracted, HtmlResponse(url=job.url, body=b"", encoding="utf-8"), job.profile, None
        )
        if job.crawled is not None:
            item.crawled_at = job.crawled.replace(microsecond=job.crawled.microsecond // 1000 * 1000)
        return item
