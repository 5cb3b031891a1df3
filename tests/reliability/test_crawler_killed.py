"""The crawler itself SIGKILLed mid-run: at most the unflushed batches are lost, and the next run recovers them.

What a crawl has handed to the MongoDB pipeline but not yet written is in memory: the batch being
filled and, at worst, the batch being written (``2 × MONGO_BATCH_SIZE``). Nothing else is lost, and
since those articles are not stored, the next run fetches them again.
"""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

from tests.support.reliability import DATABASE, start_crawl, wait_for

pytestmark = pytest.mark.integration

ARTICLES = 40
BATCH = 5
SETTINGS = {
    "CONCURRENT_REQUESTS": "2",
    "MONGO_BATCH_SIZE": str(BATCH),
    "MONGO_FLUSH_INTERVAL": "60",  # only full batches are written: the worst case
    "LOG_LEVEL": "DEBUG",  # one "Scraped <url>" line per item that went through every pipeline
}


def test_sigkill_loses_at_most_the_unflushed_batches_and_the_next_run_recovers_them(
    servers, site_factory, tmp_path: Path
) -> None:
    servers.start()
    site = site_factory(ARTICLES, 0.1)
    client = servers.client()
    articles = client[DATABASE].articles
    log = tmp_path / "first.log"
    crawl = start_crawl(
        site.feed, mongo_uri=servers.uri, data_dir=tmp_path / "data", log=log, settings=SETTINGS
    )
    try:
        wait_for(lambda: articles.count_documents({}) >= 3 * BATCH, 90, "three batches to be stored")
        os.kill(crawl.pid, signal.SIGKILL)
        assert crawl.wait(timeout=30) == -signal.SIGKILL
    finally:
        if crawl.poll() is None:
            crawl.kill()
    scraped = set(re.findall(r"Scraped (\S+)", log.read_text()))
    stored_first = {doc["url"]: doc for doc in articles.find()}
    assert len(stored_first) < ARTICLES, "killed in the middle of the crawl"
    assert set(stored_first) <= scraped
    lost = scraped - set(stored_first)
    assert len(lost) <= 2 * BATCH, f"{len(lost)} scraped articles lost: more than the unflushed batches"

    second = start_crawl(
        site.feed,
        mongo_uri=servers.uri,
        data_dir=tmp_path / "data",
        log=tmp_path / "second.log",
        settings=SETTINGS,
    )
    assert second.wait(timeout=180) == 0, (tmp_path / "second.log").read_text()[-4000:]
    docs = {doc["url"]: doc for doc in articles.find()}
    assert sorted(docs) == sorted(site.urls()), "every article, exactly once, after the next run"
    assert all(doc["revision"] == 1 for doc in docs.values())
    for url, before in stored_first.items():
        assert docs[url]["first_seen_at"] == before["first_seen_at"], (
            "the first run's articles keep their history"
        )
    client.close()
