"""The result of extracting one article page."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from newsbot.items import ArticleItem


@dataclass
class ExtractedArticle(ArticleItem):
    """Everything the extractor could read from one page; missing values stay ``None``/empty.

    The article fields are :class:`~newsbot.items.ArticleItem`'s own (declared once, there); the page
    adds what only extraction needs. ``source`` and the crawl fields are the spider's to set.
    """

    source: str = ""
    extraction_method: str = "none"
    canonical_url: str | None = None
    html_lang: str | None = None

    def to_item(self, **spider_fields: Any) -> ArticleItem:
        """The item for this page: every article field read here (lists copied), then the spider's."""
        values = {
            field.name: list(value) if isinstance(value := getattr(self, field.name), list) else value
            for field in fields(ArticleItem)
            if field.name != "crawled_at"  # the item's own: when it was built
        }
        return ArticleItem(**{**values, **spider_fields})
