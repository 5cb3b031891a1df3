"""Log lines that name an item by its URL instead of dumping the whole article."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.logformatter import LogFormatter


def _describe(item: Any) -> str:
    try:
        adapter = ItemAdapter(item)
    except TypeError:
        return repr(item)[:200]
    return str(adapter.get("url") or adapter.get("fetched_url") or "<no url>")


class ConciseLogFormatter(LogFormatter):
    """Scraped items at DEBUG with their URL only; drops at INFO with reason and URL."""

    def __init__(self, log_scraped: bool = True) -> None:
        super().__init__()
        self.log_scraped = log_scraped

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConciseLogFormatter:
        return cls(log_scraped=_level(crawler.settings.get("LOG_LEVEL")) <= logging.DEBUG)

    def scraped(self, item: Any, response: Any, spider: Any) -> dict[str, Any] | None:
        # None (Scrapy then logs nothing) below LOG_LEVEL: Scrapy's root handler would discard the
        # record, but only after an adapter, a message and a record were built for every item.
        if not self.log_scraped:
            return None
        return {
            "level": logging.DEBUG,
            "msg": "Scraped %(item)s",
            "args": {"item": _describe(item)},
        }

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> dict[str, Any]:
        return {
            "level": logging.INFO,
            "msg": "Dropped %(item)s: %(exception)s",
            "args": {"item": _describe(item), "exception": exception},
        }


def _level(value: Any) -> int:
    """A LOG_LEVEL setting (name or number) as a number; an unknown name counts as DEBUG."""
    if isinstance(value, str):
        number = logging.getLevelName(value.upper())
        return number if isinstance(number, int) else logging.DEBUG
    return int(value) if value is not None else logging.DEBUG
