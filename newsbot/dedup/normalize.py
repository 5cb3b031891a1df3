"""Text normalisation for the exact-text layer and for shingling.

The normal form ignores what differs between two prints of the same article: case, accents
(French capitals are often written without them), punctuation and typographic quotes, any kind of
whitespace (NBSP, narrow NBSP, line breaks) and the reading-invitation lines that outlets and
aggregators insert ("» LIRE AUSSI …", "Lire la suite »", "Similar News: …").
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Whole lines that are navigation or promotion, not article text (matched on the normal form).
_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    r"(?:a )?lire (?:aussi|egalement|la suite|l article|plus)\b.*"
    r"|(?:voir|ecouter|regarder) aussi\b.*"
    r"|similar news\b.*"
    r"|vous pouvez egalement lire des articles\b.*"
    r"|france dernieres nouvelles france actualites"
    r"|(?:publicite|advertisement|abonnez vous|partager|partagez|newsletter)"
    r"|(?:tous droits reserves|all rights reserved)\b.*"
    r")$"
)
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING_ACCENT = re.compile("[\u0300-\u036f]")


def normalize_for_hash(text: str) -> str:
    """Return the article's words in a canonical form: lower case, unaccented, single-spaced.

    Boilerplate lines are dropped whole; the remaining lines are joined with one space, so two
    bodies differing only in line breaks, whitespace, punctuation, case or accents normalise alike.
    """
    folded = _COMBINING_ACCENT.sub("", unicodedata.normalize("NFKD", text)).casefold()
    kept = []
    for line in folded.splitlines():
        words = _NON_WORD.sub(" ", line).strip()
        if words and not _BOILERPLATE_LINE.match(words):
            kept.append(words)
    return " ".join(kept)


def hash_normal_form(normal_form: str) -> str:
    """Hex digest (128-bit BLAKE2b) of an already normalised text."""
    return hashlib.blake2b(normal_form.encode("utf-8"), digest_size=16).hexdigest()


def content_hash(text: str) -> str:
    """Hex digest (128-bit BLAKE2b) of :func:`normalize_for_hash` — equal for equal article text."""
    return hash_normal_form(normalize_for_hash(text))
