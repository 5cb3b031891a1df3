"""What the extractor and the spiders need to know about one outlet: data, not code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import urlsplit


@dataclass(frozen=True)
class OutletProfile:
    """Domains, discovery sources and extraction hints of one outlet.

    Selectors are CSS, tried in order; they refine the generic extractor and may safely miss
    (the generic path takes over). ``kind_url_patterns``/``kind_selectors`` map a regex/selector
    to a page kind ("live", "video", "podcast"...).
    """

    id: str
    name: str
    domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    archives: tuple[str, ...] = ()
    """Archive entry points for backfills (``-a since=``/``until=``): sitemap indexes, or a robots.txt
    whose ``Sitemap:`` lines list them."""
    article_url_pattern: str | None = None
    """Regex searched in a URL's path: tells article pages from index pages on any host (mirrors too)."""
    title_selectors: tuple[str, ...] = ()
    lead_selectors: tuple[str, ...] = ()
    body_selectors: tuple[str, ...] = ()
    remove_selectors: tuple[str, ...] = ()
    byline_selectors: tuple[str, ...] = ()
    date_selectors: tuple[str, ...] = ()
    section_selectors: tuple[str, ...] = ()
    tag_selectors: tuple[str, ...] = ()
    paywall_selectors: tuple[str, ...] = ()
    kind_url_patterns: tuple[tuple[str, str], ...] = ()
    kind_selectors: tuple[tuple[str, str], ...] = ()
    language: str = "fr"

    def matched_domain(self, url: str) -> str | None:
        """The outlet domain serving ``url`` (itself or a subdomain), longest first; ``None`` if foreign."""
        host = (urlsplit(url).hostname or "").lower()
        on = [domain for domain in self.domains if host == domain or host.endswith("." + domain)]
        return max(on, key=len) if on else None

    def matches(self, url: str) -> bool:
        """``url`` is on one of the outlet's domains (or a subdomain)."""
        return self.matched_domain(url) is not None

    @cached_property
    def _article_regex(self) -> re.Pattern[str] | None:
        return re.compile(self.article_url_pattern) if self.article_url_pattern else None

    def is_article_path(self, url: str) -> bool:
        """The path of ``url`` has the shape of this outlet's articles (always true without a pattern).

        The host is not checked here (the crawl's allowed domains do that), so a local mirror of the
        outlet is read with the same rules."""
        return self._article_regex is None or bool(self._article_regex.search(urlsplit(url).path))

    def is_article_url(self, url: str) -> bool:
        """``url`` is on the outlet's domains and looks like one of its articles."""
        return self.matches(url) and self.is_article_path(url)
