"""Three ``scrapy crawl news`` workers share one Redis frontier over a generated 540-page site.

One crawl (module fixture), several properties: every page fetched once in total, one document per
article, one document per text (syndicated copies are dropped even when two workers race on them),
every worker finished and exited, and the drained crawl leaves no dupefilter behind.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pymongo
import pytest

from tests.support.mirror import MirrorServer
from tests.support.redis_server import LocalRedis
from tests.support.synthetic_site import SITEMAP_INDEX, SyntheticSite, generate_site
from tests.support.workers import Worker, start_worker

pytestmark = pytest.mark.integration

ARTICLES = 500
COPIES = 40
WORKERS = 3


@dataclass
class DistributedRun:
    site: SyntheticSite
    hits: dict[str, int]
    docs: list[dict]
    runs: list[dict]
    workers: list[Worker]
    returncodes: list[int]
    redis_keys: list[bytes]


@pytest.fixture(scope="module")
def distributed_run(
    tmp_path_factory, mongo_uri: str, mongo_client: pymongo.MongoClient, redis_server: LocalRedis
):
    site = generate_site(tmp_path_factory.mktemp("site"), ARTICLES, copies=COPIES)
    database = f"t_{uuid.uuid4().hex[:12]}"
    prefix = f"t{uuid.uuid4().hex[:10]}"
    client = redis_server.client()
    workers: list[Worker] = []
    try:
        with MirrorServer(site.root) as mirror:
            env = {
                "NEWSBOT_REDIS_URL": redis_server.url,
                "NEWSBOT_REDIS_PREFIX": prefix,
                "NEWSBOT_REDIS_IDLE_CLOSE": "2",
                "NEWSBOT_REDIS_HEARTBEAT": "0.5",
            }
            settings = {"CONCURRENT_REQUESTS_PER_DOMAIN": "16"}
            workers += [
                start_worker(
                    "news",
                    mongo_uri=mongo_uri,
                    database=database,
                    args={"feeds": mirror.url(SITEMAP_INDEX)},
                    settings=settings,
                    env=env,
                )
                for _ in range(WORKERS)
            ]
            returncodes = [worker.wait(timeout=240) for worker in workers]
            hits = dict(mirror.hits)
        db = mongo_client[database]
        yield DistributedRun(
            site=site,
            hits=hits,
            docs=list(db.articles.find({}, {"url": 1, "content_hash": 1, "alternate_urls": 1})),
            runs=list(db.runs.find()),
            workers=workers,
            returncodes=returncodes,
            redis_keys=list(client.scan_iter(f"{prefix}:*")),
        )
    finally:
        for worker in workers:
            if worker.process.poll() is None:
                worker.process.kill()
                worker.process.wait()
        mongo_client.drop_database(database)
        leftovers = list(client.scan_iter(f"{prefix}:*"))
        if leftovers:
            client.delete(*leftovers)
        client.close()


def test_every_worker_finished_and_exited(distributed_run: DistributedRun) -> None:
    logs = "\n\n".join(worker.log[-2000:] for worker in distributed_run.workers)
    assert distributed_run.returncodes == [0] * WORKERS, logs
    assert sorted(run["finish_reason"] for run in distributed_run.runs) == ["finished"] * WORKERS
    for worker in distributed_run.workers:
        assert "Traceback" not in worker.log, worker.log[-3000:]
        assert "every worker idle" in worker.log


def test_every_page_fetched_once_in_total(distributed_run: DistributedRun) -> None:
    hits = distributed_run.hits
    pages = distributed_run.site.paths()
    assert len(pages) == ARTICLES + COPIES
    assert {path: hits.get(path, 0) for path in pages if hits.get(path, 0) != 1} == {}
    for sitemap in [SITEMAP_INDEX, *distributed_run.site.sitemap_names]:
        assert hits[f"/{sitemap}"] == 1, sitemap


def test_the_work_was_shared(distributed_run: DistributedRun) -> None:
    fetched = [run["pages_fetched"] for run in distributed_run.runs]
    assert sum(fetched) >= ARTICLES + COPIES
    assert all(count > 20 for count in fetched), fetched
    assert all(
        run["newsbot_stats"].get("newsbot/distributed/workers_max") == WORKERS for run in distributed_run.runs
    )


def stored_by_text(run: DistributedRun) -> dict[int, list[str]]:
    """Stored URLs grouped by text (an original and its syndicated copy share one)."""
    text_of = {article.path: article.text_id for article in run.site.articles}
    groups: dict[int, list[str]] = {article.text_id: [] for article in run.site.articles}
    for doc in run.docs:
        path = "/" + doc["url"].split("/", 3)[3]
        assert path in text_of, f"stored URL not on the site: {doc['url']}"
        groups[text_of[path]].append(doc["url"])
    return groups


def test_one_document_per_url_and_no_article_lost(distributed_run: DistributedRun) -> None:
    urls = [doc["url"] for doc in distributed_run.docs]
    assert len(urls) == len(set(urls))
    assert [text for text, stored in stored_by_text(distributed_run).items() if not stored] == []


def test_one_document_per_text_across_workers(distributed_run: DistributedRun) -> None:
    """A syndicated copy and its original, handled by two workers at once, are stored once."""
    groups = stored_by_text(distributed_run)
    assert {text: stored for text, stored in groups.items() if len(stored) > 1} == {}
    hashes = [doc["content_hash"] for doc in distributed_run.docs]
    assert len(hashes) == len(set(hashes)) == ARTICLES


def test_a_drained_crawl_leaves_no_frontier_behind(distributed_run: DistributedRun) -> None:
    assert distributed_run.redis_keys == []
