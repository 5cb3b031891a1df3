"""MongoDB settings read from Scrapy settings (which read the environment); defaults: ``newsbot.settings``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrapy.settings import BaseSettings

from newsbot import settings as defaults
from newsbot.env import project_path
from newsbot.storage.uri import check_mongo_uri


@dataclass(frozen=True)
class MongoConfig:
    uri: str
    database: str
    collection: str
    batch_size: int
    flush_interval: float
    write_concern: str
    server_selection_timeout_ms: int
    data_dir: Path
    retry_budget: float = defaults.MONGO_RETRY_BUDGET
    """Seconds a write (or a dedup lookup) keeps retrying an unreachable server before giving up."""
    spill_when_down: bool = defaults.MONGO_SPILL_WHEN_DOWN
    """Down at start: spill every article to disk and carry on instead of closing the crawl."""
    probe_interval: float = defaults.MONGO_PROBE_INTERVAL
    """While the server is down, how often (seconds) one cheap ping checks whether it is back."""
    replay_at_start: bool = defaults.MONGO_REPLAY_AT_START
    """Replay the spill file (articles saved during an earlier outage) when the spider opens."""
    journal: bool = defaults.MONGO_JOURNAL
    """Acknowledged writes are journaled (``j=true``): a server killed right after keeps them."""
    db_host: str = defaults.NEWSBOT_DB_HOST
    """Address the embedded server listens on (``NEWSBOT_DB_HOST``)."""
    db_port: int | None = defaults.NEWSBOT_DB_PORT
    """Preferred port of the embedded server (``NEWSBOT_DB_PORT``; taken: the next free one)."""

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> MongoConfig:
        batch_size = settings.getint("MONGO_BATCH_SIZE", defaults.MONGO_BATCH_SIZE)
        if not 1 <= batch_size <= 1000:
            raise ValueError(f"MONGO_BATCH_SIZE must be between 1 and 1000, got {batch_size}")
        retry_budget = settings.getfloat("MONGO_RETRY_BUDGET", defaults.MONGO_RETRY_BUDGET)
        probe_interval = settings.getfloat("MONGO_PROBE_INTERVAL", defaults.MONGO_PROBE_INTERVAL)
        if retry_budget < 0 or probe_interval <= 0:
            raise ValueError(
                "MONGO_RETRY_BUDGET must be >= 0 and MONGO_PROBE_INTERVAL > 0, "
                f"got {retry_budget} and {probe_interval}"
            )
        return cls(
            uri=check_mongo_uri(settings.get("MONGO_URI") or defaults.MONGO_URI),
            database=settings.get("MONGO_DATABASE") or defaults.MONGO_DATABASE,
            collection=settings.get("MONGO_COLLECTION") or defaults.MONGO_COLLECTION,
            batch_size=batch_size,
            flush_interval=settings.getfloat("MONGO_FLUSH_INTERVAL", defaults.MONGO_FLUSH_INTERVAL),
            write_concern=str(settings.get("MONGO_WRITE_CONCERN") or defaults.MONGO_WRITE_CONCERN),
            server_selection_timeout_ms=settings.getint(
                "MONGO_SERVER_SELECTION_TIMEOUT_MS", defaults.MONGO_SERVER_SELECTION_TIMEOUT_MS
            ),
            data_dir=project_path(settings.get("NEWSBOT_DATA_DIR") or defaults.NEWSBOT_DATA_DIR),
            retry_budget=retry_budget,
            spill_when_down=settings.getbool("MONGO_SPILL_WHEN_DOWN", defaults.MONGO_SPILL_WHEN_DOWN),
            probe_interval=probe_interval,
            replay_at_start=settings.getbool("MONGO_REPLAY_AT_START", defaults.MONGO_REPLAY_AT_START),
            journal=settings.getbool("MONGO_JOURNAL", defaults.MONGO_JOURNAL),
            db_host=settings.get("NEWSBOT_DB_HOST") or defaults.NEWSBOT_DB_HOST,
            db_port=_port(settings.getint("NEWSBOT_DB_PORT", defaults.NEWSBOT_DB_PORT)),
        )

    @property
    def write_concern_value(self) -> int | str:
        """``w`` as pymongo wants it: a node count or a tag such as ``majority``."""
        return int(self.write_concern) if self.write_concern.isdigit() else self.write_concern


def _port(value: int) -> int | None:
    """A TCP port, or ``None`` (0: any free port)."""
    if not 0 <= value <= 65535:
        raise ValueError(f"NEWSBOT_DB_PORT must be a TCP port (0 for any free port), got {value}")
    return value or None
