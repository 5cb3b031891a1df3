"""A spider built the way Scrapy builds one (``from_crawler`` on a test crawler, its stats open), for tests
that call its methods directly without running a crawl."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from spiders.base import NewsSpider


def make_spider(cls: type[NewsSpider], **kwargs: str) -> NewsSpider:
    """An instance of ``cls`` with spider arguments ``kwargs``, attached to its crawler."""
    crawler = get_crawler(cls)
    spider = cls.from_crawler(crawler, **kwargs)
    crawler.spider = spider
    crawler.stats.open_spider()
    return spider
