"""The ``newsbot`` command (also ``python -m newsbot``): operate the database and the stored data."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scrapy.utils.project import get_project_settings

from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import MongoUnavailable, connect
from newsbot.storage.embedded import ensure_server, find_running
from newsbot.storage.replay import replay_spill
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile

Command = Callable[[argparse.Namespace, MongoConfig], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(function: Command) -> Command:
        COMMANDS[name] = function
        return function

    return register


@command("db")
def db_command(args: argparse.Namespace, config: MongoConfig) -> int:
    """Start, stop or show the embedded MongoDB-wire server."""
    data_dir = config.data_dir / "mongo"
    if args.action == "start":
        server = ensure_server(data_dir)
        print(f"embedded server at {server.uri} (pid {server.pid}), data in {server.data_dir}")
        return 0
    server = find_running(data_dir)
    if server is None:
        print(f"no embedded server running for {data_dir}")
        return 0 if args.action == "stop" else 1
    if args.action == "stop":
        server.stop()
        print(f"stopped the embedded server (pid {server.pid})")
    else:
        print(f"embedded server at {server.uri} (pid {server.pid}), data in {server.data_dir}")
    return 0


@command("replay")
def replay_command(args: argparse.Namespace, config: MongoConfig) -> int:
    """Write the articles saved in the spill file while MongoDB was unreachable."""
    spill = SpillFile(args.file) if args.file else SpillFile(spill_path(config))
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
    print(
        f"replayed {outcome.replayed} from {spill.path}: inserted {outcome.report.inserted}, "
        f"updated {outcome.report.updated}, unchanged {outcome.report.unchanged}, "
        f"rejected {len(outcome.report.rejected)}, still pending {outcome.report.spilled}"
    )
    return 0 if outcome.report.spilled == 0 else 1


def spill_path(config: MongoConfig) -> Path:
    return config.data_dir / "spill" / f"{config.database}.{config.collection}.jsonl"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    db = sub.add_parser("db", help=db_command.__doc__)
    db.add_argument("action", choices=["start", "stop", "status"])
    replay = sub.add_parser("replay", help=replay_command.__doc__)
    replay.add_argument("--file", help="spill file (default: the configured database's)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    config = MongoConfig.from_settings(get_project_settings())
    try:
        return COMMANDS[args.command](args, config)
    except MongoUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
