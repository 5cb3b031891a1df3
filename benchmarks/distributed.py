"""Benchmark of distributed crawling: ``python -m benchmarks.distributed [--quick]``.

From the repository root. One generated site (``tests.support.synthetic_site``, served by the
tests' threaded mirror on 127.0.0.1), one SecantusDB and one ``redis-server`` started for the run;
then, for 1, 2 and 3 workers (``scrapy crawl news`` processes sharing the Redis frontier), ``--repeats``
crawls of the whole site into a fresh database each. Per crawl it checks that every page was fetched
exactly once and stored, and measures:

- fetch throughput: article pages / time from the first to the last article request the site saw
  (the shared frontier at work, without process start-up and the idle-close wait);
- end-to-end throughput: article pages / time from launching the workers to the last exit;
- CPU seconds used by the workers and by this process (mirror + test site) per page.

Medians over the repeats, and ratios to 1 worker, are printed. ``--page-delay`` makes the site
answer each article after that many seconds (a remote site's latency): with 0 the crawl is bound by
CPU, and this machine's cores are shared by the workers, the database and the site.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pymongo

from newsbot.storage.embedded import start_server
from tests.support.mirror import MirrorServer
from tests.support.redis_server import LocalRedis, start_redis
from tests.support.synthetic_site import SITEMAP_INDEX, SyntheticSite, generate_site

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class CrawlMeasure:
    workers: int
    pages: int
    fetch_seconds: float
    wall_seconds: float
    head_seconds: float
    """From launching the workers to the first article request (start-up, feeds)."""
    tail_seconds: float
    """From the last article request to the last worker's exit (last items, idle close, shutdown)."""
    worker_cpu: float
    site_cpu: float

    @property
    def fetch_rate(self) -> float:
        return self.pages / self.fetch_seconds

    @property
    def wall_rate(self) -> float:
        return self.pages / self.wall_seconds


class TimedSite:
    """The mirror of a generated site, recording when each article page is requested."""

    def __init__(self, site: SyntheticSite, page_delay: float) -> None:
        self.site = site
        self.mirror = MirrorServer(site.root)
        self.page_delay = page_delay
        self.times: list[float] = []
        self._lock = threading.Lock()
        for path in site.paths():
            self.mirror.routes[path] = self._article

    def _article(self, handler):
        with self._lock:
            self.times.append(time.monotonic())
        if self.page_delay:
            time.sleep(self.page_delay)
        return self.mirror.respond(handler.path)

    def reset(self) -> None:
        with self._lock:
            self.times.clear()
        self.mirror.hits.clear()


def worker_command(feeds: str, concurrency: int) -> list[str]:
    settings = {
        "AUTOTHROTTLE_ENABLED": "0",
        "DOWNLOAD_DELAY": "0",
        "CONCURRENT_REQUESTS": str(concurrency),
        "CONCURRENT_REQUESTS_PER_DOMAIN": str(concurrency),
        "MONGO_FLUSH_INTERVAL": "1",
        "LOG_LEVEL": "WARNING",
        "NEWSBOT_HEALTH_ENABLED": "0",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"feeds={feeds}"]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl_once(
    timed: TimedSite,
    workers: int,
    *,
    mongo_uri: str,
    redis: LocalRedis,
    client: pymongo.MongoClient,
    concurrency: int,
) -> CrawlMeasure:
    database, prefix = f"bench_{uuid.uuid4().hex[:10]}", f"bench{uuid.uuid4().hex[:10]}"
    env = {
        **os.environ,
        "MONGO_URI": mongo_uri,
        "MONGO_DATABASE": database,
        "NEWSBOT_REDIS_URL": redis.url,
        "NEWSBOT_REDIS_PREFIX": prefix,
        "NEWSBOT_REDIS_IDLE_CLOSE": "1",
        "NEWSBOT_REDIS_HEARTBEAT": "0.25",
    }
    timed.reset()
    own_cpu = time.process_time()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    command = worker_command(timed.mirror.url(SITEMAP_INDEX), concurrency)
    processes = [
        subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        for _ in range(workers)
    ]
    outputs = [process.communicate(timeout=900)[0] for process in processes]
    ended = time.monotonic()
    wall = ended - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    site_cpu = time.process_time() - own_cpu
    try:
        failed = [out[-2000:] for process, out in zip(processes, outputs, strict=True) if process.returncode]
        if failed:
            raise RuntimeError(f"a worker failed:\n{failed[0]}")
        pages = timed.site.paths()
        refetched = [path for path in pages if timed.mirror.hits[path] != 1]
        stored = client[database].articles.count_documents({})
        if refetched or stored != len(pages):
            raise RuntimeError(
                f"{len(refetched)} pages not fetched exactly once, {stored}/{len(pages)} stored"
            )
        return CrawlMeasure(
            workers=workers,
            pages=len(pages),
            fetch_seconds=max(timed.times) - min(timed.times),
            wall_seconds=wall,
            head_seconds=min(timed.times) - started,
            tail_seconds=ended - max(timed.times),
            worker_cpu=(children_after.ru_utime + children_after.ru_stime)
            - (children_before.ru_utime + children_before.ru_stime),
            site_cpu=site_cpu,
        )
    finally:
        client.drop_database(database)


def report(results: dict[int, list[CrawlMeasure]]) -> None:
    def median(measures: list[CrawlMeasure], value: Callable[[CrawlMeasure], float]) -> float:
        return statistics.median(value(m) for m in measures)

    base_fetch = median(results[1], lambda m: m.fetch_rate)
    base_wall = median(results[1], lambda m: m.wall_rate)
    print(
        f"\n{'workers':>7} {'fetch pages/s':>13} {'ratio':>5} {'end-to-end pages/s':>18} {'ratio':>5} "
        f"{'head s':>6} {'tail s':>6} {'worker CPU ms/page':>18} {'site CPU ms/page':>16}  "
        "runs (fetch pages/s)"
    )
    for workers, measures in results.items():
        fetch = median(measures, lambda m: m.fetch_rate)
        wall = median(measures, lambda m: m.wall_rate)
        head = median(measures, lambda m: m.head_seconds)
        tail = median(measures, lambda m: m.tail_seconds)
        worker_cpu = median(measures, lambda m: 1000 * m.worker_cpu / m.pages)
        site_cpu = median(measures, lambda m: 1000 * m.site_cpu / m.pages)
        runs = ", ".join(f"{m.fetch_rate:.0f}" for m in measures)
        print(
            f"{workers:>7} {fetch:>13.1f} {fetch / base_fetch:>5.2f} {wall:>18.1f} {wall / base_wall:>5.2f} "
            f"{head:>6.1f} {tail:>6.1f} {worker_cpu:>18.1f} {site_cpu:>16.1f}  {runs}"
        )
    print("(head: launch to first article request; tail: last article request to last exit;")
    print(" worker CPU includes each process's start-up, about 2 s of imports)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--max-workers", type=int, default=3)
    parser.add_argument("--page-delay", type=float, default=0.0, help="seconds before each article answer")
    parser.add_argument(
        "--concurrency", type=int, default=8, help="CONCURRENT_REQUESTS(_PER_DOMAIN) per worker"
    )
    parser.add_argument("--quick", action="store_true", help="100 articles, 1 repeat")
    args = parser.parse_args(argv)
    if args.quick:
        args.articles, args.repeats = 100, 1
    print(
        f"{args.articles} article pages, {args.repeats} repeats, page delay {args.page_delay}s, "
        f"concurrency {args.concurrency} per worker, {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-distributed-") as scratch:
        root = Path(scratch)
        site = generate_site(root / "site", args.articles)
        mongo = start_server(root / "mongo")
        redis = start_redis(root / "redis")
        client = pymongo.MongoClient(mongo.uri, tz_aware=True)
        timed = TimedSite(site, args.page_delay)
        timed.mirror.start()
        try:
            results: dict[int, list[CrawlMeasure]] = {}
            for repeat in range(args.repeats):  # interleaved, so load changes hit every worker count
                for workers in range(1, args.max_workers + 1):
                    measure = crawl_once(
                        timed,
                        workers,
                        mongo_uri=mongo.uri,
                        redis=redis,
                        client=client,
                        concurrency=args.concurrency,
                    )
                    results.setdefault(workers, []).append(measure)
                    print(
                        f"  repeat {repeat + 1}, {workers} worker(s): "
                        f"{measure.fetch_rate:.1f} pages/s fetching, {measure.wall_seconds:.1f}s end to end",
                        flush=True,
                    )
            report(dict(sorted(results.items())))
        finally:
            timed.mirror.stop()
            client.close()
            redis.stop()
            mongo.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
