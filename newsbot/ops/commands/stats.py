"""``newsbot stats``: articles per outlet and day, and the last runs."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

from newsbot.analytics.queries import per_outlet_per_day
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import connect

NAME = "stats"
HELP = "articles per outlet and per day of publication, and the last crawl runs"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=int, default=7, help="how many days back (default 7)")
    parser.add_argument("--runs", type=int, default=10, help="how many recent runs to list (default 10)")


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    connection = connect(config)
    try:
        db = connection.database
        since = datetime.now(UTC) - timedelta(days=args.days)
        rows = list(db[config.collection].aggregate(per_outlet_per_day(since)))
        total = db[config.collection].estimated_document_count()
        print(f"{total} articles in {config.database}.{config.collection}; published since {since:%Y-%m-%d}:")
        print(f"  {'day':<10}  {'outlet':<24} {'articles':>8}")
        for row in rows:
            print(f"  {row['_id']['day']:<10}  {row['_id']['source']:<24} {row['articles']:>8}")
        print(f"last {args.runs} runs:")
        for run_doc in db.runs.find({}, sort=[("finished_at", -1)], limit=args.runs):
            stored = run_doc.get("stored", {})
            print(
                f"  {run_doc.get('finished_at'):%Y-%m-%d %H:%M}  {run_doc.get('spider', '?'):<12} "
                f"{run_doc.get('finish_reason', '?'):<10} inserted {stored.get('inserted', 0)}, "
                f"updated {stored.get('updated', 0)}, dropped {run_doc.get('dropped_total', 0)}"
            )
    finally:
        connection.close()
    return 0
