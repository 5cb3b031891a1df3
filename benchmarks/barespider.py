"""The benchmark's baseline: a bare Scrapy spider that reads the same feeds and sitemaps and yields
only each article page's raw HTML length (Scrapy's own sitemap reader, XPath for RSS)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap


class BareSpider(scrapy.Spider):
    name = "bench_bare"

    def __init__(self, *args: Any, feeds: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.feed_urls = [url for url in feeds.split(",") if url]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, priority=10)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        if b"<rss" in response.body[:500]:
            for link in response.xpath("//item/link/text()").getall():
                yield scrapy.Request(link.strip(), callback=self.parse_page)
            return
        sitemap = Sitemap(response.body)
        for entry in sitemap:
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(entry["loc"], callback=self.parse_feed, priority=10)
            else:
                yield scrapy.Request(entry["loc"], callback=self.parse_page)

    def parse_page(self, response: Response) -> Iterator[dict[str, Any]]:
        yield {"url": response.url, "length": len(response.body)}
