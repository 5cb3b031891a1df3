"""Open a pymongo client on ``MONGO_URI``, or on the embedded server when none is configured."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from pymongo import MongoClient
from pymongo.database import Database
from pymongo.errors import PyMongoError

from newsbot.storage.config import MongoConfig
from newsbot.storage.embedded import EmbeddedServer, ensure_server, find_running
from newsbot.storage.uri import mask_uri

logger = logging.getLogger(__name__)


class MongoUnavailable(RuntimeError):
    """MongoDB cannot be reached; the message says where and what to do."""


@dataclass
class MongoConnection:
    client: MongoClient
    database: Database
    uri: str
    embedded: EmbeddedServer | None

    def close(self) -> None:
        self.client.close()


def describe_error(exc: BaseException) -> str:
    """A one-line reason without pymongo's topology dump."""
    text = str(exc).split(", Timeout:")[0].split(" (configured timeouts")[0]
    return f"{type(exc).__name__}: {text}"


def newsbot_command() -> str:
    """How to run ``newsbot`` from any directory: the script beside this interpreter, by full path."""
    script = Path(sys.executable).parent / "newsbot"
    return str(script) if script.is_file() else f"{sys.executable} -m newsbot"


def connect(config: MongoConfig, *, check: bool = True, start: bool = True) -> MongoConnection:
    """Connect (starting the embedded server if needed) and check the server answers.

    ``check=False`` skips the check: the client connects lazily, whenever the server answers.
    ``start=False`` (commands that only read): no ``MONGO_URI`` and no embedded server running is an
    error, not a reason to start a second, empty server.
    """
    embedded = None
    uri = config.uri
    if not uri:
        data_dir = config.data_dir / "mongo"
        if not start:
            embedded = find_running(data_dir)
            if embedded is None:
                raise MongoUnavailable(
                    f"no MONGO_URI set and no embedded server is running for {data_dir} (a crawl starts "
                    f"it, or `{newsbot_command()} db start`); set NEWSBOT_HOME or NEWSBOT_DATA_DIR if "
                    "the data lives elsewhere"
                )
        else:
            try:
                embedded = ensure_server(data_dir, host=config.db_host, port=config.db_port)
            except (OSError, RuntimeError) as exc:
                raise MongoUnavailable(f"the embedded MongoDB-wire server could not start: {exc}") from exc
            logger.info(
                "No MONGO_URI set: using the embedded MongoDB-wire server (SecantusDB) at %s, data in %s. "
                "Query it with pymongo or `mongosh %s` (database %r); it keeps running after the crawl "
                "(stop it with `%s db stop`).",
                embedded.uri,
                embedded.data_dir,
                embedded.uri,
                config.database,
                newsbot_command(),
            )
        uri = embedded.uri
    client: MongoClient = MongoClient(
        uri,
        tz_aware=True,
        retryWrites=True,
        retryReads=True,
        w=config.write_concern_value,
        journal=config.journal,
        serverSelectionTimeoutMS=config.server_selection_timeout_ms,
        appname="newsbot",
    )
    if check:
        try:
            client.admin.command("ping")
        except PyMongoError as exc:
            client.close()
            raise MongoUnavailable(
                f"MongoDB at {mask_uri(uri)} is unreachable ({describe_error(exc)}). "
                "Start it or set MONGO_URI to a reachable server."
            ) from exc
    return MongoConnection(client, client[config.database], uri, embedded)
