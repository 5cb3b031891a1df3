"""Article and feed requests survive the disk queue (JOBDIR) and the Redis queue: dict, then pickle."""

from __future__ import annotations

import asyncio
import pickle

from scrapy import Request
from scrapy.utils.request import request_from_dict

from newsbot.crawl.feeds import FeedEntry
from spiders.news import GenericNewsSpider

SITEMAP = "https://example.fr/sitemap.xml"


def round_trip(request: Request, spider: GenericNewsSpider) -> Request:
    data = pickle.dumps(request.to_dict(spider=spider), protocol=4)
    return request_from_dict(pickle.loads(data), spider=spider)


def first_start_request(spider: GenericNewsSpider) -> Request:
    async def first() -> Request:
        async for request in spider.start():
            return request
        raise AssertionError("start() yielded nothing")

    return asyncio.run(first())


def test_an_article_request_with_its_feed_entry_round_trips() -> None:
    spider = GenericNewsSpider(feeds=SITEMAP)
    entry = FeedEntry(url="https://example.fr/a/1", title="Titre", published="2024-03-12T09:41:00Z")
    request = spider.article_request(entry.url, entry)
    assert request is not None

    copy = round_trip(request, spider)

    assert copy.url == request.url
    assert copy.callback == spider.parse_article
    assert copy.cb_kwargs == {"entry": entry}


def test_a_feed_request_round_trips() -> None:
    spider = GenericNewsSpider(feeds=SITEMAP)
    copy = round_trip(first_start_request(spider), spider)
    assert copy.url == SITEMAP
    assert copy.callback == spider.parse_feed
    assert copy.priority == 10
