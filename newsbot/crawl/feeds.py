"""Read article links out of RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps, news sitemaps and sitemap indexes.

Pure functions over bytes: tolerant of broken XML (recovering parser), never resolving entities or
fetching anything, with gzip bodies unpacked under a size cap (gzip bombs are refused).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal
from urllib.parse import urljoin

from lxml import etree

GZIP_MAGIC = b"\x1f\x8b\x08"

FeedKind = Literal["rss", "atom", "urlset", "sitemapindex", "unknown"]


class FeedTooLarge(ValueError):
    """A compressed feed or sitemap expands beyond the allowed size."""


@dataclass(frozen=True)
class FeedEntry:
    """One article announced by a feed or sitemap; dates are raw strings as published."""

    url: str
    title: str | None = None
    summary: str | None = None
    published: str | None = None
    updated: str | None = None
    language: str | None = None


@dataclass
class FeedDocument:
    kind: FeedKind
    entries: list[FeedEntry] = field(default_factory=list)
    sitemaps: list[FeedEntry] = field(default_factory=list)
    """Child sitemaps of a sitemap index (``updated`` is their ``lastmod``)."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


@lru_cache(maxsize=1024)
def _local_name(tag: str) -> str:
    """``{namespace}name`` -> ``name``; a prefix the feed forgot to declare (``news:title``, kept
    as is by the recovering parser) is dropped the same way."""
    return tag.rpartition("}")[2].rpartition(":")[2].lower()


def _local(tag: object) -> str:
    """Lower-case local name of an element tag; ``""`` for comments and entities (names repeat: cached)."""
    return _local_name(tag) if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: etree._Element, *names: str) -> str | None:
    """Stripped text of the first non-empty child named one of ``names`` (namespace ignored)."""
    for name in names:
        for child in _children(element, name):
            value = "".join(child.itertext()).strip()
            if value:
                return value
    return None


def unpack(body: bytes, max_size: int) -> bytes:
    """Gunzip a gzip body (``sitemap.xml.gz``), refusing more than ``max_size`` bytes once expanded."""
    if not body.startswith(GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, max_size + 1)
    except zlib.error:
        return b""
    if len(data) > max_size:
        raise FeedTooLarge(f"gzip body expands beyond {max_size} bytes")
    return data


def parse_feed(body: bytes, base_url: str, *, max_size: int = 50 * 1024 * 1024) -> FeedDocument:
    """Parse any supported feed or sitemap; unknown or unparsable input gives ``kind='unknown'``."""
    data = unpack(body, max_size)
    if not data.strip():
        return FeedDocument("unknown")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError:
        return FeedDocument("unknown")
    if root is None:
        return FeedDocument("unknown")
    kind = _local(root.tag)
    if kind == "urlset":
        return FeedDocument("urlset", [e for e in map(_sitemap_url, root) if e])
    if kind == "sitemapindex":
        return FeedDocument("sitemapindex", sitemaps=[e for e in map(_sitemap_url, root) if e])
    if kind == "feed":
        return FeedDocument(
            "atom", [e for e in (_atom_entry(n, base_url) for n in _children(root, "entry")) if e]
        )
    if kind in {"rss", "rdf"}:
        items = [n for n in root.iter() if _local(n.tag) == "item"]
        return FeedDocument("rss", [e for e in (_rss_item(n, base_url) for n in items) if e])
    return FeedDocument("unknown")


def _absolute(url: str | None, base_url: str) -> str | None:
    if not url:
        return None
    url = url.strip()
    if not url or url.startswith(("javascript:", "mailto:", "data:")):
        return None
    return urljoin(base_url, url)


_NEWS_FIELDS = ("title", "publication_date", "language")


def _sitemap_url(node: etree._Element) -> FeedEntry | None:
    """One ``<url>``/``<sitemap>``: first non-empty ``loc`` and ``lastmod``, and from the first
    ``<news:news>`` the first non-empty title, publication date and language (one pass each: a
    sitemap may hold 50,000 of these)."""
    if _local(node.tag) not in {"url", "sitemap"}:
        return None
    found: dict[str, str] = {}
    news = None
    for child in node:
        name = _local(child.tag)
        if name == "news":
            news = child if news is None else news
        elif name in ("loc", "lastmod") and name not in found:
            value = "".join(child.itertext()).strip()
            if value:
                found[name] = value
    if "loc" not in found:
        return None
    details: dict[str, str] = {}
    if news is not None:
        for element in news.iter():
            name = _local(element.tag)
            if name in _NEWS_FIELDS and name not in details:
                value = "".join(element.itertext()).strip()
                if value:
                    details[name] = value
    return FeedEntry(
        url=found["loc"],
        title=details.get("title"),
        published=details.get("publication_date"),
        updated=found.get("lastmod"),
        language=details.get("language"),
    )


def _rss_item(node: etree._Element, base_url: str) -> FeedEntry | None:
    link = _text(node, "link") or node.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    if not link:
        guid = next(iter(_children(node, "guid")), None)
        if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = (guid.text or "").strip()
    return _entry(
        node, _absolute(link, base_url), ("description",), ("pubdate", "date", "issued", "published")
    )


def _atom_entry(node: etree._Element, base_url: str) -> FeedEntry | None:
    href = None
    for link in _children(node, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            href = link.get("href")
            break
    return _entry(node, _absolute(href, base_url), ("summary", "content"), ("published", "issued"))


def _entry(
    node: etree._Element, url: str | None, summary: tuple[str, ...], published: tuple[str, ...]
) -> FeedEntry | None:
    """The entry of an RSS item or Atom entry (``summary``/``published``: its tags, in preference order)."""
    if not url:
        return None
    return FeedEntry(
        url=url,
        title=_text(node, "title"),
        summary=_text(node, *summary),
        published=_text(node, *published),
        updated=_text(node, "updated", "modified"),
    )
