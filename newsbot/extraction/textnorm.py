"""Whitespace and character normalisation shared by the extraction modules."""

from __future__ import annotations

import html
import re

_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ANY_SPACES = re.compile(r"\s+")
_MIXED_SPACES = re.compile("[ \u00a0\u202f]{2,}")
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_EDGE_SPACES = " \t\n\r\f\v\u00a0\u202f\u2009\u2007\u3000"


def collapse_spaces(text: str) -> str:
    """Collapse runs of ASCII whitespace like a browser does; keep single non-breaking spaces.

    Runs that mix an ordinary space with non-breaking ones become one ordinary space.
    """
    if not text:
        return ""
    text = _INVISIBLE.sub("", text)
    text = _ASCII_SPACES.sub(" ", text)
    text = _MIXED_SPACES.sub(" ", text)
    return text.strip(_EDGE_SPACES)


def normalize_ws(text: str | None) -> str:
    """All Unicode whitespace to single spaces, stripped: the form used to compare strings."""
    if not text:
        return ""
    return _ANY_SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def clean_inline(text: str | None) -> str | None:
    """Unescape stray HTML entities, collapse whitespace; ``None`` for empty results."""
    if text is None:
        return None
    value = collapse_spaces(html.unescape(text)) if "&" in text else collapse_spaces(text)
    return value or None


def comparable(text: str | None) -> str:
    """Lower-cased, whitespace-normalised text with typographic quotes unified, for equality tests."""
    value = normalize_ws(text).casefold()
    return value.translate(_QUOTES)


_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CLAUSE_MARKS = re.compile("[,，、،;；]")


def weighted_length(text: str) -> int:
    """Length where one CJK character counts as three, roughly a Latin word's share of meaning."""
    return len(text) + 2 * len(_CJK.findall(text))


def clause_marks(text: str) -> int:
    """Commas and their CJK/Arabic equivalents: a cheap sign of running prose."""
    return len(_CLAUSE_MARKS.findall(text))
