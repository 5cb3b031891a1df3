"""Text normalisation for the exact-text layer and for shingling.

The normal form ignores what differs between two prints of the same article: case, accents
(French capitals are often written without them), punctuation and typographic quotes, any kind of
whitespace (NBSP, narrow NBSP, line breaks) and the reading-invitation lines that outlets and
aggregators insert ("» LIRE AUSSI …", "Lire la suite »", "Similar News: …").

Stored content hashes depend on the normal form: it must never change. It is defined by
:func:`fold` (NFKD, combining accents U+0300-U+036F removed, casefold) followed by word splitting
on ``[\\W_]+`` line by line. The fast path computes the same thing one character at a time from a
table (see :func:`fold_table`) for texts where that is exact; other texts take the reference path.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import cache

import numpy as np

#: Whole lines that are navigation or promotion, not article text (matched on the normal form).
#: A FROZEN copy, on purpose not read from ``newsbot.text.chrome`` (the list extraction and cleaning
#: share): stored content hashes depend on it, so a phrase added there must not change it here.
#: ``tests/unit/test_dedup_normal_form_equivalence.py`` checks it stays as it is.
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
#: The characters ``str.splitlines`` breaks lines at.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

#: Code points below this have an entry in :func:`fold_table` (Latin, Greek, Cyrillic, punctuation…).
FOLD_TABLE_SIZE = 0x3000
DROPPED = 0  # a combining accent: nothing is left of it
SEPARATOR = ord(" ")  # punctuation, spaces: ends a word
LINE_BREAK = ord("\n")
CONTEXTUAL = 0xFFFFFFFF  # not a code point: the character needs the reference path


def fold(text: str) -> str:
    """NFKD, combining accents removed, casefolded: the reference first step of the normal form."""
    return _COMBINING_ACCENT.sub("", unicodedata.normalize("NFKD", text)).casefold()


def fold_entry(char: str) -> int:
    """What ``char`` contributes to the normal form when that does not depend on its neighbours.

    :func:`fold` is a per-character map except for NFKD's canonical reordering, which only moves
    combining marks among combining marks: a character whose decomposition holds no combining mark
    other than the removed accents folds alike alone and in any text. Its entry is the one word
    character it folds to, :data:`DROPPED`, :data:`SEPARATOR` or :data:`LINE_BREAK` when it folds to
    non-word characters only, else :data:`CONTEXTUAL` (e.g. "ß" -> "ss", "½" -> "1⁄2").
    """
    decomposed = unicodedata.normalize("NFKD", char)
    if any(unicodedata.combining(part) and not _COMBINING_ACCENT.match(part) for part in decomposed):
        return CONTEXTUAL
    folded = fold(char)
    if not folded:
        return DROPPED
    if _NON_WORD.fullmatch(folded):
        return LINE_BREAK if LINE_BREAKS.intersection(folded) else SEPARATOR
    return ord(folded) if len(folded) == 1 else CONTEXTUAL


@cache
def fold_table() -> np.ndarray:
    """:func:`fold_entry` of every code point below :data:`FOLD_TABLE_SIZE`, then one
    :data:`CONTEXTUAL` entry standing for every code point above (built once, ~15 ms)."""
    entries = [fold_entry(chr(code)) for code in range(FOLD_TABLE_SIZE)]
    return np.array([*entries, CONTEXTUAL], dtype=np.uint32)


def table_fold(text: str) -> str | None:
    """:func:`fold` with each non-word character as a space and each line break as ``"\\n"``,
    computed from :func:`fold_table`; ``None`` when the text holds a :data:`CONTEXTUAL` character."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    mapped = np.take(fold_table(), codes, mode="clip")  # beyond the table: its last entry
    if mapped.size == 0:
        return ""
    if mapped.max() == CONTEXTUAL:  # the largest entry
        return None
    if mapped.min() == DROPPED:  # the smallest: decomposed accents, rare in NFC text
        mapped = mapped[mapped != DROPPED]
    return mapped.tobytes().decode("utf-32-le")


#: A line of :func:`table_fold` output that might be boilerplate starts like this (a necessary
#: condition for its words to match ``_BOILERPLATE_LINE``; spaces stand for any non-word run).
_MAYBE_BOILERPLATE = re.compile(
    r" *(?:a +lire |lire |(?:voir|ecouter|regarder) +aussi|similar +news|vous +pouvez +egalement +lire"
    r"|france +dernieres|publicite|advertisement|abonnez +vous|partage[rz]|newsletter"
    r"|tous +droits|all +rights)"
)


def _kept_lines(lines: list[str]) -> str:
    return " ".join(words for words in lines if words and not _BOILERPLATE_LINE.match(words))


def normal_words(text: str) -> list[str]:
    """The words of the normal form, in order (``" ".join`` of them is :func:`normalize_for_hash`)."""
    folded = table_fold(text)
    if folded is None:  # the reference path
        return _kept_lines([_NON_WORD.sub(" ", line).strip() for line in fold(text).splitlines()]).split()
    lines = folded.split("\n")
    if not any(map(_MAYBE_BOILERPLATE.match, lines)):  # most texts: every line is kept
        return folded.split()
    return _kept_lines(list(map(" ".join, map(str.split, lines)))).split()


def normalize_for_hash(text: str) -> str:
    """Return the article's words in a canonical form: lower case, unaccented, single-spaced.

    Boilerplate lines are dropped whole; the remaining lines are joined with one space, so two
    bodies differing only in line breaks, whitespace, punctuation, case or accents normalise alike.
    """
    return " ".join(normal_words(text))


def hash_normal_form(normal_form: str) -> str:
    """Hex digest (128-bit BLAKE2b) of an already normalised text."""
    return hashlib.blake2b(normal_form.encode("utf-8"), digest_size=16).hexdigest()


def content_hash(text: str) -> str:
    """Hex digest (128-bit BLAKE2b) of :func:`normalize_for_hash` — equal for equal article text."""
    return hash_normal_form(normalize_for_hash(text))
