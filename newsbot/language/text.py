"""Text preparation for language detection: join the article fields, drop quotations, cap the length.

Pure functions on strings; nothing here knows about detectors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A quotation never spans paragraphs: an unbalanced mark must not swallow the rest of the article.
QUOTED_SPAN = re.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"")
URL = re.compile(r"(?:https?://|www\.)\S+")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
# Latin script letters: Basic Latin, Latin-1, Latin Extended-A/B and Latin Extended Additional.
LATIN_LETTER = re.compile(r"[A-Za-zªºÀ-ÖØ-öø-ɏḀ-ỿ]")
# How much raw text (a multiple of the cap) is cleaned before capping.
RAW_SLICE_FACTOR = 2
_ASCII_LETTERS = bytes(range(ord("A"), ord("Z") + 1)) + bytes(range(ord("a"), ord("z") + 1))
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@dataclass(frozen=True)
class PreparedText:
    """The text handed to a detector, and what was done to obtain it."""

    text: str
    letters: int
    quotes_removed: bool


def normalise_space(text: str) -> str:
    """Collapse runs of spaces inside lines and drop blank lines, keeping one line break."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def remove_addresses(text: str) -> str:
    """Drop URLs and e-mail addresses (their letters are not in the article's language)."""
    if "://" in text or "www." in text:
        text = URL.sub(" ", text)
    if "@" in text:
        text = EMAIL.sub(" ", text)
    return text


def join_fields(*fields: str | None) -> str:
    """Join the non-empty fields (title, lead, body) one per line, without URLs and e-mail addresses."""
    return normalise_space("\n".join(remove_addresses(field) for field in fields if field))


def remove_quotes(text: str) -> str:
    """Drop the quoted spans (« … », “ … ”, " … "), which may be in another language than the article."""
    return normalise_space(QUOTED_SPAN.sub(" ", text))


def count_letters(text: str) -> int:
    """Number of alphabetic characters (digits, punctuation and spaces say nothing of the language).

    ``str.isalpha`` of every character, counted for the ASCII ones by deleting their letters from
    the bytes (several times faster); only the non-ASCII ones are tested one by one.
    """
    ascii_bytes = text.encode("ascii", "ignore")
    letters = len(ascii_bytes) - len(ascii_bytes.translate(None, _ASCII_LETTERS))
    if not text.isascii():
        letters += sum(map(str.isalpha, "".join(_NON_ASCII.findall(text))))
    return letters


def is_mostly_latin(text: str) -> bool:
    """True when at least half of the letters are Latin script (or there are no letters at all)."""
    return len(LATIN_LETTER.findall(text)) * 2 >= count_letters(text)


def cap(text: str, max_chars: int) -> str:
    """The first ``max_chars`` characters, cut at the last space so that no word is split."""
    if len(text) <= max_chars:
        return text
    head = text[:max_chars]
    cut = max(head.rfind(" "), head.rfind("\n"))
    return head[:cut] if cut > max_chars // 2 else head


def prepare_text(
    title: str | None,
    lead: str | None,
    body: str | None,
    *,
    max_chars: int,
    min_letters_without_quotes: int,
) -> PreparedText:
    """Join the fields, remove quotations when enough text remains without them, cap the length.

    Enough text remains when at least ``min_letters_without_quotes`` letters are left: a title
    that is mostly a quotation is the article's own voice, and removing it would leave too
    little to judge.

    Only a slice a few times longer than the cap is cleaned, so that the cost stays bounded on
    very long bodies while the capped text is still full once quotations are removed.
    """
    fields = (cap(field, RAW_SLICE_FACTOR * max_chars) for field in (title, lead, body) if field)
    text = cap(join_fields(*fields), RAW_SLICE_FACTOR * max_chars)
    if QUOTED_SPAN.search(text):
        unquoted = cap(remove_quotes(text), max_chars)
        letters_left = count_letters(unquoted)
        if letters_left >= min_letters_without_quotes:
            return PreparedText(text=unquoted, letters=letters_left, quotes_removed=True)
    capped = cap(text, max_chars)
    return PreparedText(text=capped, letters=count_letters(capped), quotes_removed=False)
