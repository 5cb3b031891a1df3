"""The article store against real SecantusDB processes: outages, recovery, lookups, alternate URLs.

Servers killed here are this module's own (never the session's shared one).
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.exceptions import CloseSpider
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler

from newsbot.items import ArticleItem
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable
from newsbot.storage.documents import PendingWrite, to_document
from newsbot.storage.embedded import EmbeddedServer, free_port, start_server
from newsbot.storage.store import MONGO_UNAVAILABLE, ArticleStore

pytestmark = pytest.mark.integration

T0 = datetime(2024, 3, 12, 9, 0, tzinfo=UTC)


def config(uri: str, data_dir: Path, **overrides) -> MongoConfig:
    values = {
        "uri": uri,
        "database": "reliability",
        "collection": "articles",
        "batch_size": 50,
        "flush_interval": 1.0,
        "write_concern": "1",
        "server_selection_timeout_ms": 2_000,
        "data_dir": data_dir,
        "retry_budget": 20.0,
        "probe_interval": 0.2,
        **overrides,
    }
    return MongoConfig(**values)


def write(url: str, mode: str = "insert", digest: str | None = None) -> PendingWrite:
    item = ArticleItem(url=url, source="test", body="Un texte.", crawled_at=T0, content_hash=digest or url)
    return PendingWrite(to_document(item), mode)


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    server = start_server(tmp_path / "db", port=free_port())
    yield server
    server.stop()


def kill(server: EmbeddedServer) -> None:
    os.kill(server.pid, signal.SIGKILL)
    while True:
        try:
            os.kill(server.pid, 0)
        except ProcessLookupError:
            return
        with contextlib.suppress(ChildProcessError):
            os.waitpid(server.pid, os.WNOHANG)
        time.sleep(0.02)


def restart_later(server: EmbeddedServer, delay: float, box: list[EmbeddedServer]) -> threading.Thread:
    def run() -> None:
        time.sleep(delay)
        box.append(start_server(server.data_dir, port=server.port))

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_writes_and_lookups_ride_out_a_server_restart(own_server: EmbeddedServer, tmp_path: Path) -> None:
    store = ArticleStore.open(config(own_server.uri, tmp_path))
    try:
        store.write([write(f"https://a.fr/{i}") for i in range(20)])
        kill(own_server)
        restarted: list[EmbeddedServer] = []
        thread = restart_later(own_server, 1.5, restarted)
        report = store.write([write(f"https://a.fr/{i}") for i in range(20, 40)])
        assert (report.inserted, report.spilled) == (20, 0), "retried with back-off until the server was back"
        assert store.find_by_url("https://a.fr/39")["url"] == "https://a.fr/39"
        thread.join()
        assert store.articles.count_documents({}) == 40, "WiredTiger kept the first 20 across the kill"
    finally:
        store.close()
        for server in restarted:
            server.stop()


def test_past_the_budget_writes_spill_lookups_fail_fast_and_all_is_replayed(
    own_server: EmbeddedServer, tmp_path: Path
) -> None:
    store = ArticleStore.open(config(own_server.uri, tmp_path, retry_budget=0.5))
    restarted: list[EmbeddedServer] = []
    try:
        store.write([write("https://a.fr/0")])
        kill(own_server)
        report = store.write([write(f"https://a.fr/{i}") for i in range(1, 11)])
        assert report.spilled == 10 and not store.online
        with pytest.raises(MongoUnavailable):
            store.find_by_url("https://a.fr/0")
        assert store.write([write("https://a.fr/11")]).spilled == 1, "down: spilled at once"
        restarted.append(start_server(own_server.data_dir, port=own_server.port))
        deadline = time.monotonic() + 20
        while not store.availability.check():
            assert time.monotonic() < deadline, "the probe never saw the server back"
            time.sleep(0.1)
        outcome = store.replay()
        assert outcome.replayed == 11 and outcome.report.inserted == 11
        assert store.articles.count_documents({}) == 12 and not store.spill.pending()
    finally:
        store.close()
        for server in restarted:
            server.stop()


def test_an_offline_store_prepares_the_collection_when_the_server_appears(tmp_path: Path) -> None:
    port = free_port()
    store = ArticleStore.open_offline(config(f"mongodb://127.0.0.1:{port}/?directConnection=true", tmp_path))
    server = None
    try:
        assert store.write([write("https://a.fr/1")]).spilled == 1
        server = start_server(tmp_path / "late", port=port)
        time.sleep(0.3)  # one probe interval
        assert store.write([write("https://a.fr/2")]).inserted == 1
        assert "url_unique" in store.articles.index_information()
        assert store.replay().report.inserted == 1
        assert sorted(d["url"] for d in store.articles.find()) == ["https://a.fr/1", "https://a.fr/2"]
    finally:
        store.close()
        if server is not None:
            server.stop()


def test_alternate_urls_wait_for_their_article(mongo_uri: str, mongo_db_name: str, tmp_path: Path) -> None:
    store = ArticleStore.open(config(mongo_uri, tmp_path, database=mongo_db_name))
    try:
        store.queue_alternate_url("https://a.fr/holder", "https://a.fr/copy")
        assert store.write_alternate_urls().alternates == 0, "the article is still buffered"
        store.write([write("https://a.fr/holder")])
        assert store.articles.find_one({"url": "https://a.fr/holder"})["alternate_urls"] == [
            "https://a.fr/copy"
        ]
        store.queue_alternate_url("https://a.fr/never-stored", "https://a.fr/other")
        report = store.write_alternate_urls(final=True)
        assert report.spilled == 1, "kept for the replay that may still bring its article"
        assert [w.mode for w in store.spill] == ["alternate"]
    finally:
        store.close()


def test_opening_the_store_creates_the_stories_view(
    mongo_uri: str, mongo_db_name: str, tmp_path: Path
) -> None:
    store = ArticleStore.open(config(mongo_uri, tmp_path, database=mongo_db_name))
    try:
        views = list(store.connection.database.list_collections(filter={"name": "stories"}))
        assert [view.get("type") for view in views] == ["view"]
        store.write([write("https://a.fr/1"), write("https://a.fr/2")])
        store.articles.update_many({}, {"$set": {"story_id": "s1"}})
        (story,) = store.connection.database["stories"].find()
        assert (story["_id"], story["article_count"]) == ("s1", 2)
    finally:
        store.close()
    again = ArticleStore.open(config(mongo_uri, tmp_path, database=mongo_db_name))  # idempotent
    again.close()


def test_find_known_by_url_or_by_text(mongo_uri: str, mongo_db_name: str, tmp_path: Path) -> None:
    store = ArticleStore.open(config(mongo_uri, tmp_path, database=mongo_db_name))
    try:
        store.write([write("https://a.fr/1", digest="h1"), write("https://a.fr/2", digest="h2")])
        store.write([write("https://a.fr/3", digest="h3")])
        found = store.find_known(["https://a.fr/1", "https://a.fr/new"], ["h1", "h2", "h-new"])
        assert sorted((d["url"], d["content_hash"]) for d in found) == [
            ("https://a.fr/1", "h1"),
            ("https://a.fr/2", "h2"),
        ], "each stored article once, whether found by its URL, its text or both"
        assert store.find_known([], []) == []
    finally:
        store.close()


def test_for_crawler_closes_the_spider_cleanly_when_mongodb_is_down(tmp_path: Path) -> None:
    uri = f"mongodb://127.0.0.1:{free_port()}/?directConnection=true"
    settings = {
        "MONGO_URI": uri,
        "MONGO_SERVER_SELECTION_TIMEOUT_MS": 300,
        "NEWSBOT_DATA_DIR": str(tmp_path),
        "EXTENSIONS": {"newsbot.storage.store.CrawlStore": 0},
    }
    crawler = get_crawler(Spider, settings)
    with pytest.raises(CloseSpider) as raised:
        ArticleStore.for_crawler(crawler)
    assert raised.value.reason == MONGO_UNAVAILABLE
    started = time.monotonic()
    with pytest.raises(CloseSpider):  # the second pipeline: no second wait for the server
        ArticleStore.for_crawler(crawler)
    assert time.monotonic() - started < 0.25

    spilling = get_crawler(Spider, {**settings, "MONGO_SPILL_WHEN_DOWN": True})
    store = ArticleStore.for_crawler(spilling)
    try:
        assert not store.online and ArticleStore.for_crawler(spilling) is store
    finally:
        store.close()
    with pytest.raises(RuntimeError, match="CrawlStore"):  # a crawler without the extension is told why
        ArticleStore.for_crawler(get_crawler(Spider, {}))
