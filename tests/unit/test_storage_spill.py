"""The spill file: durable appends, torn lines, claims shared safely between processes, replay."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime
from pathlib import Path

import pymongo
import pytest

from newsbot.items import ArticleItem
from newsbot.storage.documents import PendingWrite, to_document
from newsbot.storage.embedded import free_port
from newsbot.storage.replay import replay_spill
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile, read_records
from newsbot.storage.writer import ArticleWriter

T0 = datetime(2024, 3, 12, 9, 0, 0, 123000, tzinfo=UTC)


def write(url: str, mode: str = "insert") -> PendingWrite:
    return PendingWrite(
        to_document(ArticleItem(url=url, source="test", body="Un texte.", crawled_at=T0)), mode
    )


def test_round_trip_keeps_dates_and_modes(tmp_path: Path) -> None:
    spill = SpillFile(tmp_path / "s.jsonl")
    assert spill.append([write("https://a.fr/1"), write("https://a.fr/2", "touch")]) == 2
    records = list(spill)
    assert [(r.url, r.mode) for r in records] == [("https://a.fr/1", "insert"), ("https://a.fr/2", "touch")]
    assert records[0].doc["crawled_at"] == T0


def test_a_torn_last_line_loses_only_itself(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    spill = SpillFile(tmp_path / "s.jsonl")
    spill.append([write("https://a.fr/1")])
    with open(spill.path, "a", encoding="utf-8") as handle:  # a crash in the middle of a write
        handle.write('{"mode": "insert", "doc": {"url": "https://a.fr/tor')
    spill.append([write("https://a.fr/2")])
    assert [r.url for r in spill] == ["https://a.fr/1", "https://a.fr/2"]
    assert "unreadable line 2" in caplog.text


def test_records_that_are_not_writes_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text(
        '{"mode": "explode", "doc": {"url": "https://a.fr/x"}}\n[1, 2]\n{"mode": "insert", "doc": {}}\n'
    )
    assert list(read_records(path)) == []


def test_claims_are_exclusive_and_new_spills_go_to_a_fresh_file(tmp_path: Path) -> None:
    spill = SpillFile(tmp_path / "s.jsonl")
    spill.append([write("https://a.fr/1")])
    first = spill.claim()
    spill.append([write("https://a.fr/2")])
    second = SpillFile(tmp_path / "s.jsonl").claim()  # another replayer: must not get the first file
    assert [r.url for r in first.records()] == ["https://a.fr/1"]
    assert [r.url for r in second.records()] == ["https://a.fr/2"]
    first.finish()
    second.finish()
    assert not spill.pending()


def test_a_file_left_by_a_dead_replayer_is_adopted(tmp_path: Path) -> None:
    spill = SpillFile(tmp_path / "s.jsonl")
    spill.append([write("https://a.fr/1")])
    claim = spill.claim()
    claim.release()  # what the kernel does when the replaying process dies
    assert spill.pending()
    again = spill.claim()
    assert [r.url for r in again.records()] == ["https://a.fr/1"]
    again.finish()
    assert not spill.pending()


def _append_one(path: str, url: str) -> None:
    SpillFile(path).append([write(url)])


def test_an_append_waits_while_a_claim_holds_the_lock(tmp_path: Path) -> None:
    """So no other process can append to a file after a replayer has claimed and read it."""
    spill = SpillFile(tmp_path / "s.jsonl")
    context = multiprocessing.get_context("fork")
    with spill.locked():
        appender = context.Process(target=_append_one, args=(str(spill.path), "https://a.fr/late"))
        appender.start()
        appender.join(1.0)
        assert appender.is_alive(), "the append did not wait for the lock"
        assert not spill.path.exists()
    appender.join(10)
    assert appender.exitcode == 0
    assert [r.url for r in spill] == ["https://a.fr/late"]


@pytest.mark.integration
def test_replay_writes_each_record_once_and_removes_the_file(mongo_db, tmp_path: Path) -> None:
    articles = ensure_articles_collection(mongo_db, "articles")
    spill = SpillFile(tmp_path / "s.jsonl")
    spill.append([write(f"https://a.fr/{i}") for i in range(30)])
    spill.append([write("https://a.fr/0", "touch")])  # the same article again, later in the file
    writer = ArticleWriter(articles, spill, retry_budget=2.0)
    outcome = replay_spill(spill, writer, batch_size=7)
    assert outcome.replayed == 31 and outcome.report.inserted == 30 and outcome.report.unchanged == 1
    assert articles.count_documents({}) == 30 and not spill.pending()
    assert replay_spill(spill, writer).replayed == 0


@pytest.mark.integration
def test_a_replay_that_cannot_write_keeps_everything(tmp_path: Path) -> None:
    client = pymongo.MongoClient(
        f"mongodb://127.0.0.1:{free_port()}/?directConnection=true", serverSelectionTimeoutMS=300
    )
    spill = SpillFile(tmp_path / "s.jsonl")
    spill.append([write(f"https://a.fr/{i}") for i in range(5)])
    writer = ArticleWriter(client.db.articles, spill, retry_budget=0.5, first_backoff=0.1)
    outcome = replay_spill(spill, writer)
    assert outcome.report.spilled == 5
    assert sorted(r.url for r in spill) == sorted(f"https://a.fr/{i}" for i in range(5))
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".jsonl"] == ["s.jsonl"], "claimed file removed"
    client.close()
