"""Article body: outlet selectors, else generic scoring, checked against JSON-LD ``articleBody``."""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.authors import split_signature
from newsbot.extraction.blocks import HEADING_TAGS, Block, iter_blocks
from newsbot.extraction.boilerplate import is_chrome_line, is_read_also, prune
from newsbot.extraction.datesources import is_dateline
from newsbot.extraction.document import select, tag_name
from newsbot.extraction.rules import active
from newsbot.extraction.scoring import choose_container, word_counts
from newsbot.extraction.textnorm import clean_inline, collapse_spaces, collapsed_longer_than, comparable
from newsbot.text.chrome import PAYWALL_CUT_PHRASES

PAYWALL_CUT = re.compile("(" + "|".join(PAYWALL_CUT_PHRASES) + ")", re.IGNORECASE)  # newsbot.text.chrome
PAYWALL_LABEL = re.compile(
    r"^\W*(?:(?:cet\s+)?(?:article|contenu)\s+)?réservée?\s+(?:aux|à nos)\s+abonnés\W*$|^\W*abonnés?\W*$|"
    r"^\W*(?:exclusivité|exclusif|édition)\s+abonnés?\W*$",
    re.I,
)
HEAD_WINDOW = 6
EXCERPT_END = re.compile(r"(\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))\s*$")
MIN_BODY_CHARS = 150
PROSE_CHARS = 80


@dataclass
class BodyResult:
    """The body text (blank-line separated blocks), how it was found, and whether it is cut."""

    text: str | None
    method: str
    truncated: bool = False


def extract_body(
    root: HtmlElement,
    *,
    body_selectors: tuple[str, ...] = (),
    remove_selectors: tuple[str, ...] = (),
    article_body: str | None = None,
    title: str | None = None,
    lead: str | None = None,
    authors: list[str] | None = None,
    paywalled: bool = False,
) -> BodyResult:
    """Find the body in ``root`` (which is pruned in place by the generic path); on a ``paywalled``
    page the JSON-LD ``articleBody`` may be shorter than the visible teaser."""
    reference_text = _reference_text(article_body)
    reference = word_counts(reference_text) if reference_text else None
    method = "profile"
    heads = {"title": title, "lead": lead, "authors": authors}
    blocks, marker = _profile_blocks(root, body_selectors, remove_selectors, heads)
    if _too_short(blocks):
        for selector in remove_selectors:
            for element in select(root, selector):
                if element.getparent() is not None:
                    element.drop_tree()
        prune(root)
        candidate = choose_container(root, reference)
        method = "generic"
        blocks, marker = ([], False)
        if candidate is not None:
            blocks, marker = clean_blocks(_ordered_blocks(candidate.elements), **heads)
    if reference is not None and reference_text:
        blocks, method = _reconcile(blocks, method, reference_text, reference, heads, paywalled)
    if not blocks:
        return BodyResult(None, "none", marker)
    truncated = marker or bool(EXCERPT_END.search(blocks[-1].text))
    return BodyResult("\n\n".join(block.text for block in blocks), method, truncated)


def _reference_text(article_body: str | None) -> str | None:
    """JSON-LD ``articleBody`` cleaned line by line (entities such as ``&nbsp;`` decoded)."""
    if not article_body:
        return None
    lines = (clean_inline(line) for line in article_body.splitlines())
    text = "\n".join(line for line in lines if line)
    return text if len(text) >= MIN_BODY_CHARS else None


def _too_short(blocks: list[Block]) -> bool:
    return sum(len(block.text) for block in blocks) < MIN_BODY_CHARS


def _profile_blocks(
    root: HtmlElement,
    body_selectors: tuple[str, ...],
    remove_selectors: tuple[str, ...],
    heads: dict[str, Any],
) -> tuple[list[Block], bool]:
    for selector in body_selectors:
        containers = _outermost(select(root, selector))
        if not containers:
            continue
        copies = []
        for container in containers:
            clone = copy.deepcopy(container)
            for unwanted in remove_selectors:
                for element in select(clone, unwanted):
                    if element is not clone and element.getparent() is not None:
                        element.drop_tree()
            prune(clone)
            copies.append(clone)
        blocks = [block for clone in copies for block in iter_blocks(clone)]
        cleaned = clean_blocks(blocks, **heads)
        if not _too_short(cleaned[0]):
            return cleaned
    return [], False


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    chosen = set(elements)
    return [
        element for element in elements if not any(parent in chosen for parent in element.iterancestors())
    ]


def _ordered_blocks(elements: list[HtmlElement]) -> list[Block]:
    """Blocks of the chosen elements in document order, each element once."""
    if len(elements) > 1:
        wanted = set(elements)
        root = elements[0].getroottree().getroot()
        elements = [element for element in root.iter() if element in wanted]
    return [block for element in elements for block in iter_blocks(element)]


def clean_blocks(
    blocks: list[Block], *, title: str | None, lead: str | None, authors: list[str] | None = None
) -> tuple[list[Block], bool]:
    """Drop cross-promotion, chrome lines, link lists, bylines, the repeated title/lead; stop at a paywall
    notice ("Il vous reste 70 % de cet article à lire"), which marks the body as cut."""
    kept: list[Block] = []
    truncated = False
    cards = _teaser_cards(blocks)
    for block in blocks:
        if len(block.text) < 400 and PAYWALL_CUT.search(block.text):
            if kept:
                truncated = True
                break
            continue
        if PAYWALL_LABEL.match(block.text) or is_chrome_line(block.text) or is_read_also(block):
            continue
        if is_dateline(block.text) or _is_byline(block.text, authors) or block.link_density > 0.6:
            continue
        if _is_promotion(block) or (block.element is not None and block.element in cards):
            continue
        if kept and kept[-1].is_heading and block.is_heading:
            kept.pop()  # a heading whose section was all dropped (a list of links under "Vidéos")
        kept.append(block)
    kept = _drop_repeated_head(kept, title, lead)
    while kept and (kept[-1].is_heading or _is_dangling_label(kept[-1])):
        kept.pop()
    return kept, truncated


MAX_CARD_CHARS = 300


def _teaser_cards(blocks: list[Block]) -> set[HtmlElement]:
    """Elements of teaser cards: a container holding a heading, at most a short text and a link
    outside its paragraphs ("Dans le numéro de mars … Découvrir"): other content, not this article."""
    found: set[HtmlElement] = set()
    for block in blocks:
        if not block.is_heading or block.element is None:
            continue
        card = block.element.getparent()
        if card is None or tag_name(card) in {"body", "article", "main"} or card in found:
            continue
        if collapsed_longer_than(card.text_content(), MAX_CARD_CHARS) or card.find(".//h1") is not None:
            continue
        if not any(_outside_paragraphs(link) for link in card.iter("a")):
            continue
        members = [element for element in card.iter() if isinstance(element.tag, str)]
        if len([element for element in members if tag_name(element) in HEADING_TAGS]) == 1:
            found.update(members)
    return found


def _outside_paragraphs(link: HtmlElement) -> bool:
    return not any(tag_name(ancestor) == "p" for ancestor in link.iterancestors())


_BRACKETED_PLUG = re.compile(
    r"^\s*\[.*(?:abonnez[- ]vous|inscrivez[- ]vous|newsletter|lettre d.information).*\]\s*$", re.IGNORECASE
)
_SPONSORED = etree.XPath(".//a[contains(concat(' ', normalize-space(@rel), ' '), ' sponsored ')]")
MAX_PROMOTION_CHARS = 250


def _is_promotion(block: Block) -> bool:
    """An advertising call-out (a short block around a ``rel=sponsored`` link) or a bracketed
    newsletter plug inserted between paragraphs ("[… Abonnez-vous aujourd'hui]")."""
    if len(block.text) > MAX_PROMOTION_CHARS:
        return False
    if active("body-bracketed-plugs") and _BRACKETED_PLUG.match(block.text):
        return True
    element = block.element
    return element is not None and active("body-sponsored-call-outs") and bool(_SPONSORED(element))


def _drop_repeated_head(blocks: list[Block], title: str | None, lead: str | None) -> list[Block]:
    """Remove the page header caught with the body: kicker and title, then the standfirst."""
    if title:
        key = comparable(title)
        for index, block in enumerate(blocks[:HEAD_WINDOW]):
            if comparable(block.text) == key:
                blocks = blocks[index + 1 :]
                break
    heads = [comparable(value) for value in (title, lead) if value]
    while blocks and heads and _matches_any(comparable(blocks[0].text), heads):
        blocks = blocks[1:]
    return blocks


def _is_byline(text: str, authors: list[str] | None) -> bool:
    """A short line naming exactly the article's authors ("Par Claire Vasseur et Hugo Lemaire")."""
    if not authors or len(text) > 120:
        return False
    names = {comparable(name) for name in split_signature(text)}
    return bool(names) and names <= {comparable(name) for name in authors}


def _matches_any(text: str, heads: list[str]) -> bool:
    for head in heads:
        if text == head:
            return True
        trimmed = head.rstrip(".… ")
        if head.endswith(("...", "…")) and len(trimmed) > 40 and text.startswith(trimmed):
            return True
    return False


def _is_dangling_label(block: Block) -> bool:
    return len(block.text) < 40 and block.text.rstrip()[-1:] == ":"


def _reconcile(
    blocks: list[Block],
    method: str,
    reference_text: str,
    reference: Counter[str],
    heads: dict[str, Any],
    paywalled: bool = False,
) -> tuple[list[Block], str]:
    """Prefer the DOM (it keeps paragraphs) unless it misses much of what ``articleBody`` states.

    Blocks the ``articleBody`` does not hold are dropped (inline promotions), except, on a paywalled
    page, prose paragraphs after its end: there the ``articleBody`` is a shorter teaser than the page."""
    dom = word_counts(" ".join(block.text for block in blocks))
    reference_total = sum(reference.values())
    covered = sum((dom & reference).values()) / reference_total
    dom_total = sum(dom.values())
    if not blocks or (covered < 0.6 and reference_total > 1.3 * dom_total):
        return _reference_blocks(reference_text, heads), "jsonld-articleBody"
    if covered >= 0.9 and dom_total > 1.1 * reference_total:
        inside = [_mostly_in(block, reference) for block in blocks]
        last = max((index for index, hit in enumerate(inside) if hit), default=len(blocks))
        blocks = [
            block
            for index, block in enumerate(blocks)
            if inside[index] or (paywalled and index > last and _is_prose(block))
        ]
    return blocks, method


def _is_prose(block: Block) -> bool:
    return len(block.text) >= PROSE_CHARS and block.link_density < 0.3 and not block.is_heading


def _mostly_in(block: Block, reference: Counter[str]) -> bool:
    words = word_counts(block.text)
    total = sum(words.values())
    return total < 4 or sum((words & reference).values()) / total >= 0.5


def _reference_blocks(reference_text: str, heads: dict[str, Any]) -> list[Block]:
    lines = [collapse_spaces(line) for line in reference_text.split("\n")]
    blocks = [Block(line, "p") for line in lines if line]
    return clean_blocks(blocks, **heads)[0]
