"""What MongoDB remembers about fetched article URLs, read in batches for the incremental check.

Stored articles answer from the ``articles`` collection (unique ``url``). URLs fetched but not stored
under their own name live in a small ``seen_urls`` collection (unique ``url``): pages dropped by a
pipeline (not French, duplicate…) with the drop reason, and aliases (a redirect or ``rel=canonical``
led to another stored URL) pointing at that article. Every query filters on an indexed ``url``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from pymongo import ASCENDING, IndexModel, UpdateOne
from pymongo.collection import Collection

from newsbot.incremental.policy import StoredState

LOOKUP_BATCH = 500
"""URLs per ``$in`` query."""
WRITE_BATCH = 1000
"""Upserts per bulk write (the server's comfortable maximum)."""
ALIAS = "alias"

_ARTICLE_FIELDS = {"_id": 0, "url": 1, "last_seen_at": 1, "crawled_at": 1, "modified_at": 1}
_SEEN_FIELDS = {"_id": 0, "url": 1, "seen_at": 1, "article_url": 1}
SEEN_INDEXES = [IndexModel([("url", ASCENDING)], name="url_unique", unique=True)]

T = TypeVar("T")


@dataclass(frozen=True)
class SeenRecord:
    """A fetched URL not stored under its own name: dropped (``outcome`` = reason) or an alias."""

    url: str
    seen_at: datetime
    outcome: str
    article_url: str | None = None


def chunked(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def article_state(doc: dict[str, Any]) -> StoredState:
    """A stored article's latest fetch (``last_seen_at``/``crawled_at``) and ``modified_at``."""
    fetches = [doc.get(key) for key in ("last_seen_at", "crawled_at")]
    fetched = [value for value in fetches if isinstance(value, datetime)]
    modified = doc.get("modified_at")
    if not isinstance(modified, datetime):
        modified = None
    return StoredState(max(fetched) if fetched else None, modified)


class FetchHistory:
    """Batched reads of stored states and bulk writes of seen records (thread-safe, blocking calls)."""

    def __init__(self, articles: Collection, seen: Collection) -> None:
        self.articles = articles
        self.seen = seen
        self._write_lock = threading.Lock()

    def ensure_indexes(self) -> None:
        self.seen.create_indexes(SEEN_INDEXES)

    def states(self, urls: Iterable[str]) -> dict[str, StoredState]:
        """The stored state of each URL newsbot has fetched before (unknown URLs are absent)."""
        unique = list(dict.fromkeys(urls))
        found: dict[str, StoredState] = {}
        for batch in chunked(unique, LOOKUP_BATCH):
            found.update(self._article_states(batch))
            missing = [url for url in batch if url not in found]
            if missing:
                found.update(self._seen_states(missing))
        return found

    def _article_states(self, urls: Sequence[str]) -> dict[str, StoredState]:
        cursor = self.articles.find({"url": {"$in": list(urls)}}, _ARTICLE_FIELDS)
        return {doc["url"]: article_state(doc) for doc in cursor}

    def _seen_states(self, urls: Sequence[str]) -> dict[str, StoredState]:
        docs = list(self.seen.find({"url": {"$in": list(urls)}}, _SEEN_FIELDS))
        aliases = {doc["url"]: doc["article_url"] for doc in docs if doc.get("article_url")}
        targets = self._article_states(sorted(set(aliases.values()))) if aliases else {}
        states: dict[str, StoredState] = {}
        for doc in docs:
            url = doc["url"]
            if url in aliases:
                # An alias counts only while its article is stored (a write lost in a crash refetches).
                if aliases[url] in targets:
                    states[url] = targets[aliases[url]]
            elif isinstance(doc.get("seen_at"), datetime):
                states[url] = StoredState(doc["seen_at"])
        return states

    def record(self, records: Sequence[SeenRecord]) -> int:
        """Upsert the records (last one per URL wins); returns how many were written."""
        latest = {record.url: record for record in records}
        operations = [
            UpdateOne(
                {"url": record.url},
                {
                    "$set": {
                        "seen_at": record.seen_at,
                        "outcome": record.outcome,
                        "article_url": record.article_url,
                    }
                },
                upsert=True,
            )
            for record in latest.values()
        ]
        with self._write_lock:
            for batch in chunked(operations, WRITE_BATCH):
                self.seen.bulk_write(list(batch), ordered=False)
        return len(operations)
