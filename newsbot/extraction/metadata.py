"""Page metadata beside title, body and dates: canonical URL, lead, authors, section, tags, image."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newsbot.extraction import jsonld
from newsbot.extraction.authors import clean_authors, is_desk_label, without_house_names
from newsbot.extraction.boilerplate import has_phrase
from newsbot.extraction.document import element_text, in_comments, select, tag_name
from newsbot.extraction.page import Page
from newsbot.extraction.rules import active
from newsbot.extraction.textnorm import clean_inline, comparable

AUTHOR_META = (
    "author", "article:author", "og:article:author", "dc.creator", "dcterms.creator", "sailthru.author",
    "parsely-author", "byl", "cxenseparse:author", "twitter:creator",
)  # fmt: skip
_LEAD_TOKENS = frozenset(
    {"chapo", "chapeau", "standfirst", "lede", "dek", "accroche", "subheadline", "chapô"}
)
_LEAD_PAIRS = (
    ("article", "lead"), ("article", "intro"), ("article", "desc"), ("article", "description"),
    ("article", "summary"), ("sub", "headline"), ("article", "chapo"), ("post", "excerpt"),
    ("entry", "summary"),
)  # fmt: skip
_HAT = ("article", "hat")
_BYLINE_TOKENS = frozenset({"author", "authors", "byline", "auteur", "auteurs", "authorname"})
_WEAK_BYLINE_TOKENS = frozenset(
    {"signature", "journalist", "journaliste", "contributor", "contributors", "writer"}
)
_AUTHOR_PAGE = re.compile(
    r"/(?:auteurs?|authors?|journalistes?|staff|signatures?|redacteurs?|people)/[^/?#]+"
)
MIN_LEAD_CHARS = 30
MAX_LEAD_CHARS = 1200
MAX_BYLINE_CHARS = 120
MAX_RAW_BYLINE_CHARS = 4000


def canonical_url(page: Page) -> str | None:
    """``<link rel=canonical>``, else ``og:url``, else the JSON-LD URL; absolute; never a bare home page."""
    url, node = page.url, page.node
    candidates = [
        link.get("href") for link in page.root.iter("link") if "canonical" in (link.get("rel") or "").lower()
    ]
    candidates += [page.meta.first("og:url"), jsonld.url_of(node) if node else None]
    page_path = urlsplit(url).path.strip("/")
    for candidate in candidates:
        value = (candidate or "").strip()
        if not value:
            continue
        absolute = urljoin(url, value)
        if urlsplit(absolute).scheme not in {"http", "https"}:
            continue
        if page_path and not urlsplit(absolute).path.strip("/"):
            continue
        return absolute
    return None


def headline(page: Page) -> str | None:
    """JSON-LD ``headline`` (``name`` for media nodes)."""
    node = page.node
    if not node:
        return None
    return jsonld.text(node.get("headline")) or jsonld.text(node.get("name"))


def first_h1(page: Page) -> str | None:
    """The outlet's title element, else the ``<h1>`` in ``<article>``/``<main>``, else the first ``<h1>``."""
    found = [element for selector in page.outlet.title_selectors for element in select(page.root, selector)]
    headings = page.h1s
    in_content = [h for h in headings if page.in_content(h)]
    for element in found + in_content + headings:
        value = clean_inline(element_text(element))
        if value and len(value) >= 3:
            return value
    return None


def html_title(page: Page) -> str | None:
    """The document ``<title>``."""
    title = page.root.find(".//title")
    return clean_inline(title.text_content()) if title is not None else None


def lead(page: Page) -> str | None:
    """Visible standfirst (outlet selector, then standfirst-named element), else the page description."""
    visible = visible_standfirst(page)
    if visible:
        return visible
    description = jsonld.text(page.node.get("description")) if page.node else None
    return description or page.meta.first("og:description", "description", "twitter:description")


_LEAD_HOLDER_TAGS = frozenset({"p", "div", "span", "h2", "section", "header", "strong"})


@lru_cache(maxsize=4096)
def _names_a_standfirst(tokens: tuple[str, ...]) -> bool:
    return bool(_LEAD_TOKENS.intersection(tokens)) or any(has_phrase(tokens, pair) for pair in _LEAD_PAIRS)


def visible_standfirst(page: Page) -> str | None:
    """The chapeau as printed on the page, if an element clearly holds it."""
    for selector in page.outlet.lead_selectors:
        for element in select(page.root, selector):
            value = clean_inline(element_text(element))
            if value and len(value) >= MIN_LEAD_CHARS:
                return value
    for element, tokens in page.named:
        if tag_name(element) not in _LEAD_HOLDER_TAGS:
            continue
        if _names_a_standfirst(tokens) or (active("lead-article-hat") and has_phrase(tokens, _HAT)):
            labelled = active("lead-box-label")
            value = _standfirst_text(element) if labelled else clean_inline(element_text(element))
            prompt = active("lead-no-subscribe-prompt") and bool(value and _SUBSCRIBE.search(value))
            if value and MIN_LEAD_CHARS <= len(value) <= MAX_LEAD_CHARS and not prompt:
                return value
    return None


_SUBSCRIBE = re.compile(r"d[ée]j[àa] abonn[ée]|abonnez-vous|je m.abonne|s.abonner", re.IGNORECASE)
MAX_LABEL_CHARS = 25


def _standfirst_text(element: HtmlElement) -> str | None:
    """The standfirst without a box label opening it ("L'essentiel", "En bref")."""
    value = clean_inline(element_text(element))
    children = [child for child in element if isinstance(child.tag, str)]
    if not value or not children or (element.text or "").strip():
        return value
    label = clean_inline(element_text(children[0])) or ""
    if 0 < len(label) <= MAX_LABEL_CHARS and label[-1] not in ".!?…" and value.startswith(label):
        rest = clean_inline(value[len(label) :])
        if rest and len(rest) >= MIN_LEAD_CHARS:
            return rest
    return value


def authors(page: Page) -> list[str]:
    """JSON-LD authors, else author meta tags, else the outlet's or a generic byline element.

    A source naming only the publication itself or a desk (its host, "La rédaction") gives way
    to the next one, where the visible byline often names the writer or the agency."""
    own = page.own_name_keys
    sources = itertools.chain(
        [jsonld.author_names(page.node, page.id_index) if page.node else []],
        [[value for value in page.meta.all(*AUTHOR_META) if not value.startswith("@")]],
        _byline_sources(page),
    )
    for source in sources:
        signed = clean_authors(source)
        names = without_house_names(signed, own) if active("authors-house-names") else signed
        if names:
            return clean_authors(names)
        if signed and active("authors-desk-label") and all(is_desk_label(name) for name in signed):
            return []
        if signed and not active("authors-fall-through"):
            return []
    return []


def _byline_sources(page: Page) -> Iterator[list[str]]:
    """Byline strings, one list per source: outlet selectors, ``rel``/``itemprop`` author,
    byline-named elements, author links, the dateline block under the headline."""
    for selector in page.outlet.byline_selectors:
        texts = [element_text(element) for element in select(page.root, selector)]
        texts = [text for text in texts if text and len(text) <= MAX_BYLINE_CHARS]
        if texts:
            yield texts
            break
    finders = [_marked_authors, _byline_named, _weak_byline_named, _author_page_links]
    if active("authors-dateline-block"):
        finders.append(_dateline_names)
    skip_comments = active("authors-no-commenters")
    for finder in finders:
        found = [
            (inside, text)
            for inside, text, element in finder(page)
            if text and len(text) <= MAX_BYLINE_CHARS and not (skip_comments and in_comments(element))
        ]
        if found:
            yield [min(found, key=lambda item: not item[0])[1]]


_Found = list[tuple[bool, str, HtmlElement]]


def _inside_content(element: HtmlElement) -> bool:
    return any(tag_name(ancestor) in {"article", "main"} for ancestor in element.iterancestors())


def _marked_authors(page: Page) -> _Found:
    found = []
    for element in page.root.xpath("//*[@rel='author' or @itemprop='author']"):
        names = element.xpath(".//*[@itemprop='name']")
        text = element_text(names[0]) if names else element_text(element)
        found.append((_inside_content(element), text, element))
    return found


def _byline_named(page: Page, names: frozenset[str] = _BYLINE_TOKENS) -> _Found:
    found = []
    for element, tokens in page.named:
        if names.intersection(tokens) and tag_name(element) not in {"body", "html", "img"}:
            if len(element.text_content()) > MAX_RAW_BYLINE_CHARS:
                continue  # an author box or a whole article, not a byline (cheap C-level test)
            text = element_text(element)
            if text and not any(char.isdigit() for char in text) and not text.rstrip().endswith(":"):
                found.append((_inside_content(element), text, element))
    return found


def _weak_byline_named(page: Page) -> _Found:
    return _byline_named(page, _WEAK_BYLINE_TOKENS)


_DATELINE_WORDS = re.compile(r"publi[ée]|mis\s+en\s+ligne|mis\s+[àa]\s+jour|post[ée]", re.IGNORECASE)
_INLINE_NAME_TAGS = frozenset({"strong", "b", "span", "a", "em"})
MAX_DATELINE_CHARS = 200
HEADER_WINDOW = 40


def _dateline_names(page: Page) -> _Found:
    """The byline block under the headline: the first short block after the ``<h1>`` stating the
    publication ("Mis en ligne …", a ``<time>``); a name is an inline child without digits."""
    for heading in page.h1s:
        for index, element in enumerate(heading.itersiblings()):
            if index >= HEADER_WINDOW:
                break
            text = element_text(element)
            if not text or len(text) > MAX_DATELINE_CHARS:
                continue
            if element.find(".//time") is None and not _DATELINE_WORDS.search(text):
                continue
            for child in element.iter():
                if tag_name(child) not in _INLINE_NAME_TAGS or child.find(".//time") is not None:
                    continue
                name = element_text(child)
                digits = any(char.isdigit() for char in name)
                if name and len(name) <= 60 and not digits and not _DATELINE_WORDS.search(name):
                    return [(True, name, child)]
            break
    return []


def _author_page_links(page: Page) -> _Found:
    found = []
    for link in page.root.iter("a"):
        href = (link.get("href") or "").lower()
        if _AUTHOR_PAGE.search(href):
            found.append((_inside_content(link), element_text(link), link))
    return found


def section(page: Page) -> str | None:
    """``articleSection``, ``article:section``, the outlet's section element, else a breadcrumb level."""
    value = jsonld.text(page.node.get("articleSection")) if page.node else None
    value = value or page.meta.first("article:section", "og:article:section", "section")
    if value:
        return value
    for selector in page.outlet.section_selectors:
        for element in select(page.root, selector):
            text = clean_inline(element_text(element))
            if text:
                return text
    crumbs = jsonld.breadcrumb_names(page.nodes)
    return crumbs[1] if len(crumbs) >= 3 else None


def tags(page: Page) -> list[str]:
    """Keywords/tags, de-duplicated in order."""
    meta = page.meta
    values = jsonld.keywords(page.node) if page.node else []
    if not values:
        values = meta.all("article:tag", "og:article:tag")
    if not values:
        values = [
            part
            for value in meta.all("news_keywords", "keywords")
            for part in (clean_inline(piece) for piece in value.split(","))
            if part
        ]
    if not values:
        values = [
            element_text(element)
            for selector in page.outlet.tag_selectors
            for element in select(page.root, selector)
        ]
    seen: set[str] = set()
    unique = []
    for value in values:
        key = comparable(value)
        if key and key not in seen and len(value) <= 100:
            seen.add(key)
            unique.append(value)
    return unique


def image(page: Page) -> str | None:
    """``og:image``, else the JSON-LD image, else ``twitter:image``; absolute."""
    meta = page.meta
    value = meta.first("og:image", "og:image:url", "og:image:secure_url")
    value = (
        value
        or (jsonld.image_url(page.node) if page.node else None)
        or meta.first("twitter:image", "twitter:image:src")
    )
    return urljoin(page.url, value) if value else None


def site_name(page: Page) -> str | None:
    """``og:site_name``, else the JSON-LD publisher, else the outlet name."""
    publisher = jsonld.publisher_name(page.node, page.nodes) if page.node else None
    return page.meta.first("og:site_name") or publisher or page.outlet.name or None


def html_lang(page: Page) -> str | None:
    """The declared ``<html lang>`` (informative only)."""
    root = page.root
    value = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or root.get("xml:lang")
    return value.strip() or None if value else None
