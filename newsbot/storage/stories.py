"""The ``stories`` view: one row per near-duplicate cluster, computed by MongoDB from ``articles``.

A view, not a collection: nothing to keep in step, and it is always exactly what ``articles`` holds.
"""

from __future__ import annotations

import logging
from typing import Any

from pymongo.database import Database
from pymongo.errors import OperationFailure

logger = logging.getLogger(__name__)

STORIES_VIEW = "stories"

_FULL_ARTICLE_FIRST = {"$cond": [{"$eq": ["$kind", "excerpt"]}, 1, 0]}


def stories_pipeline() -> list[dict[str, Any]]:
    """Per ``story_id``: its articles, outlets, first publication and representative article.

    The representative is the earliest published full article (excerpts only when nothing else).
    """
    return [
        {"$match": {"story_id": {"$type": "string"}}},
        {"$addFields": {"_excerpt_last": _FULL_ARTICLE_FIRST}},
        {"$sort": {"story_id": 1, "_excerpt_last": 1, "published_at": 1, "first_seen_at": 1}},
        {
            "$group": {
                "_id": "$story_id",
                "representative": {
                    "$first": {
                        "url": "$url",
                        "title": "$title",
                        "source": "$source",
                        "published_at": "$published_at",
                    }
                },
                "articles": {
                    "$push": {
                        "url": "$url",
                        "source": "$source",
                        "title": "$title",
                        "published_at": "$published_at",
                        "kind": "$kind",
                    }
                },
                "outlets": {"$addToSet": "$source"},
                "first_published_at": {"$min": "$published_at"},
                "last_published_at": {"$max": "$published_at"},
                "first_seen_at": {"$min": "$first_seen_at"},
                "article_count": {"$sum": 1},
            }
        },
        {"$addFields": {"outlet_count": {"$size": "$outlets"}}},
    ]


def ensure_stories_view(db: Database, articles: str = "articles") -> None:
    """Create (or redefine) the view; idempotent, safe when several workers start at once."""
    existing = {info["name"]: info for info in db.list_collections(filter={"name": STORIES_VIEW})}
    try:
        if STORIES_VIEW not in existing:
            db.command("create", STORIES_VIEW, viewOn=articles, pipeline=stories_pipeline())
        elif existing[STORIES_VIEW].get("options", {}).get("pipeline") != stories_pipeline():
            db.command("collMod", STORIES_VIEW, viewOn=articles, pipeline=stories_pipeline())
    except OperationFailure as exc:
        if exc.code != 48:  # NamespaceExists: another worker created it first
            logger.warning("Could not create the %s view: %s", STORIES_VIEW, exc)
