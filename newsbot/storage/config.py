"""MongoDB settings read from Scrapy settings (which read the environment)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scrapy.settings import BaseSettings


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

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> MongoConfig:
        batch_size = settings.getint("MONGO_BATCH_SIZE", 200)
        if not 1 <= batch_size <= 1000:
            raise ValueError(f"MONGO_BATCH_SIZE must be between 1 and 1000, got {batch_size}")
        return cls(
            uri=settings.get("MONGO_URI") or "",
            database=settings.get("MONGO_DATABASE") or "newsbot",
            collection=settings.get("MONGO_COLLECTION") or "articles",
            batch_size=batch_size,
            flush_interval=settings.getfloat("MONGO_FLUSH_INTERVAL", 5.0),
            write_concern=str(settings.get("MONGO_WRITE_CONCERN") or "1"),
            server_selection_timeout_ms=settings.getint("MONGO_SERVER_SELECTION_TIMEOUT_MS", 10_000),
            data_dir=Path(settings.get("NEWSBOT_DATA_DIR") or ".newsbot"),
        )

    @property
    def write_concern_value(self) -> int | str:
        """``w`` as pymongo wants it: a node count or a tag such as ``majority``."""
        return int(self.write_concern) if self.write_concern.isdigit() else self.write_concern
