"""Turn the raw published/modified strings into timezone-aware UTC datetimes (``newsbot.dates``)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newsbot import settings as defaults
from newsbot.dates import parse_byline, parse_date

logger = logging.getLogger(__name__)


class DatePipeline:
    """Fills ``published_at``/``modified_at``; a date that cannot be read is left null and counted."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.tz = crawler.settings.get("NEWSBOT_TIMEZONE") or defaults.NEWSBOT_TIMEZONE

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        crawled_at: datetime = adapter.get("crawled_at") or datetime.now(UTC)
        raw = adapter.get("published_raw")
        if adapter.get("date_source") == "byline" and isinstance(raw, str) and raw:
            # A visible byline may carry both dates: "Publié le … Modifié le …".
            byline = parse_byline(raw, now=crawled_at, tz=self.tz)
            published, from_byline = byline.published, byline.modified
            if published is None:
                self.crawler.stats.inc_value("newsbot/dates/unparsable_published")
                logger.info("Unreadable byline %r on %s", raw, adapter.get("url"))
        else:
            published, from_byline = self._read(adapter, "published", crawled_at), None
        modified = self._read(adapter, "modified", crawled_at) or from_byline
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
        parsed = parse_date(value, now=crawled_at, tz=self.tz)  # None for garbage and implausible dates
        if parsed is None:
            stats.inc_value(f"newsbot/dates/unparsable_{name}")
            logger.info("Unreadable %s date %r on %s", name, value, adapter.get("url"))
            return None
        return parsed
