"""Batched, retried MongoDB writes that never lose an article silently."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, ConnectionFailure, OperationFailure, PyMongoError

from newsbot.storage.documents import PendingWrite, build_upsert
from newsbot.storage.spill import SpillFile

logger = logging.getLogger(__name__)

DUPLICATE_KEY = 11000
DOCUMENT_FAILED_VALIDATION = 121
TRANSIENT_ERRORS = (ConnectionFailure,)
"""Network errors, timeouts, server selection failures, primary stepdowns: worth a retry."""


@dataclass
class WriteReport:
    """What one batch did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """(url, reason) of documents the server refused (validation): counted and logged, not retried."""
    spilled: int = 0

    def merge(self, other: WriteReport) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected.extend(other.rejected)
        self.spilled += other.spilled


class ArticleWriter:
    """Writes batches of upserts (``ordered=False``) with bounded retries and a spill file.

    Duplicate-key errors (two workers inserting one URL at once) are retried as updates; documents
    failing validation are reported, not retried; when the server stays unreachable past the retry
    budget the batch goes to the spill file so it can be replayed later.
    """

    def __init__(
        self,
        collection: Collection,
        spill: SpillFile,
        *,
        retry_budget: float = 30.0,
        first_backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.collection = collection
        self.spill = spill
        self.retry_budget = retry_budget
        self.first_backoff = first_backoff
        self._sleep = sleep

    def write(self, batch: Sequence[PendingWrite]) -> WriteReport:
        report = WriteReport()
        pending = list(batch)
        deadline = time.monotonic() + self.retry_budget
        backoff = self.first_backoff
        duplicate_retries = 0
        while pending:
            try:
                result = self.collection.bulk_write([build_upsert(w) for w in pending], ordered=False)
            except BulkWriteError as exc:
                pending, counted = self._partial(pending, exc.details)
                report.merge(counted)
                retry_duplicates = duplicate_retries < 3 and all(
                    e.get("code") == DUPLICATE_KEY for e in exc.details.get("writeErrors", [])
                )
                if pending and retry_duplicates:
                    duplicate_retries += 1
                    continue
                if pending and not self._wait(deadline, backoff):
                    break
                backoff *= 2
                continue
            except TRANSIENT_ERRORS as exc:
                logger.warning(
                    "MongoDB write failed (%s: %s); retrying in %.1fs", type(exc).__name__, exc, backoff
                )
                if not self._wait(deadline, backoff):
                    break
                backoff *= 2
                continue
            except (OperationFailure, PyMongoError) as exc:
                logger.error("MongoDB refused a batch of %d (%s); spilling it", len(pending), exc)
                break
            report.inserted += result.upserted_count
            report.updated += result.modified_count
            report.unchanged += len(pending) - result.upserted_count - result.modified_count
            pending = []
        if pending:
            report.spilled += self.spill.append(pending)
            logger.error(
                "%d articles could not be written to MongoDB and were saved to %s "
                "(replay them with `python -m newsbot replay`)",
                len(pending),
                self.spill.path,
            )
        return report

    def _wait(self, deadline: float, backoff: float) -> bool:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return False
        self._sleep(min(backoff, remaining))
        return True

    @staticmethod
    def _partial(pending: list[PendingWrite], details: dict) -> tuple[list[PendingWrite], WriteReport]:
        """Split a partially failed batch: what succeeded, what was rejected, what to retry."""
        counted = WriteReport(
            inserted=details.get("nUpserted", 0),
            updated=details.get("nModified", 0),
        )
        failed: set[int] = set()
        retry: list[PendingWrite] = []
        for error in details.get("writeErrors", []):
            index = error["index"]
            failed.add(index)
            if error.get("code") == DOCUMENT_FAILED_VALIDATION:
                counted.rejected.append(
                    (pending[index].url, error.get("errmsg", "document failed validation"))
                )
            else:
                retry.append(pending[index])
        matched = details.get("nMatched", 0)
        counted.unchanged += max(0, matched - counted.updated)
        return retry, counted
