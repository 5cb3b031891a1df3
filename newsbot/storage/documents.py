"""Turn an article item into the MongoDB document, and a pending write into its MongoDB operation.

Every operation is idempotent and order-independent, so a retried batch, a replayed spill file or
two workers racing on one URL never double an article or a revision:

* ``insert`` (a URL dedup has not seen stored): a plain insert — the fast path, ``insert_many``.
  A duplicate key (the URL exists after all) falls back to the ``update`` operation.
* ``update`` (the content changed): replaces the content and bumps ``revision`` only when the stored
  version is older (``crawled_at``) and differs (``content_hash``); otherwise it is a duplicate key
  and falls back to ``touch``. ``unchecked`` (dedup could not consult MongoDB) writes the same way.
* ``touch`` (unchanged re-crawl): moves ``last_seen_at`` forward, ``first_seen_at`` back, grows the
  accumulated lists; inserts the whole document if the URL is missing.
* ``alternate``: adds URLs to an existing article's ``alternate_urls`` (never creates one).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from itemadapter import ItemAdapter
from pymongo import UpdateOne

from newsbot.storage.limits import MAX_TEXT_CHARS, cap_document

WriteMode = Literal["insert", "update", "touch", "unchecked", "alternate"]
"""``insert``: a new URL; ``update``: a known URL whose content changed; ``touch``: unchanged re-crawl;
``unchecked``: dedup could not read MongoDB (the writer decides); ``alternate``: record alternate URLs."""
WRITE_MODES: frozenset[str] = frozenset(WriteMode.__args__)  # type: ignore[attr-defined]

__all__ = ["MAX_TEXT_CHARS", "PendingWrite", "prepare_document", "to_document"]

_DATE_FIELDS = ("published_at", "modified_at", "crawled_at")
_RAW_DATES = ("published_raw", "modified_raw")
_ACCUMULATED = ("seen_on", "alternate_urls")
"""List fields that grow across crawls (``$addToSet``) instead of being replaced."""
_LIFECYCLE = ("_id", "url", "first_seen_at", "last_seen_at", "revision")
"""Fields the write operations manage themselves."""


@dataclass(frozen=True)
class PendingWrite:
    doc: dict[str, Any]
    mode: WriteMode

    @property
    def url(self) -> str:
        return self.doc["url"]


def item_fields(item: Any) -> dict[str, Any]:
    """A shallow dict of the item's fields (``ItemAdapter.asdict`` deep-copies: 35x slower)."""
    if dataclasses.is_dataclass(item) and not isinstance(item, type) and hasattr(item, "__dict__"):
        return {key: list(value) if isinstance(value, list) else value for key, value in vars(item).items()}
    return ItemAdapter(item).asdict()


def prepare_document(item: Any) -> tuple[dict[str, Any], list[str]]:
    """The stored form of an item and the fields that had to be cut to fit (see ``limits``).

    UTC datetimes, raw date strings kept for audit under ``raw_dates``, no writer instruction.
    Raises ``limits.DocumentTooLarge`` when it cannot fit at all.
    """
    doc = item_fields(item)
    for key in _DATE_FIELDS:
        value = doc.get(key)
        if isinstance(value, datetime):
            doc[key] = value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    raw = {key.removesuffix("_raw"): doc.pop(key, None) for key in _RAW_DATES}
    doc["raw_dates"] = {key: value for key, value in raw.items() if value}
    doc.pop("write_mode", None)
    doc.pop("time_zone", None)  # how the raw dates were read; the stored dates are UTC
    cut = cap_document(doc)
    return doc, cut


def to_document(item: Any) -> dict[str, Any]:
    """The stored form of an item (capped; see :func:`prepare_document`)."""
    return prepare_document(item)[0]


def _unique(values: Any) -> list[Any]:
    """The list without repeats, first occurrence kept (what ``$addToSet`` would store)."""
    try:
        return list(dict.fromkeys(values))
    except TypeError:  # unhashable entries: keep them as they are
        return list(values)


def insert_document(pending: PendingWrite) -> dict[str, Any]:
    """The whole document of a first sighting, for ``insert_many`` (a fresh dict: pymongo adds ``_id``)."""
    doc = {key: value for key, value in pending.doc.items() if key not in _LIFECYCLE}
    seen_at = doc.get("crawled_at")
    for key in _ACCUMULATED:
        if doc.get(key) is not None:
            doc[key] = _unique(doc[key])
    return {"url": pending.url, **doc, "first_seen_at": seen_at, "last_seen_at": seen_at, "revision": 1}


def _split(pending: PendingWrite) -> tuple[dict[str, Any], dict[str, Any], Any]:
    """(content fields, ``$addToSet`` of the accumulated lists, ``crawled_at``)."""
    doc = {key: value for key, value in pending.doc.items() if key not in _LIFECYCLE}
    grow = {key: {"$each": _unique(doc.pop(key))} for key in _ACCUMULATED if doc.get(key) is not None}
    for key in _ACCUMULATED:
        doc.pop(key, None)
    return doc, grow, doc.get("crawled_at")


def update_operation(pending: PendingWrite) -> UpdateOne:
    """Replace the content and bump ``revision`` if the stored version is older and different.

    A stored version that is as new or identical does not match the filter: the upsert then hits
    the unique ``url`` (duplicate key), and the writer touches it instead.
    """
    doc, grow, seen_at = _split(pending)
    selector: dict[str, Any] = {"url": pending.url, "crawled_at": {"$lt": seen_at}}
    if doc.get("content_hash") is not None:
        selector["content_hash"] = {"$ne": doc["content_hash"]}
    update: dict[str, Any] = {
        "$set": doc,
        "$inc": {"revision": 1},
        "$min": {"first_seen_at": seen_at},
        "$max": {"last_seen_at": seen_at},
    }
    if grow:
        update["$addToSet"] = grow
    return UpdateOne(selector, update, upsert=True)


def touch_operation(pending: PendingWrite) -> UpdateOne:
    """Record another sighting; the whole document only if the URL is not stored yet."""
    doc, grow, seen_at = _split(pending)
    update: dict[str, Any] = {
        "$setOnInsert": {**doc, "revision": 1},
        "$min": {"first_seen_at": seen_at},
        "$max": {"last_seen_at": seen_at},
    }
    if grow:
        update["$addToSet"] = grow
    return UpdateOne({"url": pending.url}, update, upsert=True)


def alternate_operation(pending: PendingWrite) -> UpdateOne:
    """Add alternate URLs to a stored article (no upsert: a missing article is not invented)."""
    urls = _unique(pending.doc.get("alternate_urls") or [])
    return UpdateOne({"url": pending.url}, {"$addToSet": {"alternate_urls": {"$each": urls}}})


def alternate_write(url: str, alternates: list[str]) -> PendingWrite:
    return PendingWrite({"url": url, "alternate_urls": alternates}, "alternate")
