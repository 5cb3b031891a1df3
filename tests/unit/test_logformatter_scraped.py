"""The scraped-item log line: built only when the crawl's LOG_LEVEL would print it."""

from __future__ import annotations

import logging

import pytest
from scrapy.utils.test import get_crawler

from newsbot.crawl.logformatter import ConciseLogFormatter
from newsbot.items import ArticleItem

ITEM = ArticleItem(url="https://example.org/a", source="example.org")


@pytest.mark.parametrize("level", ["INFO", "WARNING", logging.INFO])
def test_nothing_is_built_above_debug(level: str | int) -> None:
    formatter = ConciseLogFormatter.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": level}))
    assert formatter.scraped(ITEM, None, None) is None


@pytest.mark.parametrize("level", ["DEBUG", "debug", logging.DEBUG])
def test_the_url_alone_is_logged_at_debug(level: str | int) -> None:
    formatter = ConciseLogFormatter.from_crawler(get_crawler(settings_dict={"LOG_LEVEL": level}))
    entry = formatter.scraped(ITEM, None, None)
    assert entry is not None
    assert entry["level"] == logging.DEBUG
    assert entry["args"] == {"item": "https://example.org/a"}
