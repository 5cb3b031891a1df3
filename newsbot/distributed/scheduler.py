"""scrapy-redis 0.9.1's scheduler, adapted to Scrapy 2.19.

Checked against Scrapy 2.19 (and what is adapted here):

- the engine checks schedulers against ``BaseScheduler``'s interface by duck typing, and calls
  ``open(spider)``/``close(reason)``/``enqueue_request``/``next_request``/``has_pending_requests``,
  which scrapy-redis provides; requests from ``async def start()`` go through ``enqueue_request``
  like any other, so the first worker to enqueue a feed wins and the others' copies are filtered;
- scrapy-redis passes ``spider=`` to ``StatsCollector.inc_value`` and calls ``Spider.log()``, both
  deprecated in Scrapy 2.19 (warnings in every worker's log): ``open``, ``enqueue_request`` and
  ``next_request`` are re-implemented without them;
- requests are serialised with ``Request.to_dict(spider=...)`` and pickled: callbacks must be
  spider methods and ``cb_kwargs`` picklable (newsbot's ``FeedEntry`` is a frozen dataclass);
- ``SCHEDULER_IDLE_BEFORE_CLOSE`` > 0 makes ``next_request`` a blocking ``BRPOP`` inside the
  reactor, so it is refused (the priority queue ignores it anyway);
- scrapy-redis's ``RedisSpider``/``RedisCrawlSpider`` read start URLs through ``start_requests()``
  (gone in Scrapy 2.19) and, when idle, either never close (``MAX_IDLE_TIME_BEFORE_CLOSE=0``, the
  default) or close on their own idleness whatever the other workers still produce: newsbot does
  not use them (its spiders feed the shared queue from ``start()``;
  :mod:`newsbot.distributed.coordinator` closes the workers together once the crawl is drained).
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.utils.misc import load_object
from scrapy_redis.scheduler import Scheduler as RedisScheduler

from newsbot.distributed.config import mask_redis_url

logger = logging.getLogger(__name__)


class FrontierUnavailable(RuntimeError):
    """The shared Redis cannot be reached; the message says where (credentials masked)."""


class SharedScheduler(RedisScheduler):
    """The scrapy-redis scheduler with the adaptations above."""

    def __init__(self, server: Any, **kwargs: Any) -> None:
        if kwargs.get("idle_before_close"):
            raise ValueError("SCHEDULER_IDLE_BEFORE_CLOSE must be 0: a blocking pop would freeze the crawl")
        super().__init__(server, **kwargs)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SharedScheduler:
        try:
            return super().from_crawler(crawler)
        except redis.RedisError as exc:
            url = mask_redis_url(crawler.settings.get("REDIS_URL") or "")
            message = f"Redis at {url} is unreachable ({exc}): start it or fix NEWSBOT_REDIS_URL"
            logger.error(message)
            raise FrontierUnavailable(message) from exc

    def open(self, spider: Spider) -> None:
        self.spider = spider
        queue_class = load_object(self.queue_cls)
        self.queue = queue_class(
            server=self.server,
            spider=spider,
            key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer,
        )
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if self.flush_on_start:
            self.flush()
        queued = len(self.queue)
        if queued:
            logger.info("Joining a shared crawl: %d requests already queued in %s", queued, self.queue.key)

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop(0)
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
