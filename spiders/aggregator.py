"""The aggregator spider: news aggregator pages in, one record per excerpt they show.

Every excerpt on an aggregator page — the main one and each related item — becomes its own record.
An item linking to the aggregator's own item page is followed there (that page carries the outbound
link); an item linking to an original on an outlet we crawl (a known outlet profile, or a host given
with ``-a follow=``) is followed and the full article replaces the excerpt. Otherwise, or when that
fetch fails, the excerpt is stored as ``kind="excerpt"``: title, summary in ``lead``,
``body_truncated`` set, under the original's URL when known (else the aggregator's item URL), the
aggregator in ``seen_on`` and the outlet and date of its "source · il y a 2 heures" line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from twisted.python.failure import Failure

from newsbot.crawl.drops import count_drop
from newsbot.crawl.feeds import FeedEntry
from newsbot.crawl.urls import canonicalize_url
from newsbot.extraction.aggregator import AggregatedEntry, extract_aggregated_entries
from newsbot.items import ArticleItem
from newsbot.ops.health import HealthConfigError, parse_shares
from newsbot.outlets import OUTLETS, profile_for_url
from spiders.base import NewsSpider

COVERAGE_SETTING = "NEWSBOT_HEALTH_MIN_COVERAGE"
EXCERPT_MIN_COVERAGE = {"body": 0.0, "published_at": 0.0}
ITEM_PAGE_DEPTH = "aggregator_depth"
"""Request meta: how many aggregator item pages were followed to reach this one."""
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.IGNORECASE)


def outlet_id(written: str | None) -> str | None:
    """The id of an outlet named on a page ("Le Monde", "lemonde.fr" -> "lemonde"), its domain when
    the name is one, else ``None``."""
    if not written:
        return None
    folded = written.strip().casefold()
    for profile in OUTLETS.values():
        names = {
            profile.id,
            profile.name.casefold(),
            *profile.domains,
            *(f"www.{d}" for d in profile.domains),
        }
        if folded in names:
            return profile.id
    return folded.removeprefix("www.") if _DOMAIN.match(folded) else None


def linkless_item_url(page_url: str, title: str | None, summary: str | None) -> str:
    """An item with no link of its own is stored under its page's URL, named by its title."""
    words = (
        unicodedata.normalize("NFKD", (title or summary or "").casefold()).encode("ascii", "ignore").decode()
    )
    slug = "-".join(re.findall(r"[a-z0-9]+", words)[:10]) or "extrait"
    page = canonicalize_url(page_url)
    return f"{page}{'&' if '?' in page else '?'}extrait={slug}"


class AggregatorSpider(NewsSpider):
    """Arguments: ``urls``/``feeds`` (aggregator pages or their feeds; required), ``aggregator`` (the id
    recorded in ``seen_on``; default: the aggregator's host), ``follow`` (extra ``host[:port]`` whose
    articles are followed, e.g. a local mirror of an outlet)."""

    name = "aggregator"
    outlet_id = None

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        """Excerpts have no body by design and show a date only when the page prints one: the run is
        judged on titles, drops and errors, not on body and date coverage. Thresholds from the
        environment are merged over these; a ``-s`` value replaces them."""
        super().update_settings(settings)
        current = settings.get(COVERAGE_SETTING)
        try:
            merged = {**EXCERPT_MIN_COVERAGE, **parse_shares(current, "min coverage")}
        except HealthConfigError:
            return  # the run report stops the crawl with one clear line
        # At least spider priority: the crawl command re-applies the project's settings over the crawler's.
        priority = max(settings.getpriority(COVERAGE_SETTING) or 0, SETTINGS_PRIORITIES["spider"])
        settings.set(COVERAGE_SETTING, json.dumps(merged), priority=priority)

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

    def parse_article(
        self, response: Response, entry: FeedEntry | None = None, listed: AggregatedEntry | None = None
    ) -> Iterator[Any]:
        """An aggregator page: one record per excerpt (``listed``: how a listing page showed this one;
        when its item page gives nothing, that excerpt is kept)."""
        stats = self.crawler.stats
        entries = self.page_entries(response)
        depth = response.request.meta.get(ITEM_PAGE_DEPTH, 0) if response.request is not None else 0
        if not entries and listed is not None:
            stats.inc_value("newsbot/aggregator/item_page_without_excerpt")
            yield self.excerpt_item(listed, response.url)
            return
        for aggregated in entries:
            if aggregated.main and listed is not None:
                aggregated = _completed(aggregated, listed)
            yield from self.handle(aggregated, response.url, depth)

    def page_entries(self, response: Response) -> list[AggregatedEntry]:
        """The excerpts of one page; none (counted) for a page that is not HTML or cannot be read."""
        stats = self.crawler.stats
        if not isinstance(response, TextResponse):
            count_drop(self.crawler, "not_html")
            self.logger.info("Skipped %s: not an HTML page", response.url)
            return []
        try:
            entries = extract_aggregated_entries(response.body, response.url, encoding=response.encoding)
        except Exception:
            count_drop(self.crawler, "extraction_error")
            self.logger.exception("Aggregator extraction failed on %s", response.url)
            return []
        stats.inc_value("newsbot/aggregator/pages")
        stats.inc_value("newsbot/aggregator/entries", len(entries))
        if not entries:
            stats.inc_value("newsbot/aggregator/pages_without_excerpt")
            self.logger.info("No excerpt found on aggregator page %s", response.url)
        return entries

    def handle(self, aggregated: AggregatedEntry, page_url: str, depth: int) -> Iterator[Any]:
        """Follow the excerpt where it leads, or store it."""
        stats = self.crawler.stats
        url = aggregated.url
        if url and aggregated.internal and not aggregated.main and depth < 1:
            stats.inc_value("newsbot/aggregator/item_pages_followed")
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.excerpt_when_unreachable,
                cb_kwargs={"listed": aggregated},
                meta={ITEM_PAGE_DEPTH: depth + 1, "aggregated": aggregated, "page_url": page_url},
            )
        elif url and not aggregated.internal and self.is_followed(url):
            stats.inc_value("newsbot/aggregator/followed")
            yield scrapy.Request(
                url,
                callback=self.parse_original,
                errback=self.excerpt_when_unreachable,
                cb_kwargs={"aggregated": aggregated, "page_url": page_url},
                meta={"aggregated": aggregated, "page_url": page_url},
            )
        else:
            yield self.excerpt_item(aggregated, page_url)

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
        """The original (or the aggregator's item page) could not be fetched: the excerpt is kept."""
        request = failure.request
        self.crawler.stats.inc_value("newsbot/aggregator/original_unreachable")
        self.logger.info("%s unreachable (%s); keeping the excerpt", request.url, failure.value)
        yield self.excerpt_item(request.meta["aggregated"], request.meta["page_url"])

    def excerpt_item(self, aggregated: AggregatedEntry, page_url: str) -> ArticleItem:
        self.crawler.stats.inc_value("newsbot/aggregator/excerpts")
        if aggregated.url:
            url = canonicalize_url(aggregated.url)
        elif aggregated.main:
            url = canonicalize_url(page_url)
        else:
            url = linkless_item_url(page_url, aggregated.title, aggregated.summary)
        return ArticleItem(
            url=url,
            source=self.excerpt_source(aggregated, page_url),
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

    def excerpt_source(self, aggregated: AggregatedEntry, page_url: str) -> str:
        """The outlet named by the source line, else the original's host, else the aggregator."""
        named = outlet_id(aggregated.outlet)
        if named:
            return named
        if aggregated.url and not aggregated.internal:
            return self.source_for(aggregated.url, profile_for_url(aggregated.url))
        if aggregated.outlet:
            return aggregated.outlet.strip()
        return self.aggregator_id


def _completed(found: AggregatedEntry, listed: AggregatedEntry) -> AggregatedEntry:
    """An item page's main excerpt, with what only the listing showed (title, outlet, date)."""
    return AggregatedEntry(
        url=found.url or listed.url,
        title=found.title or listed.title,
        summary=found.summary or listed.summary,
        truncated=found.truncated if found.summary else listed.truncated,
        published_raw=found.published_raw or listed.published_raw,
        outlet=found.outlet or listed.outlet,
        internal=found.internal if found.url else listed.internal,
        main=True,
    )
