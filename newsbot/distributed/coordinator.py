"""Scrapy extension: workers sharing one Redis frontier close together once the crawl is drained.

scrapy-redis keeps a worker open forever (its spiders refuse to close when idle) or, with a plain
spider, lets a worker close the moment its own view is empty (while another worker is still
parsing a sitemap that will fill the queue). Here each worker reports busy/idle every
``NEWSBOT_REDIS_HEARTBEAT`` seconds; an idle worker refuses to close (``DontCloseSpider``) until
:func:`~newsbot.distributed.workers.crawl_drained` says every live worker has been idle for
``NEWSBOT_REDIS_IDLE_CLOSE`` seconds with an empty shared queue. The worker that finishes a drained
crawl also clears the shared dupefilter, so the next scheduled run reads its feeds again; a crawl
stopped any other way (Ctrl-C, a crash) keeps queue and dupefilter, and the next workers resume it.

An idle Scrapy engine only looks at its scheduler every 5 seconds; when the shared queue holds
requests and this worker downloads nothing, the heartbeat hands one request back to the engine
(``engine.crawl``), which wakes it at once.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from typing import Any

import redis
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet.task import LoopingCall

from newsbot.distributed.config import DistributedConfig, mask_redis_url
from newsbot.distributed.workers import WorkerBeat, WorkerRegistry, crawl_drained, live_workers

logger = logging.getLogger(__name__)

STATS_PREFIX = "newsbot/distributed"


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class WorkerCoordinator:
    """Heartbeat, wake-up and drained-crawl close for one worker (installed by ``DistributedMode``)."""

    def __init__(self, crawler: Crawler, config: DistributedConfig) -> None:
        self.crawler = crawler
        self.config = config
        self.worker = worker_name()
        self.registry: WorkerRegistry | None = None
        self.idle_since: float | None = None
        self.drained = False
        self.dupefilter_key: str | None = None
        self._loop: LoopingCall | None = None
        self._unreachable_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WorkerCoordinator:
        config = DistributedConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured("NEWSBOT_REDIS_URL is empty")
        coordinator = cls(crawler, config)
        crawler.signals.connect(coordinator.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(coordinator.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(coordinator.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(coordinator.request_dropped, signal=signals.request_dropped)
        return coordinator

    @property
    def scheduler(self) -> Any:
        return self.crawler.engine.scheduler

    def spider_opened(self) -> None:
        spider = self.crawler.spider
        server = get_redis_from_settings(self.crawler.settings)
        self.registry = WorkerRegistry(
            server, self.config.key(spider.name, "workers"), timeout=self.config.worker_timeout
        )
        self.dupefilter_key = self.scheduler.df.key
        beats = self.registry.report(self.worker, WorkerBeat(self.registry.now(), None))
        logger.info(
            "Distributed mode: worker %s of %d on Redis %s (keys %s:%s:*), %d requests queued",
            self.worker,
            len(beats),
            mask_redis_url(self.config.redis_url),
            self.config.prefix,
            spider.name,
            len(self.scheduler),
        )
        if not self.crawler.settings.get("MONGO_URI"):
            logger.warning(
                "Distributed mode with the embedded MongoDB (no MONGO_URI): only workers on this machine "
                "share its articles and dedup state; set MONGO_URI when workers run on several machines"
            )
        self._loop = LoopingCall(self.heartbeat)
        self._loop.start(self.config.heartbeat, now=False).addErrback(
            lambda failure: logger.error("Distributed heartbeat stopped: %s", failure.value)
        )

    # -- heartbeat ------------------------------------------------------------------------------

    def heartbeat(self) -> None:
        engine = self.crawler.engine
        if engine is None or engine.spider is None or self.registry is None or self.drained:
            return
        try:
            idle = engine.spider_is_idle()
            queued = len(self.scheduler)
            if self.drained_now(idle, queued):
                self.close_drained()
            elif not idle and queued and not engine.downloader.active:
                self.wake()
        except redis.RedisError as exc:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/redis_errors")
            logger.warning("Redis unavailable for the heartbeat of %s: %s", self.worker, exc)

    def drained_now(self, idle: bool, queued: int) -> bool:
        """Report this worker's state; True when the whole crawl is drained."""
        assert self.registry is not None
        now = self.registry.now()
        if not idle:
            self.idle_since = None
        elif self.idle_since is None:
            self.idle_since = now
        beats = self.registry.report(self.worker, WorkerBeat(now, self.idle_since))
        stats = self.crawler.stats
        stats.max_value(
            f"{STATS_PREFIX}/workers_max",
            len(live_workers(beats, now=now, timeout=self.config.worker_timeout)),
        )
        return idle and crawl_drained(
            beats,
            queue_length=queued,
            now=now,
            idle_for=self.config.idle_close,
            timeout=self.config.worker_timeout,
        )

    def wake(self) -> None:
        """Hand one queued request to the engine so it pulls from the shared queue now."""
        request = self.scheduler.next_request()
        if request is not None:
            # Already admitted by the shared dupefilter: it must not be filtered on the way back in.
            self.crawler.engine.crawl(request.replace(dont_filter=True))
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/woken")

    def close_drained(self) -> None:
        if self.drained:
            return
        self.drained = True
        logger.info(
            "Shared queue empty and every worker idle for %.0fs: closing worker %s",
            self.config.idle_close,
            self.worker,
        )
        deferred_from_coro(self.crawler.engine.close_spider_async(reason="finished"))

    # -- signals --------------------------------------------------------------------------------

    def spider_idle(self) -> None:
        """Let the spider close only once the whole crawl is drained (or Redis stays unreachable)."""
        if self.registry is None or self.drained:
            return
        try:
            drained = self.drained_now(True, len(self.scheduler))
        except redis.RedisError as exc:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/redis_errors")
            now = time.monotonic()
            self._unreachable_since = self._unreachable_since or now
            if now - self._unreachable_since > self.config.worker_timeout:
                logger.error(
                    "Redis unreachable for %.0fs (%s): worker %s stops",
                    now - self._unreachable_since,
                    exc,
                    self.worker,
                )
                raise CloseSpider("redis_unavailable") from exc
            raise DontCloseSpider from exc
        self._unreachable_since = None
        if drained:
            self.drained = True
            return
        raise DontCloseSpider

    def request_dropped(self, request: Request) -> None:
        """Count requests another worker (or an earlier, interrupted run) had already queued."""
        self.crawler.stats.inc_value(f"{STATS_PREFIX}/already_queued")
        if getattr(request.callback, "__name__", None) == "parse_feed":
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/feeds_already_queued")

    def spider_closed(self, reason: str) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self.registry is None:
            return
        remaining = self.registry.leave(self.worker)
        if self.drained and reason == "finished" and self.dupefilter_key:
            # The crawl is complete: the next run starts with an empty dupefilter (and reads its feeds).
            self.registry.server.delete(self.dupefilter_key)
            logger.info("Crawl drained: shared dupefilter cleared (%d workers still closing)", remaining)
