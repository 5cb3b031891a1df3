"""Pause and resume: a crawl stopped by one SIGINT and started again loses and repeats nothing.

Two ways to keep the pending requests: a JOBDIR (one process), and the shared Redis frontier of
distributed mode (``SCHEDULER_PERSIST=True``: an interrupted crawl leaves its queue and dupefilter).
"""

from __future__ import annotations

import signal
import time

import pytest

from tests.support.mirror import MirrorServer
from tests.support.synthetic_site import SITEMAP_INDEX, generate_site
from tests.support.workers import start_worker

pytestmark = pytest.mark.integration

ARTICLES = 60
PAGE_DELAY = 0.3
"""Seconds the mirror takes per article page, so the crawl can be interrupted half-way."""


@pytest.fixture(params=["jobdir", "redis"])
def resumable(request, tmp_path):
    """Settings and environment of a crawl that can be paused, and what must be left behind."""
    if request.param == "jobdir":
        jobdir = tmp_path / "job"
        return {"JOBDIR": str(jobdir)}, {}, lambda: (jobdir / "requests.seen").is_file(), "Resuming crawl"
    server = request.getfixturevalue("redis_server")
    prefix = request.getfixturevalue("redis_prefix")
    client = request.getfixturevalue("redis_client")
    env = {"NEWSBOT_REDIS_URL": server.url, "NEWSBOT_REDIS_PREFIX": prefix, "NEWSBOT_REDIS_IDLE_CLOSE": "1"}

    def kept() -> bool:
        return client.zcard(f"{prefix}:news:requests") > 0 and bool(
            client.exists(f"{prefix}:news:dupefilter")
        )

    return {}, env, kept, "Joining a shared crawl"


def test_sigint_then_resume_stores_every_article_once(
    resumable, tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    settings, env, state_kept, resumed_message = resumable
    site = generate_site(tmp_path / "site", ARTICLES, sitemap_size=30)
    with MirrorServer(site.root) as mirror:

        def slow_page(handler):
            time.sleep(PAGE_DELAY)
            return mirror.respond(handler.path)

        pages = site.paths()
        for path in pages:
            mirror.routes[path] = slow_page

        def start(**more: str):
            return start_worker(
                "news",
                mongo_uri=mongo_uri,
                database=mongo_db_name,
                args={"feeds": mirror.url(SITEMAP_INDEX)},
                settings={"CONCURRENT_REQUESTS": "4", **settings, **more},
                env=env,
            )

        first = start()
        deadline = time.monotonic() + 60
        while sum(mirror.hits[path] for path in pages) < ARTICLES // 4:
            assert first.process.poll() is None and time.monotonic() < deadline, first.wait(5)
            time.sleep(0.05)
        first.process.send_signal(signal.SIGINT)  # once: a graceful stop that keeps what is pending
        assert first.wait(timeout=60) == 0, first.log[-3000:]
        assert "Closing spider (shutdown)" in first.log
        stored_after_pause = mongo_db.articles.count_documents({})
        assert 0 < stored_after_pause < ARTICLES, "the crawl was really interrupted"
        assert state_kept()

        # Its feeds were read before the pause: the health check knows (newsbot/feeds/already_queued).
        second = start()
        assert second.wait(timeout=120) == 0, second.log[-3000:]
        assert resumed_message in second.log

        assert {path: mirror.hits[path] for path in pages if mirror.hits[path] != 1} == {}
        for sitemap in [SITEMAP_INDEX, *site.sitemap_names]:
            assert mirror.hits[f"/{sitemap}"] == 1
    docs = list(mongo_db.articles.find({}, {"url": 1, "revision": 1}))
    assert sorted(doc["url"] for doc in docs) == sorted(mirror.url(path) for path in pages)
    assert {doc["revision"] for doc in docs} == {1}
    finish = sorted(run["finish_reason"] for run in mongo_db.runs.find())
    assert finish == ["finished", "shutdown"]
