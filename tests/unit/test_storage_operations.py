"""Write semantics against a real MongoDB-wire server: every write is idempotent and order-independent.

A retried batch, a replayed spill file or two workers on one URL must never double an article or a
revision, and an older version arriving late must never overwrite a newer one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pymongo import WriteConcern

from newsbot.items import ArticleItem
from newsbot.storage.documents import PendingWrite, alternate_write, to_document
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile
from newsbot.storage.writer import ArticleWriter

pytestmark = pytest.mark.integration

T0 = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)
URL = "https://www.example.fr/article"


def doc(
    url: str = URL, body: str = "Un texte.", at: datetime = T0, digest: str | None = "h1", **fields
) -> dict:
    item = ArticleItem(
        url=url, source="test", title="Titre", body=body, crawled_at=at, content_hash=digest, **fields
    )
    return to_document(item)


def stored(articles, url: str = URL) -> dict:
    found = articles.find_one({"url": url}, {"_id": 0})
    assert found is not None, url
    return found


def test_insert_stores_the_whole_document_once(writer, articles) -> None:
    batch = [PendingWrite(doc(f"{URL}-{i}", seen_on=["agg", "agg", "other"]), "insert") for i in range(50)]
    report = writer.write(batch)
    assert (report.inserted, report.updated, report.unchanged, report.spilled) == (50, 0, 0, 0)
    first = stored(articles, f"{URL}-0")
    assert first["first_seen_at"] == first["last_seen_at"] == first["crawled_at"] == T0
    assert first["revision"] == 1 and first["seen_on"] == ["agg", "other"]
    again = writer.write(batch)  # a retried or replayed batch
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 50)
    assert articles.count_documents({}) == 50 and stored(articles, f"{URL}-0")["revision"] == 1


def test_an_update_applied_twice_bumps_the_revision_once(writer, articles) -> None:
    writer.write([PendingWrite(doc(), "insert")])
    changed = PendingWrite(doc(body="Un texte corrigé.", at=T0 + timedelta(hours=1), digest="h2"), "update")
    assert writer.write([changed]).updated == 1
    assert writer.write([changed]).unchanged == 1
    found = stored(articles)
    assert found["revision"] == 2 and found["body"] == "Un texte corrigé."
    assert found["first_seen_at"] == T0 and found["last_seen_at"] == T0 + timedelta(hours=1)


def test_an_older_version_arriving_late_does_not_overwrite_the_newer(writer, articles) -> None:
    newer = PendingWrite(doc(body="Version du soir.", at=T0 + timedelta(hours=8), digest="h2"), "insert")
    older = PendingWrite(doc(body="Version du matin.", at=T0, digest="h1"), "insert")
    writer.write([newer])
    report = writer.write([older])  # e.g. a spill file replayed after a later crawl
    assert report.unchanged == 1
    found = stored(articles)
    assert found["body"] == "Version du soir." and found["revision"] == 1
    assert found["first_seen_at"] == T0, "the earlier sighting is remembered"
    assert found["last_seen_at"] == T0 + timedelta(hours=8), "last_seen_at never moves back"


def test_insert_of_a_stored_url_with_newer_different_content_is_a_revision(writer, articles) -> None:
    writer.write([PendingWrite(doc(), "insert")])
    report = writer.write(
        [PendingWrite(doc(body="Autre.", at=T0 + timedelta(minutes=5), digest="h2"), "insert")]
    )
    assert report.updated == 1
    assert stored(articles)["revision"] == 2 and stored(articles)["body"] == "Autre."


def test_touch_keeps_the_content_and_moves_last_seen(writer, articles) -> None:
    writer.write([PendingWrite(doc(seen_on=["a"]), "insert")])
    later = T0 + timedelta(days=1)
    report = writer.write([PendingWrite(doc(body="ignoré", at=later, seen_on=["b"]), "touch")])
    assert report.unchanged == 1
    found = stored(articles)
    assert found["body"] == "Un texte." and found["crawled_at"] == T0 and found["last_seen_at"] == later
    assert found["seen_on"] == ["a", "b"]
    missing = writer.write([PendingWrite(doc(f"{URL}-new"), "touch")])
    assert missing.inserted == 1 and stored(articles, f"{URL}-new")["revision"] == 1


def test_unchecked_writes_apply_the_url_and_text_layers(writer, articles) -> None:
    """What dedup could not decide while MongoDB was down, the writer decides when it can write."""
    writer.write([PendingWrite(doc(digest="h1"), "insert")])
    batch = [
        PendingWrite(doc(URL, at=T0 + timedelta(hours=1), digest="h1"), "unchecked"),  # same article
        PendingWrite(doc(f"{URL}-copy", at=T0 + timedelta(hours=1), digest="h1"), "unchecked"),  # same text
        PendingWrite(doc(f"{URL}-new", digest="h9"), "unchecked"),  # new article
    ]
    report = writer.write(batch)
    assert report.inserted == 1 and report.unchanged == 1
    assert report.duplicates == [(f"{URL}-copy", URL)]
    assert report.alternates == 1
    assert stored(articles)["alternate_urls"] == [f"{URL}-copy"]
    assert articles.count_documents({"url": f"{URL}-copy"}) == 0
    assert articles.count_documents({}) == 2


def test_alternate_urls_of_a_missing_article_are_counted_not_invented(writer, articles) -> None:
    report = writer.write([alternate_write(f"{URL}-absent", [f"{URL}-b"])])
    assert report.orphan_alternates == 1 and articles.count_documents({}) == 0


def test_a_document_pymongo_cannot_encode_is_rejected_alone(writer, articles) -> None:
    good = [PendingWrite(doc(f"{URL}-{i}", digest=f"h{i}"), "insert") for i in range(3)]
    bad = PendingWrite({**doc(f"{URL}-bad"), "tags": [object()]}, "insert")
    report = writer.write([good[0], bad, *good[1:]])
    assert report.inserted == 3 and report.spilled == 0
    assert [url for url, _ in report.rejected] == [f"{URL}-bad"]
    assert "cannot be encoded" in report.rejected[0][1]


def test_majority_write_concern_is_accepted(mongo_client, mongo_db_name, tmp_path: Path) -> None:
    collection = ensure_articles_collection(mongo_client[mongo_db_name], "articles")
    majority = collection.with_options(write_concern=WriteConcern(w="majority", j=True))
    writer = ArticleWriter(majority, SpillFile(tmp_path / "s.jsonl"), retry_budget=2.0)
    assert writer.write([PendingWrite(doc(), "insert")]).inserted == 1
