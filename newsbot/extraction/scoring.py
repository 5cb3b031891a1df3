"""Generic main-content detection: score every container by the prose it holds.

Readability-style: each paragraph-like element earns points for its length and commas, shared with
its parent (full), grandparent (half) and farther ancestors (a third per level); containers are then
weighted by their class names and link density. When the page states its article text (JSON-LD
``articleBody``), the best candidates are re-ranked by how well their text matches it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from newsbot.extraction.boilerplate import positive_weight
from newsbot.extraction.document import tag_name
from newsbot.extraction.textnorm import clause_marks, collapse_spaces, weighted_length

PARAGRAPH_TAGS = frozenset({"p", "pre", "blockquote", "td", "dd", "li"})
TEXT_WRAPPER_TAGS = frozenset({"div", "section", "article", "span", "font", "center", "main"})
MIN_PARAGRAPH_CHARS = 25
MAX_ANCESTOR_LEVELS = 5
_TAG_BASE = {
    "div": 5, "article": 8, "section": 3, "main": 3, "pre": 3, "td": 3, "blockquote": 3,
    "ol": -3, "ul": -3, "dl": -3, "dd": -3, "dt": -3, "li": -3, "form": -3, "address": -3,
    "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5, "h6": -5, "th": -5,
}  # fmt: skip
_WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    """A container and the prose points it collected."""

    element: HtmlElement
    score: float
    text_chars: int = 0
    link_chars: int = 0
    siblings: list[HtmlElement] = field(default_factory=list)

    @property
    def link_density(self) -> float:
        return min(1.0, self.link_chars / max(1, self.text_chars))

    @property
    def elements(self) -> list[HtmlElement]:
        return [self.element, *self.siblings]


def word_counts(text: str) -> Counter[str]:
    """Lower-cased word multiset used to compare texts."""
    return Counter(_WORD.findall(text.lower()))


def token_f1(candidate: Counter[str], reference: Counter[str]) -> float:
    """Bag-of-words F1 between two word multisets."""
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(candidate.values())
    recall = overlap / sum(reference.values())
    return 2 * precision * recall / (precision + recall)


def _direct_text(element: HtmlElement) -> str:
    parts = [element.text or ""]
    parts.extend(child.tail or "" for child in element)
    return "".join(parts)


def _direct_size(element: HtmlElement) -> int:
    return weighted_length(collapse_spaces(_direct_text(element)))


def _link_chars(element: HtmlElement) -> int:
    return sum(len(collapse_spaces(link.text_content())) for link in element.iter("a"))


def _paragraph_nodes(root: HtmlElement) -> list[HtmlElement]:
    nodes = []
    for element in root.iter():
        tag = tag_name(element)
        if tag in PARAGRAPH_TAGS:
            if tag in {"td", "li", "dd", "blockquote"} and any(
                tag_name(child) in PARAGRAPH_TAGS | {"div"} for child in element
            ):
                continue
            nodes.append(element)
        elif tag in TEXT_WRAPPER_TAGS and _direct_size(element) >= MIN_PARAGRAPH_CHARS:
            nodes.append(element)
    return nodes


def score_candidates(root: HtmlElement) -> list[Candidate]:
    """Every container that received prose points, best first."""
    candidates: dict[HtmlElement, Candidate] = {}
    for node in _paragraph_nodes(root):
        text = collapse_spaces(
            node.text_content() if tag_name(node) in PARAGRAPH_TAGS else _direct_text(node)
        )
        size = weighted_length(text)
        if size < MIN_PARAGRAPH_CHARS:
            continue
        links = min(len(text), _link_chars(node)) if tag_name(node) in PARAGRAPH_TAGS else 0
        points = 1 + clause_marks(text) + min(size // 100, 3)
        if tag_name(node) == "li":
            points *= 0.5
        points *= 1 - links / len(text)
        level = 0
        holder = node if tag_name(node) in TEXT_WRAPPER_TAGS else node.getparent()
        while holder is not None and level < MAX_ANCESTOR_LEVELS:
            if tag_name(holder) in {"html"}:
                break
            candidate = candidates.get(holder)
            if candidate is None:
                candidate = Candidate(holder, _TAG_BASE.get(tag_name(holder), 0) + positive_weight(holder))
                candidates[holder] = candidate
            divider = 1 if level == 0 else (2 if level == 1 else level * 3)
            candidate.score += points / divider
            candidate.text_chars += len(text)
            candidate.link_chars += links
            holder = holder.getparent()
            level += 1
    ranked = [candidate for candidate in candidates.values() if candidate.text_chars]
    for candidate in ranked:
        candidate.score *= 1 - candidate.link_density
    ranked.sort(key=lambda candidate: candidate.score, reverse=True)
    return ranked


def choose_container(root: HtmlElement, reference: Counter[str] | None = None) -> Candidate | None:
    """The main-content container with its merged siblings, or ``None`` when the page holds no prose."""
    ranked = score_candidates(root)
    if not ranked:
        return None
    by_element = {candidate.element: candidate for candidate in ranked}
    top = _climb(ranked[0], by_element)
    if reference and sum(reference.values()) >= 40:
        top = _closest_to_reference([*ranked[:15], top], reference, by_element) or top
    top.siblings = _matching_siblings(top, by_element) + _twins(top, ranked)
    return top


def _climb(top: Candidate, by_element: dict[HtmlElement, Candidate]) -> Candidate:
    """Move up when a parent holds clearly more prose (the article split in several blocks)."""
    last_score = top.score
    threshold = top.score / 3
    parent = top.element.getparent()
    while parent is not None and tag_name(parent) not in {"body", "html"}:
        parent_candidate = by_element.get(parent)
        if parent_candidate is None:
            parent = parent.getparent()
            continue
        if parent_candidate.score < threshold:
            break
        if parent_candidate.score > last_score:
            top = parent_candidate
            break
        last_score = parent_candidate.score
        parent = parent.getparent()
    return top


def _closest_to_reference(
    candidates: list[Candidate], reference: Counter[str], by_element: dict[HtmlElement, Candidate]
) -> Candidate | None:
    best: tuple[float, float] | None = None
    chosen = None
    seen: set[HtmlElement] = set()
    for candidate in candidates:
        if candidate.element in seen:
            continue
        seen.add(candidate.element)
        similarity = token_f1(word_counts(candidate.element.text_content()), reference)
        key = (round(similarity, 2), candidate.score)
        if best is None or key > best:
            best, chosen = key, candidate
    if chosen is None or best is None or best[0] < 0.5:
        return None
    return by_element.get(chosen.element, chosen)


def _twins(top: Candidate, ranked: list[Candidate]) -> list[HtmlElement]:
    """Other parts of a body split around widgets: same tag and class as ``top``, similar prose weight."""
    name = top.element.get("class")
    if not name:
        return []
    threshold = max(10.0, top.score * 0.2)
    twins = []
    for candidate in ranked:
        element = candidate.element
        if candidate.score < threshold or element is top.element or element.get("class") != name:
            continue
        if tag_name(element) != tag_name(top.element) or _related(element, top.element):
            continue
        twins.append(element)
    return twins


def _related(first: HtmlElement, second: HtmlElement) -> bool:
    return any(ancestor is second for ancestor in first.iterancestors()) or any(
        ancestor is first for ancestor in second.iterancestors()
    )


def _matching_siblings(top: Candidate, by_element: dict[HtmlElement, Candidate]) -> list[HtmlElement]:
    parent = top.element.getparent()
    if parent is None or tag_name(top.element) in {"body", "html"}:
        return []
    threshold = max(10.0, top.score * 0.2)
    top_class = top.element.get("class")
    siblings = []
    for sibling in parent:
        if sibling is top.element or not tag_name(sibling) or next(sibling.iter("h1"), None) is not None:
            continue
        candidate = by_element.get(sibling)
        bonus = top.score * 0.2 if top_class and sibling.get("class") == top_class else 0
        if candidate is not None and candidate.score + bonus >= threshold:
            siblings.append(sibling)
        elif tag_name(sibling) == "p":
            text = collapse_spaces(sibling.text_content())
            density = _link_chars(sibling) / max(1, len(text))
            if (len(text) > 80 and density < 0.25) or (
                0 < len(text) <= 80 and density == 0 and text[-1:] in ".!?»"
            ):
                siblings.append(sibling)
    return siblings
