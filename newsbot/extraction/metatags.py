"""``<meta>`` tags (OpenGraph, ``article:*``, Dublin Core, Twitter, itemprop) as a lookup table."""

from __future__ import annotations

from lxml.html import HtmlElement

from newsbot.extraction.textnorm import clean_inline


class MetaTags:
    """All ``<meta>`` values of a page keyed by lower-cased ``property``/``name``/``itemprop``."""

    def __init__(self, values: dict[str, list[str]]) -> None:
        self._values = values

    @classmethod
    def from_document(cls, root: HtmlElement) -> MetaTags:
        values: dict[str, list[str]] = {}
        for meta in root.iter("meta"):
            content = meta.get("content")
            if content is None:
                content = meta.get("value")
            value = clean_inline(content)
            if not value:
                continue
            for attribute in ("property", "name", "itemprop", "http-equiv"):
                key = (meta.get(attribute) or "").strip().lower()
                if key:
                    values.setdefault(key, []).append(value)
        return cls(values)

    def first(self, *keys: str) -> str | None:
        """The first value of the first key present."""
        for key in keys:
            found = self._values.get(key)
            if found:
                return found[0]
        return None

    def all(self, *keys: str) -> list[str]:
        """Every value of every listed key, in key order."""
        return [value for key in keys for value in self._values.get(key, [])]
