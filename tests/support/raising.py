"""Components that raise, to check that a crash in a signal handler or a pipeline fails the run.

Enabled in a test crawl with ``-s EXTENSIONS=…`` / ``-s ITEM_PIPELINES=…`` (Scrapy appends the project
directory to ``sys.path``, so ``tests.support.raising`` imports from the repository root).
"""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler


class RaisingItemScrapedHandler:
    """An extension whose ``item_scraped`` handler raises on every item."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RaisingItemScrapedHandler:
        extension = cls()
        crawler.signals.connect(extension.item_scraped, signal=signals.item_scraped)
        return extension

    def item_scraped(self, item: Any) -> None:
        raise RuntimeError("handler bug for the test")


class RaisingPipeline:
    """An item pipeline that raises (not ``DropItem``) on every item."""

    def process_item(self, item: Any) -> Any:
        raise ValueError("pipeline bug for the test")
