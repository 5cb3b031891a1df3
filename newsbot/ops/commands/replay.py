"""``newsbot replay``: write the articles saved to the spill file while MongoDB was unreachable."""

from __future__ import annotations

import argparse
import sys

from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable, connect
from newsbot.storage.replay import replay_spill
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile, spill_path
from newsbot.storage.writer import ArticleWriter

NAME = "replay"
HELP = "write the articles saved to the spill file while MongoDB was unreachable"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", help="spill file (default: the configured database's)")


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    spill = SpillFile(args.file or spill_path(config))
    if not spill.pending():
        print(f"nothing to replay in {spill.path}")
        return 0
    try:
        connection = connect(config)
    except MongoUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        collection = ensure_articles_collection(connection.database, config.collection)
        writer = ArticleWriter(collection, spill, retry_budget=config.retry_budget)
        outcome = replay_spill(spill, writer)
    finally:
        connection.close()
    report = outcome.report
    print(
        f"replayed {outcome.replayed} from {spill.path}: inserted {report.inserted}, "
        f"updated {report.updated}, unchanged {report.unchanged}, rejected {len(report.rejected)}, "
        f"duplicates {len(report.duplicates)}, still pending {report.spilled}"
    )
    for url, reason in report.rejected:
        print(f"rejected {url}: {reason}", file=sys.stderr)
    return 0 if report.spilled == 0 else 1
