"""The one drop contract: every lost article and every rejected feed leaves a reason in the crawl stats.

Stat keys live here and nowhere else. An item is dropped with :func:`drop` (pipelines raise what it
returns); a page that never became an item (failed fetch, not HTML, extraction error) is counted with
:func:`count_drop`. Both increment ``newsbot/dropped/<reason>`` and the total ``newsbot/dropped``
together, so the total always equals the sum of its reasons. Feeds and sitemaps that could not be
read go through :func:`reject_feed` (``newsbot/feeds/rejected/<reason>``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)

DROPPED_PREFIX = "newsbot/dropped"
FEED_REJECTED_PREFIX = "newsbot/feeds/rejected"

DROP_REASONS = frozenset(
    {
        "empty",
        "not_french",
        "duplicate_url",
        "duplicate_content",
        "invalid_document",
        "not_html",
        "extraction_error",
        "too_large",
        "http_error",
        "fetch_failed",
        "out_of_window",
        "chrome_title",
        "chrome_text",
    }
)
"""Why an article was lost; ``docs/failures.md`` says what each one means."""

FEED_REJECT_REASONS = frozenset({"too_large", "unparsable", "http_error", "fetch_failed"})
"""Why a feed or sitemap gave no entries."""


def _check(reason: str, known: frozenset[str]) -> None:
    if reason not in known:
        raise ValueError(f"unknown reason {reason!r}: add it to newsbot.crawl.drops first")


def count_drop(crawler: Crawler, reason: str) -> None:
    """Count one lost article under ``newsbot/dropped/<reason>`` and in the total."""
    _check(reason, DROP_REASONS)
    if crawler.stats is not None:
        crawler.stats.inc_value(f"{DROPPED_PREFIX}/{reason}")
        crawler.stats.inc_value(DROPPED_PREFIX)


def drop(crawler: Crawler, reason: str, detail: str = "") -> DropItem:
    """Count a drop and return the exception to raise (Scrapy logs it with the item's URL)."""
    count_drop(crawler, reason)
    return DropItem(f"{reason}: {detail}" if detail else reason)


def reject_feed(crawler: Crawler, reason: str, url: str, detail: str) -> None:
    """Count a feed or sitemap that gave nothing and log one WARNING line saying why."""
    _check(reason, FEED_REJECT_REASONS)
    if crawler.stats is not None:
        crawler.stats.inc_value(f"{FEED_REJECTED_PREFIX}/{reason}")
    logger.warning("Feed %s rejected (%s): %s", url, reason, detail)


def drop_reasons(stats: Mapping[str, Any]) -> dict[str, int]:
    """``{reason: count}`` of the drops in a crawl's stats."""
    prefix = f"{DROPPED_PREFIX}/"
    return {key.removeprefix(prefix): value for key, value in stats.items() if key.startswith(prefix)}


def drops_balance(stats: Mapping[str, Any]) -> bool:
    """The contract: ``newsbot/dropped`` equals the sum of ``newsbot/dropped/<reason>``."""
    return stats.get(DROPPED_PREFIX, 0) == sum(drop_reasons(stats).values())
