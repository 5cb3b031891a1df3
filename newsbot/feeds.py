"""Read article links out of RSS 2.0, RSS 1.0 (RDF), Atom, sitemaps, news sitemaps and sitemap indexes.

Pure functions over bytes: tolerant of broken XML (recovering parser), never resolving entities or
fetching anything, with gzip bodies unpacked under a size cap (gzip bombs are refused).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
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


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


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


def _descendant_text(element: etree._Element, name: str) -> str | None:
    for node in element.iter():
        if _local(node.tag) == name:
            value = "".join(node.itertext()).strip()
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


def _sitemap_url(node: etree._Element) -> FeedEntry | None:
    if _local(node.tag) not in {"url", "sitemap"}:
        return None
    loc = _text(node, "loc")
    if not loc:
        return None
    news = next(iter(_children(node, "news")), None)
    return FeedEntry(
        url=loc,
        title=_descendant_text(news, "title") if news is not None else None,
        published=_descendant_text(news, "publication_date") if news is not None else None,
        updated=_text(node, "lastmod"),
        language=_descendant_text(news, "language") if news is not None else None,
    )


def _rss_item(node: etree._Element, base_url: str) -> FeedEntry | None:
    link = _text(node, "link") or node.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")
    if not link:
        guid = next(iter(_children(node, "guid")), None)
        if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            link = (guid.text or "").strip()
    url = _absolute(link, base_url)
    if not url:
        return None
    return FeedEntry(
        url=url,
        title=_text(node, "title"),
        summary=_text(node, "description"),
        published=_text(node, "pubdate", "date", "issued", "published"),
        updated=_text(node, "updated", "modified"),
    )


def _atom_entry(node: etree._Element, base_url: str) -> FeedEntry | None:
    href = None
    for link in _children(node, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            href = link.get("href")
            break
    url = _absolute(href, base_url)
    if not url:
        return None
    return FeedEntry(
        url=url,
        title=_text(node, "title"),
        summary=_text(node, "summary", "content"),
        published=_text(node, "published", "issued"),
        updated=_text(node, "updated", "modified"),
    )
