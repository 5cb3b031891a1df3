"""The ingestion ledger: one MongoDB document per WARC file, so backfills resume and never repeat.

A file is known by a digest of its size and first bytes (``file_digest``), not by its path: the same
file under another path or URL is the same file. Its document records the path, size, digest, state
(``running``, ``done``), how many records and bytes were done, and the worker holding it. Workers
(scrapyd jobs, redis workers, several ``scrapy crawl warc`` processes) claim a file atomically: the
insert of a new document, or an update that only matches a file not done and not held by a live lease.
A worker that dies leaves a lease that expires; the next claimant resumes at the last checkpoint.
"""

from __future__ import annotations

import hashlib
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.collection import Collection
from pymongo.errors import DuplicateKeyError

HEAD_BYTES = 64 * 1024
DONE = "done"
RUNNING = "running"


def file_digest(size: int | None, head: bytes) -> str:
    """``sha256(size, first 64 KiB)``: cheap on a 1 GB file or a stream (a WARC begins with its
    ``warcinfo`` record, which names the file, so distinct files differ here)."""
    digest = hashlib.sha256(f"{size if size is not None else '?'}\n".encode())
    digest.update(head[:HEAD_BYTES])
    return digest.hexdigest()


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Claim:
    """What a worker may do with a file: ``resume`` it from ``offset``/``records``, or skip it because
    it is ``done`` or ``held`` by another live worker."""

    outcome: str  # "resume", "done" or "held"
    offset: int = 0
    records: int = 0


def _now() -> datetime:
    now = datetime.now(UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Ledger:
    """The ``warc_files`` collection (``NEWSBOT_WARC_LEDGER_COLLECTION``)."""

    def __init__(self, collection: Collection, owner: str, lease: timedelta) -> None:
        self.collection = collection
        self.owner = owner
        self.lease = lease

    def claim(self, digest: str, path: str, size: int | None) -> Claim:
        now = _now()
        try:
            self.collection.insert_one(
                {
                    "_id": digest,
                    "digest": digest,
                    "path": path,
                    "size": size,
                    "state": RUNNING,
                    "owner": self.owner,
                    "lease_until": now + self.lease,
                    "records_done": 0,
                    "offset": 0,
                    "stored": 0,
                    "started_at": now,
                    "runs": 1,
                }
            )
            return Claim("resume")
        except DuplicateKeyError:
            pass
        taken = self.collection.find_one_and_update(
            {"_id": digest, "state": {"$ne": DONE}, "lease_until": {"$lt": now}},
            {
                "$set": {"owner": self.owner, "lease_until": now + self.lease, "path": path},
                "$inc": {"runs": 1},
            },
            return_document=ReturnDocument.AFTER,
        )
        if taken is not None:
            return Claim("resume", int(taken.get("offset", 0)), int(taken.get("records_done", 0)))
        current = self.collection.find_one({"_id": digest}, {"state": 1}) or {}
        return Claim("done" if current.get("state") == DONE else "held")

    def checkpoint(self, digest: str, offset: int, records: int, stored: int) -> bool:
        """Record progress and renew the lease; ``False`` when the lease was lost (another worker took
        the file after ours expired): the caller stops reading it."""
        result = self.collection.update_one(
            {"_id": digest, "owner": self.owner},
            {
                "$set": {"offset": offset, "records_done": records, "lease_until": _now() + self.lease},
                "$inc": {"stored": stored},
            },
        )
        return result.matched_count == 1

    def finish(self, digest: str, offset: int, records: int, stored: int, damage: str | None = None) -> bool:
        fields: dict[str, Any] = {
            "state": DONE,
            "offset": offset,
            "records_done": records,
            "finished_at": _now(),
            "damage": damage,
        }
        result = self.collection.update_one(
            {"_id": digest, "owner": self.owner},
            {"$set": fields, "$unset": {"lease_until": ""}, "$inc": {"stored": stored}},
        )
        return result.matched_count == 1

    def release(self, digest: str) -> None:
        """Give a file back unfinished (the crawl was stopped): another run resumes it at once."""
        self.collection.update_one(
            {"_id": digest, "owner": self.owner}, {"$set": {"lease_until": _now() - timedelta(seconds=1)}}
        )
