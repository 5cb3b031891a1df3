"""Truncated endings: an excerpt cut by a trailing ellipsis, a cut word ("…l'hégémo") or a dangling one.

A text that ends on a sentence mark (``. ! ? » …`` and friends) or on a complete word is not
truncated: a summary that merely lacks its final full stop ("… face aux États-Unis et à l’UE") is
complete. A cut word is a lower-case fragment that is not French but begins a French word
("hégémo" → "hégémonie"); a dangling word is one no French sentence ends on ("… en Russie pour la").
Titles are only ever truncated by an ellipsis.
"""

from __future__ import annotations

import re

from newsbot.text.french import DANGLING_WORDS, LOWER, is_french_word, starts_a_french_word

_ELLIPSIS_END = re.compile(r"(?:\.\.\.|…|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))[\s\"”»)]*$")
_LAST_WORD = re.compile(rf"(?:^|(?<=[\s'’(«\"“]))([{LOWER}]+)$")


def truncation_kind(text: str, *, field: str = "body") -> str | None:
    """Name the cut ending ``text``: ``truncated_ellipsis``, ``_word``, ``_dangling``; None if complete."""
    text = text[-80:].rstrip()  # the ending is all that matters
    if not text:
        return None
    if _ELLIPSIS_END.search(text):
        return "truncated_ellipsis"
    if field == "title":
        return None
    match = _LAST_WORD.search(text)
    if match is None:
        return None
    word = match.group(1)
    if word in DANGLING_WORDS:
        return "truncated_dangling"
    if not is_french_word(word) and starts_a_french_word(word):
        return "truncated_word"
    return None


def is_truncated(text: str, *, field: str = "body") -> bool:
    """True when ``text`` ends in a cut: see :func:`truncation_kind`."""
    return truncation_kind(text, field=field) is not None
