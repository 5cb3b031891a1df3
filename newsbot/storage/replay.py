"""Replay the spill file: write what MongoDB could not take earlier, exactly once.

Safe to run from several processes at once (each claims different files, see ``spill``) and to
interrupt: a claimed file is deleted only after every record in it was written, rejected or spilled
again, and replaying a record twice changes nothing (the write operations are idempotent).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from itertools import islice

from newsbot.storage.spill import SpillFile
from newsbot.storage.writer import ArticleWriter, WriteReport

logger = logging.getLogger(__name__)

REPLAY_BATCH = 500


@dataclass
class ReplayOutcome:
    replayed: int
    report: WriteReport


def replay_spill(spill: SpillFile, writer: ArticleWriter, *, batch_size: int = REPLAY_BATCH) -> ReplayOutcome:
    """Claim the spill file (and files a dead replayer left), write their records, delete them.

    Records that still cannot be written go back to a fresh spill file through ``writer``, so a
    failed replay loses nothing.
    """
    report = WriteReport()
    claim = spill.claim()
    if not claim:
        return ReplayOutcome(0, report)
    replayed = 0
    try:
        records = claim.records()
        while batch := list(islice(records, batch_size)):
            replayed += len(batch)
            report.merge(writer.write(batch))
    except BaseException:
        claim.release()  # kept for the next replay
        raise
    claim.finish()
    logger.info(
        "Replayed %d spilled writes from %s: %d inserted, %d updated, %d unchanged, %d rejected, "
        "%d spilled again",
        replayed,
        ", ".join(str(path) for path in claim.paths),
        report.inserted,
        report.updated,
        report.unchanged,
        len(report.rejected),
        report.spilled,
    )
    return ReplayOutcome(replayed, report)
