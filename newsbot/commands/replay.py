"""``newsbot replay``: write the articles saved to the spill file while MongoDB was unreachable."""

from __future__ import annotations

import argparse
import sys

from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable, connect
from newsbot.storage.replay import replay_spill
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile, spill_path

NAME = "replay"
HELP = "write the articles saved to the spill file while MongoDB was unreachable"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", help="spill file (default: the configured database's)")


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    spill = SpillFile(args.file or spill_path(config))
    try:
        connection = connect(config)
    except MongoUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        collection = ensure_articles_collection(connection.database, config.collection)
        outcome = replay_spill(spill, collection)
    finally:
        connection.close()
    report = outcome.report
    print(
        f"replayed {outcome.replayed} from {spill.path}: inserted {report.inserted}, "
        f"updated {report.updated}, unchanged {report.unchanged}, rejected {len(report.rejected)}, "
        f"still pending {report.spilled}"
    )
    return 0 if report.spilled == 0 else 1
