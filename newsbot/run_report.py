"""One document per crawl in the ``runs`` collection: what happened, counted."""

from __future__ import annotations

import logging
import os
import socket
from datetime import UTC, datetime
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler

from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable, connect

logger = logging.getLogger(__name__)

RUNS_COLLECTION = "runs"


def summarise(stats: dict[str, Any]) -> dict[str, Any]:
    """The run's outcome counts from the crawl stats (pure: testable on a plain dict)."""
    dropped = {
        key.removeprefix("newsbot/dropped/"): value
        for key, value in stats.items()
        if key.startswith("newsbot/dropped/")
    }
    return {
        "pages_fetched": stats.get("response_received_count", 0),
        "items_scraped": stats.get("item_scraped_count", 0),
        "stored": {
            "inserted": stats.get("newsbot/stored/inserted", 0),
            "updated": stats.get("newsbot/stored/updated", 0),
            "unchanged": stats.get("newsbot/stored/unchanged", 0),
            "spilled": stats.get("newsbot/stored/spilled", 0),
        },
        "near_duplicates": stats.get("newsbot/dedup/near_duplicate", 0),
        "dropped": dropped,
        "dropped_total": sum(dropped.values()),
        "feeds": {
            "fetched": stats.get("newsbot/feeds/fetched", 0),
            "entries": stats.get("newsbot/feeds/entries", 0),
        },
        "errors": stats.get("log_count/ERROR", 0),
        "newsbot_stats": {key: value for key, value in stats.items() if key.startswith("newsbot/")},
    }


class RunReport:
    """Writes the run document when the spider closes and logs a one-line summary."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.started_at = datetime.now(UTC)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        return cls(crawler)

    def spider_opened(self) -> None:
        self.started_at = datetime.now(UTC)

    def spider_closed(self, reason: str) -> None:
        spider = self.crawler.spider
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        summary = summarise(stats)
        document = {
            "spider": spider.name if spider else None,
            "job": os.environ.get("SCRAPY_JOB"),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "started_at": self.started_at,
            "finished_at": datetime.now(UTC),
            "finish_reason": reason,
            **summary,
        }
        logger.info(
            "Run summary: spider=%s reason=%s fetched=%d scraped=%d inserted=%d updated=%d unchanged=%d "
            "dropped=%d %s",
            document["spider"],
            reason,
            summary["pages_fetched"],
            summary["items_scraped"],
            summary["stored"]["inserted"],
            summary["stored"]["updated"],
            summary["stored"]["unchanged"],
            summary["dropped_total"],
            summary["dropped"],
        )
        try:
            connection = connect(MongoConfig.from_settings(self.crawler.settings))
        except MongoUnavailable as exc:
            logger.error("Run document not written: %s", exc)
            return
        try:
            connection.database[RUNS_COLLECTION].insert_one(document)
        finally:
            connection.close()
