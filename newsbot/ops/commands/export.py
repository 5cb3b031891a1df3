"""``newsbot export``: stream articles to JSON Lines or CSV, by publication date range and outlet."""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from datetime import UTC, datetime

from newsbot.analytics.export import WRITERS, Progress, export_filter
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import connect

NAME = "export"
HELP = "stream articles to JSON Lines or CSV (by publication date range and outlet), with progress"


def _date(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(WRITERS), default="jsonl")
    parser.add_argument("--since", type=_date, help="published at or after (ISO date/time, UTC if naive)")
    parser.add_argument("--until", type=_date, help="published before (ISO date/time, UTC if naive)")
    parser.add_argument("--source", action="append", default=[], help="outlet id (repeatable)")
    parser.add_argument("--output", "-o", help="file to write (default: standard output)")
    parser.add_argument("--no-body", action="store_true", help="leave the body out (much smaller)")
    parser.add_argument("--quiet", action="store_true", help="no progress line")


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    connection = connect(config)
    try:
        articles = connection.database[config.collection]
        query = export_filter(since=args.since, until=args.until, sources=args.source)
        projection = {"body": 0} if args.no_body else None
        total = articles.count_documents(query)
        cursor = articles.find(query, projection, no_cursor_timeout=False, batch_size=500).sort(
            [("published_at", 1), ("_id", 1)]
        )
        progress = None if args.quiet else Progress(total)
        target = (
            open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with below
            if args.output
            else nullcontext(sys.stdout)
        )
        with target as out:
            for count in WRITERS[args.format](cursor, out):
                if progress:
                    progress.update(count)
        if progress:
            progress.done()
    finally:
        connection.close()
    return 0
