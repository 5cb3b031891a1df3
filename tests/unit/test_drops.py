"""The drop contract: reasons counted in one place, the total equal to the sum of its reasons."""

from __future__ import annotations

import pytest
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from newsbot.crawl.drops import count_drop, drop, drops_balance, reject_feed
from spiders.base import describe_fetch_failure, fetch_failure_reason
from spiders.news import GenericNewsSpider


def http_error(status: int) -> HttpError:
    response = HtmlResponse(
        "https://example.fr/a", status=status, body=b"", request=Request("https://example.fr/a")
    )
    return HttpError(response, "Ignoring non-200 response")


def test_an_http_error_is_not_mistaken_for_a_deliberate_ignore() -> None:
    assert issubclass(HttpError, IgnoreRequest)
    assert fetch_failure_reason(http_error(404)) == "http_error"
    assert fetch_failure_reason(IgnoreRequest("robots.txt")) is None
    assert (
        fetch_failure_reason(DNSLookupError("no results for hostname lookup: nowhere.invalid"))
        == "fetch_failed"
    )


def test_failures_are_described_in_one_line() -> None:
    assert describe_fetch_failure(http_error(404)) == "HTTP 404"
    assert describe_fetch_failure(http_error(503)) == "HTTP 503"
    line = describe_fetch_failure(DNSLookupError("no results for hostname lookup:\n nowhere.invalid"))
    assert "\n" not in line and "nowhere.invalid" in line and "DNS" in line


def test_every_drop_counts_in_the_total() -> None:
    crawler = get_crawler()
    crawler.stats.open_spider()
    count_drop(crawler, "not_html")
    count_drop(crawler, "http_error")
    exception = drop(crawler, "empty", "no text on https://example.fr/a")
    assert str(exception) == "empty: no text on https://example.fr/a"
    stats = crawler.stats.get_stats()
    assert stats["newsbot/dropped"] == 3 and drops_balance(stats)
    assert not drops_balance({**stats, "newsbot/dropped/not_html": 2})
    with pytest.raises(ValueError, match="unknown reason"):
        count_drop(crawler, "misspelt")


def test_the_spider_counts_http_errors_on_feeds_and_articles(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(GenericNewsSpider)
    spider = GenericNewsSpider.from_crawler(crawler, feeds="https://example.fr/rss")
    crawler.spider = spider
    crawler.stats.open_spider()
    feed = Failure(http_error(404))
    feed.request = Request("https://example.fr/rss")  # type: ignore[attr-defined]
    article = Failure(http_error(410))
    article.request = Request("https://example.fr/a")  # type: ignore[attr-defined]
    with caplog.at_level("WARNING"):
        spider.feed_failed(feed)
        spider.article_failed(article)
    stats = crawler.stats.get_stats()
    assert stats["newsbot/feeds/rejected/http_error"] == 1
    assert stats["newsbot/dropped/http_error"] == 1 and drops_balance(stats)
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        "Feed https://example.fr/rss rejected (http_error): HTTP 404",
        "Article https://example.fr/a dropped (http_error): HTTP 410",
    ]
    reject_feed(crawler, "unparsable", "https://example.fr/x", "not RSS")
    assert crawler.stats.get_value("newsbot/feeds/rejected/unparsable") == 1
