"""Dropping an item always leaves a reason in the crawl stats."""

from __future__ import annotations

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

DROPPED_PREFIX = "newsbot/dropped"


def drop(crawler: Crawler, reason: str, detail: str = "") -> DropItem:
    """Count a drop under ``newsbot/dropped/<reason>`` and return the exception to raise."""
    if crawler.stats is not None:
        crawler.stats.inc_value(f"{DROPPED_PREFIX}/{reason}")
        crawler.stats.inc_value(DROPPED_PREFIX)
    return DropItem(f"{reason}: {detail}" if detail else reason)
