"""The aggregator spider: news aggregator pages in, the articles they point to out.

Each excerpt an aggregator shows is stored under the original outlet's URL with the aggregator
recorded in ``seen_on``. When the original belongs to an outlet we crawl (a known outlet profile, or
a host given with ``-a follow=``), the link is followed and the full article replaces the excerpt;
otherwise, or when that fetch fails, the excerpt is stored as ``kind="excerpt"``: its text goes to
``lead`` with ``body_truncated`` set, never into ``body`` as if it were the full article.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from newsbot.crawl.drops import count_drop
from newsbot.crawl.feeds import FeedEntry
from newsbot.crawl.urls import canonicalize_url
from newsbot.extraction.aggregator import AggregatedEntry, extract_aggregated_entries
from newsbot.items import ArticleItem
from newsbot.outlets import OUTLETS, profile_for_url
from spiders.base import NewsSpider


class AggregatorSpider(NewsSpider):
    """Arguments: ``urls``/``feeds`` (aggregator pages or their feeds; required), ``aggregator`` (the id
    recorded in ``seen_on``; default: the aggregator's host), ``follow`` (extra ``host[:port]`` whose
    articles are followed, e.g. a local mirror of an outlet)."""

    name = "aggregator"
    outlet_id = None

    def __init__(
        self, *args: Any, aggregator: str | None = None, follow: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        first = (self.article_urls or self.feed_urls)[0]
        self.aggregator_id = aggregator or (urlsplit(first).hostname or "aggregator").removeprefix("www.")
        self.follow = {part.strip().lower() for part in (follow or "").split(",") if part.strip()}
        outlet_domains = {domain for profile in OUTLETS.values() for domain in profile.domains}
        follow_hosts = {host.split(":")[0] for host in self.follow}
        self.allowed_domains = sorted(set(self.allowed_domains) | outlet_domains | follow_hosts)

    def is_followed(self, url: str) -> bool:
        """The article lives on an outlet we crawl, so its full text can replace the excerpt."""
        parts = urlsplit(url)
        return profile_for_url(url) is not None or (parts.netloc or "").lower() in self.follow

    def parse_article(self, response: Response, entry: FeedEntry | None = None) -> Iterator[Any]:
        """An aggregator page: one excerpt per "Lire la suite" item."""
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            count_drop(self.crawler, "not_html")
            self.logger.info("Skipped %s: not an HTML page", response.url)
            return
        entries = extract_aggregated_entries(response.body, response.url, encoding=response.encoding)
        stats.inc_value("newsbot/aggregator/pages")
        stats.inc_value("newsbot/aggregator/entries", len(entries))
        for aggregated in entries:
            if self.is_followed(aggregated.url):
                stats.inc_value("newsbot/aggregator/followed")
                yield scrapy.Request(
                    aggregated.url,
                    callback=self.parse_original,
                    errback=self.excerpt_when_unreachable,
                    cb_kwargs={"aggregated": aggregated, "page_url": response.url},
                )
            else:
                yield self.excerpt_item(aggregated, response.url)

    def parse_original(
        self, response: Response, aggregated: AggregatedEntry, page_url: str
    ) -> Iterator[ArticleItem]:
        """The original article: stored in full, remembering the aggregator it was seen on."""
        items = list(super().parse_article(response, None))
        if not items:  # not HTML, or extraction failed: keep at least the excerpt
            items = [self.excerpt_item(aggregated, page_url)]
        for item in items:
            item.seen_on = [self.aggregator_id]
            yield item

    def excerpt_when_unreachable(self, failure: Failure) -> Iterator[ArticleItem]:
        request = failure.request
        self.crawler.stats.inc_value("newsbot/aggregator/original_unreachable")
        self.logger.info("Original %s unreachable (%s); keeping the excerpt", request.url, failure.value)
        yield self.excerpt_item(request.cb_kwargs["aggregated"], request.cb_kwargs["page_url"])

    def excerpt_item(self, aggregated: AggregatedEntry, page_url: str) -> ArticleItem:
        self.crawler.stats.inc_value("newsbot/aggregator/excerpts")
        profile = profile_for_url(aggregated.url)
        return ArticleItem(
            url=canonicalize_url(aggregated.url),
            source=self.source_for(aggregated.url, profile),
            title=aggregated.title,
            lead=aggregated.summary,
            body=None,
            kind="excerpt",
            body_truncated=True,
            seen_on=[self.aggregator_id],
            fetched_url=page_url,
            published_raw=aggregated.published_raw,
            date_source="aggregator" if aggregated.published_raw else None,
            extraction_method="aggregator",
        )
