"""``newsbot db start|stop|status``: the embedded MongoDB-wire server."""

from __future__ import annotations

import argparse

from newsbot.storage.config import MongoConfig
from newsbot.storage.embedded import ensure_server, find_running

NAME = "db"
HELP = "start, stop or show the embedded MongoDB-wire server (used when MONGO_URI is empty)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["start", "stop", "status"])


def run(args: argparse.Namespace, config: MongoConfig) -> int:
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
