"""``extract_article``: one page in, one :class:`ExtractedArticle` out, never an exception for bad input."""

from __future__ import annotations

import re
from typing import Any

from newsbot.extraction import jsonld, metadata
from newsbot.extraction.article import ExtractedArticle
from newsbot.extraction.body import BodyResult, extract_body
from newsbot.extraction.datesources import find_dates
from newsbot.extraction.decoding import decode_html_utf8
from newsbot.extraction.document import parse_html
from newsbot.extraction.kind import detect_kind
from newsbot.extraction.page import Page
from newsbot.extraction.paywall import detect_paywall, paywall_marker_present
from newsbot.extraction.rules import active
from newsbot.extraction.timezones import page_time_zone
from newsbot.extraction.titles import choose_title
from newsbot.outlets import OutletProfile

_WORD = re.compile(r"\w+")


def extract_article(
    body: bytes | str, url: str, *, encoding: str | None = None, profile: OutletProfile | None = None
) -> ExtractedArticle:
    """Extract one article page.

    Sources per field, in order: JSON-LD, then meta tags, then the outlet ``profile`` selectors,
    then generic DOM rules. ``encoding`` is the HTTP-declared charset, if any.
    """
    root = parse_html(*decode_html_utf8(body, encoding))
    if root is None:
        return ExtractedArticle(url=url)
    page = Page.from_root(root, url, profile)
    outlet, node = page.outlet, page.node
    site = metadata.site_name(page)
    authors = metadata.authors(page)
    title = choose_title(
        metadata.headline(page),
        page.meta.first("og:title", "twitter:title"),
        metadata.first_h1(page),
        metadata.html_title(page),
        site_names=[name for name in (site, outlet.name) if name],
        url=url,
        authors=authors,
    )
    lead = metadata.lead(page)
    dates = find_dates(page)
    paywalled = detect_paywall(page)
    kind = detect_kind(page)
    article = ExtractedArticle(
        url=url,
        canonical_url=metadata.canonical_url(page),
        title=title,
        lead=lead,
        authors=authors,
        section=metadata.section(page),
        tags=metadata.tags(page),
        published_raw=dates.published,
        modified_raw=dates.modified,
        date_source=dates.source,
        time_zone=page_time_zone(page) if active("dates-page-time-zone") else None,
        paywalled=paywalled,
        image_url=metadata.image(page),
        kind=kind,
        site_name=site,
        html_lang=metadata.html_lang(page),
    )
    marker = paywall_marker_present(page)
    found = extract_body(
        root,
        body_selectors=outlet.body_selectors,
        remove_selectors=outlet.remove_selectors,
        article_body=_article_body(node),
        title=title,
        lead=lead,
        authors=article.authors,
        paywalled=bool(paywalled),
    )
    if kind == "live" and found.text is None and node:
        found = _live_updates_body(node)
    article.body = found.text
    article.extraction_method = found.method
    article.body_truncated = found.truncated or bool(
        paywalled and (marker or _shorter_than_declared(found.text, node))
    )
    return article


def _article_body(node: dict[str, Any] | None) -> str | None:
    value = node.get("articleBody") if node else None
    return value if isinstance(value, str) else None


def _live_updates_body(node: dict[str, Any]) -> BodyResult:
    parts = []
    for update in jsonld.live_updates(node):
        for key in ("headline", "articleBody"):
            value = jsonld.text(update.get(key))
            if value:
                parts.append(value)
    return BodyResult("\n\n".join(parts), "jsonld-liveBlogUpdate") if parts else BodyResult(None, "none")


def _shorter_than_declared(body: str | None, node: dict[str, Any] | None) -> bool:
    declared = node.get("wordCount") if node else None
    if isinstance(declared, str) and declared.strip().isdigit():
        declared = int(declared)
    if not isinstance(declared, int) or isinstance(declared, bool) or declared <= 0:
        return False
    return len(_WORD.findall(body or "")) < declared / 1.5
