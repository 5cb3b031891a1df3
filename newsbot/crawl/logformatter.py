"""Log lines that name an item by its URL instead of dumping the whole article."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter


def _describe(item: Any) -> str:
    try:
        adapter = ItemAdapter(item)
    except TypeError:
        return repr(item)[:200]
    return str(adapter.get("url") or adapter.get("fetched_url") or "<no url>")


class ConciseLogFormatter(LogFormatter):
    """Scraped items at DEBUG with their URL only; drops at INFO with reason and URL."""

    def scraped(self, item: Any, response: Any, spider: Any) -> dict[str, Any]:
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
