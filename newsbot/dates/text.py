"""Text normalisation shared by every French date rule.

Dates are matched on a canonical form: lower case, accents folded (``é`` → ``e``), every
apostrophe variant turned into ``'``, every dash into ``-``, non-breaking and narrow spaces into
plain spaces, HTML entities decoded and runs of whitespace collapsed. Folding is one character
for one character, so patterns stay plain ASCII.
"""

from __future__ import annotations

import html

from newsbot.text.chars import INVISIBLE

_CANONICAL = str.maketrans(
    {
        **dict.fromkeys("àâäáã", "a"),
        **dict.fromkeys("éèêë", "e"),
        **dict.fromkeys("îïí", "i"),
        **dict.fromkeys("ôöó", "o"),
        **dict.fromkeys("ûüùú", "u"),
        "ç": "c",
        **dict.fromkeys("’‘`´ʼʻ՚ꞌ＇′‵ʹ", "'"),
        **dict.fromkeys("–—‑‐−", "-"),
        **dict.fromkeys("\u00a0\u202f\u2009\u2007\u2002\u2003\u200a", " "),
        **dict.fromkeys(INVISIBLE),
    }
)


def canonical(text: str) -> str:
    """Return ``text`` in the canonical form the date patterns are written for."""
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.lower().translate(_CANONICAL).split())
