"""The queries behind ``newsbot stats`` and ``newsbot stories``.

Each function returns a plain aggregation pipeline, so it can be printed, pasted into mongosh, or
run with pymongo. (The analysts' own mongosh and pymongo queries are in the docs, run by a test.)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any


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
