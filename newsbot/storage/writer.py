"""Batched, retried MongoDB writes that never lose an article silently and never double one.

A batch goes through stages, each one unordered bulk request (``ordered=False``):

1. ``resolve`` (only ``unchecked`` writes, when dedup could not read MongoDB): an article whose exact
   text is stored under another URL becomes an alternate URL of it, the rest go on as updates;
2. ``insert``: new URLs, ``insert_many`` — the fast path of a crawl; duplicate keys go to 3;
3. ``update``: changed articles (guarded, see ``documents``); duplicate keys go to 4;
4. ``touch``: unchanged re-crawls (and whatever 2 and 3 found already stored);
5. ``alternate``: alternate URLs of stored articles.

A document the server refuses (validation) or pymongo cannot encode is rejected alone and reported.
Network errors and timeouts are retried with exponential back-off within ``retry_budget`` seconds;
past it, or while the server is known to be down (``Availability``), the writes go to the spill file.
Every operation is idempotent, so a batch retried or replayed after a partial success is harmless.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import bson
import pymongo
from bson.errors import InvalidDocument
from pymongo.collection import Collection
from pymongo.errors import BulkWriteError, PyMongoError

from newsbot import settings as defaults
from newsbot.storage.availability import Availability, attempt_timeout, is_transient, ping
from newsbot.storage.connection import describe_error
from newsbot.storage.documents import (
    PendingWrite,
    alternate_operation,
    alternate_write,
    insert_document,
    touch_operation,
    update_operation,
)
from newsbot.storage.limits import MAX_DOCUMENT_BYTES
from newsbot.storage.spill import SpillFile

logger = logging.getLogger(__name__)

DUPLICATE_KEY = 11000
DUPLICATE_KEY_CODES = frozenset({11000, 11001})
DOCUMENT_FAILED_VALIDATION = 121
REJECTED_CODES = frozenset({2, 9, 14, 52, 55, 56, 57, 121, 10334, 17280})
"""Write errors that no retry can fix (validation, bad values, too large): the document is rejected."""
TOUCH_RACE_ROUNDS = 3
"""Two upserts inserting one URL at once: the loser's duplicate key is retried at once this often."""

STAGES = ("resolve", "insert", "update", "touch", "alternate")
FIRST_STAGE = {
    "unchecked": "resolve",
    "insert": "insert",
    "update": "update",
    "touch": "touch",
    "alternate": "alternate",
}
ON_DUPLICATE = {"insert": "update", "update": "touch", "touch": "touch"}


@dataclass
class WriteReport:
    """What one batch did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """(url, reason) of documents the server refused (validation): counted and logged, not retried."""
    spilled: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    """(url, holder) of ``unchecked`` articles whose text was already stored under ``holder``."""
    alternates: int = 0
    """Alternate-URL writes that found their article."""
    orphan_alternates: int = 0
    """Alternate-URL writes whose article is not stored (rejected or never written)."""
    lost: int = 0
    """Writes neither written nor spilled (the spill file itself failed): logged as errors."""

    def merge(self, other: WriteReport) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.rejected.extend(other.rejected)
        self.spilled += other.spilled
        self.duplicates.extend(other.duplicates)
        self.alternates += other.alternates
        self.orphan_alternates += other.orphan_alternates
        self.lost += other.lost

    @property
    def written(self) -> int:
        return self.inserted + self.updated + self.unchanged


class _StageResult:
    """Writes a stage sends back to its own queue (they need a wait before the next try)."""

    def __init__(self) -> None:
        self.retry: list[PendingWrite] = []
        self.wait_reason: str | None = None


class ArticleWriter:
    """Writes batches of pending writes (see the module doc); one call at a time per writer."""

    def __init__(
        self,
        collection: Collection,
        spill: SpillFile,
        *,
        retry_budget: float = defaults.MONGO_RETRY_BUDGET,
        first_backoff: float = 0.5,
        max_backoff: float = 8.0,
        availability: Availability | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.collection = collection
        self.spill = spill
        self.retry_budget = retry_budget
        self.first_backoff = first_backoff
        self.max_backoff = max_backoff
        self.availability = availability or Availability(lambda: ping(collection.database.client))
        self._sleep = sleep
        self._clock = clock
        self._maybe_applied: set[int] = set()
        """``id()`` of this batch's writes whose insert attempt failed after it may have been applied."""

    def write(self, batch: Sequence[PendingWrite]) -> WriteReport:
        report = WriteReport()
        if not batch:
            return report
        if not self.availability.check():
            self._spill(list(batch), report, "MongoDB is down")
            return report
        queues: dict[str, list[PendingWrite]] = {stage: [] for stage in STAGES}
        for pending in batch:
            queues[FIRST_STAGE[pending.mode]].append(pending)
        deadline = self._clock() + self.retry_budget
        backoff = self.first_backoff
        self._maybe_applied = set()
        for index, stage in enumerate(STAGES):
            touch_races = 0
            while queues[stage]:
                writes, queues[stage] = queues[stage], []
                try:
                    outcome = self._run(stage, writes, queues, report, deadline)
                except (PyMongoError, InvalidDocument) as exc:
                    if not is_transient(exc):
                        reason = describe_error(exc)
                        logger.error("MongoDB refused a batch of %d (%s); spilling it", len(writes), reason)
                        self._spill_from(stage, index, writes, queues, report, reason)
                        return report
                    outcome = _StageResult()
                    outcome.retry, outcome.wait_reason = writes, describe_error(exc)
                    if stage == "insert":  # the server may have applied it before the error
                        self._maybe_applied.update(id(w) for w in writes)
                queues[stage].extend(outcome.retry)
                if outcome.wait_reason is None:
                    continue
                if (
                    stage == "touch"
                    and outcome.wait_reason == "duplicate key"
                    and touch_races < TOUCH_RACE_ROUNDS
                ):
                    touch_races += 1
                    continue
                remaining = deadline - self._clock()
                if remaining <= 0:
                    self.availability.mark_down(outcome.wait_reason)
                    self._spill_from(stage, index, [], queues, report, outcome.wait_reason)
                    return report
                logger.warning(
                    "MongoDB write of %d failed (%s); retrying in %.1fs",
                    len(queues[stage]),
                    outcome.wait_reason,
                    min(backoff, remaining),
                )
                self._sleep(min(backoff, remaining))
                backoff = min(backoff * 2, self.max_backoff)
        return report

    # ------------------------------------------------------------------ stages

    def _run(
        self,
        stage: str,
        writes: list[PendingWrite],
        queues: dict[str, list[PendingWrite]],
        report: WriteReport,
        deadline: float,
    ) -> _StageResult:
        with pymongo.timeout(attempt_timeout(self.collection, deadline - self._clock())):
            if stage == "resolve":
                return self._resolve(writes, queues, report)
            if stage == "insert":
                return self._insert(writes, queues, report)
            return self._bulk(stage, writes, queues, report)

    def _resolve(
        self, writes: list[PendingWrite], queues: dict[str, list[PendingWrite]], report: WriteReport
    ) -> _StageResult:
        hashes = sorted({w.doc["content_hash"] for w in writes if w.doc.get("content_hash")})
        holders: dict[str, list[str]] = {}
        if hashes:
            query = {"content_hash": {"$in": hashes}}
            for doc in self.collection.find(query, {"_id": 0, "url": 1, "content_hash": 1}):
                holders.setdefault(doc["content_hash"], []).append(doc["url"])
        for pending in writes:
            urls = holders.get(pending.doc.get("content_hash") or "", [])
            if not urls or pending.url in urls:  # a new text, or this very article
                queues["update"].append(pending)
            else:
                report.duplicates.append((pending.url, urls[0]))
                queues["alternate"].append(alternate_write(urls[0], [pending.url]))
        return _StageResult()

    def _insert(
        self, writes: list[PendingWrite], queues: dict[str, list[PendingWrite]], report: WriteReport
    ) -> _StageResult:
        result = _StageResult()
        try:
            self.collection.insert_many([insert_document(w) for w in writes], ordered=False)
        except InvalidDocument:
            result.retry = self._encodable(writes, report)
            return result
        except BulkWriteError as exc:
            details = exc.details
            report.inserted += details.get("nInserted", 0)
            own = self._own_earlier_inserts(writes, details)
            report.inserted += len(own)
            errors = [e for e in details.get("writeErrors", []) if e["index"] not in own]
            self._sort_errors("insert", writes, {**details, "writeErrors": errors}, queues, report, result)
            return result
        report.inserted += len(writes)
        return result

    def _own_earlier_inserts(self, writes: list[PendingWrite], details: dict[str, Any]) -> set[int]:
        """Indexes of duplicate-key inserts that are this batch's own earlier attempt.

        An attempt cut by a network error may have been applied by the server; its retry then meets
        its own documents. Stored at revision 1 with this very ``crawled_at``, they count as inserted.
        """
        suspects = {
            e["index"]: writes[e["index"]]
            for e in details.get("writeErrors", [])
            if e.get("code") in DUPLICATE_KEY_CODES and id(writes[e["index"]]) in self._maybe_applied
        }
        if not suspects:
            return set()
        query = {"url": {"$in": [w.url for w in suspects.values()]}, "revision": 1}
        found = self.collection.find(query, {"url": 1, "crawled_at": 1})
        stored = {d["url"]: d.get("crawled_at") for d in found}
        return {i for i, w in suspects.items() if _same_instant(stored.get(w.url), w.doc.get("crawled_at"))}

    def _bulk(
        self,
        stage: str,
        writes: list[PendingWrite],
        queues: dict[str, list[PendingWrite]],
        report: WriteReport,
    ) -> _StageResult:
        result = _StageResult()
        build = {"update": update_operation, "touch": touch_operation, "alternate": alternate_operation}[
            stage
        ]
        try:
            done = self.collection.bulk_write([build(w) for w in writes], ordered=False)
            counts = {
                "nUpserted": done.upserted_count,
                "nMatched": done.matched_count,
                "nModified": done.modified_count,
            }
        except InvalidDocument:
            result.retry = self._encodable(writes, report)
            return result
        except BulkWriteError as exc:
            counts = exc.details
            self._sort_errors(stage, writes, exc.details, queues, report, result)
        upserted, matched = counts.get("nUpserted", 0), counts.get("nMatched", 0)
        if stage == "alternate":
            failed = len(writes) - len(result.retry) - matched
            report.alternates += matched
            report.orphan_alternates += max(0, failed - _rejected_in(counts))
        elif stage == "update":
            modified = counts.get("nModified", 0)
            report.inserted += upserted
            report.updated += modified
            report.unchanged += max(0, matched - modified)
        else:
            report.inserted += upserted
            report.unchanged += matched
        return result

    # ------------------------------------------------------------------ errors

    def _sort_errors(
        self,
        stage: str,
        writes: list[PendingWrite],
        details: dict[str, Any],
        queues: dict[str, list[PendingWrite]],
        report: WriteReport,
        result: _StageResult,
    ) -> None:
        """Route each failed write: duplicate key -> next stage, refused -> rejected, else retry."""
        failed: set[int] = set()
        for error in details.get("writeErrors", []):
            index, code = error["index"], error.get("code")
            failed.add(index)
            pending = writes[index]
            if code in DUPLICATE_KEY_CODES:
                following = ON_DUPLICATE.get(stage)
                if following == stage:
                    result.retry.append(pending)
                    result.wait_reason = "duplicate key"
                elif following is not None:
                    queues[following].append(pending)
            elif code in REJECTED_CODES:
                report.rejected.append((pending.url, error.get("errmsg") or f"error {code}"))
            else:
                result.retry.append(pending)
                result.wait_reason = f"write error {code}: {error.get('errmsg', '')}"
        concern = details.get("writeConcernErrors") or []
        if concern:
            # Applied on the primary, not yet confirmed to the requested write concern: retry (idempotent).
            result.retry.extend(w for i, w in enumerate(writes) if i not in failed)
            result.wait_reason = f"write concern: {concern[0].get('errmsg', concern[0])}"

    @staticmethod
    def _encodable(writes: list[PendingWrite], report: WriteReport) -> list[PendingWrite]:
        """After pymongo refused a whole batch: reject the documents it cannot encode, keep the rest.

        Raises ``InvalidDocument`` when every document encodes (the batch itself is at fault).
        """
        kept = []
        for pending in writes:
            try:
                size = len(bson.encode(pending.doc))
            except (InvalidDocument, TypeError, OverflowError, ValueError) as exc:
                report.rejected.append((str(pending.doc.get("url")), f"cannot be encoded: {exc}"))
                continue
            if size > MAX_DOCUMENT_BYTES:
                report.rejected.append((str(pending.doc.get("url")), f"too large: {size} bytes"))
                continue
            kept.append(pending)
        if len(kept) == len(writes):
            raise InvalidDocument("the batch could not be encoded although each document can")
        return kept

    # ------------------------------------------------------------------ spill

    def _spill_from(
        self,
        stage: str,
        index: int,
        writes: list[PendingWrite],
        queues: dict[str, list[PendingWrite]],
        report: WriteReport,
        reason: str,
    ) -> None:
        remaining = list(writes)
        for later in STAGES[index:]:
            remaining.extend(queues[later])
            queues[later] = []
        self._spill(remaining, report, reason)

    def _spill(self, writes: list[PendingWrite], report: WriteReport, reason: str) -> None:
        if not writes:
            return
        report.spilled += self.spill.append(writes)
        down = not self.availability.available  # the outage itself was logged once, as an error
        logger.log(
            logging.WARNING if down else logging.ERROR,
            "%d articles could not be written to MongoDB (%s) and were saved to %s (replayed when "
            "MongoDB answers again or at the next start, or by `python -m newsbot replay`)",
            len(writes),
            reason,
            self.spill.path,
        )


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _same_instant(stored: Any, sent: Any) -> bool:
    """Whether a stored BSON date (millisecond precision, naive means UTC) is the datetime sent."""
    if not isinstance(stored, datetime) or not isinstance(sent, datetime):
        return False
    return _epoch_ms(stored) == _epoch_ms(sent)


def _epoch_ms(moment: datetime) -> int:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return (aware - _EPOCH) // timedelta(milliseconds=1)


def _rejected_in(details: dict[str, Any]) -> int:
    return sum(1 for e in details.get("writeErrors", []) if e.get("code") in REJECTED_CODES)
