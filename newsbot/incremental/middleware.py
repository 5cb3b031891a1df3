"""Spider middleware: feed-announced article pages already stored and unchanged are not requested.

A thin adapter over :mod:`newsbot.incremental.policy` (the decision) and
:mod:`newsbot.incremental.history` (batched MongoDB reads in a worker thread, one ``$in`` query per
batch of a feed's entries). Articles given with ``-a urls=`` are always fetched. Pages fetched but
not stored under their own URL (dropped items, redirects, ``rel=canonical``) are remembered in
``seen_urls`` so they are not fetched again either. When MongoDB cannot answer, every request is
kept (counted and logged): the crawl fetches too much rather than losing articles.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from itemadapter import ItemAdapter
from pymongo.errors import PyMongoError
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.utils.defer import deferred_to_future
from twisted.internet.threads import deferToThread

from newsbot.crawl.feeds import FeedEntry
from newsbot.crawl.urls import canonicalize_url
from newsbot.incremental.config import IncrementalConfig
from newsbot.incremental.history import ALIAS, LOOKUP_BATCH, FetchHistory, SeenRecord
from newsbot.incremental.policy import announced_change, decide
from newsbot.storage.connection import MongoUnavailable
from newsbot.storage.store import ArticleStore

logger = logging.getLogger(__name__)

STATS_PREFIX = "newsbot/incremental"
RECORD_FLUSH_SIZE = 200
UNRECORDED_DROPS = frozenset({"duplicate_url"})
"""Drops whose URL is already stored as an article: nothing to remember."""


async def _in_thread(function: Any, *args: Any) -> Any:
    return await deferred_to_future(deferToThread(function, *args))


def announced_article(obj: Any) -> bool:
    """True for an article request carrying the feed or sitemap entry that announced it."""
    return isinstance(obj, Request) and isinstance(obj.cb_kwargs.get("entry"), FeedEntry)


def lookup_key(url: str) -> str:
    """The URL as stored (canonical); the URL itself when it cannot be canonicalised."""
    try:
        return canonicalize_url(url)
    except ValueError:
        return url


def fetched_keys(response: Response | None) -> list[str]:
    """Canonical forms of every URL that led to this response (redirect chain included)."""
    if response is None:
        return []
    request = getattr(response, "request", None)
    chain = list(request.meta.get("redirect_urls", [])) if request is not None else []
    return list(dict.fromkeys(lookup_key(url) for url in [*chain, response.url]))


def drop_reason(exception: BaseException | None) -> str:
    """``newsbot.crawl.drops.drop`` messages read ``reason: detail``; the reason names the outcome."""
    text = str(exception or "dropped").strip()
    return text.split(":", 1)[0].strip() or "dropped"


class IncrementalCrawl:
    """Skips unchanged stored articles (``newsbot/incremental/*`` stats) and remembers dropped pages."""

    def __init__(self, crawler: Crawler, config: IncrementalConfig) -> None:
        self.crawler = crawler
        self.config = config
        self._history: FetchHistory | None = None
        self._records: list[SeenRecord] = []

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalCrawl:
        config = IncrementalConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured("NEWSBOT_INCREMENTAL is off")
        middleware = cls(crawler, config)
        crawler.signals.connect(middleware.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(middleware.item_dropped, signal=signals.item_dropped)
        # Connected before the article store opens, so this runs while its connection is still open.
        crawler.signals.connect(middleware.spider_closed, signal=signals.spider_closed)
        return middleware

    # -- filtering ------------------------------------------------------------------------------

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        pending: list[Request] = []
        async for obj in result:
            if not announced_article(obj):
                yield obj
                continue
            pending.append(obj)
            if len(pending) >= LOOKUP_BATCH:
                for request in await self._keep(pending):
                    yield request
                pending = []
        if pending:
            for request in await self._keep(pending):
                yield request

    async def _keep(self, requests: list[Request]) -> list[Request]:
        stats = self.crawler.stats
        keys = [lookup_key(request.url) for request in requests]
        try:
            history = await self.history()
            states = await _in_thread(history.states, keys)
        except (PyMongoError, MongoUnavailable) as exc:
            stats.inc_value(f"{STATS_PREFIX}/lookup_failed", len(requests))
            logger.warning("Incremental check unavailable (%s); fetching %d pages anyway", exc, len(requests))
            return requests
        now = datetime.now(UTC)
        kept = []
        for request, key in zip(requests, keys, strict=True):
            entry = request.cb_kwargs["entry"]
            announced = announced_change(entry, now=now, tz=self.config.timezone)
            decision = decide(announced, states.get(key), now=now, recheck_after=self.config.recheck_after)
            if decision.fetch:
                stats.inc_value(f"{STATS_PREFIX}/scheduled/{decision.reason}")
                kept.append(request)
            else:
                stats.inc_value(f"{STATS_PREFIX}/skipped_{decision.reason}")
        return kept

    async def history(self) -> FetchHistory:
        return self._history or await _in_thread(self._open_history)

    def _open_history(self) -> FetchHistory:
        """Blocking: the crawl's shared store, and the ``seen_urls`` index (idempotent)."""
        if self._history is None:
            store = ArticleStore.for_crawler(self.crawler)
            history = FetchHistory(store.articles, store.connection.database[self.config.seen_collection])
            history.ensure_indexes()
            self._history = history
        return self._history

    # -- remembering pages fetched but not stored under their own URL ----------------------------

    def item_scraped(self, item: Any, response: Response | None = None) -> None:
        stored = ItemAdapter(item).get("url")
        now = datetime.now(UTC)
        for key in fetched_keys(response):
            if stored and key != stored:
                self._remember(SeenRecord(key, now, ALIAS, stored))

    def item_dropped(self, item: Any, response: Response | None = None, exception: Any = None) -> None:
        reason, now = drop_reason(exception), datetime.now(UTC)
        if reason in UNRECORDED_DROPS:
            return
        for key in fetched_keys(response):
            self._remember(SeenRecord(key, now, reason))

    def _remember(self, record: SeenRecord) -> None:
        self._records.append(record)
        if len(self._records) >= RECORD_FLUSH_SIZE and self._history is not None:
            batch, self._records = self._records, []
            deferred = deferToThread(self._write, batch)
            deferred.addErrback(lambda failure: logger.warning("Seen URLs not recorded: %s", failure.value))

    def spider_closed(self) -> None:
        """Write what is left (blocking: the crawl is over, and the store closes right after)."""
        batch, self._records = self._records, []
        if not batch:
            return
        try:
            self._open_history()  # not open yet when no feed was checked (``-a urls=`` only)
        except (PyMongoError, MongoUnavailable) as exc:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/record_failed", len(batch))
            logger.warning("%d fetched-but-not-stored URLs not recorded (%s)", len(batch), exc)
            return
        self._write(batch)

    def _write(self, batch: list[SeenRecord]) -> None:
        assert self._history is not None
        try:
            self._history.record(batch)
        except (PyMongoError, MongoUnavailable) as exc:
            self.crawler.stats.inc_value(f"{STATS_PREFIX}/record_failed", len(batch))
            logger.warning(
                "%d fetched-but-not-stored URLs not recorded (%s); they will be fetched again",
                len(batch),
                exc,
            )
