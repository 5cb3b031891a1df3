"""Read a news aggregator page of any layout: its main excerpt and every related item.

The page is turned into the lines a reader sees (blocks and ``<br>`` break lines), each carrying
what only the markup knows: its links, whether it is a heading, a ``<time datetime>``, and the
repeated block it sits in — the largest element around one closer ("Lire la suite »", "Lire
l'article") that holds no other closer, i.e. a card, a row, a list item. The main title is the
page's ``<h1>`` (else the line matching its ``og:title``/``<title>``). The lines then go through
the one aggregator parser, :func:`newsbot.text.aggregator.parse_aggregator_lines`, which plain text
pages (``../shared/samples/aggregator_page.txt``) also go through. No class name or site is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.decoding import decode_html
from newsbot.extraction.document import element_text, is_invisible, parse_html, tag_name
from newsbot.outlets import OUTLETS
from newsbot.text.aggregator import (
    CLOSER,
    AggregatorItem,
    AggregatorPage,
    Line,
    Link,
    parse_aggregator_lines,
    source_line,
)
from newsbot.text.normalize import normalize_text

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = frozenset(
    {
        *HEADINGS,
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "br",
        "section",
        "article",
        "aside",
        "main",
        "header",
        "footer",
        "figure",
        "figcaption",
        "blockquote",
        "address",
        "hr",
        "body",
        "caption",
    }
)
SKIPPED = frozenset({"nav", "form", "select", "iframe", "object", "embed", "img", "picture", "video"})
TEASER_TAGS = frozenset({"li", "div", "article", "section", "tr", "dd"})
MIN_TEASER_TEXT = 30
"""Text outside links a closer-less teaser block holds at least (its summary, its source line)."""
_CLOSER_CUE = re.compile(r"lire|voir|continuer", re.IGNORECASE)
_TITLE_SUFFIX = re.compile(r"\s+[-–—|:·]\s+[^-–—|]{2,40}$")
OUTLET_SUFFIX = re.compile(r"\s+[-–|]\s+([^-–|]{2,30})$")
_UNCLOSED_BRACKET = re.compile(r"\s*[(\[]+$")
_WORD_CHAR = re.compile(r"\w")
MAX_CLOSER_CHARS = 80
MAX_CLOSER_WRAPPERS = 8
"""A closer sits in a few wrappers at most (``<p><a><span>``): looking further up costs, finds nothing."""


@dataclass(frozen=True)
class AggregatedEntry:
    """One excerpt shown by an aggregator and where it links."""

    url: str | None
    """Absolute link of the excerpt (its closer's, else its title's); ``None`` when it has none."""
    title: str | None
    summary: str | None
    truncated: bool
    """The summary is cut (ends mid-word or with an ellipsis): never a full body."""
    published_raw: str | None = None
    """The source line's date ("il y a 2 heures", "12 mars 2024") or a ``<time datetime>``."""
    outlet: str | None = None
    """The outlet named on the page ("lemonde.fr", "Le Figaro"), as written."""
    internal: bool = False
    """The link leads to another page of the aggregator itself (which carries the original's link)."""
    main: bool = False
    """The page's main excerpt (the others are its related items)."""


def _closer_elements(body: HtmlElement) -> list[HtmlElement]:
    """The outermost elements whose whole visible text is a closer, in document order."""
    found: dict[HtmlElement, None] = {}
    for node in body.iter():
        if not isinstance(node.tag, str) or not (node.text and _CLOSER_CUE.search(node.text)):
            continue
        element, best, levels = node, None, 0
        while element is not None and element is not body and levels < MAX_CLOSER_WRAPPERS:
            levels += 1
            text = _short_text(element)
            if text is None or not CLOSER.match(text):
                break
            best, element = element, element.getparent()
        if best is not None:
            found[best] = None
    # A closer made of text in a parent's tail ("… <br>Lire la suite »") is read by the line parser.
    outermost = [e for e in found if not any(a in found for a in e.iterancestors())]
    order = {element: index for index, element in enumerate(body.iter())}
    return sorted(outermost, key=order.__getitem__)


def _short_text(element: HtmlElement) -> str | None:
    """The element's visible text when it is short enough to be a closer, else ``None``."""
    length = 0
    for text in element.itertext():
        length += len(text)
        if length > MAX_CLOSER_CHARS * 2:
            return None
    return element_text(element)


def _item_blocks(closers: list[HtmlElement]) -> dict[HtmlElement, int]:
    """For each closer, the largest ancestor holding no other closer, when it holds more than it."""
    closer_set = set(closers)
    ancestors_of: dict[HtmlElement, int] = {}
    for closer in closers:
        for ancestor in closer.iterancestors():
            ancestors_of[ancestor] = ancestors_of.get(ancestor, 0) + 1
    blocks: dict[HtmlElement, int] = {}
    for index, closer in enumerate(closers):
        block = closer
        for ancestor in closer.iterancestors():
            if ancestors_of[ancestor] > 1 or tag_name(ancestor) in ("body", "html"):
                break
            block = ancestor
        if block is not closer and block not in closer_set and element_text(block) != element_text(closer):
            blocks[block] = index
    return blocks


def _orphan_blocks(blocks: dict[HtmlElement, int], teasers: set[HtmlElement]) -> dict[HtmlElement, int]:
    """In a list of item blocks, siblings of the same tag that hold no closer: a sponsored teaser, an
    ad in the list. Their lines belong to no item (numbered below zero, owned by no closer)."""
    orphans: dict[HtmlElement, int] = {}
    per_parent: dict[HtmlElement, int] = {}
    for block in blocks:
        parent = block.getparent()
        if parent is not None:
            per_parent[parent] = per_parent.get(parent, 0) + 1
    for block in blocks:
        parent = block.getparent()
        if parent is None or per_parent[parent] < 2:  # a list of items, not a lone block
            continue
        for sibling in parent:
            if (
                sibling.tag == block.tag
                and sibling not in blocks
                and sibling not in teasers
                and sibling not in orphans
            ):
                orphans[sibling] = -1 - len(orphans)
    return orphans


def _is_source_element(node: HtmlElement) -> bool:
    """An inline element holding only a source line ("lemonde.fr · il y a 2 heures"): a line of its own."""
    if not (node.text or len(node)):
        return False
    text = _short_text(node)
    found = source_line(text) if text is not None else None
    # A bare date (a <time> inside "Source : X · <time>12 mars</time>") stays in its line.
    return found is not None and (found[0] is not None or tag_name(node) != "time")


def _text_outside_links(element: HtmlElement) -> int:
    total = len(element_text(element))
    linked = sum(len(element_text(a)) for a in element.iter("a"))
    return total - linked


def _is_teaser(block: HtmlElement) -> bool:
    """A title (a link, a heading, bold text) then text of its own: a summary."""
    title = next(
        (e for e in block.iter("a", "b", "strong", *HEADINGS) if e is not block and element_text(e)), None
    )
    if title is None or len(element_text(title)) < 15:
        return False
    if tag_name(title) == "a" and title.get("href"):
        return _text_outside_links(block) >= MIN_TEASER_TEXT
    # A heading over a list of links ("Les plus lus") has no summary of its own.
    return _text_outside_links(block) - len(element_text(title)) >= MIN_TEASER_TEXT


def _teaser_blocks(body: HtmlElement, closers: list[HtmlElement]) -> list[HtmlElement]:
    """Repeated sibling blocks with no closer, each a title and a summary: items all the same.

    A list of teasers (``<li><a>Titre</a><p>Résumé</p></li>`` …) is a run of at least two siblings
    of one tag, each opening with a title and holding a summary; menus and "most read" lists hold
    titles only."""
    with_closer = {ancestor for closer in closers for ancestor in (closer, *closer.iterancestors())}
    found: list[HtmlElement] = []
    for parent in body.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        by_tag: dict[str, list[HtmlElement]] = {}
        for child in parent:
            tag = tag_name(child)
            if tag in TEASER_TAGS and child not in with_closer and not is_invisible(child):
                by_tag.setdefault(tag, []).append(child)
        for siblings in by_tag.values():
            teasers = [child for child in siblings if _is_teaser(child)]
            if len(teasers) >= 2:
                found += teasers
    inner = set(found)
    return [block for block in found if not any(a in inner for a in block.iterancestors())]


class _LineWriter:
    """Accumulates inline text into lines; a block element or ``<br>`` ends the current line."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.heading = False
        self.h1 = False
        self.owner: int | None = None
        self.date: str | None = None
        self.h1_lines: list[Line] = []
        self.opening: HtmlElement | None = None
        """The inline element the current line opens with (a title span glued to a summary span)."""

    def text(self, text: str | None, owner: int | None) -> None:
        if text and text.strip():
            if not "".join(self.parts).strip():
                self.owner = owner
            self.parts.append(text)
        elif text:
            self.parts.append(text)

    def flush(self) -> None:
        text = _UNCLOSED_BRACKET.sub("", re.sub(r"\s+", " ", "".join(self.parts)).strip())
        if _WORD_CHAR.search(text):  # a line of punctuation only (the "(" ")" around a closer) is no line
            opening = _opening_title(self.opening, text)
            line = Line(text, tuple(self.links), self.heading, self.owner, self.date, opening=opening)
            self.lines.append(line)
            if self.h1:
                self.h1_lines.append(line)
        self.opening = None
        self.parts, self.links, self.heading, self.h1, self.owner, self.date = (
            [],
            [],
            False,
            False,
            None,
            None,
        )


def _page_lines(body: HtmlElement, base_url: str) -> tuple[list[Line], list[Line]]:
    """The page's visible lines, walked without recursion (pages may nest thousands deep)."""
    closers = _closer_elements(body)
    blocks = _item_blocks(closers)
    teasers = {block: len(closers) + index for index, block in enumerate(_teaser_blocks(body, closers))}
    blocks.update(teasers)
    blocks.update(_orphan_blocks(blocks, set(teasers)))
    closer_set = set(closers)
    writer = _LineWriter(base_url)
    owners: list[int | None] = [None]
    ends_line: list[bool] = []
    skip_depth = 0
    for event, node in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            if skip_depth or (
                node is not body
                and (not isinstance(node.tag, str) or is_invisible(node) or tag_name(node) in SKIPPED)
            ):
                if not skip_depth and tag_name(node) in SKIPPED:
                    writer.flush()
                skip_depth += 1
                continue
            owner = blocks.get(node, owners[-1])
            owners.append(owner)
            ends_line.append(_open(node, owner, writer, closer_set, base_url))
            continue
        if skip_depth:
            skip_depth -= 1
            if not skip_depth:
                writer.text(node.tail, owners[-1])  # the skipped element's tail is its parent's text
            continue
        owners.pop()
        if ends_line.pop():
            writer.flush()
        if node in teasers:  # the block ends its item, as a closer would
            writer.flush()
            writer.lines.append(Line("", owner=teasers[node], ends_item=True))
        if node is not body:
            writer.text(node.tail, owners[-1])
    writer.flush()
    return writer.lines, writer.h1_lines


def _opening_title(element: HtmlElement | None, line: str) -> str | None:
    """The text of the element opening the line when it reads as a title glued to what follows."""
    if element is None:
        return None
    text = re.sub(r"\s+", " ", element_text(element)).strip()
    rest = line[len(text) :].lstrip()
    if not text or not line.startswith(text) or not rest or len(text) > 220 or len(text.split()) < 3:
        return None
    return text if (rest[0].isupper() or rest[0] in '«"“') else None


def _open(
    node: HtmlElement, owner: int | None, writer: _LineWriter, closer_set: set[HtmlElement], base_url: str
) -> bool:
    """Start ``node``: a block starts a line; note headings, dates and links. True if it ends one."""
    tag = tag_name(node)
    block = tag in BLOCKS or node in closer_set or _is_source_element(node)
    if block:
        writer.flush()
    elif writer.opening is None and not "".join(writer.parts).strip():
        writer.opening = node
    if tag in HEADINGS:
        writer.heading = True
        writer.h1 = writer.h1 or tag == "h1"
    if tag == "time" and node.get("datetime"):
        writer.date = node.get("datetime")
    writer.text(node.text, owner)
    if tag == "a" and node.get("href"):
        text = element_text(node)
        if text:
            writer.links.append(Link(text, urljoin(base_url, node.get("href", "").strip())))
    elif node in closer_set:
        inner = next((a for a in node.iter("a") if a.get("href")), None)
        if inner is not None:
            writer.links.append(Link(element_text(node), urljoin(base_url, inner.get("href", "").strip())))
    return block


def _meta(root: HtmlElement, name: str) -> str | None:
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").lower() == name and meta.get("content"):
            return meta.get("content")
    return None


def _document_title(root: HtmlElement) -> str | None:
    title = root.find(".//title")
    return _meta(root, "og:title") or (element_text(title) if title is not None else None)


def _site_names(root: HtmlElement) -> set[str]:
    """The site's own name: ``og:site_name``, and the part its ``<title>`` appends ("… - InfoFil")."""
    names = {_meta(root, "og:site_name") or ""}
    title = root.find(".//title")
    match = _TITLE_SUFFIX.search(element_text(title)) if title is not None else None
    if match:
        names.add(match.group().strip(" -–—|:·"))
    return {normalize_text(name).casefold() for name in names if name.strip()}


def _is_site_heading(line: Line, site_names: set[str]) -> bool:
    """An ``<h1>`` that is the site's logo: its name, or a link to its home page."""
    if normalize_text(line.text).casefold() in site_names:
        return True
    linked = sum(len(link.text) for link in line.links)
    home = {urlsplit(link.href).path for link in line.links} <= {"", "/"}
    return bool(line.links) and linked >= len(line.text) - 2 and home


def _title_line(
    lines: list[Line], h1s: list[Line], document_title: str | None, site_names: set[str]
) -> int | None:
    """Index of the main excerpt's title: the ``<h1>`` that is not the site's logo, else the heading
    the page's title names."""
    h1 = next((line for line in h1s if not _is_site_heading(line, site_names)), None)
    if h1 is not None:
        return next(i for i, line in enumerate(lines) if line is h1)
    if not document_title:
        return None
    wanted = {normalize_text(document_title), normalize_text(_TITLE_SUFFIX.sub("", document_title))}
    wanted = {title for title in wanted if len(title) > 10}
    for index, line in enumerate(lines):
        if normalize_text(line.text) in wanted:
            return index
    # A heading the page title shortens ("Grève à la SNCF - Site" for "Grève à la SNCF : le trafic…").
    for index, line in enumerate(lines):
        text = normalize_text(line.text)
        if line.heading and any(text.startswith(title) for title in wanted):
            return index
    return None


def _without_outlet_suffix(title: str) -> tuple[str, str | None]:
    """ "Titre - RFI" -> ("Titre", "RFI") when the suffix names an outlet we know."""
    match = OUTLET_SUFFIX.search(title)
    if match and match.group(1).strip().lower() in _outlet_names():
        return title[: match.start()].rstrip(), match.group(1).strip()
    return title, None


def _outlet_names() -> frozenset[str]:
    return frozenset(name.lower() for profile in OUTLETS.values() for name in (profile.name, profile.id))


def parse_aggregator_page(body: bytes | str, page_url: str, encoding: str | None = None) -> AggregatorPage:
    """The page's main excerpt and related items (see :mod:`newsbot.text.aggregator`)."""
    root = parse_html(decode_html(body, encoding))
    if root is None:
        return parse_aggregator_lines([])
    content = root.find("body")
    content = content if content is not None else root
    lines, h1s = _page_lines(content, page_url)
    title_at = _title_line(lines, h1s, _document_title(root), _site_names(root))
    return parse_aggregator_lines(lines, title_at=title_at)


def _entry(item: AggregatorItem, page_url: str, *, main: bool) -> AggregatedEntry:
    url = item.url if item.url and item.url.startswith(("http://", "https://")) else None
    title, suffix_outlet = _without_outlet_suffix(item.title) if item.title else (None, None)
    page_host = urlsplit(page_url).netloc.lower().removeprefix("www.")
    host = urlsplit(url).netloc.lower().removeprefix("www.") if url else ""
    return AggregatedEntry(
        url=url,
        title=title or None,
        summary=item.summary or None,
        truncated=item.truncated,
        published_raw=item.published_raw,
        outlet=item.outlet or suffix_outlet,
        internal=bool(url) and host == page_host,
        main=main,
    )


def extract_aggregated_entries(
    body: bytes | str, page_url: str, encoding: str | None = None
) -> list[AggregatedEntry]:
    """Every excerpt on an aggregator page, main excerpt first, with its link when it has one."""
    page = parse_aggregator_page(body, page_url, encoding)
    entries = [_entry(page.main, page_url, main=True)] if page.main is not None else []
    entries += [_entry(item, page_url, main=False) for item in page.items]
    return [entry for entry in entries if entry.title or entry.summary]


__all__ = ["AggregatedEntry", "extract_aggregated_entries", "parse_aggregator_page"]
