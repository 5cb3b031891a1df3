"""The progress line and the run document's progress figures."""

from __future__ import annotations

from newsbot.history.progress import Progress


def test_line_with_a_known_total() -> None:
    progress = Progress(
        records=12_345, stored=1_234, elapsed=15.2, bytes_done=1_200_000_000, bytes_total=3_400_000_000
    )
    assert progress.line() == (
        "Progress: 12,345 records, 1,234 articles stored, 812.2 records/s, 1.2 GB of 3.4 GB (35%) done, ETA 0:00:28"
    )
    assert progress.as_document() == {
        "records": 12_345,
        "stored": 1_234,
        "records_per_s": 812.17,
        "bytes_done": 1_200_000_000,
        "bytes_total": 3_400_000_000,
        "elapsed_s": 15.2,
    }


def test_line_without_a_total_or_before_any_byte() -> None:
    assert Progress(0, 0, 0.0, 0, None).line().endswith("0 B done, ETA unknown")
    assert Progress(10, 2, 5.0, 500, None).eta_seconds is None
    assert Progress(10, 2, 3600.0, 250, 1000).eta_seconds == 3 * 3600.0
