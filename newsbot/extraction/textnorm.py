"""Whitespace and character normalisation shared by the extraction modules."""

from __future__ import annotations

import html
import re

from newsbot.text.chars import INVISIBLE

_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_MIXED_SPACES = re.compile("[ \u00a0\u202f]{2,}")
_EDGE_SPACES = " \t\n\r\f\v\u00a0\u202f\u2009\u2007\u3000"


def collapse_spaces(text: str) -> str:
    """Collapse runs of ASCII whitespace like a browser does; keep single non-breaking spaces.

    Runs that mix an ordinary space with non-breaking ones become one ordinary space.
    (Each substitution is skipped when a cheap scan shows it has nothing to do: this runs on
    every text block of every page.)
    """
    if not text:
        return ""
    if not text.isascii():
        text = _remove_invisible(text)
    if "  " in text or any(space in text for space in "\t\n\r\f\v"):
        text = _ASCII_SPACES.sub(" ", text)
    if "\u00a0" in text or "\u202f" in text:
        text = _MIXED_SPACES.sub(" ", text)
    return text.strip(_EDGE_SPACES)


_NEVER_KEPT = tuple(dict.fromkeys(INVISIBLE + _EDGE_SPACES))
"""Every character ``collapse_spaces`` may remove or fold; all others always survive it."""


def collapsed_longer_than(text: str, limit: int) -> bool:
    """``len(collapse_spaces(text)) > limit``, without collapsing a long text when counting settles it.

    Collapsing never lengthens a text and never removes a character outside ``_NEVER_KEPT``, so
    ``len(text)`` is an upper bound and the count of other characters a lower bound: a container's
    whole text (often the page's body) is then judged by a few ``str.count`` scans, not regex passes.
    """
    if len(text) <= limit:
        return False
    if len(text) - sum(text.count(char) for char in _NEVER_KEPT) > limit:
        return True
    return len(collapse_spaces(text)) > limit


def _remove_invisible(text: str) -> str:
    for char in INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    return text


def normalize_ws(text: str | None) -> str:
    """All Unicode whitespace to single spaces, stripped: the form used to compare strings."""
    if not text:
        return ""
    # str.split() and the regex ``\s`` share one definition of whitespace (``str.isspace``).
    return " ".join(_remove_invisible(text).split())


def clean_inline(text: str | None) -> str | None:
    """Unescape stray HTML entities, collapse whitespace; ``None`` for empty results."""
    if text is None:
        return None
    value = collapse_spaces(html.unescape(text)) if "&" in text else collapse_spaces(text)
    return value or None


def comparable(text: str | None) -> str:
    """Lower-cased, whitespace-normalised text with typographic quotes unified, for equality tests."""
    value = normalize_ws(text).casefold()
    if value.isascii():
        return value.replace("`", "'") if "`" in value else value
    for char, plain in _QUOTES:
        if char in value:
            value = value.replace(char, plain)
    return value


_QUOTES = (("’", "'"), ("‘", "'"), ("`", "'"), ("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'))
"""Replaced one by one: ``str.replace`` scans far faster than ``str.translate`` with a mapping."""


_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CLAUSE_MARKS = re.compile("[,，、،;；]")


def weighted_length(text: str) -> int:
    """Length where one CJK character counts as three, roughly a Latin word's share of meaning."""
    return len(text) + 2 * len(_CJK.findall(text))


def clause_marks(text: str) -> int:
    """Commas and their CJK/Arabic equivalents: a cheap sign of running prose."""
    return len(_CLAUSE_MARKS.findall(text))
