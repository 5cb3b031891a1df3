"""The article item: what a spider yields and, after the pipelines, the MongoDB document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


def utc_now() -> datetime:
    """Current time, timezone-aware UTC, truncated to milliseconds (BSON precision)."""
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


@dataclass
class ArticleItem:
    """One news article. Missing values are ``None`` or empty lists, never invented.

    Spiders fill the extracted fields and the raw date strings; the pipelines clean the text,
    turn the raw dates into UTC datetimes, decide the language and assign dedup keys.
    """

    url: str
    """Canonical URL (tracking parameters, AMP/mobile variants folded); unique in MongoDB."""
    source: str
    """Outlet id (the spider name for outlet spiders, the site's host for the generic spider)."""
    title: str | None = None
    lead: str | None = None
    body: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    language: str | None = None
    language_score: float | None = None
    paywalled: bool | None = None
    image_url: str | None = None
    kind: str = "article"
    """``article``, ``live``, ``video``, ``podcast``, ``gallery`` or ``excerpt`` (aggregator summary)."""
    body_truncated: bool = False
    """True when the stored body is not the full article (paywall cut, aggregator excerpt)."""
    crawled_at: datetime = field(default_factory=utc_now)
    fetched_url: str | None = None
    """The URL actually fetched (before canonicalisation)."""
    seen_on: list[str] = field(default_factory=list)
    """Aggregators where the article was seen (ids), when it reached us through one."""
    published_raw: str | None = None
    modified_raw: str | None = None
    date_source: str | None = None
    """Where ``published_raw`` came from: ``jsonld``, ``meta``, ``byline``, ``time``, ``feed``…"""
    time_zone: str | None = None
    """IANA zone the page's offset-less times are in (Québec, Belgian… pages); ``None``: the crawl's
    ``NEWSBOT_TIMEZONE``. Read by the date pipeline; not stored."""
    site_name: str | None = None
    extraction_method: str | None = None
    boilerplate_rules: list[str] = field(default_factory=list)
    """Names of the cleaning rules that fired on this article."""
    content_hash: str | None = None
    story_id: str | None = None
    write_mode: str | None = None
    """Writer instruction (``insert``, ``update``, ``touch``) set by the dedup pipeline; not stored."""
