"""Cost of the incremental check: ``python -m benchmarks.incremental``.

The check runs once per batch of feed entries (up to 500) in a worker thread. This compares, on a
SecantusDB started for the run with ``--stored`` articles, the batched lookup newsbot does
(:meth:`FetchHistory.states`: one ``$in`` query on the unique ``url`` index, plus one on
``seen_urls`` for the misses) with one ``find_one`` per URL, for a feed of ``--entries`` URLs of
which half are stored. Medians of ``--repeats`` runs, and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pymongo

from newsbot.incremental.history import FetchHistory, SeenRecord
from newsbot.storage.embedded import start_server
from newsbot.storage.schema import ensure_articles_collection


def timed(function: Callable[[], object], repeats: int) -> float:
    """Median seconds of ``repeats`` calls."""
    durations = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=20_000)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    now = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-incremental-") as scratch:
        server = start_server(Path(scratch) / "mongo")
        client = pymongo.MongoClient(server.uri, tz_aware=True)
        try:
            db = client["bench"]
            articles = ensure_articles_collection(db, "articles")
            history = FetchHistory(articles, db["seen_urls"])
            history.ensure_indexes()
            for start in range(0, args.stored, 1000):
                articles.insert_many(
                    {
                        "url": f"https://www.example.fr/a/{n}",
                        "source": "bench",
                        "crawled_at": now - timedelta(hours=n % 48),
                        "first_seen_at": now - timedelta(hours=n % 48),
                        "last_seen_at": now,
                    }
                    for n in range(start, min(start + 1000, args.stored))
                )
            history.record(
                [SeenRecord(f"https://www.example.fr/en/{n}", now, "not_french") for n in range(100)]
            )
            # Half the feed is stored, half is new.
            urls = [f"https://www.example.fr/a/{n}" for n in range(0, args.entries, 2)]
            urls += [f"https://www.example.fr/a/new-{n}" for n in range(1, args.entries, 2)]
            fields = {"_id": 0, "url": 1, "last_seen_at": 1, "crawled_at": 1, "modified_at": 1}

            def one_by_one() -> None:
                for url in urls:
                    if articles.find_one({"url": url}, fields) is None:
                        db["seen_urls"].find_one({"url": url})

            batched = timed(lambda: history.states(urls), args.repeats)
            single = timed(one_by_one, args.repeats)
            print(f"{args.stored} stored articles, a feed of {len(urls)} URLs (half stored)")
            print(f"median of {args.repeats} runs")
            print(f"  batched $in lookups (newsbot): {1000 * batched:8.1f} ms per feed")
            print(f"  one find_one per URL:          {1000 * single:8.1f} ms per feed")
            print(f"  ratio one-by-one / batched:    {single / batched:8.1f}x")
        finally:
            client.close()
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
