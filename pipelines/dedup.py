"""Deduplicate in three layers: canonical URL, exact text, near-duplicate story (``newsbot.dedup``).

State lives in MongoDB (unique ``url``, indexed ``content_hash``, the story signature collection),
so it holds across runs, scrapyd jobs and parallel workers; a bounded in-memory LRU covers the
items of this run that are not flushed yet.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_to_future
from twisted.internet.threads import deferToThread

from newsbot.dedup import StoryIndex, content_hash
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
        size = crawler.settings.getint("NEWSBOT_DEDUP_CACHE_SIZE", 50_000)
        self.by_url: BoundedLRU[str, _Seen] = BoundedLRU(size)
        self.by_hash: BoundedLRU[str, str] = BoundedLRU(size)
        self.store: ArticleStore | None = None
        self.stories: StoryIndex | None = None

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
        text = dedup_text(adapter)
        digest = content_hash(text)
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

        # Layers 1 and 2 against what earlier runs and other workers stored.
        try:
            existing = await _in_thread(self.store.find_by_url, url)
            other = None if existing else await _in_thread(self.store.find_by_content_hash, digest)
        except MongoUnavailable:
            # MongoDB down past the retry budget: the writer applies layers 1 and 2 when it can write.
            adapter["write_mode"] = "unchecked"
            stats.inc_value("newsbot/dedup/unchecked")
            return item
        if existing is None:
            if other is not None and other["url"] != url:
                self.store.queue_alternate_url(other["url"], url)
                raise drop(self.crawler, "duplicate_content", f"{url} repeats {other['url']}")
            adapter["write_mode"] = "insert"
        elif existing.get("content_hash") == digest or (excerpt and existing.get("kind") != "excerpt"):
            adapter["write_mode"] = "touch"
            stats.inc_value("newsbot/dedup/unchanged")
        else:
            adapter["write_mode"] = "update"
            stats.inc_value("newsbot/dedup/updated")

        # Layer 3: near-duplicate story (a known article keeps its story).
        if existing is not None and existing.get("story_id"):
            adapter["story_id"] = existing["story_id"]
        else:
            try:
                match = await _in_thread(
                    self.store.call,
                    self.stories.assign,
                    url=url,
                    text=text,
                    source=adapter.get("source"),
                    published_at=adapter.get("published_at"),
                )
            except MongoUnavailable:
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
