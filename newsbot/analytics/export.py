"""Stream a query's articles to JSON Lines or CSV, with progress, in constant memory."""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import IO, Any

from bson import ObjectId

CSV_FIELDS = (
    "url",
    "source",
    "title",
    "lead",
    "authors",
    "section",
    "tags",
    "published_at",
    "modified_at",
    "language",
    "paywalled",
    "kind",
    "story_id",
    "first_seen_at",
    "revision",
    "body",
)


def export_filter(
    *, since: datetime | None = None, until: datetime | None = None, sources: Iterable[str] = ()
) -> dict[str, Any]:
    """The ``articles`` filter for a publication-date range (``since`` ≤ date < ``until``) and outlets."""
    query: dict[str, Any] = {}
    dates: dict[str, datetime] = {}
    if since is not None:
        dates["$gte"] = since
    if until is not None:
        dates["$lt"] = until
    if dates:
        query["published_at"] = dates
    sources = sorted(set(sources))
    if sources:
        query["source"] = {"$in": sources}
    return query


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, ObjectId):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def write_jsonl(documents: Iterable[dict[str, Any]], out: IO[str]) -> Iterator[int]:
    """Write one JSON object per line; yields after each document (for progress)."""
    for count, document in enumerate(documents, 1):
        document.pop("_id", None)
        out.write(json.dumps(_plain(document), ensure_ascii=False))
        out.write("\n")
        yield count


def write_csv(documents: Iterable[dict[str, Any]], out: IO[str]) -> Iterator[int]:
    """Write a CSV with a fixed header; lists are joined with `` | ``."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for count, document in enumerate(documents, 1):
        row = {}
        for field in CSV_FIELDS:
            value = _plain(document.get(field))
            row[field] = " | ".join(map(str, value)) if isinstance(value, list) else value
        writer.writerow(row)
        yield count


WRITERS: dict[str, Callable[[Iterable[dict[str, Any]], IO[str]], Iterator[int]]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
}


class Progress:
    """A one-line progress counter on stderr, redrawn at most every ``interval`` seconds."""

    def __init__(self, total: int | None, stream: IO[str] = sys.stderr, interval: float = 0.5) -> None:
        self.total, self.stream, self.interval = total, stream, interval
        self._last = 0.0
        self.count = 0

    def update(self, count: int) -> None:
        self.count = count
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._draw()

    def done(self) -> None:
        self._draw()
        self.stream.write("\n")

    def _draw(self) -> None:
        share = f" ({self.count / self.total:.0%})" if self.total else ""
        total = f"/{self.total}" if self.total is not None else ""
        self.stream.write(f"\rexported {self.count}{total}{share}")
        self.stream.flush()
