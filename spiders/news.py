"""The generic spider: any outlet, from ``-a feeds=`` and/or ``-a urls=``, with generic extraction
(or an outlet profile when a URL belongs to a known outlet)."""

from __future__ import annotations

from spiders.base import NewsSpider


class GenericNewsSpider(NewsSpider):
    name = "news"
    outlet_id = None
