"""``newsbot stories``: the largest recent stories (near-duplicate clusters across outlets)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta

from newsbot.analytics.queries import stories_covered_by
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import connect
from newsbot.storage.stories import STORIES_VIEW, ensure_stories_view

NAME = "stories"
HELP = "the largest recent stories: how many outlets and articles carried each"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=int, default=2, help="first published in the last N days (default 2)")
    parser.add_argument(
        "--min-outlets", type=int, default=2, help="carried by at least N outlets (default 2)"
    )
    parser.add_argument("--limit", type=int, default=20)


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    connection = connect(config)
    try:
        db = connection.database
        ensure_stories_view(db, config.collection)
        since = datetime.now(UTC) - timedelta(days=args.days)
        pipeline = stories_covered_by(args.min_outlets, since=since, limit=args.limit)
        stories = list(db[STORIES_VIEW].aggregate(pipeline))
        if not stories:
            print(f"no story carried by {args.min_outlets}+ outlets since {since:%Y-%m-%d %H:%M} UTC")
        for story in stories:
            representative = story.get("representative") or {}
            print(
                f"{story['outlet_count']} outlets, {story['article_count']} articles, first "
                f"{story.get('first_published_at') or '?'}: {representative.get('title')}\n"
                f"    {', '.join(sorted(story['outlets']))}\n    {representative.get('url')}"
            )
    finally:
        connection.close()
    return 0
