"""Every spider, on the project's own outlet pages: arguments, discovery and the item it builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, XmlResponse

from newsbot.crawl.feeds import FeedEntry
from newsbot.items import ArticleItem
from newsbot.outlets import OUTLETS
from spiders.aggregator import AggregatorSpider
from spiders.base import NewsSpider
from spiders.news import GenericNewsSpider
from spiders.outlets import (
    France24Spider,
    FranceInfoSpider,
    LeFigaroSpider,
    LeMondeSpider,
    LiberationSpider,
    OuestFranceSpider,
    RfiSpider,
    VingtMinutesSpider,
)
from tests.support.spider_factory import make_spider

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"

OUTLET_PAGES = {
    RfiSpider: "rfi_article.html",
    LeFigaroSpider: "lefigaro_article.html",
    LeMondeSpider: "lemonde_paywalled.html",
    France24Spider: "france24_video.html",
    FranceInfoSpider: "franceinfo_article.html",
    VingtMinutesSpider: "20minutes_article.html",
    LiberationSpider: "liberation_article.html",
    OuestFranceSpider: "ouestfrance_article.html",
}


def page_response(name: str) -> HtmlResponse:
    raw = (PAGES / name).read_bytes()
    url = re.search(rb'rel="canonical" href="([^"]+)"', raw).group(1).decode()
    return HtmlResponse(url=url, body=raw, encoding="utf-8")


def test_every_outlet_has_a_spider() -> None:
    assert {cls.outlet_id for cls in OUTLET_PAGES} == set(OUTLETS)


@pytest.mark.parametrize("cls", list(OUTLET_PAGES), ids=lambda cls: cls.name)
def test_outlet_spider_defaults_come_from_its_profile(cls: type[NewsSpider]) -> None:
    spider = make_spider(cls)
    profile = OUTLETS[cls.outlet_id]
    assert spider.feed_urls == [*profile.feeds, *profile.sitemaps] and spider.feed_urls
    assert set(profile.domains) <= set(spider.allowed_domains)


@pytest.mark.parametrize(("cls", "page"), list(OUTLET_PAGES.items()), ids=lambda v: getattr(v, "name", v))
def test_outlet_spider_builds_the_item(cls: type[NewsSpider], page: str) -> None:
    spider = make_spider(cls)
    response = page_response(page)
    entry = FeedEntry(url=response.url, published="Tue, 12 Mar 2024 09:41:00 GMT")
    (item,) = list(spider.parse_article(response, entry))
    assert isinstance(item, ArticleItem)
    assert item.source == cls.outlet_id
    assert item.url.startswith("https://") and item.fetched_url == response.url
    assert item.title and (item.body or item.lead)
    assert item.published_raw, "page date, or the feed's as a fallback"
    assert item.kind in {"article", "live", "video", "podcast"}


def test_feed_and_url_overrides_replace_defaults_and_allow_their_hosts() -> None:
    spider = make_spider(
        RfiSpider,
        feeds="http://127.0.0.1:8000/fr/rss, http://127.0.0.1:8000/sitemap.xml",
        urls="http://mirror.test/a",
    )
    assert spider.feed_urls == ["http://127.0.0.1:8000/fr/rss", "http://127.0.0.1:8000/sitemap.xml"]
    assert spider.article_urls == ["http://mirror.test/a"]
    assert {"127.0.0.1", "mirror.test", "rfi.fr"} <= set(spider.allowed_domains)


def test_generic_spider_needs_feeds_or_urls_and_rejects_bad_ones() -> None:
    with pytest.raises(ValueError, match="needs -a feeds"):
        make_spider(GenericNewsSpider)
    with pytest.raises(ValueError, match="expected absolute http"):
        make_spider(GenericNewsSpider, urls="javascript:alert(1)")
    spider = make_spider(GenericNewsSpider, urls="https://www.example-journal.fr/a")
    assert spider.source_for("https://www.example-journal.fr/a", None) == "example-journal.fr"


def test_feed_parsing_schedules_articles_and_skips_index_pages() -> None:
    spider = make_spider(RfiSpider, feeds="http://127.0.0.1:8000/fr/rss", max_articles="2")
    feed = b"""<rss><channel>
      <item><link>http://127.0.0.1:8000/fr/afrique/20240312-un-article</link></item>
      <item><link>http://127.0.0.1:8000/fr/afrique/</link></item>
      <item><link>http://127.0.0.1:8000/fr/france/20240313-un-autre</link></item>
      <item><link>http://127.0.0.1:8000/fr/france/20240314-au-dela-de-la-limite</link></item>
    </channel></rss>"""
    requests = list(spider.parse_feed(XmlResponse(url="http://127.0.0.1:8000/fr/rss", body=feed)))
    assert [r.url for r in requests] == [
        "http://127.0.0.1:8000/fr/afrique/20240312-un-article",
        "http://127.0.0.1:8000/fr/france/20240313-un-autre",
    ]
    stats = spider.crawler.stats
    assert stats.get_value("newsbot/feeds/skipped/not_article") == 1
    assert stats.get_value("newsbot/feeds/skipped/max_articles") == 1


def test_sitemap_index_follows_children_and_bad_feeds_are_counted() -> None:
    spider = make_spider(RfiSpider, feeds="http://127.0.0.1:8000/sitemap.xml")
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://127.0.0.1:8000/sitemap-1.xml</loc></sitemap></sitemapindex>"""
    (child,) = list(spider.parse_feed(XmlResponse(url="http://127.0.0.1:8000/sitemap.xml", body=index)))
    assert isinstance(child, Request) and child.callback == spider.parse_feed
    assert (
        list(spider.parse_feed(HtmlResponse(url="http://127.0.0.1:8000/x", body=b"<html>nope</html>"))) == []
    )
    assert spider.crawler.stats.get_value("newsbot/feeds/rejected/unparsable") == 1


def test_aggregator_spider_follows_crawled_outlets_and_keeps_excerpts() -> None:
    spider = make_spider(AggregatorSpider, urls="http://agg.test/page", follow="127.0.0.1:9000")
    page = b"""<html><body><main>
      <div><h3><a href="https://www.rfi.fr/fr/afrique/20240312-x">Un titre RFI</a></h3>
        <p>Un r\xc3\xa9sum\xc3\xa9 coup\xc3\xa9 au milieu d'un m</p><a href="https://www.rfi.fr/fr/afrique/20240312-x">Lire la suite \xc2\xbb</a></div>
      <div><h3>Ailleurs</h3><p>Un autre r\xc3\xa9sum\xc3\xa9 de cet article publi\xc3\xa9 ailleurs\xe2\x80\xa6</p>
        <a href="https://www.example-journal.fr/b">Lire la suite \xc2\xbb</a></div>
      <div><h3>Miroir</h3><p>Un r\xc3\xa9sum\xc3\xa9 d'un article sur un miroir local\xe2\x80\xa6</p>
        <a href="http://127.0.0.1:9000/c">Lire la suite \xc2\xbb</a></div>
    </main></body></html>"""
    out = list(spider.parse_article(HtmlResponse(url="http://agg.test/page", body=page, encoding="utf-8")))
    followed = [o.url for o in out if isinstance(o, Request)]
    excerpts = [o for o in out if isinstance(o, ArticleItem)]
    assert followed == ["https://www.rfi.fr/fr/afrique/20240312-x", "http://127.0.0.1:9000/c"]
    (excerpt,) = excerpts
    assert excerpt.url == "https://www.example-journal.fr/b" and excerpt.kind == "excerpt"
    assert excerpt.body is None and excerpt.body_truncated and excerpt.lead.startswith("Un autre résumé")
    assert excerpt.seen_on == ["agg.test"] and excerpt.source == "example-journal.fr"
