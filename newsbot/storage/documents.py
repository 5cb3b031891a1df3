"""Turn an article item into the MongoDB document and its upsert."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from itemadapter import ItemAdapter
from pymongo import UpdateOne

WriteMode = Literal["insert", "update", "touch"]
"""``insert``: a new URL; ``update``: a known URL whose content changed; ``touch``: unchanged re-crawl."""

MAX_TEXT_CHARS = 1_000_000
"""Bodies above this are cut (and flagged) so a document stays far below MongoDB's 16 MB limit."""

_RAW_DATES = ("published_raw", "modified_raw")
_ACCUMULATED = ("seen_on", "alternate_urls")
"""List fields that grow across crawls (``$addToSet``) instead of being replaced."""


@dataclass(frozen=True)
class PendingWrite:
    doc: dict[str, Any]
    mode: WriteMode

    @property
    def url(self) -> str:
        return self.doc["url"]


def to_document(item: Any) -> dict[str, Any]:
    """The stored form of an item: UTC datetimes, capped text, raw date strings kept for audit."""
    doc = ItemAdapter(item).asdict()
    for key in ("published_at", "modified_at", "crawled_at"):
        value = doc.get(key)
        if isinstance(value, datetime):
            doc[key] = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    body = doc.get("body")
    if isinstance(body, str) and len(body) > MAX_TEXT_CHARS:
        doc["body"] = body[:MAX_TEXT_CHARS]
        doc["body_truncated"] = True
    raw = {key.removesuffix("_raw"): doc.pop(key, None) for key in _RAW_DATES}
    doc["raw_dates"] = {key: value for key, value in raw.items() if value}
    doc.pop("write_mode", None)
    return doc


def build_upsert(pending: PendingWrite) -> UpdateOne:
    """One idempotent upsert keyed on the unique ``url``.

    ``first_seen_at`` is set once; ``revision`` starts at 1 and grows when the content changes;
    an unchanged re-crawl only moves ``last_seen_at``.
    """
    doc = dict(pending.doc)
    doc.pop("_id", None)
    seen_at = doc.get("crawled_at")
    grow = {key: {"$each": list(doc.pop(key))} for key in _ACCUMULATED if doc.get(key) is not None}
    if pending.mode == "touch":
        doc.pop("url")
        update: dict[str, Any] = {
            "$set": {"last_seen_at": seen_at},
            "$setOnInsert": {**doc, "first_seen_at": seen_at, "revision": 1},
        }
    else:
        update = {"$set": {**doc, "last_seen_at": seen_at}, "$setOnInsert": {"first_seen_at": seen_at}}
        if pending.mode == "update":
            update["$inc"] = {"revision": 1}
        else:
            update["$setOnInsert"]["revision"] = 1
    if grow:
        update["$addToSet"] = grow
    return UpdateOne({"url": pending.url}, update, upsert=True)
