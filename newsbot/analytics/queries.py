"""The analysts' questions as MongoDB queries (the README shows the same ones, and a test runs them).

Each function returns a plain aggregation pipeline or filter, so it can be printed, pasted into
mongosh, or run with pymongo.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any


def recent_by_outlet(now: datetime, hours: int = 24) -> list[dict[str, Any]]:
    """Articles published in the last ``hours``, counted per outlet."""
    return [
        {"$match": {"published_at": {"$gte": now - timedelta(hours=hours)}}},
        {"$group": {"_id": "$source", "articles": {"$sum": 1}, "latest": {"$max": "$published_at"}}},
        {"$sort": {"articles": -1, "_id": 1}},
    ]


def stories_covered_by(
    min_outlets: int = 3, since: datetime | None = None, limit: int = 20
) -> list[dict[str, Any]]:
    """Stories carried by at least ``min_outlets`` outlets (run on the ``stories`` view), largest first."""
    match: dict[str, Any] = {"outlet_count": {"$gte": min_outlets}}
    if since is not None:
        match["first_published_at"] = {"$gte": since}
    return [
        {"$match": match},
        {"$sort": {"outlet_count": -1, "article_count": -1, "first_published_at": -1}},
        {"$limit": limit},
    ]


def per_outlet_per_day(since: datetime, timezone: str = "UTC") -> list[dict[str, Any]]:
    """Articles per outlet and per day of publication since ``since``, days counted in ``timezone``
    (an Olson name: a date-only article of 14 March, stored as Paris midnight, is on the 14th)."""
    return [
        {"$match": {"published_at": {"$gte": since}}},
        {
            "$group": {
                "_id": {
                    "source": "$source",
                    "day": {
                        "$dateToString": {"format": "%Y-%m-%d", "date": "$published_at", "timezone": timezone}
                    },
                },
                "articles": {"$sum": 1},
            }
        },
        {"$sort": {"_id.day": -1, "_id.source": 1}},
    ]


def by_tag(tag: str) -> dict[str, Any]:
    """Filter: articles carrying ``tag`` (exact, uses the ``tags`` index)."""
    return {"tags": tag}


def text_search(words: str, *, text_index: bool) -> dict[str, Any]:
    """Filter: full-text search with the French text index, or a case-insensitive regex without one."""
    if text_index:
        return {"$text": {"$search": words, "$language": "french"}}
    pattern = re.escape(words)
    return {
        "$or": [
            {"title": {"$regex": pattern, "$options": "i"}},
            {"lead": {"$regex": pattern, "$options": "i"}},
            {"body": {"$regex": pattern, "$options": "i"}},
        ]
    }


def topic_over_time(words: str, *, unit: str = "day", text_index: bool) -> list[dict[str, Any]]:
    """How many articles mention ``words`` per ``unit`` (day, week, month) of publication."""
    return [
        {"$match": {**text_search(words, text_index=text_index), "published_at": {"$type": "date"}}},
        {"$group": {"_id": {"$dateTrunc": {"date": "$published_at", "unit": unit}}, "articles": {"$sum": 1}}},
        {"$sort": {"_id": 1}},
    ]


def has_text_index(collection: Any) -> bool:
    """Whether the collection has a text index (SecantusDB has none; MongoDB does once created)."""
    return any("text" in dict(spec["key"]).values() for spec in collection.list_indexes())
