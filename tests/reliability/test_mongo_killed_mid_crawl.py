"""MongoDB SIGKILLed in the middle of a crawl and restarted: every article ends up stored exactly once.

The same 4-second outage twice: within the retry budget (ridden out by retries with back-off), and
longer than the retry budget (``MONGO_RETRY_BUDGET=1``), during which
dedup writes ``unchecked`` items, the writer spills them, and the spill file is replayed as soon as
the server answers again.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pymongo.errors import PyMongoError

from tests.support.reliability import DATABASE, Servers, start_crawl, wait_for

pytestmark = pytest.mark.integration

ARTICLES = 60
SLOW = {
    "CONCURRENT_REQUESTS": "2",
    "MONGO_BATCH_SIZE": "5",
    "MONGO_FLUSH_INTERVAL": "0.5",
    "MONGO_SERVER_SELECTION_TIMEOUT_MS": "2000",
    "MONGO_PROBE_INTERVAL": "0.5",
}


def stored_count(servers: Servers) -> int:
    try:
        with servers.client() as client:
            return client[DATABASE].articles.count_documents({})
    except PyMongoError:
        return 0


def crawl_through_an_outage(servers: Servers, site, tmp_path: Path, outage: float, **settings: str) -> str:
    servers.start()
    log = tmp_path / "crawl.log"
    crawl = start_crawl(
        site.feed, mongo_uri=servers.uri, data_dir=tmp_path / "data", log=log, settings={**SLOW, **settings}
    )
    try:
        wait_for(lambda: stored_count(servers) >= 10, 90, "the first articles to be stored")
        servers.kill()
        assert site.served < ARTICLES, "killed in the middle of the crawl"
        time.sleep(outage)
        servers.start()
        assert crawl.wait(timeout=180) == 0, log.read_text()[-4000:]
    finally:
        if crawl.poll() is None:
            crawl.kill()
    return log.read_text()


def assert_every_article_once(servers: Servers, site) -> list[dict]:
    with servers.client() as client:
        docs = list(client[DATABASE].articles.find())
        run = client[DATABASE].runs.find_one()
    assert sorted(doc["url"] for doc in docs) == sorted(site.urls()), "every article, exactly once"
    assert all(doc["revision"] == 1 for doc in docs), "no write applied twice"
    assert run is not None and run["items_scraped"] == ARTICLES
    return docs


def test_a_short_outage_is_ridden_out_by_retries(servers, site_factory, tmp_path: Path) -> None:
    site = site_factory(ARTICLES, 0.15)
    log = crawl_through_an_outage(servers, site, tmp_path, outage=4.0)  # > server selection timeout
    assert "retrying in" in log, "the outage was noticed and retried"
    assert "were saved to" not in log, "within the retry budget nothing needs the spill file"
    assert "Traceback" not in log, log[-5000:]
    assert_every_article_once(servers, site)


def test_an_outage_past_the_retry_budget_spills_and_replays(servers, site_factory, tmp_path: Path) -> None:
    site = site_factory(ARTICLES, 0.15)
    log = crawl_through_an_outage(servers, site, tmp_path, outage=4.0, MONGO_RETRY_BUDGET="1")
    assert "were saved to" in log and "Replayed" in log, log[-5000:]
    assert "Traceback" not in log, log[-5000:]
    docs = assert_every_article_once(servers, site)
    with servers.client() as client:
        stats = client[DATABASE].runs.find_one()["newsbot_stats"]
    assert stats.get("newsbot/stored/spilled", 0) > 0 and stats.get("newsbot/replay/records", 0) > 0
    assert stats.get("newsbot/dedup/unchecked", 0) > 0, "dedup degraded instead of failing items"
    without_story = sum(1 for doc in docs if doc.get("story_id") is None)
    assert without_story <= stats["newsbot/dedup/unchecked"], {
        key: value for key, value in stats.items() if key.startswith(("newsbot/dedup", "newsbot/stored"))
    }
