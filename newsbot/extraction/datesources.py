"""Raw publication/modification date strings and which source gave them.

Machine-readable sources first (JSON-LD, meta/microdata, ``<time datetime>``), then visible bylines
("Publié le 20/03/2023 à 14h32", "Mis à jour le …"), then a date in the URL. Parsing the raw strings
is ``newsbot.dates``' job.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction import jsonld
from newsbot.extraction.dateread import read_byline_date, read_date, readable
from newsbot.extraction.document import attribute_tokens, in_comments, select, tag_name
from newsbot.extraction.page import Page
from newsbot.extraction.rules import active
from newsbot.extraction.textnorm import clean_inline, collapse_spaces

PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "published_time", "datepublished", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "publication-date", "date_published", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date", "sailthru.date",
    "parsely-pub-date", "citation_publication_date", "article.published", "og:pubdate", "datecreated",
)  # fmt: skip
MODIFIED_META = (
    "article:modified_time", "og:article:modified_time", "og:updated_time", "article:updated_time",
    "datemodified", "dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "revised",
)  # fmt: skip
_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20\d{2})(?!\d)")
_MONTHS = (
    r"janv(?:ier|\.)?|f[ée]vr(?:ier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[ûu]t|sept(?:embre|\.)?|"
    r"oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|"
    r"oct\.?|nov\.?|dec\.?"
)
VISIBLE_DATE = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})(?!\d)|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"(?:1er|\d{{1,2}})\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})",
    re.IGNORECASE,
)
_WEEKDAYS = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday"
)
DATE_ONLY = re.compile(
    rf"^(?:(?:publi[ée]e?|mis en ligne|post[ée])\s+)?(?:le\s+)?(?:(?:{_WEEKDAYS}),?\s+)?(?:le\s+)?"
    rf"{VISIBLE_DATE.pattern}(?:\s*(?:[àa-]|,)?\s*\d{{1,2}}\s*[h:]\s*\d{{2}})?\s*$",
    re.IGNORECASE,
)
_PUBLISHED_TOKENS = frozenset(
    {"publication", "published", "publish", "pubdate", "datepublished", "created", "posted", "publie",
     "parution"}
)  # fmt: skip
_MODIFIED_WORDS = re.compile(r"mis\s+[àa]\s+jour|modifi[ée]|actualis[ée]|updated|màj|maj\s+le", re.IGNORECASE)
_PUBLISHED_WORDS = re.compile(r"publi[ée]|mis\s+en\s+ligne|post[ée]|paru|published|créé", re.IGNORECASE)
_DATE_TOKENS = frozenset(
    {"date", "dates", "datetime", "published", "publication", "pubdate", "timestamp", "time", "publish",
     "posted", "fecha", "datum", "dateline"}
)  # fmt: skip
_BYLINE_TOKENS = frozenset({"byline", "meta", "metas", "infos", "signature", "author", "article", "header"})
_URL_DATE = (
    re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?!\d)"),
    re.compile(r"(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)"),
)
MAX_BYLINE_CHARS = 160


@dataclass(frozen=True)
class DateFinding:
    """Raw date strings and the source of the published one."""

    published: str | None = None
    modified: str | None = None
    source: str | None = None


def find_dates(page: Page) -> DateFinding:
    """Published and modified raw strings, searched source by source."""
    root, meta, node, nodes, url = page.root, page.meta, page.node, page.nodes, page.url
    modified = _jsonld_date(node, nodes, ("dateModified",)) or _first_plausible(meta.all(*MODIFIED_META))
    modified = modified or _microdata(root, "datemodified")
    published = _jsonld_date(node, nodes, ("datePublished", "dateCreated", "uploadDate"))
    if published:
        return DateFinding(published, modified, "jsonld")
    published = _first_plausible(meta.all(*PUBLISHED_META)) or _microdata(root, "datepublished")
    if published:
        return DateFinding(published, modified, "meta")
    from_time = _time_element(root)
    if from_time:
        return DateFinding(from_time[0], modified, from_time[1])
    visible_published, visible_modified = _byline_dates(page)
    if visible_published:
        return DateFinding(visible_published, modified or visible_modified, "byline")
    published = _url_date(url)
    if published:
        return DateFinding(published, modified or visible_modified, "url")
    return DateFinding(None, modified or visible_modified, None)


def _plausible(value: str | None) -> str | None:
    """``value`` (repaired when mangled) when it holds a year and reads as a date."""
    value = repair_machine_date(value)
    return value if value and _YEAR.search(value) and readable(value) else None


_MANGLED_ISO = re.compile(
    r"^\s*(\d{4}-\d{2}-\d{2})\s*([A-Z]{3,5}|\|)\s*(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*"
    r"(Z|[+-]\d{2}:?\d{2})?\s*$"
)


def repair_machine_date(value: str | None) -> str | None:
    """A machine date whose ``T`` was replaced by a zone name ("2020-05-08CEST09:52:33+0200") back to
    ISO 8601 ("2020-05-08T09:52:33+0200"), so its time is not lost; other values unchanged."""
    match = _MANGLED_ISO.match(value or "")
    if not match:
        return value
    day, zone, clock, offset = match.groups()
    return f"{day}T{clock}{offset or _ZONE_OFFSETS.get(zone, '')}"


_ZONE_OFFSETS = {
    "UTC": "Z", "GMT": "Z", "CET": "+01:00", "CEST": "+02:00", "WET": "+00:00", "WEST": "+01:00",
    "EST": "-05:00", "EDT": "-04:00",
}  # fmt: skip


def _first_plausible(values: list[str]) -> str | None:
    return next((found for found in map(_plausible, values) if found), None)


def _jsonld_date(
    node: dict[str, Any] | None, nodes: list[dict[str, Any]], keys: tuple[str, ...]
) -> str | None:
    ordered = ([node] if node else []) + [other for other in nodes if other is not node]
    for candidate in ordered:
        types = jsonld.types_of(candidate)
        if candidate is not node and not types & (jsonld.ARTICLE_TYPES | jsonld.MEDIA_TYPES | {"webpage"}):
            continue
        for key in keys:
            value = _plausible(jsonld.text(candidate.get(key)))
            if value:
                return value
    return None


_ITEMPROP = etree.XPath(
    "//*[translate(@itemprop,'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')=$prop]"
)


def _microdata(root: HtmlElement, prop: str) -> str | None:
    for element in _ITEMPROP(root, prop=prop):
        if tag_name(element) == "meta":
            continue
        value = element.get("content") or element.get("datetime") or collapse_spaces(element.text_content())
        if _plausible(value):
            return clean_inline(repair_machine_date(value))
    return None


def _time_element(root: HtmlElement) -> tuple[str, str] | None:
    """``(raw, source)`` from the ``<time datetime>`` marked as the publication time.

    When the visible text of that element states another day than its ``datetime`` attribute,
    the visible text (what readers are told) is returned, as a byline.
    """
    skip_comments = active("dates-no-comment-times")
    times = [
        element
        for element in root.iter("time")
        if _plausible(element.get("datetime")) and not (skip_comments and in_comments(element))
    ]
    if not times:
        return None
    own = [element for element in times if not _of_another_item(element)]
    times = own or times
    chosen = next((element for element in times if _marked_published(element)), None)
    if chosen is None:
        in_content = [
            element
            for element in times
            if not _MODIFIED_WORDS.search(_context_text(element))
            and any(tag_name(ancestor) in {"article", "main"} for ancestor in element.iterancestors())
        ]
        chosen = in_content[0] if in_content else (times[0] if len(times) == 1 else None)
    if chosen is None:
        return None
    attribute = clean_inline(chosen.get("datetime")) or ""
    visible = collapse_spaces(chosen.text_content())
    if VISIBLE_DATE.search(visible) and _far_apart(attribute, visible):
        return visible, "byline"
    return attribute, "time"


def _of_another_item(element: HtmlElement) -> bool:
    """A ``<time>`` of a teaser: inside a link, a list item, or an ``<article>`` without a headline
    (cards of other articles) while the page's headline sits elsewhere."""
    for ancestor in element.iterancestors():
        tag = tag_name(ancestor)
        if tag in {"a", "li"}:
            return True
        if tag == "article":
            page_headline = ancestor.getroottree().getroot().find(".//h1")
            return ancestor.find(".//h1") is None and page_headline is not None
    return False


def _marked_published(element: HtmlElement) -> bool:
    if element.get("pubdate") is not None or (element.get("itemprop") or "").lower() == "datepublished":
        return True
    if _PUBLISHED_WORDS.search(_context_text(element)):
        return True
    holders = [element, *list(element.iterancestors())[:2]]
    return any(_PUBLISHED_TOKENS.intersection(attribute_tokens(holder)) for holder in holders)


def _far_apart(attribute: str, visible: str) -> bool:
    """The two strings give instants more than 36 hours apart (``False`` when either is unreadable)."""
    first, second = read_date(attribute), read_byline_date(visible)
    return bool(first and second and abs((first - second).total_seconds()) > 36 * 3600)


def _context_text(element: HtmlElement) -> str:
    parent = element.getparent()
    holder = parent if parent is not None else element
    return collapse_spaces(holder.text_content())[:MAX_BYLINE_CHARS]


def _byline_dates(page: Page) -> tuple[str | None, str | None]:
    published = modified = None
    for element in _byline_candidates(page):
        text = collapse_spaces(element.get("datetime") or element.text_content())
        if not text or len(text) > MAX_BYLINE_CHARS or not VISIBLE_DATE.search(text):
            continue
        for piece in _split_published_modified(text):
            if _MODIFIED_WORDS.search(piece):
                modified = modified or piece
            else:
                published = published or piece
        if published:
            break
    return published, modified


def _byline_candidates(page: Page) -> list[HtmlElement]:
    """Profile date elements, then date-named elements, "Publié le" lines, byline-named elements and bare
    dates; elements whose class repeats (lists of other articles) come last."""
    root = page.root
    profile_found = [element for selector in page.outlet.date_selectors for element in select(root, selector)]
    found: list[HtmlElement] = []
    bylines = []
    for element, tokens in page.named:
        if _DATE_TOKENS.intersection(tokens):
            found.append(element)
        elif _BYLINE_TOKENS.intersection(tokens):
            bylines.append(element)
    date_only = []
    for element in root.iter("p", "span", "div", "small", "em", "li", "time", "a", "dd", "td"):
        if not len(element) or all(
            tag_name(child) in {"time", "strong", "b", "em", "span", "br", "img"} for child in element
        ):
            text = collapse_spaces(element.text_content())
            if len(text) > MAX_BYLINE_CHARS:
                continue
            if _PUBLISHED_WORDS.search(text):
                found.append(element)
            elif DATE_ONLY.match(text):
                date_only.append(element)
    ordered = found + bylines + date_only
    class_counts = Counter(element.get("class") for element in ordered if element.get("class"))
    repeated = {name for name, count in class_counts.items() if count >= 3}
    head = [element for element in ordered if element.get("class") not in repeated]
    tail = [element for element in ordered if element.get("class") in repeated]
    return profile_found + head + tail


def _split_published_modified(text: str) -> list[str]:
    """ "Publié le 1/2/23 à 10h, mis à jour le 2/2/23" → both halves."""
    match = _MODIFIED_WORDS.search(text)
    if match and match.start() > 0 and VISIBLE_DATE.search(text[: match.start()]):
        return [text[: match.start()].strip(" ,-–|/"), text[match.start() :].strip()]
    return [text]


_DATELINE_START = re.compile(
    r"^\s*(?:publi[ée]e?|mis\s+[àa]\s+jour|modifi[ée]e?|actualis[ée]e?|mis\s+en\s+ligne|post[ée]e?)\b",
    re.IGNORECASE,
)
_SIGNED_START = re.compile(r"^\s*(?:par|by)\s+\w", re.IGNORECASE)


def is_dateline(text: str) -> bool:
    """A "Publié le … par …" / "Mis à jour le …" line, a "Par X, le …" signature or a bare date."""
    if len(text) > MAX_BYLINE_CHARS or not VISIBLE_DATE.search(text):
        return False
    if DATE_ONLY.match(text) or _DATELINE_START.match(text):
        return True
    return bool(_SIGNED_START.match(text) and len(text) < 100 and not text.rstrip().endswith((".", "!", "?")))


def _url_date(url: str) -> str | None:
    path = re.sub(r"^https?://[^/]+", "", url or "")
    for pattern in _URL_DATE:
        match = pattern.search(path)
        if match:
            return "-".join(match.groups())
    return None
