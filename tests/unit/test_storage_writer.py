"""The article writer against a real MongoDB-wire server: upserts, revisions, rejections, races, spill."""

from __future__ import annotations

import contextlib
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymongo
import pytest

from newsbot.items import ArticleItem
from newsbot.storage.documents import PendingWrite, to_document
from newsbot.storage.embedded import free_port
from newsbot.storage.spill import SpillFile
from newsbot.storage.uri import mask_uri
from newsbot.storage.writer import ArticleWriter

T0 = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)


def article(url: str, body: str = "Un texte.", crawled_at: datetime = T0, **fields) -> dict:
    item = ArticleItem(url=url, source="test", title="Titre", body=body, crawled_at=crawled_at, **fields)
    return to_document(item)


def test_insert_then_unchanged_then_changed(writer: ArticleWriter, articles) -> None:
    url = "https://www.example.fr/a"
    report = writer.write([PendingWrite(article(url), "insert")])
    assert (report.inserted, report.updated) == (1, 0)
    later = T0 + timedelta(hours=2)
    report = writer.write([PendingWrite(article(url, crawled_at=later), "touch")])
    stored = articles.find_one({"url": url})
    assert stored["revision"] == 1 and stored["first_seen_at"] == T0 and stored["last_seen_at"] == later
    assert stored["crawled_at"] == T0
    even_later = T0 + timedelta(hours=5)
    writer.write([PendingWrite(article(url, body="Un texte corrigé.", crawled_at=even_later), "update")])
    stored = articles.find_one({"url": url})
    assert stored["revision"] == 2 and stored["body"] == "Un texte corrigé."
    assert stored["first_seen_at"] == T0 and stored["crawled_at"] == even_later
    assert articles.count_documents({}) == 1


def test_seen_on_accumulates(writer: ArticleWriter, articles) -> None:
    url = "https://www.example.fr/b"
    writer.write([PendingWrite(article(url, seen_on=["agg1"]), "insert")])
    writer.write([PendingWrite(article(url, seen_on=["agg2"]), "touch")])
    writer.write([PendingWrite(article(url, seen_on=["agg1"]), "update")])
    assert sorted(articles.find_one({"url": url})["seen_on"]) == ["agg1", "agg2"]


def test_invalid_document_is_rejected_without_losing_the_batch(writer: ArticleWriter, articles) -> None:
    good = [PendingWrite(article(f"https://www.example.fr/ok-{i}"), "insert") for i in range(3)]
    bad = PendingWrite({**article("https://www.example.fr/bad"), "kind": "not-a-kind"}, "insert")
    report = writer.write([good[0], bad, *good[1:]])
    assert report.inserted == 3
    assert [url for url, _ in report.rejected] == ["https://www.example.fr/bad"]
    assert articles.count_documents({}) == 3
    assert report.spilled == 0


def test_two_writers_racing_on_the_same_urls_leave_one_document_each(articles, tmp_path: Path) -> None:
    urls = [f"https://www.example.fr/race-{i}" for i in range(200)]
    writers = [
        ArticleWriter(articles, SpillFile(tmp_path / f"spill-{n}.jsonl"), retry_budget=5.0) for n in range(2)
    ]
    reports = []

    def run(w: ArticleWriter) -> None:
        reports.append(w.write([PendingWrite(article(url), "insert") for url in urls]))

    threads = [threading.Thread(target=run, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert articles.count_documents({}) == len(urls)
    assert sum(r.inserted for r in reports) == len(urls)
    assert all(r.spilled == 0 and not r.rejected for r in reports)


class ReplyLostOnce:
    """The real collection, except that the first ``insert_many`` is applied and its reply then lost."""

    def __init__(self, collection) -> None:
        self._collection = collection
        self.lost = False

    def __getattr__(self, name: str):
        return getattr(self._collection, name)

    def insert_many(self, documents, **kwargs):
        if self.lost:
            return self._collection.insert_many(documents, **kwargs)
        self.lost = True
        with contextlib.suppress(pymongo.errors.BulkWriteError):
            self._collection.insert_many(documents, **kwargs)
        raise pymongo.errors.NetworkTimeout("reply lost after the server applied the insert")


def test_an_insert_applied_before_a_network_error_counts_once_as_inserted(articles, tmp_path: Path) -> None:
    flaky = ReplyLostOnce(articles)
    writer = ArticleWriter(flaky, SpillFile(tmp_path / "spill.jsonl"), retry_budget=5.0, first_backoff=0.01)
    writer.availability.check = lambda: True
    flaky.lost = True  # not yet
    assert writer.write([PendingWrite(article("https://www.example.fr/old"), "insert")]).inserted == 1
    flaky.lost = False
    recrawl = PendingWrite(
        article("https://www.example.fr/old", crawled_at=T0 + timedelta(hours=1)), "insert"
    )
    new = [
        PendingWrite(article(f"https://www.example.fr/new-{i}", crawled_at=T0), "insert") for i in range(5)
    ]
    report = writer.write([*new, recrawl])
    assert flaky.lost, "the first attempt's reply was lost"
    assert (report.inserted, report.updated, report.spilled) == (5, 1, 0), "the re-crawl is not new"
    assert articles.count_documents({}) == 6


def test_unreachable_server_spills_to_disk_and_nothing_is_lost(tmp_path: Path) -> None:
    client = pymongo.MongoClient(
        f"mongodb://127.0.0.1:{free_port()}/?directConnection=true",
        serverSelectionTimeoutMS=200,
        connectTimeoutMS=200,
    )
    spill = SpillFile(tmp_path / "spill.jsonl")
    writer = ArticleWriter(client.db.articles, spill, retry_budget=0.6, first_backoff=0.1)
    batch = [PendingWrite(article(f"https://www.example.fr/s-{i}"), "insert") for i in range(5)]
    report = writer.write(batch)
    assert report.spilled == 5
    replayed = list(spill)
    assert [w.url for w in replayed] == [w.url for w in batch]
    assert replayed[0].doc["crawled_at"] == T0
    client.close()


def test_document_shape() -> None:
    doc = to_document(
        ArticleItem(
            url="https://www.example.fr/c",
            source="test",
            body="x" * 1_000_001,
            published_raw="12/03/2024",
            write_mode="insert",
        )
    )
    assert "write_mode" not in doc and "published_raw" not in doc
    assert doc["raw_dates"] == {"published": "12/03/2024"}
    assert len(doc["body"]) == 1_000_000 and doc["body_truncated"] is True
    assert doc["authors"] == [] and doc["published_at"] is None


@pytest.mark.parametrize(
    ("uri", "masked"),
    [
        ("mongodb://user:s3cret@db.example:27017/news", "mongodb://***@db.example:27017/news"),
        (
            "mongodb+srv://u:p%40ss@cluster.example/x?retryWrites=true",
            "mongodb+srv://***@cluster.example/x?retryWrites=true",
        ),
        ("mongodb://127.0.0.1:27017", "mongodb://127.0.0.1:27017"),
        (
            "mongodb://h/?authMechanismProperties=AWS_SESSION_TOKEN:abc&tlsCertificateKeyFilePassword=pw",
            "mongodb://h/?authMechanismProperties=AWS_SESSION_TOKEN:***&tlsCertificateKeyFilePassword=***",
        ),
    ],
)
def test_mask_uri(uri: str, masked: str) -> None:
    assert mask_uri(uri) == masked
