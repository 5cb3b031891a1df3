"""MongoDB-backed story index: gives every article a ``story_id`` shared by its near-duplicates.

State lives in one collection (default ``story_signatures``) so it holds across runs, scrapyd jobs
and parallel workers, and survives restarts: one small *signature* document per distinct
normalised text (:mod:`newsbot.dedup.records`) — ``_id`` from the content hash (the exact-text
layer is the uniqueness of ``_id``), its story id, first URL, bottom-k sketch (512 bytes) and
lookup keys, which a **unique multikey index** makes the property of one signature each.

Assigning is optimistic. The signature is inserted with all its keys and its own story: if the
insert succeeds, no stored text shares a key and the article founds a story in one round trip.
A duplicate-key error on ``_id`` means the same text is stored (exact). One on ``keys`` means
stored texts share keys: one read returns them with their sketches, the most similar acceptable one
gives its story, and the signature is inserted again with that story and only the keys still free.

Concurrency: an insert claims all its keys atomically, so of two workers racing on texts that
share a key exactly one insert succeeds, and the other, failing on that key, reads the winner's
finished signature — its final story — and joins it. Nothing is ever half-written, so there is
nothing to wait for or repair after a crash. Each retry follows a key that became owned since the
previous read, so an assignment takes at most ``key_count + 1`` inserts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import pymongo
from pymongo.database import Database
from pymongo.errors import BulkWriteError, DuplicateKeyError

from newsbot.dedup.lru import BoundedLru
from newsbot.dedup.records import STORY_ID_CHARS, signature_document, signature_id, stored_keys
from newsbot.dedup.sketch import DEFAULT_PARAMS, SketchParams, TextSketch, estimate_similarity, sketch_text

KEYS_INDEX = "keys_unique"
DUPLICATE_KEY = 11000
MatchKind = Literal["new", "exact", "near"]
Document = dict[str, Any]
_LOOKUP_FIELDS = ["story_id", "url", "published_at", "minima", "complete"]  # and _id


@dataclass(frozen=True)
class StoryMatch:
    """The story an article belongs to.

    ``kind``: ``new`` (the article founds ``story_id``; ``similarity`` 0, no ``matched_url``),
    ``exact`` (its normalised text is already stored, first seen at ``matched_url`` — the same URL
    for an unchanged re-crawl; ``similarity`` 1) or ``near`` (near-duplicate of ``matched_url``;
    ``similarity`` is the estimated share of the shorter text found in the longer one).
    """

    story_id: str
    is_new_story: bool
    similarity: float
    matched_url: str | None
    kind: MatchKind


@dataclass(frozen=True)
class StoryRequest:
    """One article to place in a story (for :meth:`StoryIndex.assign_many`)."""

    url: str
    sketch: TextSketch
    source: str
    published_at: datetime | None


@dataclass(frozen=True)
class _Candidate:
    doc: Document
    score: float


class StoryIndex:
    """Assigns story ids; share one per process (thread-safe), any number of processes per database."""

    def __init__(
        self,
        db: Database,
        *,
        collection: str = "story_signatures",
        threshold: float = 0.3,
        min_common: int = 5,
        max_gap: timedelta | None = timedelta(days=7),
        params: SketchParams = DEFAULT_PARAMS,
        cache_size: int = 4096,
    ) -> None:
        """``threshold``: minimum estimated containment to join a story; ``min_common``: minimum
        sampled shingles in common (guards tiny samples); ``max_gap``: near-duplicates published
        further apart never join (``None``: no limit); ``params``: identical for every worker of
        one collection; ``cache_size``: answers for texts already seen, in a bounded in-process
        LRU (a stored signature never changes, so they stay true)."""
        self.collection = db[collection]
        self.threshold = threshold
        self.min_common = min_common
        self.max_gap = max_gap
        self.params = params
        self._exact_answers: BoundedLru[str, StoryMatch] = BoundedLru(cache_size)
        self._indexed = False

    def ensure_indexes(self) -> None:
        """Create the unique multikey index on ``keys`` (idempotent; ``assign`` calls it once)."""
        self.collection.create_index([("keys", pymongo.ASCENDING)], name=KEYS_INDEX, unique=True, sparse=True)
        self._indexed = True

    def assign(self, *, url: str, text: str, source: str, published_at: datetime | None) -> StoryMatch:
        """Find or found the story of one article (``url`` canonical, ``text`` its body).

        An empty body founds a story of its own, derived from the URL, and stores nothing.
        """
        return self.assign_sketch(
            url=url, sketch=sketch_text(text, self.params), source=source, published_at=published_at
        )

    def assign_many(self, entries: Sequence[StoryRequest]) -> list[StoryMatch]:
        """:meth:`assign_sketch` for many articles in a few round trips, whatever the batch holds.

        Round 1 inserts every signature at once (unordered). Those refused are settled together:
        one read finds the stored twins (exact copies) and one the signatures owning their keys
        (near-duplicates, or texts sharing a phrase); round 2 inserts them into the chosen stories
        with their free keys. Only what a concurrent writer changed in between goes one by one.
        """
        if not self._indexed:
            self.ensure_indexes()
        results: list[StoryMatch | None] = [None] * len(entries)
        pending: list[tuple[int, Document]] = []
        for position, entry in enumerate(entries):
            quick = self._quick_answer(entry.url, entry.sketch)
            if quick is not None:
                results[position] = quick
            else:
                pending.append((position, self._signature(entry)))
        refused = self._insert_batch(pending, entries, results)
        if refused:
            retry, joined = self._settle_refused(refused, entries, results)
            for position in self._insert_batch(retry, entries, results, joined=joined):
                entry = entries[position]
                results[position] = self._insert_or_join(
                    entry.url, entry.sketch, entry.source, entry.published_at
                )
        assert all(result is not None for result in results), "every entry is answered"
        return results  # type: ignore[return-value]

    def _signature(
        self, entry: StoryRequest, *, story_id: str | None = None, keys: list[str] | None = None
    ) -> Document:
        return signature_document(
            entry.sketch,
            url=entry.url,
            source=entry.source,
            published_at=entry.published_at,
            story_id=story_id,
            keys=keys,
        )

    def _insert_batch(
        self,
        pending: list[tuple[int, Document]],
        entries: Sequence[StoryRequest],
        results: list[StoryMatch | None],
        *,
        joined: dict[int, _Candidate] | None = None,
    ) -> list[int]:
        """Insert unordered; record the answers of the signatures stored; return the refused positions.

        ``joined``: the story each position joins (a near-duplicate's candidate), by position.
        """
        if not pending:
            return []
        refused_at: set[int] = set()
        try:
            self.collection.insert_many([signature for _, signature in pending], ordered=False)
        except BulkWriteError as error:
            write_errors = error.details.get("writeErrors", [])
            if any(e.get("code") != DUPLICATE_KEY for e in write_errors):
                raise
            refused_at = {e["index"] for e in write_errors}
        refused: list[int] = []
        for number, (position, signature) in enumerate(pending):
            if number in refused_at:
                refused.append(position)
                continue
            entry = entries[position]
            self._remember_exact(entry.sketch.content_hash, signature)
            chosen = (joined or {}).get(position)
            if chosen is None:
                results[position] = StoryMatch(signature["story_id"], True, 0.0, None, "new")
            else:
                results[position] = StoryMatch(
                    chosen.doc["story_id"], False, round(chosen.score, 4), chosen.doc["url"], "near"
                )
        return refused

    def _settle_refused(
        self, refused: list[int], entries: Sequence[StoryRequest], results: list[StoryMatch | None]
    ) -> tuple[list[tuple[int, Document]], dict[int, _Candidate]]:
        """Answer exact copies; choose the story of the others: their round-2 signatures and choices."""
        ids = [signature_id(entries[p].sketch.content_hash) for p in refused]
        twins = {
            doc["_id"]: doc
            for doc in self.collection.find({"_id": {"$in": sorted(set(ids))}}, ["story_id", "url"])
        }
        near: list[int] = []
        for doc_id, position in zip(ids, refused, strict=True):
            twin = twins.get(doc_id)
            if twin is not None:
                results[position] = self._remember_exact(entries[position].sketch.content_hash, twin)
            else:
                near.append(position)
        if not near:
            return [], {}
        wanted = {key for p in near for key in stored_keys(entries[p].sketch.keys)}
        owners = self._owners(sorted(wanted))
        owner_of = {key: doc for doc in owners for key in doc.get("keys", ())}
        joined: dict[int, _Candidate] = {}
        retry: list[tuple[int, Document]] = []
        for position in near:
            entry = entries[position]
            keys = stored_keys(entry.sketch.keys)
            candidates = {id(owner_of[k]): owner_of[k] for k in keys if k in owner_of}.values()
            chosen = self._best(candidates, entry.sketch, entry.published_at)
            if chosen is not None:
                joined[position] = chosen
            free = [key for key in keys if key not in owner_of]
            retry.append(
                (
                    position,
                    self._signature(entry, story_id=chosen.doc["story_id"] if chosen else None, keys=free),
                )
            )
        return retry, joined

    def assign_sketch(
        self, *, url: str, sketch: TextSketch, source: str, published_at: datetime | None
    ) -> StoryMatch:
        """:meth:`assign` for a body already fingerprinted with this index's ``params``."""
        if not self._indexed:
            self.ensure_indexes()
        quick = self._quick_answer(url, sketch)
        if quick is not None:
            return quick
        return self._insert_or_join(url, sketch, source, published_at)

    def _quick_answer(self, url: str, sketch: TextSketch) -> StoryMatch | None:
        """Answers that need no database: an empty body, or a text this process already placed."""
        if sketch.word_count == 0:
            story = hashlib.blake2b(url.encode("utf-8"), digest_size=STORY_ID_CHARS // 2).hexdigest()
            return StoryMatch(story, True, 0.0, None, "new")
        return self._exact_answers.get(sketch.content_hash)

    def _insert_or_join(
        self, url: str, sketch: TextSketch, source: str, published_at: datetime | None
    ) -> StoryMatch:
        all_keys = stored_keys(sketch.keys)
        signature = signature_document(sketch, url=url, source=source, published_at=published_at)
        chosen: _Candidate | None = None
        for _ in range(len(all_keys) + 2):  # each retry follows a key that became owned
            try:
                self.collection.insert_one(signature)
            except DuplicateKeyError as error:
                exact = self._exact_after(error, signature["_id"], sketch.content_hash)
                if exact is not None:
                    return exact
                owners = self._owners(all_keys)
                twin = next((doc for doc in owners if doc["_id"] == signature["_id"]), None)
                if twin is not None:  # the keys clash was with the same text
                    return self._remember_exact(sketch.content_hash, twin)
                chosen = self._best(owners, sketch, published_at)
                owned = {key for doc in owners for key in doc.get("keys", ())}
                signature = signature_document(
                    sketch,
                    url=url,
                    source=source,
                    published_at=published_at,
                    story_id=chosen.doc["story_id"] if chosen else None,
                    keys=[key for key in all_keys if key not in owned],
                )
                continue
            self._remember_exact(sketch.content_hash, signature)
            if chosen is None:
                return StoryMatch(signature["story_id"], True, 0.0, None, "new")
            return StoryMatch(
                chosen.doc["story_id"], False, round(chosen.score, 4), chosen.doc["url"], "near"
            )
        raise RuntimeError(f"could not store {signature['_id']}: keys kept changing under it")

    # ------------------------------------------------------------------ reads

    def _owners(self, keys: list[Any]) -> list[Document]:
        """The signatures holding any of ``keys``, with what the decision needs."""
        return list(self.collection.find({"keys": {"$in": keys}}, [*_LOOKUP_FIELDS, "keys"]))

    def _exact_after(
        self, error: DuplicateKeyError, signature_id: str, content_hash: str
    ) -> StoryMatch | None:
        """The stored twin's story when ``error`` is on ``_id``; ``None`` when it is on ``keys``."""
        pattern = (error.details or {}).get("keyPattern")
        if pattern is not None and "_id" not in pattern:
            return None
        stored = self.collection.find_one({"_id": signature_id}, ["story_id", "url"])
        if stored is None:  # a server that does not say which index: it was the keys
            return None
        return self._remember_exact(content_hash, stored)

    def _remember_exact(self, content_hash: str, stored: Document) -> StoryMatch:
        """The answer for (any later copy of) a stored text, kept in the bounded LRU."""
        match = StoryMatch(stored["story_id"], False, 1.0, stored["url"], "exact")
        self._exact_answers.put(content_hash, match)
        return match

    # ------------------------------------------------------------------ decision

    def _too_far(self, doc: Document, published_at: datetime | None) -> bool:
        other = doc.get("published_at")
        if self.max_gap is None or other is None or published_at is None:
            return False
        return abs(_aware(published_at) - _aware(other)) > self.max_gap

    def _best(
        self, docs: Iterable[Document], sketch: TextSketch, published_at: datetime | None
    ) -> _Candidate | None:
        """The most similar acceptable candidate (ties: smallest story id)."""
        accepted = []
        for doc in docs:
            if self._too_far(doc, published_at):
                continue
            stored = TextSketch.minima_from_bytes(bytes(doc["minima"]))
            found = estimate_similarity(stored, bool(doc["complete"]), sketch.minima, sketch.complete)
            if found.score >= self.threshold and found.common >= self.min_common:
                accepted.append(_Candidate(doc, found.score))
        return min(accepted, key=lambda c: (-c.score, c.doc["story_id"]), default=None)


def _aware(moment: datetime) -> datetime:
    """Naive datetimes (from a client without ``tz_aware``) are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
