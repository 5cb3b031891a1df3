"""``newsbot db start|stop|status|uri``: the embedded MongoDB-wire server.

The server is the one of the project's data folder (``NEWSBOT_DATA_DIR``, relative to the folder
holding ``scrapy.cfg`` or ``$NEWSBOT_HOME``), so these work from any directory of the checkout.
"""

from __future__ import annotations

import argparse
import sys
import time

from newsbot.storage.config import MongoConfig
from newsbot.storage.embedded import ensure_server, find_running
from newsbot.storage.uri import mask_uri

NAME = "db"
HELP = "start, stop or show the embedded MongoDB-wire server (used when MONGO_URI is empty)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=["start", "stop", "status", "uri"],
        help='uri prints only the address (for scripts: mongosh "$(newsbot db uri)")',
    )


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    data_dir = config.data_dir / "mongo"
    if args.action == "uri" and config.uri:
        print(
            f"MONGO_URI is set: newsbot uses {mask_uri(config.uri)}, not the embedded server", file=sys.stderr
        )
        print(config.uri)
        return 0
    if args.action == "start":
        server = ensure_server(data_dir, host=config.db_host, port=config.db_port)
        print(f"embedded server at {server.uri} (pid {server.pid}), data in {server.data_dir}")
        return 0
    server = find_running(data_dir)
    if server is None:
        print(
            f"no embedded server running for {data_dir}",
            file=sys.stderr if args.action == "uri" else sys.stdout,
        )
        return 0 if args.action == "stop" else 1
    if args.action == "uri":
        print(server.uri)
    elif args.action == "stop":
        began = time.monotonic()
        server.stop()
        print(f"stopped the embedded server (pid {server.pid}) in {time.monotonic() - began:.1f}s")
    else:
        print(f"embedded server at {server.uri} (pid {server.pid}), data in {server.data_dir}")
    return 0
