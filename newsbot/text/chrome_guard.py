"""The last line of defence: no aggregator chrome is ever stored, whatever an extractor let through.

Run on the cleaned title, lead and body just before they are stored. A title longer than a headline
(a summary glued to it, a whole page) or a text still holding a closer ("Lire la suite »"), a
related-items marker ("Similar News"), an aggregator tagline or a "source · il y a 2 heures" line is
repaired when the chrome can be cut off cleanly, and otherwise the item is dropped with a reason:
never stored as is. (An article's title too long for a headline and holding no chrome is cut at a
word instead: the page is broken, the article is still worth keeping.) Closers are only recognised
where chrome puts them (a line of their own, after a sentence end or a chevron, capitalised), so
prose such as "il faudra lire la suite du rapport" is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbot.text.aggregator import CLOSER, MARKER, MARKER_MAX_CHARS, source_line
from newsbot.text.glue import split_glued_title
from newsbot.text.rules import RULES_BY_NAME

MAX_TITLE_CHARS = 250
"""Longer than any headline seen in the corpus: past this a title holds more than a headline."""

_APOS = "['’]"
_CLOSER_PHRASE = (
    r"(?:(?i:l)ire|LIRE|(?i:v)oir|VOIR)\s+(?i:la\s+suite|l" + _APOS + r"article)"
    r"(?:\s+(?i:de\s+l" + _APOS + r"article|sur\s+\S+))?"
)
EMBEDDED_CLOSER = re.compile(
    r"(?:(?:^|(?<=[.!?…»”\")\]]))\s*[\[(«<]?\s*(?:[»›→>]\s*)?|\s*[»›→>\[(]\s*|\s+(?=[LV]))"
    + _CLOSER_PHRASE
    + r"\s*(?:»|›|→|>>?|\.\.\.|…|:)?\s*[\])>»]?"
)
"""A closer inside a text, where chrome puts it (not "lire la suite" in the middle of a sentence)."""
_CLOSER_PHRASE_RE = re.compile(_CLOSER_PHRASE)
"""The closer phrase alone: found wherever ``EMBEDDED_CLOSER`` matches, and much cheaper to scan for."""
EMBEDDED_MARKER = re.compile(
    r"similar\s*news|vous\s+pouvez\s+(?:également|egalement|aussi)\s+lire\s+des\s+articles",
    re.IGNORECASE,
)
_TAGLINE = RULES_BY_NAME["aggregator_site_tagline"].pattern
_TAGLINE_ANYWHERE = re.compile(
    r"derni[eè]res?\s+nouvelles\s*[,;:|/·•\-–—]+\s*[\w'’ -]{1,30}?actualit[ée]s", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý«])")


@dataclass(frozen=True)
class GuardOutcome:
    """The fields to store, the repairs made, and the drop reason when no repair was possible."""

    title: str | None
    lead: str | None
    body: str | None
    repairs: tuple[str, ...] = ()
    drop_reason: str | None = None


def chrome_in(text: str, *, source_lines: bool = True) -> str | None:
    """What chrome ``text`` still holds (``closer``, ``marker``, ``tagline``, ``source_line``), or None.

    ``source_lines``: look for "source · date" lines too (aggregator excerpts; an article's dateline
    "Paris, 12 mars 2024" has the same shape)."""
    # A paragraph holds an embedded closer only where the text holds its phrase: one scan of the
    # text with the plain phrase instead of the costly anchored pattern on every paragraph.
    closer_possible = _CLOSER_PHRASE_RE.search(text) is not None
    for paragraph in text.split("\n\n"):
        stripped = paragraph.strip()
        if not stripped:
            continue
        if CLOSER.match(stripped) or (closer_possible and EMBEDDED_CLOSER.search(stripped)):
            return "closer"
        if EMBEDDED_MARKER.search(stripped) or (len(stripped) <= MARKER_MAX_CHARS and MARKER.match(stripped)):
            return "marker"
        if _TAGLINE.match(stripped) or _TAGLINE_ANYWHERE.search(stripped):
            return "tagline"
        if source_lines and source_line(stripped) is not None:
            return "source_line"
    return None


def _repair_text(text: str, source_lines: bool = True) -> tuple[str, list[str]]:
    """Cut chrome paragraphs and trailing closers; a marker ends the text (what follows is other news)."""
    kept: list[str] = []
    repairs: list[str] = []
    for paragraph in text.split("\n\n"):
        stripped = paragraph.strip()
        if not stripped:
            continue
        marker = EMBEDDED_MARKER.search(stripped)
        if marker is not None or (len(stripped) <= MARKER_MAX_CHARS and MARKER.match(stripped)):
            before = stripped[: marker.start()].strip() if marker is not None else ""
            if before:
                kept.append(before)
            repairs.append("marker_cut")
            break
        if CLOSER.match(stripped) or _TAGLINE.match(stripped) or (source_lines and source_line(stripped)):
            repairs.append("chrome_line_removed")
            continue
        tagline = _TAGLINE_ANYWHERE.search(stripped)
        if tagline is not None:
            stripped = (stripped[: tagline.start()] + " " + stripped[tagline.end() :]).strip()
            repairs.append("tagline_cut")
        cut = EMBEDDED_CLOSER.sub(" ", stripped).strip()
        if cut != stripped:
            repairs.append("closer_cut")
            stripped = re.sub(r"\s{2,}", " ", cut)
        if stripped:
            kept.append(stripped)
    return "\n\n".join(kept), repairs


def _repair_title(title: str, excerpt: bool) -> tuple[str | None, str | None, list[str]]:
    """(title, text cut off it that belongs to the lead, repairs); title ``None`` when beyond repair.

    A title still too long after that: an excerpt's is refused (a whole aggregator page read as one
    title), an article's is cut at the last word that fits (a broken page; the article stays)."""
    repairs: list[str] = []
    rest: str | None = None
    if chrome_in(title) is not None:
        title, cut = _repair_text(title)
        repairs += cut
        title = title.replace("\n\n", " ")
    if len(title) > MAX_TITLE_CHARS:
        glued = split_glued_title(title)
        if glued is not None and len(glued[0]) <= MAX_TITLE_CHARS:
            title, rest = glued
            repairs.append("title_split")
        elif excerpt:
            return None, None, repairs
        else:
            title = (
                title[: title.rfind(" ", 0, MAX_TITLE_CHARS + 1)].rstrip(" ,;:-–—") or title[:MAX_TITLE_CHARS]
            )
            repairs.append("title_cut")
    if not title or chrome_in(title) is not None:
        return None, None, repairs
    return title, rest, repairs


def guard_fields(
    title: str | None, lead: str | None, body: str | None, *, excerpt: bool = True
) -> GuardOutcome:
    """Repair or refuse the text fields of one item (see the module docstring); ``excerpt``: an
    aggregator excerpt, whose texts may also hold "source · date" lines."""
    repairs: list[str] = []
    if title:
        repaired_title, rest, title_repairs = _repair_title(title, excerpt)
        repairs += title_repairs
        if repaired_title is None:
            return GuardOutcome(title, lead, body, tuple(repairs), "chrome_title")
        title = repaired_title
        if rest and not lead:
            lead = rest
    fields: list[str | None] = []
    for value in (lead, body):
        if value and chrome_in(value, source_lines=excerpt) is not None:
            value, text_repairs = _repair_text(value, excerpt)
            repairs += text_repairs
            if value and chrome_in(value, source_lines=excerpt) is not None:
                return GuardOutcome(title, lead, body, tuple(repairs), "chrome_text")
        fields.append(value or None)
    return GuardOutcome(title or None, fields[0], fields[1], tuple(dict.fromkeys(repairs)))
