"""A local JSON Lines file that keeps the writes MongoDB could not take, for a later replay."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from bson import json_util

from newsbot.storage.config import MongoConfig
from newsbot.storage.documents import PendingWrite

logger = logging.getLogger(__name__)

def spill_path(config: MongoConfig) -> Path:
    """Where a database/collection's unwritten articles wait for ``newsbot replay``."""
    return config.data_dir / "spill" / f"{config.database}.{config.collection}.jsonl"


_JSON_OPTIONS = json_util.JSONOptions(json_mode=json_util.JSONMode.CANONICAL, tz_aware=True)


class SpillFile:
    """Append-only, fsynced JSON Lines of pending writes (Extended JSON keeps dates exact)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def append(self, writes: Iterable[PendingWrite]) -> int:
        """Append the writes durably; returns how many were written."""
        lines = [
            json_util.dumps({"mode": w.mode, "doc": w.doc}, json_options=_JSON_OPTIONS) + "\n" for w in writes
        ]
        if not lines:
            return 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
        return len(lines)

    def __iter__(self) -> Iterator[PendingWrite]:
        if not self.path.exists():
            return
        with open(self.path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json_util.loads(line, json_options=_JSON_OPTIONS)
                    yield PendingWrite(record["doc"], record["mode"])
                except (ValueError, KeyError, TypeError) as exc:  # a torn last line after a crash
                    logger.warning("Skipping unreadable line %d of %s: %s", number, self.path, exc)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def take(self) -> Path | None:
        """Atomically move the file aside for replay (new spills go to a fresh file)."""
        if not self.path.exists():
            return None
        claimed = self.path.with_suffix(f".replaying-{os.getpid()}.jsonl")
        os.replace(self.path, claimed)
        return claimed
