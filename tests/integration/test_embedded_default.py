"""The main job on a machine with no MongoDB: the crawl starts the embedded server and says where it is."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pymongo
import pytest

from newsbot.storage.embedded import find_running, free_port
from tests.support.cli import run_newsbot
from tests.support.crawl import SITES, run_crawl
from tests.support.drops import assert_drops_add_up
from tests.support.mirror import MirrorServer

pytestmark = pytest.mark.integration


def test_crawl_without_mongo_uri_uses_the_embedded_server(tmp_path) -> None:
    data_dir = tmp_path / "data"
    port = free_port()  # stands for the default 27017, which other test runs on this machine may hold
    with MirrorServer(SITES / "rfi") as site:
        result = run_crawl(
            "rfi",
            mongo_uri="",  # as on a fresh machine: no MONGO_URI
            database="newsbot",
            args={"feeds": site.url("/fr/rss")},
            env={"NEWSBOT_DATA_DIR": str(data_dir), "NEWSBOT_DB_PORT": str(port)},
        )
    server = find_running(data_dir / "mongo")
    try:
        assert result.returncode == 0, result.log[-3000:]
        assert server is not None, "the embedded server keeps running for analysts"
        assert server.port == port, "the configured port, free, is the one used"
        announced = re.search(
            r"embedded MongoDB-wire server \(SecantusDB\) at (\S+), data in (\S+)\.", result.log
        )
        assert announced and announced.group(1) == server.uri
        hint = re.search(r"stop it with `(\S+) db stop`", result.log)
        assert hint and Path(hint.group(1)).is_absolute() and os.access(hint.group(1), os.X_OK), (
            "the log's hint is a command that works from any directory"
        )
        client = pymongo.MongoClient(server.uri, serverSelectionTimeoutMS=5000)
        assert client.newsbot.articles.count_documents({}) == 2  # the English page is dropped
        run = client.newsbot.runs.find_one({"spider": "rfi"})
        assert run["dropped"].get("not_french") == 1
        assert_drops_add_up(run)
        client.close()

        env = {**os.environ, "NEWSBOT_DATA_DIR": str(data_dir), "MONGO_URI": ""}
        status = run_newsbot("db", "status", env=env)
        assert status.returncode == 0 and server.uri in status.stdout
        stop = run_newsbot("db", "stop", env=env)
        assert stop.returncode == 0, stop.stderr
        assert find_running(data_dir / "mongo") is None
    finally:
        if find_running(data_dir / "mongo") is not None:
            server.stop()
