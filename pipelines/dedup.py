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
from datetime import datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IDelayedCall
from twisted.internet.threads import deferToThread

from newsbot.dedup import StoryIndex, StoryMatch, StoryRequest, TextSketch, sketch_text
from newsbot.drops import drop
from newsbot.lru import BoundedLRU
from newsbot.storage.connection import MongoUnavailable
from newsbot.storage.store import ArticleStore
from newsbot.urls import canonicalize_url

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

    url: str
    sketch: TextSketch
    source: str
    published_at: datetime | None
    result: Deferred = field(default_factory=Deferred)


@dataclass
class _Lookup:
    """What MongoDB said about one item."""

    unavailable: bool = False
    existing: dict[str, Any] | None = None
    """The stored article with this URL."""
    other: dict[str, Any] | None = None
    """A stored article with this text (when none has the URL)."""
    match: StoryMatch | None = None
    """The article's story; ``None`` when it keeps a stored one or could not be placed (MongoDB down)."""


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
        settings = crawler.settings
        size = settings.getint("NEWSBOT_DEDUP_CACHE_SIZE", 50_000)
        self.batch_size = max(1, settings.getint("NEWSBOT_DEDUP_BATCH_SIZE", 64))
        self.batch_wait = max(0.0, settings.getfloat("NEWSBOT_DEDUP_BATCH_WAIT", 0.05))
        self.by_url: BoundedLRU[str, _Seen] = BoundedLRU(size)
        self.by_hash: BoundedLRU[str, str] = BoundedLRU(size)
        self.store: ArticleStore | None = None
        self.stories: StoryIndex | None = None
        self._batch: list[_Pending] = []
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
        self.by_url[url] = _Seen(digest, excerpt)
        self.by_hash[digest] = url

        # Layers 1 to 3 against what earlier runs and other workers stored (batched).
        pending = _Pending(url, sketch, adapter.get("source"), adapter.get("published_at"))
        lookup: _Lookup = await deferred_to_future(self._enqueue(pending))
        return self._apply(item, adapter, lookup, excerpt)

    async def close_spider(self) -> None:
        self._flush()

    def _apply(self, item: Any, adapter: ItemAdapter, lookup: _Lookup, excerpt: bool) -> Any:
        stats = self.crawler.stats
        url = adapter["url"]
        assert self.store is not None
        if lookup.unavailable:
            # MongoDB down past the retry budget: the writer applies layers 1 and 2 when it can write.
            adapter["write_mode"] = "unchecked"
            stats.inc_value("newsbot/dedup/unchecked")
            return item
        existing, other = lookup.existing, lookup.other
        if existing is None:
            if other is not None and other["url"] != url:
                self.store.queue_alternate_url(other["url"], url)
                raise drop(self.crawler, "duplicate_content", f"{url} repeats {other['url']}")
            adapter["write_mode"] = "insert"
        elif existing.get("content_hash") == adapter["content_hash"] or (
            excerpt and existing.get("kind") != "excerpt"
        ):
            adapter["write_mode"] = "touch"
            stats.inc_value("newsbot/dedup/unchanged")
        else:
            adapter["write_mode"] = "update"
            stats.inc_value("newsbot/dedup/updated")

        # Layer 3: near-duplicate story (a known article keeps its story).
        if existing is not None and existing.get("story_id"):
            adapter["story_id"] = existing["story_id"]
            return item
        match = lookup.match
        if match is None:
            stats.inc_value("newsbot/dedup/story_unassigned")
            return item
        if match.kind == "exact" and match.matched_url not in (None, url):
            # Another worker stored this text under another URL since our lookup (not yet flushed then).
            self.store.queue_alternate_url(match.matched_url, url)
            raise drop(self.crawler, "duplicate_content", f"{url} repeats {match.matched_url}")
        adapter["story_id"] = match.story_id
        if not match.is_new_story:
            stats.inc_value("newsbot/dedup/near_duplicate")
        return item

    # ------------------------------------------------------------------ batching

    def _enqueue(self, pending: _Pending) -> Deferred:
        self._batch.append(pending)
        if len(self._batch) >= self.batch_size:
            self._flush()
        elif self._timer is None:
            from twisted.internet import reactor

            self._timer = reactor.callLater(self.batch_wait, self._flush)
        return pending.result

    def _flush(self) -> None:
        if self._timer is not None and self._timer.active():
            self._timer.cancel()
        self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        stats = self.crawler.stats
        stats.inc_value("newsbot/dedup/batches")
        lookups = deferToThread(self._look_up, batch)

        def deliver(results: list[_Lookup]) -> None:
            for waiting, result in zip(batch, results, strict=True):
                waiting.result.callback(result)

        def fail(failure: Any) -> None:
            for waiting in batch:
                waiting.result.errback(failure)

        lookups.addCallbacks(deliver, fail)

    def _look_up(self, batch: list[_Pending]) -> list[_Lookup]:
        """In a worker thread: one query for layers 1 and 2, one insert for layer 3 (usually)."""
        assert self.store is not None and self.stories is not None
        try:
            stored = self.store.find_known([p.url for p in batch], [p.sketch.content_hash for p in batch])
        except MongoUnavailable:
            return [_Lookup(unavailable=True) for _ in batch]
        by_url = {doc["url"]: doc for doc in stored}
        by_hash: dict[str, dict[str, Any]] = {}
        for doc in stored:
            by_hash.setdefault(doc.get("content_hash"), doc)
        lookups: list[_Lookup] = []
        to_place: list[int] = []
        for position, pending in enumerate(batch):
            existing = by_url.get(pending.url)
            other = by_hash.get(pending.sketch.content_hash) if existing is None else None
            lookups.append(_Lookup(existing=existing, other=other))
            copy_elsewhere = existing is None and other is not None and other["url"] != pending.url
            if not copy_elsewhere and not (existing is not None and existing.get("story_id")):
                to_place.append(position)
        if to_place:
            requests = [
                StoryRequest(batch[i].url, batch[i].sketch, batch[i].source, batch[i].published_at)
                for i in to_place
            ]
            try:
                matches = self.store.call(self.stories.assign_many, requests)
            except MongoUnavailable:
                # MongoDB went down between the lookup and the placement: these articles were not
                # fully checked, so they go out ``unchecked`` (counted) like a batch whose lookup
                # failed, and the writer re-applies layers 1 and 2 when it can write.
                for i in to_place:
                    lookups[i] = _Lookup(unavailable=True)
            else:
                for i, match in zip(to_place, matches, strict=True):
                    lookups[i].match = match
        return lookups
