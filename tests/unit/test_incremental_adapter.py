"""The incremental middleware's helpers and settings (its crawl behaviour: tests/distributed)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse
from scrapy.settings import Settings

from newsbot.crawl.feeds import FeedEntry
from newsbot.incremental.config import IncrementalConfig
from newsbot.incremental.middleware import announced_article, drop_reason, fetched_keys, lookup_key


def test_only_requests_announced_by_a_feed_are_checked() -> None:
    entry = FeedEntry(url="https://www.rfi.fr/fr/a")
    assert announced_article(Request(entry.url, cb_kwargs={"entry": entry}))
    assert not announced_article(Request(entry.url, cb_kwargs={"entry": None}))  # -a urls=
    assert not announced_article(Request(entry.url))  # a feed
    assert not announced_article({"url": entry.url})  # an item


def test_fetched_keys_follow_the_redirect_chain_in_canonical_form() -> None:
    request = Request(
        "https://www.rfi.fr/fr/b",
        meta={"redirect_urls": ["http://www.rfi.fr/fr/a?utm_source=rss", "https://www.rfi.fr/fr/b"]},
    )
    response = HtmlResponse("https://www.rfi.fr/fr/b#top", request=request, body=b"<html></html>")
    assert fetched_keys(response) == ["https://www.rfi.fr/fr/a", "https://www.rfi.fr/fr/b"]
    assert fetched_keys(None) == []


def test_lookup_key_is_the_canonical_url() -> None:
    assert lookup_key("https://www.lefigaro.fr/a.html?xtor=RSS-1#x") == "https://www.lefigaro.fr/a.html"


def test_drop_reason_is_the_first_word_of_a_newsbot_drop() -> None:
    assert drop_reason(DropItem("not_french: https://a.fr/en")) == "not_french"
    assert drop_reason(DropItem("empty")) == "empty"
    assert drop_reason(None) == "dropped"


def test_settings_defaults_and_overrides() -> None:
    default = IncrementalConfig.from_settings(Settings())
    assert default.enabled and default.recheck_after == timedelta(hours=24)
    assert default.seen_collection == "seen_urls"
    never = IncrementalConfig.from_settings(
        Settings({"NEWSBOT_RECHECK_HOURS": "0", "NEWSBOT_INCREMENTAL": "0"})
    )
    assert not never.enabled and never.recheck_after is None
    with pytest.raises(ValueError, match="NEWSBOT_RECHECK_HOURS"):
        IncrementalConfig.from_settings(Settings({"NEWSBOT_RECHECK_HOURS": "-1"}))
