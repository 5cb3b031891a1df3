"""Serialising a DOM subtree into text blocks (paragraphs, headings, list items) with link statistics."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

from newsbot.extraction.textnorm import collapse_spaces

BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    }
)  # fmt: skip
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CELL_TAGS = frozenset({"td", "th"})
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "title"})


@dataclass(frozen=True)
class Block:
    """One paragraph-like run of text and the element kind that holds it."""

    text: str
    tag: str
    link_chars: int = 0
    element: HtmlElement | None = None

    @property
    def is_heading(self) -> bool:
        return self.tag in HEADING_TAGS

    @property
    def link_density(self) -> float:
        return min(1.0, self.link_chars / max(1, len(self.text)))


class _Collector:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._parts: list[str] = []
        self._link_chars = 0

    def add(self, text: str, in_link: bool) -> None:
        self._parts.append(text)
        if in_link:
            self._link_chars += len(text.strip())

    def flush(self, tag: str, element: HtmlElement | None) -> None:
        if not self._parts:
            return
        text = collapse_spaces("".join(self._parts))
        if text:
            self.blocks.append(Block(text, tag, min(self._link_chars, len(text)), element))
        self._parts = []
        self._link_chars = 0


def iter_blocks(root: HtmlElement) -> list[Block]:
    """Blocks of ``root`` in document order; inline markup is joined without adding spaces."""
    collector = _Collector()
    stack: list[tuple[str, HtmlElement]] = [("p", root)]
    link_depth = 0
    skip_depth = 0
    for event, node in etree.iterwalk(root, events=("start", "end")):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if event == "start":
            if skip_depth or tag in SKIPPED_TAGS or not tag:
                skip_depth += 1
                continue
            if tag in BLOCK_TAGS:
                collector.flush(*stack[-1])
                stack.append((tag, node))
            elif tag == "br":
                collector.flush(*stack[-1])
            elif tag == "a":
                link_depth += 1
            elif tag in CELL_TAGS:
                collector.add(" ", False)
            if node.text:
                collector.add(node.text, link_depth > 0)
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth == 0 and node is not root and node.tail:
                collector.add(node.tail, link_depth > 0)
            continue
        if tag in BLOCK_TAGS:
            collector.flush(*stack[-1])
            if len(stack) > 1:
                stack.pop()
        elif tag == "a":
            link_depth = max(0, link_depth - 1)
        if node is not root and node.tail:
            collector.add(node.tail, link_depth > 0)
    collector.flush(*stack[-1])
    return collector.blocks
