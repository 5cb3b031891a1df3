"""Turn the raw published/modified strings into timezone-aware UTC datetimes (``newsbot.dates``)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newsbot.dates import parse_byline, parse_date

logger = logging.getLogger(__name__)

FUTURE_TOLERANCE = timedelta(days=1)


class DatePipeline:
    """Fills ``published_at``/``modified_at``; a date that cannot be read is left null and counted."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.tz = crawler.settings.get("NEWSBOT_TIMEZONE", "Europe/Paris")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        crawled_at: datetime = adapter.get("crawled_at") or datetime.now(UTC)
        published = self._read(adapter, "published", crawled_at)
        modified = self._read(adapter, "modified", crawled_at)
        if published is None and adapter.get("date_source") == "byline" and adapter.get("published_raw"):
            byline = parse_byline(adapter["published_raw"], now=crawled_at, tz=self.tz)
            published, modified = byline.published, modified or byline.modified
        if published is not None and modified is not None and modified < published:
            self.crawler.stats.inc_value("newsbot/dates/modified_before_published")
            modified = None
        adapter["published_at"], adapter["modified_at"] = published, modified
        if published is None:
            self.crawler.stats.inc_value("newsbot/dates/published_missing")
        return item

    def _read(self, adapter: ItemAdapter, name: str, crawled_at: datetime) -> datetime | None:
        stats = self.crawler.stats
        value = adapter.get(f"{name}_at") or adapter.get(f"{name}_raw")
        if not value:
            return None
        parsed = parse_date(value, now=crawled_at, tz=self.tz)
        if parsed is None:
            stats.inc_value(f"newsbot/dates/unparsable_{name}")
            logger.info("Unreadable %s date %r on %s", name, value, adapter.get("url"))
            return None
        if parsed > crawled_at + FUTURE_TOLERANCE:
            stats.inc_value(f"newsbot/dates/future_{name}")
            logger.info("Future %s date %r on %s ignored", name, value, adapter.get("url"))
            return None
        return parsed
