"""Replay the spill file: write what MongoDB could not take earlier, exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

from pymongo.collection import Collection

from newsbot.storage.spill import SpillFile
from newsbot.storage.writer import ArticleWriter, WriteReport

REPLAY_BATCH = 500


@dataclass
class ReplayOutcome:
    replayed: int
    report: WriteReport


def replay_spill(
    spill: SpillFile, collection: Collection, *, batch_size: int = REPLAY_BATCH
) -> ReplayOutcome:
    """Claim the spill file, write its records as idempotent upserts, and delete it when all are written.

    Records that still cannot be written go back to a fresh spill file, so a failed replay loses nothing.
    """
    claimed = spill.take()
    report = WriteReport()
    if claimed is None:
        return ReplayOutcome(0, report)
    writer = ArticleWriter(collection, spill)
    pending = iter(SpillFile(claimed))
    replayed = 0
    while batch := list(islice(pending, batch_size)):
        replayed += len(batch)
        report.merge(writer.write(batch))
    claimed.unlink()
    return ReplayOutcome(replayed, report)
