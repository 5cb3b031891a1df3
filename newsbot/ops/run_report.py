"""One document per crawl in the ``runs`` collection: what happened, counted, and judged.

When the spider closes, :class:`RunReport` summarises the crawl stats, checks the run's health
(``newsbot.ops.health``), records the verdict in the stats (``newsbot/health/status``, read by the
``crawl`` commands to set the exit code), logs one summary line and writes the ``runs`` document.
Field coverage is counted as items are scraped, under ``newsbot/coverage/<field>`` in the stats.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from pymongo.errors import PyMongoError
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings

import newsbot
from newsbot import settings as defaults
from newsbot.crawl.drops import FEED_REJECTED_PREFIX, drop_reasons
from newsbot.ops.health import FAILED, HealthPolicy, HealthReport, check_health, stored_count
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable, connect
from newsbot.storage.store import MONGO_UNAVAILABLE

logger = logging.getLogger(__name__)

RUNS_COLLECTION = "runs"

COVERAGE_PREFIX = "newsbot/coverage"
COVERAGE_FIELDS = (
    "title",
    "lead",
    "body",
    "authors",
    "section",
    "tags",
    "published_at",
    "modified_at",
    "image_url",
)
"""Fields whose presence is counted on every scraped item (the run's field coverage)."""
SUMMARY_LINE_COVERAGE = ("title", "body", "published_at", "authors", "section")

FEEDS_ALREADY_QUEUED = "newsbot/feeds/already_queued"
"""Feed requests filtered as duplicates (a distributed worker's or a resumed JOBDIR crawl's)."""
SKIPPED_ENTRY_PREFIXES = ("newsbot/feeds/skipped/", "newsbot/incremental/skipped", "newsbot/skipped/")
"""Feed entries deliberately not fetched (not an article, ``max_articles``, unchanged since stored)."""

HANDLER_ERRORS_PREFIX = "newsbot/errors"
"""Exceptions caught by Scrapy in item pipelines (``pipeline``) and signal handlers (``signal_handler``)."""
SIGNAL_HANDLER_ERROR = "Error caught on signal handler"
"""How Scrapy's ``send_catch_log`` logs an exception raised by a signal handler (it counts none)."""

HEALTH_STATUS_STAT = "newsbot/health/status"
HEALTH_FAILED_STAT = "newsbot/health/failed"
UNCHECKED = "unchecked"


def has_value(value: Any) -> bool:
    """A field counts as present unless it is ``None``, an empty string or an empty list."""
    return value is not None and value != "" and value != [] and value != ()


def fields_present(item: Mapping[str, Any]) -> list[str]:
    """The coverage fields that ``item`` carries."""
    return [name for name in COVERAGE_FIELDS if has_value(item.get(name))]


def _sum_prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {key.removeprefix(prefix): value for key, value in stats.items() if key.startswith(prefix)}


def summarise(stats: Mapping[str, Any]) -> dict[str, Any]:
    """The run's outcome counts and field coverage from the crawl stats (pure: testable on a plain dict)."""
    dropped = drop_reasons(stats)
    scraped = stats.get("item_scraped_count", 0)
    with_field = _sum_prefixed(stats, f"{COVERAGE_PREFIX}/")
    coverage = {
        name: (round(with_field.get(name, 0) / scraped, 4) if scraped else None) for name in COVERAGE_FIELDS
    }
    return {
        "pages_fetched": stats.get("response_received_count", 0),
        "items_scraped": scraped,
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
            "skipped": sum(value for key, value in stats.items() if key.startswith(SKIPPED_ENTRY_PREFIXES)),
            "rejected": _sum_prefixed(stats, f"{FEED_REJECTED_PREFIX}/"),
            "already_queued": stats.get(FEEDS_ALREADY_QUEUED, 0),
        },
        "coverage": coverage,
        "errors": stats.get("log_count/ERROR", 0),
        "handler_errors": _sum_prefixed(stats, f"{HANDLER_ERRORS_PREFIX}/"),
        "newsbot_stats": {key: value for key, value in stats.items() if key.startswith("newsbot/")},
    }


def _percent(share: float | None) -> str:
    return "n/a" if share is None else f"{share:.0%}"


def summary_line(document: Mapping[str, Any]) -> str:
    """One concise line with the run's counts, coverage and health verdict."""
    stored = document["stored"]
    feeds = document["feeds"]
    dropped = ", ".join(f"{reason} {count}" for reason, count in sorted(document["dropped"].items()))
    coverage = " ".join(
        f"{name} {_percent(document['coverage'].get(name))}" for name in SUMMARY_LINE_COVERAGE
    )
    health = document.get("health") or {}
    verdict = health.get("status", "not checked")
    if health.get("failed"):
        verdict = f"FAILED ({', '.join(health['failed'])})"
    return (
        f"Run summary: {document['spider']} {document['finish_reason']} in {document['duration_s']:.1f}s: "
        f"{document['pages_fetched']} pages, {feeds['fetched']} feeds ({feeds['entries']} entries), "
        f"{document['items_scraped']} items; stored {stored['inserted']} new, {stored['updated']} updated, "
        f"{stored['unchanged']} unchanged, {stored['spilled']} spilled; "
        f"dropped {document['dropped_total']}{f' ({dropped})' if dropped else ''}; "
        f"{document['errors']} errors; coverage {coverage}; health {verdict}"
    )


def health_policy(settings: BaseSettings) -> HealthPolicy:
    """The health thresholds from the ``NEWSBOT_HEALTH_*`` settings (merged over the defaults)."""
    return HealthPolicy.from_values(
        max_drop_share=settings.get("NEWSBOT_HEALTH_MAX_DROP_SHARE"),
        min_coverage=settings.get("NEWSBOT_HEALTH_MIN_COVERAGE"),
        min_items=settings.get("NEWSBOT_HEALTH_MIN_ITEMS"),
    )


def health_status(stats: Mapping[str, Any]) -> str | None:
    """The verdict a closed crawl left in its stats (``ok``, ``failed``, ``skipped``, ``unchecked``).

    ``None``: the spider never closed (it failed to start).
    """
    return stats.get(HEALTH_STATUS_STAT)


def stored_total(stats: Mapping[str, Any]) -> int:
    """Articles the crawl wrote to MongoDB (new, updated or confirmed unchanged)."""
    return stored_count(summarise(stats))


class RunReport:
    """Counts field coverage, then at close judges health, logs a summary line and writes the run."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.started_at = datetime.now(UTC)
        self.check_enabled = crawler.settings.getbool(
            "NEWSBOT_HEALTH_ENABLED", defaults.NEWSBOT_HEALTH_ENABLED
        )
        self.policy = health_policy(crawler.settings)  # a bad threshold stops the crawl before it starts
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)
        self.signal_errors = _SignalErrorCounter(crawler)
        logging.getLogger("scrapy.utils.signal").addHandler(self.signal_errors)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunReport:
        return cls(crawler)

    def spider_opened(self) -> None:
        self.started_at = datetime.now(UTC)

    def item_scraped(self, item: Any) -> None:
        stats = self.crawler.stats
        for name in fields_present(ItemAdapter(item)):
            stats.inc_value(f"{COVERAGE_PREFIX}/{name}")

    def item_error(self, item: Any, failure: Any = None) -> None:
        """A pipeline raised something other than ``DropItem``: the item is lost, the run unhealthy."""
        self.crawler.stats.inc_value(f"{HANDLER_ERRORS_PREFIX}/pipeline")

    def request_dropped(self, request: Any) -> None:
        """A feed request refused as a duplicate: another worker, or this crawl before a pause, read it."""
        if getattr(request.callback, "__name__", None) == "parse_feed":
            self.crawler.stats.inc_value(FEEDS_ALREADY_QUEUED)

    def spider_closed(self, reason: str) -> None:
        logging.getLogger("scrapy.utils.signal").removeHandler(self.signal_errors)
        stats = self.crawler.stats
        summary = summarise(stats.get_stats())
        health = self.judge(summary, reason)
        document = self.build_document(summary, reason, health)
        for check in health.failed if health else ():
            logger.error("Health check failed for %s: %s: %s", document["spider"], check.name, check.detail)
        level = logging.ERROR if health and health.status == FAILED else logging.INFO
        logger.log(level, "%s", summary_line(document))
        if reason == MONGO_UNAVAILABLE:  # said once at start: don't wait for the server a second time
            logger.info("Run document not written: MongoDB did not answer when the crawl started")
            return
        self.write(document)

    def judge(self, summary: dict[str, Any], reason: str) -> HealthReport | None:
        if not self.check_enabled:
            self.crawler.stats.set_value(HEALTH_STATUS_STAT, UNCHECKED)
            return None
        spider = self.crawler.spider
        health = check_health(
            summary,
            self.policy,
            feeds_configured=len(getattr(spider, "feed_urls", None) or ()),
            finish_reason=reason,
            shared_frontier=bool(self.crawler.settings.get("NEWSBOT_REDIS_URL")),
        )
        self.crawler.stats.set_value(HEALTH_STATUS_STAT, health.status)
        self.crawler.stats.set_value(HEALTH_FAILED_STAT, len(health.failed))
        return health

    def build_document(
        self, summary: dict[str, Any], reason: str, health: HealthReport | None
    ) -> dict[str, Any]:
        spider = self.crawler.spider
        finished_at = datetime.now(UTC)
        return {
            "spider": spider.name if spider else None,
            # scrapyd passes the job id as the ``_job`` spider argument.
            "job": getattr(spider, "_job", None) or os.environ.get("SCRAPY_JOB"),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "newsbot_version": newsbot.__version__,
            "code": str(Path(newsbot.__file__).parent.parent),
            "started_at": self.started_at,
            "finished_at": finished_at,
            "duration_s": round((finished_at - self.started_at).total_seconds(), 3),
            "finish_reason": reason,
            "concurrency": self.crawler.settings.getint("CONCURRENT_REQUESTS"),
            **summary,
            "health": health.as_document() if health else None,
            "progress": self.crawler.stats.get_value("progress"),  # long ingestions (the warc spider)
        }

    def write(self, document: dict[str, Any]) -> None:
        try:
            connection = connect(MongoConfig.from_settings(self.crawler.settings))
        except MongoUnavailable as exc:
            logger.error("Run document not written: %s", exc)
            return
        try:
            connection.database[RUNS_COLLECTION].insert_one(document)
        except PyMongoError as exc:
            logger.error("Run document not written: %s: %s", type(exc).__name__, exc)
        finally:
            connection.close()


class _SignalErrorCounter(logging.Handler):
    """Counts the signal-handler exceptions Scrapy logs for this crawler's spider."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(logging.ERROR)
        self.crawler = crawler

    def emit(self, record: logging.LogRecord) -> None:
        if not str(record.msg).startswith(SIGNAL_HANDLER_ERROR):
            return
        spider = getattr(record, "spider", None)
        if spider is not None and spider is not self.crawler.spider:
            return  # another crawler of the same process
        self.crawler.stats.inc_value(f"{HANDLER_ERRORS_PREFIX}/signal_handler")
