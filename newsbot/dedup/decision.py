"""What the dedup stage decides for one article, given what MongoDB holds (no Scrapy, no Twisted).

:func:`look_up` asks the store about a batch of articles (one query for layers 1 and 2, one insert
placing the new texts in their stories for layer 3); :func:`decide` turns one answer into a verdict:
write it (``insert``, ``update``, ``touch`` or ``unchecked``), or drop it as a copy of a stored text.
The pipeline only applies verdicts (stats, drops, the item's fields).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsbot.dedup.index import StoryIndex, StoryMatch, StoryRequest
from newsbot.dedup.sketch import TextSketch
from newsbot.storage.connection import MongoUnavailable

if TYPE_CHECKING:
    from newsbot.storage.store import ArticleStore


@dataclass(frozen=True)
class Candidate:
    """One article to look up."""

    url: str
    sketch: TextSketch
    source: str | None
    published_at: datetime | None


@dataclass
class Lookup:
    """What MongoDB said about one article."""

    unavailable: bool = False
    existing: dict[str, Any] | None = None
    """The stored article with this URL."""
    other: dict[str, Any] | None = None
    """A stored article with this text (when none has the URL)."""
    match: StoryMatch | None = None
    """The article's story; ``None`` when it keeps a stored one or could not be placed (MongoDB down)."""


@dataclass(frozen=True)
class Verdict:
    """The decision for one article: counters to add, then a drop or the fields to set."""

    write_mode: str | None = None
    story_id: str | None = None
    counters: tuple[str, ...] = ()
    """Names counted under ``newsbot/dedup/``."""
    copy_of: str | None = None
    """A stored URL carrying the same text: the article is dropped and recorded there as an alternate."""


def look_up(store: ArticleStore, stories: StoryIndex, batch: Sequence[Candidate]) -> list[Lookup]:
    """One query for layers 1 and 2, one insert for layer 3 (usually); blocking, run it in a thread."""
    try:
        stored = store.find_known([c.url for c in batch], [c.sketch.content_hash for c in batch])
    except MongoUnavailable:
        return [Lookup(unavailable=True) for _ in batch]
    by_url = {doc["url"]: doc for doc in stored}
    by_hash: dict[str, dict[str, Any]] = {}
    for doc in stored:
        by_hash.setdefault(doc.get("content_hash"), doc)
    lookups: list[Lookup] = []
    to_place: list[int] = []
    for position, candidate in enumerate(batch):
        existing = by_url.get(candidate.url)
        other = by_hash.get(candidate.sketch.content_hash) if existing is None else None
        lookups.append(Lookup(existing=existing, other=other))
        copy_elsewhere = existing is None and other is not None and other["url"] != candidate.url
        if not copy_elsewhere and not (existing is not None and existing.get("story_id")):
            to_place.append(position)
    if to_place:
        requests = [
            StoryRequest(batch[i].url, batch[i].sketch, batch[i].source, batch[i].published_at)
            for i in to_place
        ]
        try:
            matches = store.call(stories.assign_many, requests)
        except MongoUnavailable:
            # MongoDB went down between the lookup and the placement: these articles were not
            # fully checked, so they go out ``unchecked`` (counted) like a batch whose lookup
            # failed, and the writer re-applies layers 1 and 2 when it can write.
            for i in to_place:
                lookups[i] = Lookup(unavailable=True)
        else:
            for i, match in zip(to_place, matches, strict=True):
                lookups[i].match = match
    return lookups


def decide(url: str, content_hash: str, excerpt: bool, lookup: Lookup) -> Verdict:
    """Layers 1 to 3 against what earlier runs and other workers stored."""
    if lookup.unavailable:
        # MongoDB down past the retry budget: the writer applies layers 1 and 2 when it can write.
        return Verdict(write_mode="unchecked", counters=("unchecked",))
    existing, other = lookup.existing, lookup.other
    counters: list[str] = []
    if existing is None:
        if other is not None and other["url"] != url:
            return Verdict(copy_of=other["url"])
        write_mode = "insert"
    elif existing.get("content_hash") == content_hash or (excerpt and existing.get("kind") != "excerpt"):
        write_mode = "touch"
        counters.append("unchanged")
    else:
        write_mode = "update"
        counters.append("updated")

    # Layer 3: near-duplicate story (a known article keeps its story).
    if existing is not None and existing.get("story_id"):
        return Verdict(write_mode, existing["story_id"], tuple(counters))
    match = lookup.match
    if match is None:
        return Verdict(write_mode, None, (*counters, "story_unassigned"))
    if match.kind == "exact" and match.matched_url not in (None, url):
        # Another worker stored this text under another URL since our lookup (not yet flushed then).
        return Verdict(counters=tuple(counters), copy_of=match.matched_url)
    if not match.is_new_story:
        counters.append("near_duplicate")
    return Verdict(write_mode, match.story_id, tuple(counters))
