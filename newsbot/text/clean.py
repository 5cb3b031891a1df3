"""``clean_text``: strip chrome with the named rules, repair glued text, normalise, flag truncation.

Besides the names in :data:`BOILERPLATE_RULES`, ``rules_fired`` may hold the repairs
``glued_text_split`` (a fused title/summary or heading/paragraph was split), ``repeated_title``
(a lead or body opening with the item's own title lost that copy) and the truncation kinds
``truncated_ellipsis``, ``truncated_word`` and ``truncated_dangling``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from newsbot.text.cues import CueSet
from newsbot.text.french import UPPER
from newsbot.text.glue import junction_candidates, split_at_glue, split_glued_title
from newsbot.text.normalize import NBSP, normalize_text
from newsbot.text.rules import BOILERPLATE_RULES, Rule
from newsbot.text.truncation import truncation_kind

FIELDS = ("title", "lead", "body")
PARAGRAPH_BREAK = "\n\n"
GLUED_TEXT_SPLIT = "glued_text_split"
REPEATED_TITLE = "repeated_title"

_INTERNAL_SENTENCE_END = re.compile(rf"[.!?…]\s+[{UPPER}«]")
_LINK_TITLE_START = re.compile(rf"[{UPPER}0-9«\"“]")
_SPACES = re.compile(r"\s{2,}")
_INLINE_LEAD_CHARS = 8  # longest lead before an inline cue: " » [ " after collapsed spaces
# Chrome never reports speech: a paragraph that does ("…, a lancé la candidate", "«…», dit-il") is prose.
_REPORTED_SPEECH = re.compile(
    r",\s*(?:a|ont|avait|avaient)\s+(?:\w+\s+)?\w+(?:é|i|is|it|u|us|ert)\b|-t-(?:il|elle|on)\b|^«[^»]{1,200}»\s*,"
    r"|,\s*(?:affirme|déclare|estime|explique|dit|lance|souligne|ajoute|assure|précise|indique|rappelle|raconte"
    r"|confie|prévient|résume|conclut|reconnaît|répète|tranche|martèle|plaide|insiste|regrette|déplore)\b"
)


@dataclass(frozen=True)
class CleanResult:
    """Cleaned text, the names of the rules and repairs that fired, and whether the text was cut."""

    text: str
    rules_fired: tuple[str, ...]
    truncated: bool


@dataclass(frozen=True)
class ParagraphOutcome:
    """What the rules did to one paragraph: its remaining text ("" when dropped) and why."""

    text: str
    fired: tuple[str, ...]
    removed: tuple[str, ...]
    dropped_by: Rule | None = None
    match: re.Match[str] | None = None

    @property
    def opens_link_title(self) -> bool:
        """A bare "À lire aussi" heading: its link title sits in the next paragraph."""
        if self.dropped_by is None or self.match is None or not self.dropped_by.consumes_following_title:
            return False
        return not self.match.groupdict().get("title")


def _replacement(match: re.Match[str]) -> str:
    """Replacement for an inline match; keeps a "»" that closes a quotation opened before it."""
    text, (start, end) = match.string, match.span()
    at_end = end >= len(text)
    if match.group().lstrip().startswith("»") and text.count("«", 0, start) > text.count("»", 0, start):
        return NBSP + "»" + ("" if at_end else " ")
    return "" if start == 0 or at_end else " "


def _cue_positions(lowered: str, cues: tuple[str, ...]) -> list[int]:
    positions = []
    for cue in cues:
        found = lowered.find(cue)
        while found != -1:
            positions.append(found)
            found = lowered.find(cue, found + 1)
    return sorted(positions)


def inline_matches(rule: Rule, paragraph: str, lowered: str) -> list[re.Match[str]]:
    """Matches of an inline rule, tried only just before each cue: chrome starts at most a few
    characters (a chevron, a bracket, spaces) before its cue, and scanning a whole flattened
    article with the full pattern costs several times more."""
    matches: list[re.Match[str]] = []
    searched_to = 0
    for cue_at in _cue_positions(lowered, rule.cues):
        if cue_at < searched_to:
            continue
        lead = _INLINE_LEAD_CHARS if rule.lead_chars is None else rule.lead_chars
        for start in range(max(searched_to, cue_at - lead), cue_at + 1):
            match = rule.pattern.match(paragraph, start)
            if match:
                matches.append(match)
                searched_to = match.end()
                break
    return matches


def _cut_all(matches: list[re.Match[str]]) -> str:
    text = matches[0].string
    pieces, position = [], 0
    for match in matches:
        pieces += [text[position : match.start()], _replacement(match)]
        position = match.end()
    pieces.append(text[position:])
    return _SPACES.sub(" ", "".join(pieces)).strip()


@dataclass(frozen=True)
class _RuleBucket:
    """The rules that can fire on paragraphs up to ``max_length`` chars, and all their cues."""

    max_length: float
    rules: tuple[Rule, ...]
    cues: CueSet


def _buckets() -> tuple[_RuleBucket, ...]:
    limits = sorted({rule.max_chars for rule in BOILERPLATE_RULES if rule.scope != "inline"})
    buckets = []
    for limit in [*limits, float("inf")]:
        rules = tuple(rule for rule in BOILERPLATE_RULES if rule.scope == "inline" or rule.max_chars >= limit)
        buckets.append(_RuleBucket(limit, rules, CueSet.of(cue for rule in rules for cue in rule.cues)))
    return tuple(buckets)


_BUCKETS = _buckets()
_BUCKET_LIMITS = [bucket.max_length for bucket in _BUCKETS]


def may_fire(paragraph: str) -> bool:
    """False when no rule can fire on the paragraph (most paragraphs): it holds none of their cues."""
    return _BUCKETS[bisect_left(_BUCKET_LIMITS, len(paragraph))].cues.found_in(paragraph.lower())


def strip_paragraph(paragraph: str) -> ParagraphOutcome:
    """Run the rules, in order, on one normalised paragraph."""
    if not may_fire(paragraph):
        return ParagraphOutcome(paragraph, (), ())
    bucket = _BUCKETS[bisect_left(_BUCKET_LIMITS, len(paragraph))]
    lowered = paragraph.lower()
    fired: list[str] = []
    removed: list[str] = []
    reported_speech: bool | None = None
    for rule in bucket.rules:
        if not rule.applies_to(paragraph, lowered):
            continue
        if rule.scope == "inline":
            matches = inline_matches(rule, paragraph, lowered)
            if matches:
                fired.append(rule.name)
                removed += [match.group().strip() for match in matches]
                paragraph = _cut_all(matches)
                if not paragraph:
                    return ParagraphOutcome("", tuple(fired), tuple(removed))
                lowered = paragraph.lower()
            continue
        match = rule.pattern.match(paragraph)
        if match and reported_speech is None:
            reported_speech = _REPORTED_SPEECH.search(paragraph) is not None
        if match and not reported_speech:
            fired.append(rule.name)
            removed.append(paragraph)
            return ParagraphOutcome("", tuple(fired), tuple(removed), rule, match)
    return ParagraphOutcome(paragraph, tuple(fired), tuple(removed))


def looks_like_link_title(paragraph: str) -> bool:
    """A short single headline without a closing full stop, as related-article links are."""
    return (
        len(paragraph) <= 180
        and not paragraph.endswith(".")
        and _LINK_TITLE_START.match(paragraph) is not None
        and _INTERNAL_SENTENCE_END.search(paragraph) is None
    )


READ_MORE_RULE = "aggregator_read_more"
RELATED_ITEMS_WINDOW = 3
"""An aggregator's related items close with "Lire la suite" within this many paragraphs of its marker."""


def related_items_follow(paragraphs: list[str]) -> bool:
    """Whether the paragraphs after an aggregator marker ("Similar News: …") are its related items:
    a "Lire la suite" closes one of the first few, or the first is a title glued to its summary (how
    aggregators print an item). A publisher's body that merely starts after the aggregator's chrome
    shows neither, and is kept."""
    window = [paragraph for paragraph in paragraphs if paragraph.strip()][:RELATED_ITEMS_WINDOW]
    if not window:
        return False
    if split_glued_title(window[0]) is not None:
        return True
    return any(READ_MORE_RULE in strip_paragraph(paragraph).fired for paragraph in window)


def _strip_rules(paragraphs: list[str], fired: list[str]) -> list[str]:
    kept: list[str] = []
    expecting_link_title = False
    for position, paragraph in enumerate(paragraphs):
        if expecting_link_title:
            expecting_link_title = False
            if looks_like_link_title(paragraph):
                continue
        if not may_fire(paragraph):  # kept as is, without building its outcome
            if paragraph:
                kept.append(paragraph)
            continue
        outcome = strip_paragraph(paragraph)
        fired.extend(outcome.fired)
        if outcome.dropped_by is not None and outcome.dropped_by.ends_article:
            if related_items_follow(paragraphs[position + 1 :]):
                break
            continue  # chrome at the top of a publisher's body: only the marker goes
        expecting_link_title = outcome.opens_link_title
        if outcome.text:
            kept.append(outcome.text)
    return kept


def _split_glued(paragraphs: list[str], fired: list[str]) -> list[str]:
    """:func:`split_at_glue` on each paragraph holding a junction candidate, found in one scan of
    the whole text (a paragraph break is never part of a junction); the others are only stripped."""
    candidates = iter(junction_candidates(PARAGRAPH_BREAK.join(paragraphs)))
    next_candidate = next(candidates, None)
    repaired: list[str] = []
    end = -len(PARAGRAPH_BREAK)
    for paragraph in paragraphs:
        end += len(PARAGRAPH_BREAK) + len(paragraph)
        if next_candidate is None or next_candidate >= end:
            stripped = paragraph.strip()
            if stripped:
                repaired.append(stripped)
            continue
        while next_candidate is not None and next_candidate < end:
            next_candidate = next(candidates, None)
        pieces = split_at_glue(paragraph)
        if len(pieces) > 1:
            fired.append(GLUED_TEXT_SPLIT)
        repaired.extend(pieces)
    return repaired


@lru_cache(maxsize=64)
def _title_core(title: str) -> str:
    """The title as one normalised line without its closing dots (cached: lead and body share it)."""
    return " ".join(normalize_text(title).split("\n\n")).rstrip(" .…").strip()


def _without_repeated_title(paragraphs: list[str], title: str, fired: list[str]) -> list[str]:
    """Drop a copy of the title opening the text: whole, cut short by an ellipsis, or fused to the text."""
    if not paragraphs:
        return paragraphs
    core = _title_core(title)
    first = paragraphs[0]
    first_core = first.rstrip(" .…")
    if len(core) < 8 or len(first_core) < 8:
        return paragraphs
    cut_copy = first_core != first and core.lower().startswith(first_core.lower())
    if cut_copy or first_core.lower() == core.lower():
        fired.append(REPEATED_TITLE)
        return paragraphs[1:]
    if first[: len(core)].lower() == core.lower():
        rest = first[len(core) :].lstrip(".…")
        if rest[:1].isupper():
            fired.append(REPEATED_TITLE)
            return [rest, *paragraphs[1:]]
    return paragraphs


def _dedupe(names: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def clean_text(text: str, *, field: str = "body", title: str | None = None) -> CleanResult:
    """Strip aggregator and publisher chrome, repair glued text, normalise, flag a truncated ending.

    ``field`` is ``"title"``, ``"lead"`` or ``"body"``: a title is one line that keeps only its own
    part of a glued title+summary; a lead or body keeps paragraphs, and loses a copy of ``title``
    at its start.
    """
    if field not in FIELDS:
        raise ValueError(f"field must be one of {FIELDS}, not {field!r}")
    fired: list[str] = []
    normalized = normalize_text(text)
    if field == "title":
        paragraphs = _strip_rules([" ".join(normalized.split("\n\n"))] if normalized else [], fired)
        cleaned = paragraphs[0] if paragraphs else ""
        glued = split_glued_title(cleaned)
        if glued is not None:
            fired.append(GLUED_TEXT_SPLIT)
            cleaned = glued[0]
    else:
        paragraphs = _split_glued(_strip_rules(normalized.split("\n\n") if normalized else [], fired), fired)
        if title:
            paragraphs = _without_repeated_title(paragraphs, title, fired)
        cleaned = "\n\n".join(paragraphs)
    truncation = truncation_kind(cleaned, field=field)
    if truncation:
        fired.append(truncation)
    return CleanResult(cleaned, _dedupe(fired), truncation is not None)
