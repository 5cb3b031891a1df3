"""Page kind: article, live blog, video, podcast/audio or gallery."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from newsbot.extraction import jsonld
from newsbot.extraction.document import select
from newsbot.extraction.page import Page

_SEGMENT_KINDS = {
    "live": "live", "direct": "live", "en-direct": "live", "live-blog": "live", "liveblog": "live",
    "video": "video", "videos": "video", "replay": "video",
    "podcast": "podcast", "podcasts": "podcast", "emission": "podcast", "audio": "podcast",
    "diaporama": "gallery", "galerie": "gallery", "galeries": "gallery", "photos": "gallery",
}  # fmt: skip
_LIVE_SLUG = re.compile(r"(?:^|[-_])en-direct(?:[-_]|$)|^(?:direct|live)[-_]")
_OG_KINDS = {"video": "video", "music": "podcast"}


def detect_kind(page: Page) -> str:
    """Outlet rules first (URL patterns, DOM markers), then JSON-LD type, OpenGraph type, URL path."""
    url, og_type = page.url, page.og_type
    for pattern, kind in page.outlet.kind_url_patterns:
        if re.search(pattern, url):
            return kind
    for selector, kind in page.outlet.kind_selectors:
        if select(page.root, selector):
            return kind
    from_schema = _schema_kind(page.node, page.nodes)
    if from_schema:
        return from_schema
    if og_type:
        prefix = og_type.strip().lower().split(".", 1)[0]
        if prefix in _OG_KINDS:
            return _OG_KINDS[prefix]
    return _url_kind(url) or "article"


def _schema_kind(node: dict[str, Any] | None, nodes: list[dict[str, Any]]) -> str | None:
    types = jsonld.types_of(node) if node else set()
    if "liveblogposting" in types or any("liveblogposting" in jsonld.types_of(other) for other in nodes):
        return "live"
    if types & jsonld.ARTICLE_TYPES:
        return None
    if types & {"podcastepisode", "radioepisode", "audioobject"}:
        return "podcast"
    if types & {"videoobject", "clip"}:
        return "video"
    if "imagegallery" in types:
        return "gallery"
    return None


def _url_kind(url: str) -> str | None:
    path = urlsplit(url).path.lower()
    segments = [segment for segment in path.split("/") if segment]
    for segment in segments[:-1] if len(segments) > 1 else []:
        if segment in _SEGMENT_KINDS:
            return _SEGMENT_KINDS[segment]
    slug = segments[-1] if segments else ""
    if _LIVE_SLUG.search(re.sub(r"^\d{8}-", "", slug)):
        return "live"
    return None
