"""The result of extracting one article page."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ExtractedArticle:
    """Everything the extractor could read from one page; missing values stay ``None``/empty."""

    url: str
    canonical_url: str | None = None
    title: str | None = None
    lead: str | None = None
    body: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    published_raw: str | None = None
    modified_raw: str | None = None
    date_source: str | None = None
    time_zone: str | None = None
    """IANA zone the page's local (offset-less) times are in, when the page implies one."""
    paywalled: bool | None = None
    image_url: str | None = None
    kind: str = "article"
    site_name: str | None = None
    html_lang: str | None = None
    body_truncated: bool = False
    extraction_method: str = "none"
