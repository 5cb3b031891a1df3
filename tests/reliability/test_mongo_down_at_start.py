"""MongoDB down when the crawl starts: a clear error and a non-zero exit, or (by setting) spill and carry on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.items import ArticleItem
from newsbot.storage.documents import PendingWrite, to_document
from newsbot.storage.spill import SpillFile
from tests.support.crawl import REPO_ROOT
from tests.support.reliability import DATABASE, crawl_command, crawl_env

pytestmark = pytest.mark.integration

QUICK_TIMEOUTS = {"MONGO_SERVER_SELECTION_TIMEOUT_MS": "1000", "MONGO_PROBE_INTERVAL": "0.5"}


def crawl(feed: str, mongo_uri: str, data_dir: Path, **settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        crawl_command(feed, {**QUICK_TIMEOUTS, **settings}),
        cwd=REPO_ROOT,
        env=crawl_env(mongo_uri, data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_down_at_start_stops_cleanly_with_a_non_zero_exit(servers, site_factory, tmp_path: Path) -> None:
    site = site_factory(5, 0.0)
    result = crawl(site.feed, servers.uri, tmp_path / "data")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log[-3000:]
    assert f"MongoDB at {servers.uri} is unreachable" in log
    assert "MONGO_SPILL_WHEN_DOWN=1" in log, "the error says what the operator can do"
    assert "Spider closed (mongodb_unavailable)" in log
    assert "Traceback" not in log, log[-5000:]
    assert site.served == 0, "nothing fetched that could not be stored"


def test_down_at_start_with_spill_then_replayed_at_the_next_start(
    servers, site_factory, tmp_path: Path
) -> None:
    site = site_factory(8, 0.0)
    data_dir = tmp_path / "data"
    result = crawl(site.feed, servers.uri, data_dir, MONGO_SPILL_WHEN_DOWN="1")
    log = result.stdout + result.stderr
    assert "MONGO_SPILL_WHEN_DOWN is set: crawling anyway" in log, log[-3000:]
    assert "Traceback" not in log, log[-5000:]
    spill = SpillFile(data_dir / "spill" / f"{DATABASE}.articles.jsonl")
    assert sorted(w.url for w in spill) == sorted(site.urls())
    assert {w.mode for w in spill} == {"unchecked"}, "dedup could not read MongoDB: the writer decides"

    servers.start()
    again = crawl(site.feed, servers.uri, data_dir)
    log = again.stdout + again.stderr
    assert again.returncode == 0, log[-3000:]
    assert "Replayed 8 spilled writes" in log
    with servers.client() as client:
        docs = list(client[DATABASE].articles.find())
    assert sorted(doc["url"] for doc in docs) == sorted(site.urls()), "every article, exactly once"
    assert all(doc["revision"] == 1 for doc in docs)
    assert not spill.pending()


def test_replay_command_writes_the_spill_file(servers, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    spill = SpillFile(data_dir / "spill" / f"{DATABASE}.articles.jsonl")
    writes = [
        PendingWrite(
            to_document(ArticleItem(url=f"https://www.example.fr/{i}", source="t", body="Texte.")), "insert"
        )
        for i in range(12)
    ]
    spill.append(writes)
    replay = [sys.executable, "-m", "newsbot", "replay"]
    run = {"cwd": REPO_ROOT, "capture_output": True, "text": True, "timeout": 60, "check": False}
    quick = {**crawl_env(servers.uri, data_dir), "MONGO_SERVER_SELECTION_TIMEOUT_MS": "1000"}
    down = subprocess.run(replay, env=quick, **run)
    assert down.returncode == 2 and "is unreachable" in down.stderr, "a clear error, the file kept"
    assert len(spill) == 12

    servers.start()
    result = subprocess.run(replay, env=crawl_env(servers.uri, data_dir), **run)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "replayed 12" in result.stdout and "inserted 12" in result.stdout
    with servers.client() as client:
        assert client[DATABASE].articles.count_documents({}) == 12
    assert not spill.pending()
