"""Deduplicate in three layers: canonical URL, exact text, near-duplicate story (``newsbot.dedup``).

State lives in MongoDB (unique ``url``, indexed ``content_hash``, the story signature collection),
so it holds across runs, scrapyd jobs and parallel workers; a bounded in-memory LRU covers the
items of this run that are not flushed yet.

Items are looked up in small batches (``NEWSBOT_DEDUP_BATCH_SIZE`` items or
``NEWSBOT_DEDUP_BATCH_WAIT`` seconds, whichever comes first): one indexed query finds the stored
articles sharing a URL or a text with any of them, and one unordered insert places the new texts
in their stories. A round trip per batch instead of three per item keeps the pipeline's CPU low.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IDelayedCall
from twisted.internet.threads import deferToThread

from newsbot.crawl.batch import Batch
from newsbot.crawl.drops import drop
from newsbot.crawl.urls import canonicalize_url
from newsbot.dedup import StoryIndex, sketch_text
from newsbot.dedup.config import DedupConfig
from newsbot.dedup.decision import Candidate, Lookup, decide, look_up
from newsbot.dedup.lru import BoundedLru
from newsbot.storage.connection import MongoUnavailable
from newsbot.storage.store import ArticleStore

logger = logging.getLogger(__name__)

MIN_BODY_FOR_HASH = 200
"""Below this many body characters the hash covers title + lead + body (teasers, paywalled pages)."""


@dataclass(frozen=True)
class _Seen:
    content_hash: str
    excerpt: bool


@dataclass
class _Pending:
    """One item waiting for its batch's lookup."""

    candidate: Candidate
    result: Deferred = field(default_factory=Deferred)


def dedup_text(adapter: ItemAdapter) -> str:
    """The text whose normalised hash identifies the article."""
    body = adapter.get("body") or ""
    if len(body) >= MIN_BODY_FOR_HASH:
        return body
    return "\n\n".join(part for part in (adapter.get("title"), adapter.get("lead"), body) if part)


async def _in_thread(function: Any, *args: Any, **kwargs: Any) -> Any:
    return await deferred_to_future(deferToThread(function, *args, **kwargs))


class DedupPipeline:
    """Sets ``url`` (canonical), ``content_hash``, ``story_id`` and the writer's ``write_mode``."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        config = DedupConfig.from_settings(crawler.settings)
        self.by_url: BoundedLru[str, _Seen] = BoundedLru(config.cache_size)
        self.by_hash: BoundedLru[str, str] = BoundedLru(config.cache_size)
        self.store: ArticleStore | None = None
        self.stories: StoryIndex | None = None
        self._batch: Batch[_Pending] = Batch(config.batch_size, config.batch_wait)
        self._timer: IDelayedCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    async def open_spider(self) -> None:
        self.store = await _in_thread(ArticleStore.for_crawler, self.crawler)
        self.stories = StoryIndex(self.store.connection.database)
        try:
            await _in_thread(self.store.call, self.stories.ensure_indexes)
        except MongoUnavailable:  # MONGO_SPILL_WHEN_DOWN: assign() creates them when the server answers
            logger.warning("Story index not prepared: MongoDB is down; items are written 'unchecked'")

    async def process_item(self, item: Any) -> Any:
        assert self.store is not None and self.stories is not None, "open_spider() not called"
        adapter = ItemAdapter(item)
        stats = self.crawler.stats
        url = canonicalize_url(adapter["url"])
        adapter["url"] = url
        sketch = sketch_text(dedup_text(adapter), self.stories.params)
        digest = sketch.content_hash
        adapter["content_hash"] = digest
        excerpt = adapter.get("kind") == "excerpt"

        # Layer 1 within this run (checked and reserved before any await, so concurrent items race safely).
        earlier = self.by_url.get(url)
        if earlier is not None and excerpt and not earlier.excerpt:
            # An aggregator excerpt of an article this run stored in full: only record where it was seen.
            adapter["write_mode"] = "touch"
            stats.inc_value("newsbot/dedup/excerpt_of_known")
            return item
        if earlier is not None and not earlier.excerpt:
            raise drop(self.crawler, "duplicate_url", url)
        # Layer 2 within this run.
        holder = self.by_hash.get(digest)
        if holder is not None and holder != url:
            self.store.queue_alternate_url(holder, url)
            raise drop(self.crawler, "duplicate_content", f"{url} repeats {holder}")
        self.by_url.put(url, _Seen(digest, excerpt))
        self.by_hash.put(digest, url)

        # Layers 1 to 3 against what earlier runs and other workers stored (batched).
        pending = _Pending(Candidate(url, sketch, adapter.get("source"), adapter.get("published_at")))
        lookup: Lookup = await deferred_to_future(self._enqueue(pending))
        return self._apply(item, adapter, lookup, excerpt)

    async def close_spider(self) -> None:
        self._flush()

    def _apply(self, item: Any, adapter: ItemAdapter, lookup: Lookup, excerpt: bool) -> Any:
        """Carry out :func:`newsbot.dedup.decision.decide`'s verdict on the item."""
        assert self.store is not None
        url = adapter["url"]
        verdict = decide(url, adapter["content_hash"], excerpt, lookup)
        for name in verdict.counters:
            self.crawler.stats.inc_value(f"newsbot/dedup/{name}")
        if verdict.copy_of is not None:
            self.store.queue_alternate_url(verdict.copy_of, url)
            raise drop(self.crawler, "duplicate_content", f"{url} repeats {verdict.copy_of}")
        adapter["write_mode"] = verdict.write_mode
        if verdict.story_id is not None:
            adapter["story_id"] = verdict.story_id
        return item

    # ------------------------------------------------------------------ batching

    def _enqueue(self, pending: _Pending) -> Deferred:
        if self._batch.add(pending):
            self._flush()
        elif self._timer is None:
            from twisted.internet import reactor

            self._timer = reactor.callLater(self._batch.wait, self._flush)
        return pending.result

    def _flush(self) -> None:
        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._timer = None
        batch = self._batch.take()
        if not batch:
            return
        stats = self.crawler.stats
        stats.inc_value("newsbot/dedup/batches")
        lookups = deferToThread(look_up, self.store, self.stories, [p.candidate for p in batch])

        def deliver(results: list[Lookup]) -> None:
            for waiting, result in zip(batch, results, strict=True):
                waiting.result.callback(result)

        def fail(failure: Any) -> None:
            for waiting in batch:
                waiting.result.errback(failure)

        lookups.addCallbacks(deliver, fail)
