"""Read a news aggregator page: each excerpt it shows, with the link to the original outlet.

An aggregator page (the shape of ``../shared/samples/aggregator_page.txt``) shows a headline
excerpt and "Similar News" items; each is a title, a summary and a "Lire la suite »" link to the
article on its original outlet. Items are found by those links, so no site-specific selector is
needed: an item is the largest block around one "Lire la suite" link that holds no other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml.html import HtmlElement

from newsbot.extraction.decoding import decode_html
from newsbot.extraction.document import element_text, is_invisible, parse_html
from newsbot.outlets import OUTLETS
from newsbot.text import split_glued_title
from newsbot.text.truncation import is_truncated

READ_MORE = re.compile(r"^\W*(?:lire|voir)\s+(?:la\s+)?suite\W*$", re.IGNORECASE)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = frozenset({"p", "div", "li", "br", "section", "article", "header", "footer", "figure", *HEADINGS})
ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+([^-–|]{2,30})$")


@dataclass(frozen=True)
class AggregatedEntry:
    """One excerpt shown by an aggregator and where the full article lives."""

    url: str
    """The original article's URL (absolute)."""
    title: str | None
    summary: str | None
    truncated: bool
    """The summary is cut (ends mid-word or with an ellipsis): never a full body."""
    published_raw: str | None = None


def _is_read_more(link: HtmlElement) -> bool:
    return bool(READ_MORE.match(element_text(link) or ""))


def _read_more_links(root: HtmlElement) -> list[HtmlElement]:
    return [a for a in root.iter("a") if a.get("href") and _is_read_more(a)]


def _item_container(link: HtmlElement, read_more: set[HtmlElement]) -> HtmlElement:
    """The largest ancestor of ``link`` holding no other "Lire la suite" link."""
    container = link.getparent()
    while container is not None:
        parent = container.getparent()
        if parent is None or any(a in read_more and a is not link for a in parent.iter("a")):
            return container
        container = parent
    return link


def _title_of(container: HtmlElement, link: HtmlElement) -> HtmlElement | None:
    for element in container.iter(*HEADINGS):
        if element_text(element):
            return element
    for anchor in container.iter("a"):
        if anchor is not link and element_text(anchor) and not _is_read_more(anchor):
            return anchor
    return None


def _text_without(container: HtmlElement, skip: set[HtmlElement]) -> str:
    """What a reader sees in ``container`` once the ``skip`` elements are left out."""
    parts: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child not in skip and not is_invisible(child):
                block = child.tag in BLOCKS
                if block:
                    parts.append(" ")
                walk(child)
                if block:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(container)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _meta_blocks(time: HtmlElement | None, container: HtmlElement) -> set[HtmlElement]:
    """The block holding an item's date line ("Source : X · 12 mars"): metadata, not summary."""
    if time is None:
        return set()
    block = time
    while block.getparent() is not None and block.getparent() is not container and block.tag not in BLOCKS:
        block = block.getparent()
    return {block}


def _without_outlet_suffix(title: str) -> str:
    """ "Titre - RFI" -> "Titre" when the suffix names an outlet (aggregators append the source)."""
    match = OUTLET_SUFFIX.search(title)
    if match and match.group(1).strip().lower() in _outlet_names():
        return title[: match.start()].rstrip()
    return title


def _outlet_names() -> frozenset[str]:
    return frozenset(name.lower() for profile in OUTLETS.values() for name in (profile.name, profile.id))


def extract_aggregated_entries(
    body: bytes | str, page_url: str, encoding: str | None = None
) -> list[AggregatedEntry]:
    """Every excerpt on an aggregator page, in page order, with its original URL."""
    root = parse_html(decode_html(body, encoding))
    if root is None:
        return []
    links = _read_more_links(root)
    read_more = set(links)
    entries: list[AggregatedEntry] = []
    seen: set[str] = set()
    for link in links:
        url = urljoin(page_url, link.get("href", "").strip())
        if not url.startswith(("http://", "https://")) or url in seen:
            continue
        seen.add(url)
        container = _item_container(link, read_more)
        title_element = _title_of(container, link)
        time = next(iter(container.iter("time")), None)
        skip = (
            {link} | ({title_element} if title_element is not None else set()) | _meta_blocks(time, container)
        )
        title = _without_outlet_suffix(element_text(title_element)) if title_element is not None else None
        summary = _text_without(container, skip) or None
        if title is None and summary:
            glued = split_glued_title(summary)
            if glued is not None:
                title, summary = _without_outlet_suffix(glued[0]), glued[1]
        entries.append(
            AggregatedEntry(
                url=url,
                title=title,
                summary=summary,
                truncated=bool(summary) and (is_truncated(summary) or bool(ELLIPSIS.search(summary))),
                published_raw=(time.get("datetime") or element_text(time)) if time is not None else None,
            )
        )
    return entries
