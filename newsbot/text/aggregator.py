"""Parse the text of a news aggregator page: the headline excerpt and the related items under it.

Shape handled (see ``../shared/samples/aggregator_page.txt``): the excerpt of the main article,
often cut mid-word; the aggregator's chrome (site tagline, "Similar News: …" marker); then related
items, each a title glued to its summary, closed by "Lire la suite »". Items found before any
marker count as related items only when at least two of them are closed by "Lire la suite".
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbot.text.clean import READ_MORE_RULE, clean_text, related_items_follow, strip_paragraph
from newsbot.text.glue import split_glued_title
from newsbot.text.normalize import normalize_text
from newsbot.text.truncation import is_truncated


@dataclass(frozen=True)
class AggregatorItem:
    """One related item: its title, its summary, whether the summary was cut, and the title."""

    title: str
    summary: str
    truncated: bool
    title_truncated: bool = False


@dataclass(frozen=True)
class AggregatorPage:
    """The headline excerpt, the related items, and the chrome removed on the way."""

    excerpt: str
    excerpt_truncated: bool
    items: tuple[AggregatorItem, ...]
    stripped: tuple[str, ...]
    rules_fired: tuple[str, ...]


def _item(paragraphs: list[str]) -> AggregatorItem:
    first, rest = paragraphs[0], paragraphs[1:]
    glued = split_glued_title(first)
    title, summary_parts = (glued[0], [glued[1], *rest]) if glued else (first, rest)
    title = clean_text(title, field="title").text
    summary = clean_text("\n\n".join(summary_parts), field="lead", title=title)
    # A teaser title cut by the aggregator ("… en Russie pour la") shows the same marks as a summary.
    return AggregatorItem(title, summary.text, summary.truncated, is_truncated(title, field="lead"))


def _segments(paragraphs: list[str], stripped: list[str], fired: list[str]) -> tuple[list, list, bool]:
    """Group content paragraphs into segments closed by "Lire la suite", before and after the marker
    (a marker not followed by such items is only chrome: what follows it stays in the excerpt)."""
    before: list[list[str]] = [[]]
    after: list[list[str]] = [[]]
    saw_marker = False
    for position, paragraph in enumerate(paragraphs):
        outcome = strip_paragraph(paragraph)
        fired.extend(outcome.fired)
        stripped.extend(outcome.removed)
        if outcome.dropped_by is not None and outcome.dropped_by.ends_article:
            saw_marker = saw_marker or related_items_follow(paragraphs[position + 1 :])
            continue
        segments = after if saw_marker else before
        if outcome.text:
            segments[-1].append(outcome.text)
        if READ_MORE_RULE in outcome.fired and segments[-1]:
            segments.append([])
    return [s for s in before if s], [s for s in after if s], saw_marker


def parse_aggregator_text(text: str) -> AggregatorPage:
    """Split an aggregator page's text into its excerpt and its related items, chrome removed."""
    normalized = normalize_text(text)
    stripped: list[str] = []
    fired: list[str] = []
    before, after, saw_marker = _segments(normalized.split("\n\n") if normalized else [], stripped, fired)
    if saw_marker:
        excerpt_segments, item_segments = before, after
    elif len(before) >= 2 and READ_MORE_RULE in fired:
        excerpt_segments, item_segments = [], before
    else:
        excerpt_segments, item_segments = before, []
    excerpt = clean_text("\n\n".join(p for segment in excerpt_segments for p in segment))
    return AggregatorPage(
        excerpt=excerpt.text,
        excerpt_truncated=excerpt.truncated,
        items=tuple(_item(segment) for segment in item_segments),
        stripped=tuple(stripped),
        rules_fired=tuple(dict.fromkeys(fired + list(excerpt.rules_fired))),
    )
