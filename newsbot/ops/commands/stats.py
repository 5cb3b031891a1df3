"""``newsbot stats``: articles per outlet and day, and the last runs with their health."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scrapy.utils.project import get_project_settings

from newsbot.analytics.queries import per_outlet_per_day
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import connect

NAME = "stats"
HELP = "articles per outlet and per day of publication, and the last crawl runs with their health"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=int, default=7, help="how many days back (default 7)")
    parser.add_argument("--runs", type=int, default=10, help="how many recent runs to list (default 10)")
    parser.add_argument(
        "--timezone", help="days and times in this zone (default: NEWSBOT_TIMEZONE, Europe/Paris)"
    )


def run_outcome(run_doc: Mapping[str, Any]) -> str:
    """How a run ended, health first: ``FAILED (feeds_read)`` for a run that failed its checks, else
    the health status (``ok``, ``skipped``, ``unchecked``) and the finish reason when it is not
    ``finished``."""
    health = run_doc.get("health") or {}
    reason = run_doc.get("finish_reason", "?")
    if health.get("status") == "failed":
        return f"FAILED ({', '.join(health.get('failed') or ()) or reason})"
    status = health.get("status") or "unchecked"
    return status if reason == "finished" else f"{status}, {reason}"


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    name = args.timezone or get_project_settings().get("NEWSBOT_TIMEZONE") or "Europe/Paris"
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        print(
            f"error: --timezone: expected a zone name such as Europe/Paris, got {name!r}",
            file=sys.stderr,
        )
        return 2
    connection = connect(config, start=False)
    try:
        db = connection.database
        since = datetime.now(UTC) - timedelta(days=args.days)
        rows = list(db[config.collection].aggregate(per_outlet_per_day(since, name)))
        total = db[config.collection].estimated_document_count()
        print(
            f"{total} articles in {config.database}.{config.collection}; "
            f"published since {since.astimezone(zone):%Y-%m-%d} (days in {name}):"
        )
        print(f"  {'day':<10}  {'outlet':<24} {'articles':>8}")
        for row in rows:
            print(f"  {row['_id']['day']:<10}  {row['_id']['source']:<24} {row['articles']:>8}")
        print(f"last {args.runs} runs (times in {name}):")
        for run_doc in db.runs.find({}, sort=[("finished_at", -1)], limit=args.runs):
            stored = run_doc.get("stored", {})
            finished = run_doc.get("finished_at")
            when = finished.astimezone(zone).strftime("%Y-%m-%d %H:%M") if finished else "?"
            print(
                f"  {when}  {run_doc.get('spider', '?'):<12} {run_outcome(run_doc):<24} "
                f"inserted {stored.get('inserted', 0)}, "
                f"updated {stored.get('updated', 0)}, dropped {run_doc.get('dropped_total', 0)}"
            )
    finally:
        connection.close()
    return 0
