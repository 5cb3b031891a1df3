"""Parsing text into an lxml tree, and small DOM helpers (CSS selection, class tokens, element text)."""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector, SelectorError
from lxml.html import HtmlElement, HTMLParser, document_fromstring

from newsbot.extraction.textnorm import collapse_spaces

_PARSER = HTMLParser(
    encoding="utf-8", remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=True
)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
"""C0 controls other than tab, LF and CR: libxml2 rejects them. In UTF-8 they are single bytes that
never occur inside a multi-byte sequence, so deleting them from the encoded text is exact."""
_UNSAFE_REFERENCE = re.compile(
    rb"&#(?:[xX]0*(?:[1-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    rb"|0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|6553[45])(?![0-9]))"
)
"""A numeric character reference (``&#1;``, ``&#x1b``: the semicolon is optional in HTML) to a C0
control or U+FFFE/U+FFFF. The parser decodes it into the tree, where ``drop_tree`` and every other
text setter raise ``ValueError`` on it."""
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


def parse_html(text: str, utf8: bytes | None = None) -> HtmlElement | None:
    """Parse a whole page; ``None`` when nothing parseable remains (empty or binary input).

    ``utf8``: ``text`` encoded in UTF-8, when the caller has it already (see ``decode_html_utf8``).
    """
    data = (text.encode("utf-8", errors="replace") if utf8 is None else utf8).translate(None, _CONTROL_BYTES)
    if _is_blank(data):
        return None
    try:
        root = document_fromstring(data, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    if not isinstance(root, HtmlElement):
        return None
    # U+FFFE/U+FFFF pass libxml2 as they are; looked up in the str, where that is cheapest.
    if _UNSAFE_REFERENCE.search(data) or "\ufffe" in text or "\uffff" in text:
        _strip_unsafe_chars(root)
    return root


def _strip_unsafe_chars(root: HtmlElement) -> None:
    """Delete the characters lxml refuses to store from every text, tail and attribute of the tree,
    as the raw control bytes are deleted before parsing: pruning (``drop_tree`` moves a tail) would
    otherwise raise on them. Only pages whose bytes can produce one pay for this walk."""
    for node in root.iter():
        if node.text and _UNSAFE_CHARS.search(node.text):
            node.text = _UNSAFE_CHARS.sub("", node.text)
        if node.tail and _UNSAFE_CHARS.search(node.tail):
            node.tail = _UNSAFE_CHARS.sub("", node.tail)
        for name, value in node.attrib.items():
            if _UNSAFE_CHARS.search(value):
                node.set(name, _UNSAFE_CHARS.sub("", value))


def _is_blank(data: bytes) -> bool:
    """Only whitespace, Unicode spaces (NBSP…) included; cheap for a page that starts with markup."""
    stripped = data.strip()
    return not stripped or (stripped[0] >= 0x80 and stripped.decode("utf-8", errors="replace").isspace())


@lru_cache(maxsize=512)
def _compiled(selector: str) -> CSSSelector | None:
    try:
        return CSSSelector(selector, translator="html")
    except (SelectorError, ValueError, etree.XPathError):
        return None


def select(root: HtmlElement, selector: str) -> list[HtmlElement]:
    """Elements matching a CSS selector; an invalid selector matches nothing."""
    compiled = _compiled(selector)
    if compiled is None:
        return []
    return [element for element in compiled(root) if isinstance(element, HtmlElement)]


_INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "title"})
_SCREEN_READER_CLASS = re.compile(
    r"(?:^|[\s_-])(?:sr-only|screen-reader(?:-text)?|visually-hidden|visuallyhidden|u-screen-reader-text|"
    r"a11y-hidden|hidden)(?:$|\s)",
    re.IGNORECASE,
)


def is_invisible(element: HtmlElement) -> bool:
    """Script-like element, or text meant for screen readers only."""
    if tag_name(element) in _INVISIBLE_TAGS:
        return True
    return bool(_SCREEN_READER_CLASS.search(element.get("class") or ""))


def element_text(element: HtmlElement) -> str:
    """Text a reader sees in ``element`` (no scripts, no screen-reader-only spans), whitespace collapsed."""
    parts: list[str] = []
    skip_depth = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            if skip_depth or (node is not element and is_invisible(node)):
                skip_depth += 1
            elif node.text and isinstance(node.tag, str):
                parts.append(node.text)
            continue
        if skip_depth:
            skip_depth -= 1
            if skip_depth:
                continue
        if node is not element and node.tail:
            parts.append(node.tail)
    return collapse_spaces("".join(parts))


@lru_cache(maxsize=8192)
def _tokens_of(value: str) -> tuple[str, ...]:
    spaced = _CAMEL_BOUNDARY.sub(" ", value).lower()
    return tuple(token for token in _TOKEN_SPLIT.split(spaced) if token)


def attribute_tokens(element: HtmlElement) -> tuple[str, ...]:
    """Lower-cased word tokens of an element's ``class`` and ``id`` (BEM, kebab and camelCase split)."""
    classes, ident = element.get("class"), element.get("id")
    if classes is None and ident is None:
        return ()
    value = f"{classes or ''} {ident or ''}".strip()
    return _tokens_of(value) if value else ()


def tag_name(element: object) -> str:
    """Lower-case tag name, or ``""`` for comments, entities and processing instructions."""
    tag = getattr(element, "tag", None)
    return tag.lower() if isinstance(tag, str) else ""


_COMMENT_TOKENS = frozenset(
    {"comment", "comments", "commentaire", "commentaires", "reaction", "reactions", "reply", "replies"}
)


def in_comments(element: HtmlElement) -> bool:
    """Inside a reader-comment block: its names and dates are the readers', not the article's."""
    return any(
        _COMMENT_TOKENS.intersection(attribute_tokens(holder))
        for holder in (element, *element.iterancestors())
    )
