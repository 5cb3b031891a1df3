"""The article store one crawl shares between its dedup and writer pipelines."""

from __future__ import annotations

import logging
import threading
from typing import Any
from weakref import WeakKeyDictionary

from pymongo import UpdateOne
from pymongo.errors import PyMongoError
from scrapy import signals
from scrapy.crawler import Crawler

from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoConnection, connect
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile, spill_path
from newsbot.storage.writer import ArticleWriter

logger = logging.getLogger(__name__)

_STORES: WeakKeyDictionary[Crawler, ArticleStore] = WeakKeyDictionary()
_STORES_LOCK = threading.Lock()

_LOOKUP_FIELDS = {"_id": 0, "url": 1, "content_hash": 1, "story_id": 1, "revision": 1}


class ArticleStore:
    """Connection, collection, writer and the indexed lookups the pipelines need."""

    def __init__(self, config: MongoConfig, connection: MongoConnection) -> None:
        self.config = config
        self.connection = connection
        self.articles = ensure_articles_collection(connection.database, config.collection)
        self.spill = SpillFile(spill_path(config))
        self.writer = ArticleWriter(self.articles, self.spill)
        self._alternates: list[tuple[str, str]] = []

    @classmethod
    def open(cls, config: MongoConfig) -> ArticleStore:
        return cls(config, connect(config))

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> ArticleStore:
        """The crawler's store, opened on first use and closed when the spider closes.

        Pipelines open it from worker threads at the same time: the lock makes them share one.
        """
        with _STORES_LOCK:
            store = _STORES.get(crawler)
            if store is None:
                store = cls.open(MongoConfig.from_settings(crawler.settings))
                _STORES[crawler] = store
                crawler.signals.connect(store._on_spider_closed, signal=signals.spider_closed, weak=False)
        return store

    def _on_spider_closed(self) -> None:
        self.close()

    def close(self) -> None:
        self.connection.close()
        for crawler, store in list(_STORES.items()):
            if store is self:
                del _STORES[crawler]

    def find_by_url(self, url: str) -> dict[str, Any] | None:
        return self.articles.find_one({"url": url}, _LOOKUP_FIELDS)

    def find_by_content_hash(self, content_hash: str) -> dict[str, Any] | None:
        return self.articles.find_one({"content_hash": content_hash}, _LOOKUP_FIELDS)

    def queue_alternate_url(self, url: str, alternate: str) -> None:
        """Remember that article ``url`` was also published at ``alternate`` (written after a flush)."""
        self._alternates.append((url, alternate))

    def write_alternate_urls(self) -> int:
        """Apply the queued alternate URLs; call after a flush so the articles exist."""
        queued, self._alternates = self._alternates, []
        if not queued:
            return 0
        operations = [UpdateOne({"url": url}, {"$addToSet": {"alternate_urls": alt}}) for url, alt in queued]
        try:
            self.articles.bulk_write(operations, ordered=False)
        except PyMongoError as exc:
            logger.warning("Could not record %d alternate URLs: %s", len(queued), exc)
        return len(queued)
