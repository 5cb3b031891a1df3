"""Write articles to MongoDB in batched, retried, unordered bulk writes (``newsbot.storage``).

Nothing is lost when MongoDB blinks: the writer retries with back-off, then spills to a local file
that is replayed when the server answers again, at the end of the crawl, or at the next start.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_to_future
from twisted.internet.defer import Deferred, DeferredLock
from twisted.internet.task import LoopingCall
from twisted.internet.threads import deferToThread

from newsbot.crawl.batch import Batch
from newsbot.crawl.drops import count_drop, drop
from newsbot.storage.config import MongoConfig
from newsbot.storage.documents import PendingWrite, prepare_document
from newsbot.storage.limits import DocumentTooLarge
from newsbot.storage.replay import ReplayOutcome
from newsbot.storage.store import ArticleStore
from newsbot.storage.writer import WriteReport

logger = logging.getLogger(__name__)

STORED = "newsbot/stored"
REPLAYED = "newsbot/replay"
CAPPED = "newsbot/capped"
ITEM_WRITE_MODES = frozenset({"insert", "update", "touch", "unchecked"})
"""``write_mode`` values an item may carry (set by the dedup pipeline; none means ``insert``)."""


class MongoPipeline:
    """Buffers documents; flushes every ``MONGO_BATCH_SIZE`` items or ``MONGO_FLUSH_INTERVAL`` seconds.

    Flushes (and replays of the spill file) run in a worker thread, one at a time, so the crawl
    only waits for the database when a full buffer meets a flush still running.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = MongoConfig.from_settings(crawler.settings)
        self.store: ArticleStore | None = None
        self._buffer: Batch[PendingWrite] = Batch(self.config.batch_size, self.config.flush_interval)
        self._lock = DeferredLock()
        self._timer: LoopingCall | None = None
        self._outages_replayed = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MongoPipeline:
        return cls(crawler)

    async def open_spider(self) -> None:
        # MongoDB down: ``for_crawler`` raises CloseSpider (clean close) or, by setting, spills.
        self.store = await deferred_to_future(deferToThread(ArticleStore.for_crawler, self.crawler))
        if self.config.replay_at_start and self.store.spill.pending():
            replay = self._lock.run(deferToThread, self._replay)
            replay.addCallback(self._account_replay)
            replay.addErrback(
                lambda failure: logger.error("Replay of the spill file failed: %s", failure.value)
            )
        interval = max(0.5, self.config.flush_interval / 2)
        self._timer = LoopingCall(self._flush_if_due)
        self._timer.start(interval, now=False)

    async def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        mode = adapter.get("write_mode") or "insert"
        if mode not in ITEM_WRITE_MODES:
            raise drop(self.crawler, "invalid_document", f"{adapter.get('url')}: unknown write_mode {mode!r}")
        try:
            doc, cut = prepare_document(item)
        except DocumentTooLarge as exc:
            raise drop(self.crawler, "invalid_document", f"{adapter.get('url')}: {exc}") from None
        if cut:
            for name in cut:
                self.crawler.stats.inc_value(f"{CAPPED}/{name}")
            logger.warning(
                "Cut %s of %s to keep the document within MongoDB's limit", ", ".join(cut), doc["url"]
            )
        if self._buffer.add(PendingWrite(doc, mode)):
            await self.flush()
        return item

    async def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        if self.store is None:  # closed before it opened (MongoDB down at start)
            return
        await self.flush()
        report, outcome = await deferred_to_future(self._lock.run(deferToThread, self._finish))
        self._account(report)
        self._account_replay(outcome)
        if self.store.spill.pending():
            logger.error(
                "Articles are waiting in the spill file %s: they are written at the next start, or now "
                "with `python -m newsbot replay` once MongoDB answers",
                self.store.spill.path,
            )

    def _flush_if_due(self) -> Deferred | None:
        if not self._buffer.due():
            return None
        deferred = self._lock.run(self._flush_in_thread)
        deferred.addErrback(lambda failure: logger.error("Periodic MongoDB flush failed: %s", failure.value))
        return deferred

    async def flush(self) -> None:
        """Write everything buffered so far (waits for a flush already running)."""
        await deferred_to_future(self._lock.run(self._flush_in_thread))

    def _flush_in_thread(self) -> Deferred | None:
        batch = self._buffer.take()
        if not batch:
            return None
        deferred = deferToThread(self._write, batch)
        deferred.addCallback(self._account_flush)
        return deferred

    # ------------------------------------------------------------------ worker thread

    def _write(self, batch: list[PendingWrite]) -> tuple[WriteReport, ReplayOutcome | None]:
        assert self.store is not None
        try:
            report = self.store.write(batch)
        except Exception:  # neither written nor spilled (a bug, a full disk): say so loudly, keep crawling
            logger.exception("%d articles were neither written to MongoDB nor spilled", len(batch))
            return WriteReport(lost=len(batch)), None
        availability = self.store.availability
        if availability.available and availability.outages != self._outages_replayed:
            self._outages_replayed = availability.outages  # back after an outage: write what it spilled
            return report, self._replay()
        return report, None

    def _replay(self) -> ReplayOutcome:
        assert self.store is not None
        return self.store.replay()

    def _finish(self) -> tuple[WriteReport, ReplayOutcome]:
        """Last alternate URLs, then this run's (and earlier runs') spilled writes if MongoDB is up."""
        assert self.store is not None
        return self.store.write_alternate_urls(final=True), self._replay()

    # ------------------------------------------------------------------ stats

    def _account_flush(self, reports: tuple[WriteReport, ReplayOutcome | None]) -> None:
        report, outcome = reports
        self._account(report)
        if outcome is not None:
            self._account_replay(outcome)

    def _account(self, report: WriteReport) -> None:
        stats = self.crawler.stats
        for name, value in (
            ("inserted", report.inserted),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("spilled", report.spilled),
            ("duplicate_content", len(report.duplicates)),
            ("alternate_urls", report.alternates),
            ("alternate_orphans", report.orphan_alternates),
            ("lost", report.lost),
        ):
            if value or name in ("inserted", "updated", "unchanged"):
                stats.inc_value(f"{STORED}/{name}", value)
        for url, holder in report.duplicates:
            logger.info("Not stored %s: its text is stored as %s (recorded as an alternate URL)", url, holder)
        for url, reason in report.rejected:
            count_drop(self.crawler, "invalid_document")
            logger.error("MongoDB rejected %s: %s", url, reason)

    def _account_replay(self, outcome: ReplayOutcome) -> None:
        if not outcome.replayed:
            return
        stats = self.crawler.stats
        report = outcome.report
        stats.inc_value(f"{REPLAYED}/records", outcome.replayed)
        for name, value in (
            ("inserted", report.inserted),
            ("updated", report.updated),
            ("unchanged", report.unchanged),
            ("rejected", len(report.rejected)),
            ("spilled_again", report.spilled),
        ):
            if value:
                stats.inc_value(f"{REPLAYED}/{name}", value)
        for url, reason in report.rejected:
            logger.error("MongoDB rejected spilled %s: %s", url, reason)
