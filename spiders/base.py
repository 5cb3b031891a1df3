"""The spider every newsbot spider derives from: feeds and sitemaps in, article items out."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from twisted.python.failure import Failure

from newsbot import settings as defaults
from newsbot.crawl.drops import count_drop, reject_feed
from newsbot.crawl.feeds import FeedEntry, FeedTooLarge, parse_feed
from newsbot.crawl.urls import canonicalize_url
from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.history.window import (
    DateWindow,
    child_sitemap_in_window,
    entry_in_window,
    parse_window,
    robots_sitemaps,
)
from newsbot.items import ArticleItem
from newsbot.outlets import OUTLETS, OutletProfile, profile_for_url
from spiders.arguments import SpiderArgumentError, hosts_of, positive_int, split_urls

logger = logging.getLogger(__name__)


def fetch_failure_reason(error: BaseException) -> str | None:
    """Drop reason for a failed download; ``None`` for requests filtered on purpose (robots.txt,
    offsite: Scrapy counts those under ``robotstxt/`` and ``offsite/``)."""
    # DOWNLOAD_MAXSIZE exceeded: announced or received (cancelled), or while decompressing (gzip bomb;
    # HttpCompressionMiddleware raises IgnoreRequest from Scrapy's own, pinned, size error).
    if isinstance(error, DownloadCancelledError | _DecompressionMaxSizeExceeded) or isinstance(
        error.__cause__, _DecompressionMaxSizeExceeded
    ):
        return "too_large"
    if isinstance(error, HttpError):  # a subclass of IgnoreRequest: test it first
        return "http_error"
    if isinstance(error, IgnoreRequest):
        return None
    return "fetch_failed"


def describe_fetch_failure(error: BaseException) -> str:
    """One line for the log: the HTTP status, or the network error without its traceback."""
    if isinstance(error, HttpError) and error.response is not None:
        return f"HTTP {error.response.status}"
    text = " ".join(str(error).split()) or type(error).__name__
    return f"{type(error).__name__}: {text}" if type(error).__name__ not in text else text


class NewsSpider(scrapy.Spider):
    """Discovers articles from RSS/Atom feeds and (news) sitemaps, then extracts each article page.

    Arguments (``-a name=value``):
      ``feeds``: comma-separated feed or sitemap URLs replacing the outlet's defaults;
      ``urls``: comma-separated article URLs to extract directly;
      ``domains``: extra allowed domains (the hosts of ``feeds`` and ``urls`` are always allowed);
      ``max_articles``: stop scheduling article pages after this many;
      ``since``/``until``: a date window (Paris days, inclusive, or ISO date-times): the outlet's
      archive sitemaps are walked, and sitemaps, entries and articles outside the window skipped.
    """

    name: ClassVar[str] = ""  # abstract: concrete spiders name themselves
    outlet_id: ClassVar[str | None] = None
    """Key in ``newsbot.outlets.OUTLETS``; ``None`` for the generic spider."""

    def __init__(
        self,
        *args: Any,
        feeds: str | None = None,
        urls: str | None = None,
        domains: str | None = None,
        max_articles: str | int | None = None,
        since: str | None = None,
        until: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._window_args = (since, until)
        self.timezone = defaults.NEWSBOT_TIMEZONE
        self.window: DateWindow = parse_window(since, until)  # read again in the crawl's time zone
        self.profile: OutletProfile | None = OUTLETS[self.outlet_id] if self.outlet_id else None
        override_feeds = split_urls(feeds, "feeds")
        self.article_urls = split_urls(urls, "urls")
        if override_feeds or self.article_urls:
            self.feed_urls = override_feeds
        elif self.profile is not None and not self.window.is_open:
            # A backfill: the archives first, then today's sitemaps and feeds (a window may reach now).
            self.feed_urls = [*self.profile.archives, *self.profile.sitemaps, *self.profile.feeds]
        elif self.profile is not None:
            self.feed_urls = [*self.profile.feeds, *self.profile.sitemaps]
        else:
            raise SpiderArgumentError(
                f"the {self.name!r} spider needs -a feeds=URL[,URL…] or -a urls=URL[,URL…]"
            )
        allowed = set(self.profile.domains) if self.profile else set()
        allowed |= hosts_of(override_feeds + self.article_urls)
        allowed |= {d.strip() for d in str(domains or "").split(",") if d.strip()}
        self.allowed_domains = sorted(allowed)
        self.max_articles = positive_int(max_articles, "max_articles")
        self._scheduled_articles = 0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.timezone = crawler.settings.get("NEWSBOT_TIMEZONE") or defaults.NEWSBOT_TIMEZONE
        spider.window = parse_window(*spider._window_args, spider.timezone)
        if not spider.window.is_open:
            logger.info("Date window %s", spider.window.describe())
        return spider

    # -- discovery ------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.feed_failed, priority=10)
        for url in self.article_urls:
            request = self.article_request(url)
            if request is not None:
                yield request

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow child sitemaps and schedule every article a feed or sitemap announces."""
        stats = self.crawler.stats
        stats.inc_value("newsbot/feeds/fetched")
        if urlsplit(response.url).path.endswith("/robots.txt"):  # an archive entry point: its Sitemap: lines
            yield from self.follow_sitemaps([FeedEntry(url) for url in robots_sitemaps(response.body)])
            return
        try:
            document = parse_feed(
                response.body, response.url, max_size=self.settings.getint("DOWNLOAD_MAXSIZE")
            )
        except FeedTooLarge as exc:
            reject_feed(self.crawler, "too_large", response.url, str(exc))
            return
        if document.kind == "unknown":
            reject_feed(self.crawler, "unparsable", response.url, "not RSS, Atom or a sitemap")
            return
        yield from self.follow_sitemaps(document.sitemaps)
        stats.inc_value("newsbot/feeds/entries", len(document.entries))
        tz = self.timezone
        for entry in document.entries:
            if not entry_in_window(self.window, entry.published, entry.updated, tz):
                stats.inc_value("newsbot/skipped/out_of_window")
                continue
            request = self.article_request(entry.url, entry)
            if request is not None:
                yield request

    def follow_sitemaps(self, children: list[FeedEntry]) -> Iterator[scrapy.Request]:
        """Requests for the child sitemaps that may hold articles of the date window (all without one)."""
        tz = self.timezone
        for child in children:
            if not child_sitemap_in_window(self.window, child.url, child.updated, tz):
                self.crawler.stats.inc_value("newsbot/sitemaps/skipped/out_of_window")
                continue
            yield scrapy.Request(child.url, callback=self.parse_feed, errback=self.feed_failed, priority=10)

    def article_request(self, url: str, entry: FeedEntry | None = None) -> scrapy.Request | None:
        """The request for one article page, or ``None`` when it is skipped (not an article, limit)."""
        if self.max_articles is not None and self._scheduled_articles >= self.max_articles:
            self.crawler.stats.inc_value("newsbot/feeds/skipped/max_articles")
            return None
        profile = self.profile_for(url)
        if entry is not None and profile is not None and not profile.is_article_path(url):
            self.crawler.stats.inc_value("newsbot/feeds/skipped/not_article")
            return None
        self._scheduled_articles += 1
        return scrapy.Request(
            url, callback=self.parse_article, errback=self.article_failed, cb_kwargs={"entry": entry}
        )

    def feed_failed(self, failure: Failure) -> None:
        """A feed or sitemap that could not be fetched: counted under ``newsbot/feeds/rejected/``."""
        reason = fetch_failure_reason(failure.value)
        if reason is not None:
            reject_feed(self.crawler, reason, failure.request.url, describe_fetch_failure(failure.value))

    def article_failed(self, failure: Failure) -> None:
        """An article page that could not be fetched (too large, HTTP error, network): a counted drop."""
        reason = fetch_failure_reason(failure.value)
        if reason is not None:
            count_drop(self.crawler, reason)
            logger.warning(
                "Article %s dropped (%s): %s",
                failure.request.url,
                reason,
                describe_fetch_failure(failure.value),
            )

    def profile_for(self, url: str) -> OutletProfile | None:
        """The outlet profile used to extract ``url``: the spider's own, else one matching the URL."""
        return self.profile or profile_for_url(url)

    # -- extraction -----------------------------------------------------------------------------

    def parse_article(self, response: Response, entry: FeedEntry | None = None) -> Iterator[ArticleItem]:
        if not isinstance(response, TextResponse):
            count_drop(self.crawler, "not_html")
            logger.info(
                "Skipped %s: not an HTML page (%s)", response.url, response.headers.get("Content-Type")
            )
            return
        profile = self.profile_for(response.url)
        try:
            extracted = extract_article(
                response.body, response.url, encoding=response.encoding, profile=profile
            )
        except Exception:
            count_drop(self.crawler, "extraction_error")
            logger.exception("Extraction failed on %s", response.url)
            return
        yield self.build_item(extracted, response, profile, entry)

    def build_item(
        self,
        extracted: ExtractedArticle,
        response: Response,
        profile: OutletProfile | None,
        entry: FeedEntry | None,
    ) -> ArticleItem:
        """Map the extractor's output (and the feed entry's dates as a fallback) onto the item."""
        published_raw, modified_raw, date_source = (
            extracted.published_raw,
            extracted.modified_raw,
            extracted.date_source,
        )
        if not published_raw and entry is not None and entry.published:
            published_raw, date_source = entry.published, "feed"
        if not modified_raw and entry is not None and entry.updated:
            modified_raw = entry.updated
        return extracted.to_item(
            url=canonicalize_url(response.url, canonical_hint=extracted.canonical_url),
            source=self.source_for(response.url, profile),
            title=extracted.title or (entry.title if entry else None),
            fetched_url=response.url,
            published_raw=published_raw,
            modified_raw=modified_raw,
            date_source=date_source,
            time_zone=extracted.time_zone if date_source != "feed" else None,  # a feed date is RFC 822
        )

    def source_for(self, url: str, profile: OutletProfile | None) -> str:
        """Outlet id: the profile's, else the site's host without ``www.``."""
        if profile is not None:
            return profile.id
        host = urlsplit(url).hostname or "unknown"
        return host.removeprefix("www.")
