"""Outlet spiders in a date window: archives first, robots.txt Sitemap: lines followed within the window."""

from __future__ import annotations

import pytest
from scrapy.http import TextResponse

from newsbot.outlets import OUTLETS
from spiders.outlets import LeMondeSpider, RfiSpider
from tests.support.spider_factory import make_spider


@pytest.mark.parametrize("outlet", sorted(OUTLETS))
def test_every_outlet_lists_archive_entry_points(outlet: str) -> None:
    archives = OUTLETS[outlet].archives
    assert archives and all(url.startswith("https://") for url in archives)
    assert all(OUTLETS[outlet].matches(url) for url in archives)  # on the outlet's own domains


def test_a_window_starts_from_the_archives_then_today_s_sources() -> None:
    profile = OUTLETS["lemonde"]
    spider = make_spider(LeMondeSpider, since="2024-01-01", until="2024-03-31")
    assert spider.feed_urls == [*profile.archives, *profile.sitemaps, *profile.feeds]
    assert make_spider(LeMondeSpider).feed_urls == [*profile.feeds, *profile.sitemaps]


def test_robots_txt_sitemaps_are_followed_within_the_window() -> None:
    spider = make_spider(RfiSpider, since="2024-02-01", until="2024-02-29")
    robots = TextResponse(
        "https://www.rfi.fr/robots.txt",
        body=(
            b"User-agent: *\nDisallow: /search\n"
            b"Sitemap: https://www.rfi.fr/sitemaps/fr/2024-01.xml\n"
            b"Sitemap: https://www.rfi.fr/sitemaps/fr/2024-02.xml\n"
            b"Sitemap: https://www.rfi.fr/sitemaps/fr/sections.xml\n"
        ),
        encoding="utf-8",
    )
    followed = [request.url for request in spider.parse_feed(robots)]
    assert followed == [
        "https://www.rfi.fr/sitemaps/fr/2024-02.xml",
        "https://www.rfi.fr/sitemaps/fr/sections.xml",
    ]
    assert spider.crawler.stats.get_value("newsbot/sitemaps/skipped/out_of_window") == 1
