"""Batched reads of what MongoDB knows about fetched URLs, against the real server."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsbot.incremental.history import LOOKUP_BATCH, FetchHistory, SeenRecord, article_state
from newsbot.incremental.policy import StoredState
from newsbot.storage.schema import ensure_articles_collection

T0 = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def history_on(db) -> FetchHistory:
    history = FetchHistory(ensure_articles_collection(db, "articles"), db["seen_urls"])
    history.ensure_indexes()
    return history


def article(url: str, *, crawled: datetime, seen: datetime | None = None, modified: datetime | None = None):
    return {
        "url": url,
        "source": "test",
        "crawled_at": crawled,
        "first_seen_at": crawled,
        "last_seen_at": seen,
        "modified_at": modified,
    }


def test_article_state_takes_the_latest_fetch() -> None:
    assert article_state({"crawled_at": T0, "last_seen_at": T0 + HOUR}) == StoredState(T0 + HOUR)
    assert article_state({"crawled_at": T0, "last_seen_at": None, "modified_at": T0}) == StoredState(T0, T0)
    assert article_state({"modified_at": "garbage"}) == StoredState(None, None)


def test_states_of_stored_dropped_aliased_and_unknown_urls(mongo_db) -> None:
    history = history_on(mongo_db)
    mongo_db.articles.insert_many(
        [
            article("https://a.fr/1", crawled=T0, seen=T0 + HOUR, modified=T0 - HOUR),
            article("https://a.fr/2", crawled=T0),
        ]
    )
    history.record(
        [
            SeenRecord("https://a.fr/en", T0 + 2 * HOUR, "not_french"),
            SeenRecord("https://a.fr/amp/2", T0 + 3 * HOUR, "alias", "https://a.fr/2"),
            SeenRecord("https://a.fr/old-alias", T0, "alias", "https://a.fr/lost-in-a-crash"),
        ]
    )

    states = history.states(
        [
            "https://a.fr/1",
            "https://a.fr/en",
            "https://a.fr/amp/2",
            "https://a.fr/old-alias",
            "https://a.fr/new",
        ]
    )

    assert states == {
        "https://a.fr/1": StoredState(T0 + HOUR, T0 - HOUR),
        "https://a.fr/en": StoredState(T0 + 2 * HOUR),
        "https://a.fr/amp/2": StoredState(T0),  # the aliased article's own state
    }


def test_a_stored_article_wins_over_a_seen_record(mongo_db) -> None:
    history = history_on(mongo_db)
    mongo_db.articles.insert_one(article("https://a.fr/1", crawled=T0))
    history.record([SeenRecord("https://a.fr/1", T0 + HOUR, "empty")])
    assert history.states(["https://a.fr/1"]) == {"https://a.fr/1": StoredState(T0)}


def test_recording_again_replaces_the_outcome(mongo_db) -> None:
    history = history_on(mongo_db)
    history.record([SeenRecord("https://a.fr/x", T0, "alias", "https://a.fr/y")])
    written = history.record(
        [
            SeenRecord("https://a.fr/x", T0 + HOUR, "empty"),
            SeenRecord("https://a.fr/x", T0 + 2 * HOUR, "not_french"),
        ]
    )
    assert written == 1
    doc = mongo_db.seen_urls.find_one({"url": "https://a.fr/x"}, {"_id": 0})
    assert doc == {
        "url": "https://a.fr/x",
        "seen_at": T0 + 2 * HOUR,
        "outcome": "not_french",
        "article_url": None,
    }
    assert mongo_db.seen_urls.count_documents({}) == 1


def test_more_urls_than_one_batch(mongo_db) -> None:
    history = history_on(mongo_db)
    count = LOOKUP_BATCH * 2 + 7
    mongo_db.articles.insert_many([article(f"https://a.fr/{n}", crawled=T0) for n in range(0, count, 2)])
    asked = [f"https://a.fr/{n}" for n in range(count)] + ["https://a.fr/0"]  # a repeat too
    states = history.states(asked)
    assert sorted(states) == sorted(f"https://a.fr/{n}" for n in range(0, count, 2))
