"""The one aggregator parser: an aggregator page as lines in, its main excerpt and related items out.

An aggregator page (the shape of ``../shared/samples/aggregator_page.txt``) shows the excerpt of a
main article, the aggregator's chrome (site header, tagline, a "Similar News: …" marker, footer)
and related items, each a title (often glued to its summary) closed by "Lire la suite »" or "Lire
l'article". Whatever the markup, the page reads as lines, and the signals every such page shares
are on those lines: closers end items, a marker ends the main excerpt, "source · il y a 2 heures"
lines carry an item's outlet and date, chrome lines match the boilerplate rules. The HTML reader
(``newsbot.extraction.aggregator``) turns a page into :class:`Line` objects, adding what only the
markup knows (links, headings, the repeated block each line sits in, the main title);
:func:`parse_aggregator_text` feeds plain text lines to the same :func:`parse_aggregator_lines`.

Rules, in order: lines before the main title are header chrome; the main excerpt runs from the
title to its closer or the marker; after it, every closer ends one related item, lines of the same
repeated block (a card, a row) stay with its item wherever they sit; lines after the last closer
are footer chrome. Without a title line (plain text) the marker splits excerpt from items, and a
text without marker is a list of items when at least two closers close it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsbot.text.clean import READ_MORE_RULE, clean_text, strip_paragraph
from newsbot.text.glue import split_glued_title
from newsbot.text.normalize import normalize_text
from newsbot.text.truncation import is_truncated

MAX_HEADLINE_CHARS = 220
"""A title longer than this is not a headline: chrome or a summary glued to it."""

_APOS = "['’]"
_CLOSER_WORDS = (
    r"(?:lire|voir|continuer)\s+(?:la\s+suite|l" + _APOS + r"article|l" + _APOS + r"info|la\s+lecture)"
    r"(?:\s+(?:complet|complète|de\s+l" + _APOS + r"article|sur\s+\S+(?:\s+\S+){0,3}))?"
)
_DECOR = r"[\s\[\](){}«»‹›<>→⟶➜▶►•·|*+\-–—.…:!]*"
CLOSER = re.compile(rf"^{_DECOR}{_CLOSER_WORDS}{_DECOR}$", re.IGNORECASE)
"""A whole line that only closes an item: "Lire la suite »", "[Lire l'article]", "LIRE LA SUITE…"."""
_TRAILING_CLOSER = re.compile(rf"(?P<closer>{_DECOR}{_CLOSER_WORDS}{_DECOR})$", re.IGNORECASE)
_CLOSER_ANYWHERE = re.compile(_CLOSER_WORDS, re.IGNORECASE)

MARKER = re.compile(
    r"^\W*(?:similar\s*news\b|(?:articles?|actualités?|infos?)\s+similaires\b|sur\s+le\s+même\s+(?:sujet|thème)\b"
    r"|vous\s+pouvez\s+(?:également|egalement|aussi)\s+lire\b|(?:à\s+)?lire\s+aussi\b|vous\s+aimerez\s+aussi\b"
    r"|dans\s+la\s+même\s+rubrique\b|(?:nos\s+)?autres\s+(?:articles|actualités)\b)",
    re.IGNORECASE,
)
"""Where the main excerpt ends and other articles begin ("Similar News:", "Articles similaires")."""
MARKER_MAX_CHARS = 300

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    "|décembre|decembre"
)
_TIME = r"(?:\s+(?:à\s+)?\d{1,2}\s*[h:]\s*\d{0,2})?"
_AGO = (
    r"(?:il\s+y\s+a\s+(?:\d+|une?|quelques)\s*(?:secondes?|s|minutes?|mins?|mn|heures?|h|jours?|j|semaines?|mois|ans?)"
    r"|hier|avant-hier|aujourd" + _APOS + r"hui|à\s+l" + _APOS + r"instant)" + _TIME
)
_DAY = (
    r"(?:le\s+)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?\d{1,2}(?:er)?\s+(?:"
    + _MONTHS
    + r")(?:\s+\d{4})?"
    + _TIME
    + r"|\d{1,2}/\d{1,2}/\d{2,4}"
    + _TIME
)
_WHEN = rf"(?:publié\s+)?(?:{_AGO}|{_DAY})"
_SEP = r"\s*[·•|,—–\-/]\s*"
_OUTLET = r"(?:(?:source|via|par)\s*:?\s*)?(?P<outlet{n}>[^\s·•|,—–][^·•|,—–\n]{{0,38}}?)"
SOURCE_LINE = re.compile(
    rf"^\s*(?:{_OUTLET.format(n=1)}{_SEP}(?P<when1>{_WHEN})|(?P<when2>{_WHEN}){_SEP}{_OUTLET.format(n=2)}"
    rf"|(?P<when3>{_WHEN})|(?:source|via)\s*:\s*{_OUTLET.format(n=3)})\s*\.?\s*$",
    re.IGNORECASE,
)
"""An item's provenance line: "lemonde.fr · il y a 2 heures", "Source : Le Monde · 12 mars 2024"."""

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Line:
    """One visible line of the page and what the markup says about it."""

    text: str
    links: tuple[Link, ...] = ()
    heading: bool = False
    owner: int | None = None
    """The repeated block (card, row, list item around one closer) holding the line, if any."""
    date: str | None = None
    """A machine-readable date on the line (``<time datetime>``)."""
    ends_item: bool = False
    """No text: the end of a repeated block that is an item without a closer (a teaser)."""
    opening: str | None = None
    """Text of the inline element the line opens with, when a capitalised text follows it with no break
    (``<span>Titre</span><span>Résumé</span>``): the markup's own title/summary boundary."""


@dataclass(frozen=True)
class AggregatorItem:
    """One excerpt: its title, its summary, whether the summary (or the title) was cut, where it links."""

    title: str
    summary: str
    truncated: bool
    title_truncated: bool = False
    url: str | None = None
    """The link of the item's closer (else its title's): the original or the aggregator's item page."""
    outlet: str | None = None
    """The outlet named by the item's source line (as written)."""
    published_raw: str | None = None
    """The source line's date as written ("il y a 2 heures"), or a ``<time datetime>``."""


@dataclass(frozen=True)
class AggregatorPage:
    """The main excerpt, the related items, and the chrome removed on the way."""

    excerpt: str
    excerpt_truncated: bool
    items: tuple[AggregatorItem, ...]
    stripped: tuple[str, ...]
    rules_fired: tuple[str, ...]
    main: AggregatorItem | None = None
    """The main excerpt as an item (title when the page shows one, excerpt, link, source line)."""


@dataclass
class _Parse:
    stripped: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)


def is_closer(text: str) -> bool:
    return CLOSER.match(text) is not None


def holds_closer(text: str) -> bool:
    """A closer phrase anywhere in ``text`` (the pipeline's last check)."""
    return _CLOSER_ANYWHERE.search(text) is not None


def is_marker(text: str) -> bool:
    if len(text) > MARKER_MAX_CHARS:
        return False
    if MARKER.match(text):
        return True
    outcome = strip_paragraph(text)
    return outcome.dropped_by is not None and (
        outcome.dropped_by.ends_article or outcome.dropped_by.name == "related_heading"
    )


def source_line(text: str) -> tuple[str | None, str | None] | None:
    """``(outlet, date)`` of a provenance line, ``None`` for any other line."""
    if len(text) > 90:
        return None
    match = SOURCE_LINE.match(text)
    if match is None:
        return None
    outlet = next((match.group(f"outlet{n}") for n in (1, 2, 3) if match.group(f"outlet{n}")), None)
    when = next((match.group(f"when{n}") for n in (1, 2, 3) if match.group(f"when{n}")), None)
    if outlet is not None and len(_WORD.findall(outlet)) > 6:
        return None
    return (outlet.strip() if outlet else None), (when.strip() if when else None)


def _split_trailing_closer(line: Line) -> list[Line]:
    """ "… summary Lire la suite »" as the summary line and the closer line."""
    text = line.text
    if line.ends_item or is_closer(text):
        return [line]
    match = _TRAILING_CLOSER.search(text)
    if match is None:
        return [line]
    start = match.start("closer")
    before, closer = text[:start].rstrip(), match.group("closer").strip()
    phrase = _CLOSER_ANYWHERE.search(closer)
    assert phrase is not None
    decorated = closer[: phrase.start()].strip() != "" or before[-1:] in '.!?…»”")]'
    # Plain prose may end on "lire la suite": only a capitalised or decorated closer is one.
    if not before or not (decorated or phrase.group()[0].isupper()):
        return [line]
    closer_links = tuple(link for link in line.links if is_closer(link.text))
    other_links = tuple(link for link in line.links if link not in closer_links)
    return [
        Line(before, other_links, line.heading, line.owner, line.date, opening=line.opening),
        Line(closer, closer_links, False, line.owner, None),
    ]


def _is_nav(line: Line) -> bool:
    """A row of short links and nothing else: a menu."""
    if len(line.links) < 2:
        return False
    linked = sum(len(link.text) for link in line.links)
    words = max(len(_WORD.findall(link.text)) for link in line.links)
    return words <= 4 and linked >= 0.7 * len(re.sub(r"[\s·•|/-]", "", line.text))


@dataclass
class _Segment:
    lines: list[Line] = field(default_factory=list)
    closer: Line | None = None


def _kind(line: Line) -> str:
    if line.ends_item or is_closer(line.text):
        return "closer"
    if is_marker(line.text):
        return "marker"
    if source_line(line.text) is not None:
        return "source"
    if _is_nav(line):
        return "nav"
    return "content"


def _segments(lines: Sequence[Line], kinds: Sequence[str], parse: _Parse) -> list[_Segment]:
    """Related items: each closer ends one; a block's lines after its closer still join it."""
    segments: list[_Segment] = []
    by_owner: dict[int, _Segment] = {}
    pending: list[Line] = []
    for line, kind in zip(lines, kinds, strict=True):
        if line.owner is not None and line.owner in by_owner:
            if kind == "closer":
                parse.stripped.append(line.text)
            else:
                by_owner[line.owner].lines.append(line)
            continue
        if kind == "closer":
            if line.owner is not None:  # lines of another block (an ad among the items) are not this item's
                foreign = [p for p in pending if p.owner is not None and p.owner != line.owner]
                _strip(foreign, parse)
                pending = [p for p in pending if p.owner is None or p.owner == line.owner]
            segment = _Segment(pending, line)
            segments.append(segment)
            if line.text:
                parse.stripped.append(line.text)
                parse.fired.append(READ_MORE_RULE)
            if line.owner is not None:
                by_owner[line.owner] = segment
            pending = []
        elif kind == "marker":
            _strip([*pending, line], parse)
            pending = []
        else:
            pending.append(line)
    _strip(pending, parse)  # footer: after the last closer, part of no item
    return segments


def _strip(lines: Sequence[Line], parse: _Parse) -> None:
    """Lines that are chrome: recorded in ``stripped``, with the rules they match."""
    for line in lines:
        parse.fired.extend(strip_paragraph(line.text).fired)
        if is_closer(line.text):
            parse.fired.append(READ_MORE_RULE)
        parse.stripped.append(line.text)


def _content(lines: Sequence[Line], parse: _Parse) -> tuple[list[Line], str | None, str | None, str | None]:
    """The lines that are text, and the outlet, date and link read from the others."""
    kept: list[Line] = []
    outlet = date = href = None
    for line in lines:
        kind = _kind(line)
        if kind == "source":
            found = source_line(line.text)
            assert found is not None
            outlet, when = outlet or found[0], found[1]
            date = date or line.date or when
            parse.stripped.append(line.text)
            if line.links and href is None:
                href = line.links[0].href
            continue
        if kind in ("nav", "marker", "closer"):
            _strip([line], parse)
            continue
        outcome = strip_paragraph(line.text)
        parse.fired.extend(outcome.fired)
        parse.stripped.extend(outcome.removed)
        if not outcome.text:
            continue
        date = date or line.date
        opening = line.opening if line.opening and outcome.text.startswith(line.opening) else None
        kept.append(Line(outcome.text, line.links, line.heading, line.owner, line.date, opening=opening))
    return kept, outlet, date, href


def _title_and_summary(lines: list[Line]) -> tuple[str | None, list[str], Line]:
    """A heading or a whole link is the title; else a title glued to its summary, a title link
    opening the line, or a first line short enough to be a headline."""
    first, rest = lines[0], [line.text for line in lines[1:]]
    title_link = next((link for link in first.links if link.text and first.text.startswith(link.text)), None)
    whole_link = title_link is not None and len(title_link.text) >= len(first.text) - 1
    if (first.heading or whole_link) and rest:
        return first.text, rest, first
    if first.opening is not None:
        return first.opening, [first.text[len(first.opening) :].strip(), *rest], first
    glued = split_glued_title(first.text)
    if glued is not None:
        return glued[0], [glued[1], *rest], first
    if first.heading or whole_link:
        return first.text, rest, first
    if title_link is not None:
        return title_link.text, [first.text[len(title_link.text) :].strip(), *rest], first
    if len(first.text) <= MAX_HEADLINE_CHARS:
        return first.text, rest, first
    return None, [first.text, *rest], first


def _item(segment: _Segment, parse: _Parse) -> AggregatorItem | None:
    lines, outlet, date, source_href = _content(segment.lines, parse)
    if not lines:
        return None
    title, summary_parts, first = _title_and_summary(lines)
    closer_href = segment.closer.links[0].href if segment.closer and segment.closer.links else None
    title_href = next((link.href for link in first.links), None)
    any_href = next((link.href for line in lines for link in line.links), None)
    url = closer_href or title_href or any_href or source_href
    title_text = clean_text(title, field="title").text if title else ""
    summary = clean_text("\n\n".join(p for p in summary_parts if p), field="lead", title=title_text or None)
    parse.fired.extend(summary.rules_fired)
    return AggregatorItem(
        title_text,
        summary.text,
        summary.truncated,
        bool(title_text) and is_truncated(title_text, field="lead"),
        url=url,
        outlet=outlet,
        published_raw=date,
    )


def _main_end(lines: Sequence[Line], kinds: Sequence[str], title_at: int) -> tuple[int, int | None]:
    """(end of the main excerpt, index of its closer or None)."""
    for index in range(title_at + 1, len(lines)):
        kind = kinds[index]
        if kind == "marker":
            return index, None
        if kind != "closer":
            continue
        owner = lines[index].owner
        if owner is None or owner == lines[title_at].owner:
            return index + 1, index
        block_start = next(i for i in range(title_at, index + 1) if lines[i].owner == owner)
        between = [kinds[i] for i in range(title_at + 1, block_start)]
        # The excerpt sits outside this block: the block is the first related item, the main has no closer.
        return (block_start, None) if "content" in between else (index + 1, index)
    return len(lines), None


def parse_aggregator_lines(lines: Sequence[Line], *, title_at: int | None = None) -> AggregatorPage:
    """Split an aggregator page's lines into its main excerpt and related items, chrome removed.

    ``title_at``: index of the main excerpt's title line when the page shows one (HTML ``<h1>``).
    """
    parse = _Parse()
    expanded = [
        piece
        for line in lines
        if line.text.strip() or line.ends_item
        for piece in _split_trailing_closer(line)
    ]
    if title_at is not None:
        title_line = lines[title_at]
        title_at = next((i for i, line in enumerate(expanded) if line is title_line), None)
    kinds = [_kind(line) for line in expanded]
    main: AggregatorItem | None = None
    excerpt_segments: list[_Segment] = []
    if title_at is not None:
        _strip(expanded[:title_at], parse)  # site header
        end, closer_at = _main_end(expanded, kinds, title_at)
        closer = expanded[closer_at] if closer_at is not None else None
        if closer is not None and closer.text:
            parse.stripped.append(closer.text)
            parse.fired.append(READ_MORE_RULE)
        body = [line for i, line in enumerate(expanded[title_at + 1 : end], title_at + 1) if i != closer_at]
        main = _main_item(expanded[title_at], body, closer, parse)
        related_from = end
    else:
        marker_at = next((i for i, kind in enumerate(kinds) if kind == "marker"), None)
        closers = kinds.count("closer")
        items_follow = marker_at is not None and (
            "closer" in kinds[marker_at + 1 :] or any(line.ends_item for line in expanded[marker_at + 1 :])
        )
        if items_follow:  # a marker then items: what precedes it is the excerpt
            excerpt_segments = [_Segment(expanded[: marker_at + 1])]
            related_from = marker_at + 1
        elif marker_at is not None:  # a marker no item follows is only chrome: the text is the excerpt
            excerpt_segments = [_Segment(list(expanded))]
            related_from = len(expanded)
        elif closers >= 2:
            related_from = 0
        else:
            excerpt_segments = [_Segment(list(expanded))]
            related_from = len(expanded)
    if main is not None:
        excerpt_text, excerpt_truncated = main.summary, main.truncated
    else:
        excerpt_lines = [line for segment in excerpt_segments for line in segment.lines]
        kept, outlet, date, source_href = _content(excerpt_lines, parse)
        excerpt = clean_text("\n\n".join(line.text for line in kept))
        parse.fired.extend(excerpt.rules_fired)
        excerpt_text, excerpt_truncated = excerpt.text, excerpt.truncated
        closer_href = next(
            (line.links[0].href for line in excerpt_lines if line.links and _kind(line) == "closer"), None
        )
        if excerpt_text:  # no title line: the excerpt alone, with its link, outlet and date when shown
            main = AggregatorItem(
                "",
                excerpt_text,
                excerpt_truncated,
                url=closer_href or source_href,
                outlet=outlet,
                published_raw=date,
            )
    segments = _segments(expanded[related_from:], kinds[related_from:], parse)
    items = tuple(item for item in (_item(segment, parse) for segment in segments) if item is not None)
    return AggregatorPage(
        excerpt=excerpt_text,
        excerpt_truncated=excerpt_truncated,
        items=items,
        stripped=tuple(parse.stripped),
        rules_fired=tuple(dict.fromkeys(parse.fired)),
        main=main,
    )


def _is_whole_link(line: Line) -> bool:
    linked = sum(len(link.text) for link in line.links)
    return bool(line.links) and linked >= len(line.text) - 2


def _main_item(title: Line, body: list[Line], closer: Line | None, parse: _Parse) -> AggregatorItem:
    kept, outlet, date, source_href = _content(body, parse)
    # The excerpt is prose: a heading or a line that is only a link after it starts something else
    # (a "most read" box, a menu).
    for index, line in enumerate(kept[1:], 1):
        if line.heading or _is_whole_link(line):
            _strip(kept[index:], parse)
            kept = kept[:index]
            break
    excerpt = clean_text("\n\n".join(line.text for line in kept), field="lead", title=title.text)
    parse.fired.extend(excerpt.rules_fired)
    title_text = clean_text(title.text, field="title").text
    return AggregatorItem(
        title_text,
        excerpt.text,
        excerpt.truncated,
        url=(closer.links[0].href if closer is not None and closer.links else None) or source_href,
        outlet=outlet,
        published_raw=title.date or date,
    )


def text_lines(text: str) -> list[Line]:
    """Plain text as lines: one per paragraph of the normalised text (a line break starts one)."""
    normalized = normalize_text(text.replace("\n", "\n\n"))
    return [Line(paragraph) for paragraph in normalized.split("\n\n") if paragraph]


def parse_aggregator_text(text: str) -> AggregatorPage:
    """Split an aggregator page's text into its excerpt and its related items, chrome removed."""
    return parse_aggregator_lines(text_lines(text))
