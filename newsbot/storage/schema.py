"""The articles collection: validation schema and the indexes analysts rely on."""

from __future__ import annotations

import logging
from typing import Any

from pymongo import ASCENDING, DESCENDING, IndexModel
from pymongo.collection import Collection
from pymongo.database import Database
from pymongo.errors import CollectionInvalid, OperationFailure

logger = logging.getLogger(__name__)

CANNOT_CREATE_INDEX = 67

_STRING_OR_NULL = {"bsonType": ["string", "null"]}
_DATE_OR_NULL = {"bsonType": ["date", "null"]}
_STRING_LIST = {"bsonType": "array", "items": {"bsonType": "string"}}

ARTICLE_JSON_SCHEMA: dict[str, Any] = {
    "bsonType": "object",
    "required": ["url", "source", "crawled_at", "first_seen_at"],
    "properties": {
        "url": {"bsonType": "string", "minLength": 8, "maxLength": 4096},
        "source": {"bsonType": "string", "minLength": 1},
        "title": {"bsonType": ["string", "null"], "maxLength": 2000},
        "lead": _STRING_OR_NULL,
        "body": _STRING_OR_NULL,
        "authors": _STRING_LIST,
        "section": _STRING_OR_NULL,
        "tags": _STRING_LIST,
        "published_at": _DATE_OR_NULL,
        "modified_at": _DATE_OR_NULL,
        "crawled_at": {"bsonType": "date"},
        "first_seen_at": {"bsonType": "date"},
        "last_seen_at": _DATE_OR_NULL,
        "language": _STRING_OR_NULL,
        "paywalled": {"bsonType": ["bool", "null"]},
        "image_url": _STRING_OR_NULL,
        "kind": {"enum": ["article", "live", "video", "podcast", "gallery", "excerpt"]},
        "revision": {"bsonType": ["int", "long"], "minimum": 1},
        "content_hash": _STRING_OR_NULL,
        "story_id": _STRING_OR_NULL,
    },
}

ARTICLE_INDEXES: list[IndexModel] = [
    IndexModel([("url", ASCENDING)], name="url_unique", unique=True),
    IndexModel([("content_hash", ASCENDING)], name="content_hash"),
    IndexModel([("story_id", ASCENDING)], name="story_id"),
    IndexModel([("source", ASCENDING), ("published_at", DESCENDING)], name="source_published_at"),
    IndexModel([("published_at", DESCENDING)], name="published_at"),
    IndexModel([("tags", ASCENDING)], name="tags"),
]

TEXT_INDEX = IndexModel(
    [("title", "text"), ("lead", "text"), ("body", "text")],
    name="text_fr",
    default_language="french",
    weights={"title": 10, "lead": 5, "body": 1},
)


def ensure_articles_collection(db: Database, name: str) -> Collection:
    """Create the collection with its validator (or apply it) and every index; idempotent."""
    try:
        db.create_collection(
            name,
            validator={"$jsonSchema": ARTICLE_JSON_SCHEMA},
            validationLevel="moderate",
            validationAction="error",
        )
    except CollectionInvalid:  # exists already: keep its validator in step with the code
        try:
            db.command(
                "collMod",
                name,
                validator={"$jsonSchema": ARTICLE_JSON_SCHEMA},
                validationLevel="moderate",
                validationAction="error",
            )
        except OperationFailure as exc:
            logger.warning("Could not update the validator of %s.%s: %s", db.name, name, exc)
    collection = db[name]
    collection.create_indexes(ARTICLE_INDEXES)
    ensure_text_index(collection)
    return collection


def ensure_text_index(collection: Collection) -> bool:
    """Create the French full-text index where the server supports it; warn otherwise."""
    try:
        collection.create_indexes([TEXT_INDEX])
    except OperationFailure as exc:
        if exc.code != CANNOT_CREATE_INDEX and "text" not in str(exc).lower():
            raise
        logger.warning(
            "This MongoDB server cannot build text indexes (%s); full-text search falls back to regex",
            exc.details.get("errmsg", exc) if exc.details else exc,
        )
        return False
    return True
