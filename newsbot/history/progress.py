"""The progress of a long ingestion: one log line at a fixed interval, and a summary for the run document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def _size(count: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if count < 1000 or unit == "TB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


@dataclass(frozen=True)
class Progress:
    records: int
    stored: int
    elapsed: float
    bytes_done: int
    bytes_total: int | None
    """``None`` when a streamed file did not announce its size."""

    @property
    def records_per_second(self) -> float:
        return self.records / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        """Time left at the average byte rate so far; ``None`` before any byte, or without a total."""
        if not self.bytes_total or self.bytes_done <= 0 or self.elapsed <= 0:
            return None
        return max(0.0, (self.bytes_total - self.bytes_done) * self.elapsed / self.bytes_done)

    def line(self) -> str:
        total = f" of {_size(self.bytes_total)}" if self.bytes_total else ""
        share = f" ({min(self.bytes_done / self.bytes_total, 1):.0%})" if self.bytes_total else ""
        eta = self.eta_seconds
        return (
            f"Progress: {self.records:,} records, {self.stored:,} articles stored, "
            f"{self.records_per_second:,.1f} records/s, {_size(self.bytes_done)}{total}{share} done, "
            f"ETA {_duration(eta) if eta is not None else 'unknown'}"
        )

    def as_document(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "stored": self.stored,
            "records_per_s": round(self.records_per_second, 2),
            "bytes_done": self.bytes_done,
            "bytes_total": self.bytes_total,
            "elapsed_s": round(self.elapsed, 3),
        }
