"""SecantusDB servers of their own (killed and restarted at will), a slow generated news site, and crawls
run as real ``scrapy crawl`` subprocesses: the reliability tests' fixtures and helpers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pymongo
import pytest

from newsbot.storage.embedded import EmbeddedServer, free_port, start_server
from tests.support.crawl import FAST_SETTINGS, REPO_ROOT
from tests.support.mirror import MirrorServer
from tests.support.synthetic_site import SlowNewsSite

DATABASE = "reliability"


class Servers:
    """Own SecantusDB processes on one data directory and port: start, SIGKILL, restart."""

    def __init__(self, root: Path) -> None:
        self.data_dir = root / "mongo"
        self.port = free_port()
        self.current: EmbeddedServer | None = None

    @property
    def uri(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"

    def start(self) -> EmbeddedServer:
        self.current = start_server(self.data_dir, port=self.port)
        return self.current

    def kill(self) -> None:
        assert self.current is not None
        pid = self.current.pid
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG)[0]:
                    break
            except ChildProcessError:
                break
            time.sleep(0.02)
        self.current = None

    def client(self) -> pymongo.MongoClient:
        return pymongo.MongoClient(self.uri, serverSelectionTimeoutMS=10_000, tz_aware=True)

    def stop(self) -> None:
        if self.current is not None:
            self.current.stop()
            self.current = None


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[Servers]:
    own = Servers(tmp_path)
    yield own
    own.stop()


@pytest.fixture
def site_factory(tmp_path: Path) -> Iterator[Callable[[int, float], SlowNewsSite]]:
    mirrors: list[MirrorServer] = []

    def make(count: int, delay: float) -> SlowNewsSite:
        root = tmp_path / f"site{len(mirrors)}"
        root.mkdir()
        mirror = MirrorServer(root).start()
        mirrors.append(mirror)
        return SlowNewsSite(mirror, count, delay)

    yield make
    for mirror in mirrors:
        mirror.stop()


def crawl_command(feed: str, settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"feeds={feed}"]
    for key, value in {**FAST_SETTINGS, **settings}.items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl_env(mongo_uri: str, data_dir: Path, database: str = DATABASE) -> dict[str, str]:
    return {
        **os.environ,
        "MONGO_URI": mongo_uri,
        "MONGO_DATABASE": database,
        "NEWSBOT_DATA_DIR": str(data_dir),
    }


def start_crawl(
    feed: str,
    *,
    mongo_uri: str,
    data_dir: Path,
    log: Path,
    settings: dict[str, str],
    database: str = DATABASE,
) -> subprocess.Popen:
    """A ``scrapy crawl news`` subprocess in its own session (so it can be SIGKILLed alone)."""
    handle = open(log, "w", encoding="utf-8")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        crawl_command(feed, settings),
        cwd=REPO_ROOT,
        env=crawl_env(mongo_uri, data_dir, database),
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)
