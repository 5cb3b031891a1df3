"""Write articles to MongoDB in batched, retried, unordered upserts (``newsbot.storage``)."""

from __future__ import annotations

import logging
import time
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_to_future
from twisted.internet.defer import Deferred, DeferredLock
from twisted.internet.task import LoopingCall
from twisted.internet.threads import deferToThread

from newsbot.storage.config import MongoConfig
from newsbot.storage.documents import PendingWrite, to_document
from newsbot.storage.store import ArticleStore
from newsbot.storage.writer import WriteReport

logger = logging.getLogger(__name__)


class MongoPipeline:
    """Buffers documents; flushes every ``MONGO_BATCH_SIZE`` items or ``MONGO_FLUSH_INTERVAL`` seconds.

    Flushes run in a worker thread, one at a time, so the crawl never waits on the database.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = MongoConfig.from_settings(crawler.settings)
        self.store: ArticleStore | None = None
        self._buffer: list[PendingWrite] = []
        self._oldest: float | None = None
        self._lock = DeferredLock()
        self._timer: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MongoPipeline:
        return cls(crawler)

    async def open_spider(self) -> None:
        self.store = await deferred_to_future(deferToThread(ArticleStore.for_crawler, self.crawler))
        interval = max(0.5, self.config.flush_interval / 2)
        self._timer = LoopingCall(self._flush_if_due)
        self._timer.start(interval, now=False)

    async def process_item(self, item: Any) -> Any:
        mode = ItemAdapter(item).get("write_mode") or "insert"
        self._buffer.append(PendingWrite(to_document(item), mode))
        if self._oldest is None:
            self._oldest = time.monotonic()
        if len(self._buffer) >= self.config.batch_size:
            await self.flush()
        return item

    async def close_spider(self) -> None:
        if self._timer is not None and self._timer.running:
            self._timer.stop()
        await self.flush()

    def _flush_if_due(self) -> Deferred | None:
        if self._oldest is None or time.monotonic() - self._oldest < self.config.flush_interval:
            return None
        deferred = self._lock.run(self._flush_in_thread)
        deferred.addErrback(lambda failure: logger.error("Periodic MongoDB flush failed: %s", failure.value))
        return deferred

    async def flush(self) -> None:
        """Write everything buffered so far (waits for a flush already running)."""
        await deferred_to_future(self._lock.run(self._flush_in_thread))

    def _flush_in_thread(self) -> Any:
        batch, self._buffer, self._oldest = self._buffer, [], None
        if not batch:
            return None
        assert self.store is not None
        deferred = deferToThread(self._write, batch)
        deferred.addCallback(self._account)
        return deferred

    def _write(self, batch: list[PendingWrite]) -> WriteReport:
        assert self.store is not None
        report = self.store.writer.write(batch)
        self.store.write_alternate_urls()
        return report

    def _account(self, report: WriteReport) -> None:
        stats = self.crawler.stats
        stats.inc_value("newsbot/stored/inserted", report.inserted)
        stats.inc_value("newsbot/stored/updated", report.updated)
        stats.inc_value("newsbot/stored/unchanged", report.unchanged)
        if report.spilled:
            stats.inc_value("newsbot/stored/spilled", report.spilled)
        for url, reason in report.rejected:
            stats.inc_value("newsbot/dropped/invalid_document")
            stats.inc_value("newsbot/dropped")
            logger.error("MongoDB rejected %s: %s", url, reason)
