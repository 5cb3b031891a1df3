"""The article store one crawl shares between its dedup and writer pipelines.

It owns the connection, the writer, the spill file and one :class:`Availability` (is MongoDB up?)
that the writer and the lookups share: while the server is down, lookups fail fast with
:class:`MongoUnavailable` and writes go straight to the spill file; when it answers again the
collection is (re)prepared and writing resumes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pymongo
from pymongo.errors import PyMongoError
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider

from newsbot.storage.availability import Availability, attempt_timeout, is_transient, ping
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoConnection, MongoUnavailable, connect, describe_error
from newsbot.storage.documents import alternate_write
from newsbot.storage.replay import ReplayOutcome, replay_spill
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile, spill_path
from newsbot.storage.stories import ensure_stories_view
from newsbot.storage.uri import mask_uri
from newsbot.storage.writer import ArticleWriter, WriteReport

logger = logging.getLogger(__name__)

T = TypeVar("T")

MONGO_UNAVAILABLE = "mongodb_unavailable"
"""Finish reason of a crawl closed at start because MongoDB did not answer."""

_LOOKUP_FIELDS = {"_id": 0, "url": 1, "content_hash": 1, "story_id": 1, "revision": 1, "kind": 1}
_FIRST_READ_BACKOFF = 0.25
_MAX_READ_BACKOFF = 4.0


class ArticleStore:
    """Connection, collection, writer and the indexed lookups the pipelines need."""

    def __init__(self, config: MongoConfig, connection: MongoConnection, *, online: bool = True) -> None:
        self.config = config
        self.connection = connection
        self.articles = connection.database[config.collection]
        self._prepared = False
        if online:
            self._prepare()
        self.availability = Availability(
            lambda: ping(connection.client),
            probe_interval=config.probe_interval,
            available=online,
            on_recovery=self._prepare,
        )
        self.spill = SpillFile(spill_path(config))
        self.writer = ArticleWriter(
            self.articles, self.spill, retry_budget=config.retry_budget, availability=self.availability
        )
        self._alternates: list[tuple[str, str]] = []
        self._alternates_lock = threading.Lock()

    def _prepare(self) -> None:
        """Create the collection, validator, indexes and the stories view (once per store, when the
        server answers)."""
        if not self._prepared:
            ensure_articles_collection(self.connection.database, self.config.collection)
            ensure_stories_view(self.connection.database, self.config.collection)
            self._prepared = True

    @classmethod
    def open(cls, config: MongoConfig) -> ArticleStore:
        connection = connect(config)
        try:
            return cls(config, connection)
        except PyMongoError as exc:  # answered the ping, then failed preparing the collection
            connection.close()
            raise MongoUnavailable(
                f"MongoDB at {mask_uri(connection.uri)} failed while preparing {config.collection!r} "
                f"({describe_error(exc)})."
            ) from exc

    @classmethod
    def open_offline(cls, config: MongoConfig) -> ArticleStore:
        """A store for a server that does not answer yet: it spills until a probe finds it up."""
        return cls(config, connect(config, check=False), online=False)

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> ArticleStore:
        """The crawler's store, held by its :class:`CrawlStore` extension (see there)."""
        owner = crawler.get_extension(CrawlStore)
        if owner is None:
            raise RuntimeError("the CrawlStore extension is not enabled (EXTENSIONS in newsbot.settings)")
        return owner.store()

    @property
    def online(self) -> bool:
        return self.availability.available

    def close(self) -> None:
        self.connection.close()

    # ------------------------------------------------------------------ reads

    def call(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run one MongoDB operation, retrying network errors with back-off within the retry budget.

        Raises :class:`MongoUnavailable` when the server is known to be down or stays unreachable
        past the budget (the caller can then degrade instead of failing the item).
        """
        deadline = time.monotonic() + self.config.retry_budget
        backoff = _FIRST_READ_BACKOFF
        while True:
            if not self.availability.check():
                raise MongoUnavailable(f"MongoDB at {mask_uri(self.connection.uri)} is down")
            try:
                with pymongo.timeout(attempt_timeout(self.articles, deadline - time.monotonic())):
                    return operation(*args, **kwargs)
            except PyMongoError as exc:
                if not is_transient(exc):
                    raise
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    self.availability.mark_down(describe_error(exc))
                    raise MongoUnavailable(f"MongoDB unreachable: {describe_error(exc)}") from exc
                logger.warning("MongoDB read failed (%s); retrying in %.1fs", describe_error(exc), backoff)
                time.sleep(min(backoff, remaining))
                backoff = min(backoff * 2, _MAX_READ_BACKOFF)

    def find_by_url(self, url: str) -> dict[str, Any] | None:
        return self.call(self.articles.find_one, {"url": url}, _LOOKUP_FIELDS)

    def find_by_content_hash(self, content_hash: str) -> dict[str, Any] | None:
        return self.call(self.articles.find_one, {"content_hash": content_hash}, _LOOKUP_FIELDS)

    def find_known(self, urls: list[str], content_hashes: list[str]) -> list[dict[str, Any]]:
        """Stored articles having one of ``urls`` or of ``content_hashes``: two indexed queries per batch.

        Not one ``$or``: SecantusDB answers an ``$or`` with a collection scan (550 ms with 3,000
        articles stored, against 2.5 ms for the two ``$in`` queries); MongoDB serves both alike.
        """

        def lookup() -> list[dict[str, Any]]:
            found = {doc["url"]: doc for doc in self.articles.find({"url": {"$in": urls}}, _LOOKUP_FIELDS)}
            if content_hashes:
                query = {"content_hash": {"$in": content_hashes}}
                found.update((doc["url"], doc) for doc in self.articles.find(query, _LOOKUP_FIELDS))
            return list(found.values())

        return self.call(lookup)

    def _stored_urls(self, urls: list[str]) -> list[str]:
        return [doc["url"] for doc in self.articles.find({"url": {"$in": urls}}, {"_id": 0, "url": 1})]

    # ------------------------------------------------------------------ writes

    def write(self, batch: list[Any]) -> WriteReport:
        """Write a batch, then the alternate URLs whose articles are stored by now."""
        report = self.writer.write(batch)
        report.merge(self.write_alternate_urls())
        return report

    def replay(self) -> ReplayOutcome:
        """Write what earlier outages (this run's or a previous one's) left in the spill file."""
        if not self.spill.pending() or not self.availability.check():
            return ReplayOutcome(0, WriteReport())
        return replay_spill(self.spill, self.writer)

    def queue_alternate_url(self, url: str, alternate: str) -> None:
        """Remember that article ``url`` was also published at ``alternate`` (written after a flush)."""
        with self._alternates_lock:
            self._alternates.append((url, alternate))

    def write_alternate_urls(self, *, final: bool = False) -> WriteReport:
        """Write the queued alternate URLs of articles already stored; call after a flush.

        An article not stored yet (still buffered) keeps its alternates for the next call; at the
        ``final`` call they, and everything while MongoDB is down, go to the spill file behind it.
        """
        with self._alternates_lock:
            queued, self._alternates = self._alternates, []
        if not queued:
            return WriteReport()
        by_article: dict[str, list[str]] = {}
        for url, alternate in queued:
            by_article.setdefault(url, []).append(alternate)
        try:
            stored = set(self.call(self._stored_urls, list(by_article)))
        except (MongoUnavailable, PyMongoError) as exc:
            logger.debug("Alternate URLs wait: %s", exc)
            stored = set()
            if not final:
                self._requeue(queued)
                return WriteReport()
        ready = [alternate_write(url, urls) for url, urls in by_article.items() if url in stored]
        waiting = [(url, alt) for url, urls in by_article.items() if url not in stored for alt in urls]
        report = self.writer.write(ready)
        if waiting and final:
            report.spilled += self.spill.append(alternate_write(url, [alt]) for url, alt in waiting)
        elif waiting:
            self._requeue(waiting)
        return report

    def _requeue(self, pairs: list[tuple[str, str]]) -> None:
        with self._alternates_lock:
            self._alternates[:0] = pairs


class CrawlStore:
    """Extension owning the crawl's :class:`ArticleStore`, so its life follows the crawler's.

    The store opens on first use (the dedup and writer pipelines and the incremental middleware ask
    for it from worker threads at the same time: a lock makes them share one) and closes when the
    spider closes; its close handler is connected then, so components connected earlier still find
    the connection open in their own ``spider_closed``. MongoDB down: one clear error and
    ``CloseSpider("mongodb_unavailable")`` (a clean close, no traceback) for every caller, or with
    ``MONGO_SPILL_WHEN_DOWN`` an offline store.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._store: ArticleStore | None = None
        self._failed: str | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStore:
        return cls(crawler)

    def store(self) -> ArticleStore:
        with self._lock:
            if self._store is not None:
                return self._store
            if self._failed is not None:
                raise CloseSpider(MONGO_UNAVAILABLE)
            config = MongoConfig.from_settings(self.crawler.settings)
            try:
                store = ArticleStore.open(config)
            except MongoUnavailable as exc:
                if not config.spill_when_down:
                    self._failed = str(exc)
                    logger.error(
                        "%s The crawl stops before fetching anything (or set MONGO_SPILL_WHEN_DOWN=1 to "
                        "crawl into the spill file and replay it later).",
                        exc,
                    )
                    raise CloseSpider(MONGO_UNAVAILABLE) from None
                try:
                    store = ArticleStore.open_offline(config)
                except MongoUnavailable as offline:  # no server to wait for (the embedded one cannot start)
                    self._failed = str(offline)
                    logger.error("%s The crawl stops before fetching anything.", offline)
                    raise CloseSpider(MONGO_UNAVAILABLE) from None
                logger.warning(
                    "%s MONGO_SPILL_WHEN_DOWN is set: crawling anyway; articles go to %s until MongoDB "
                    "answers (checked every %.0fs), then they are written.",
                    exc,
                    store.spill.path,
                    config.probe_interval,
                )
            self._store = store
            self.crawler.signals.connect(self._spider_closed, signal=signals.spider_closed)
        return store

    def _spider_closed(self) -> None:
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()
