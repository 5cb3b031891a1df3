"""The benchmark case set is well formed and newsbot.dates meets the accuracy targets on it."""

from pathlib import Path

import pytest

from benchmarks.dates import (
    TARGET_GARBAGE,
    TARGET_VALID,
    is_right,
    load_cases,
    newsbot_parser,
    score,
)


def test_case_set_is_large_and_mixed() -> None:
    cases = load_cases()
    assert len(cases) >= 150
    assert sum(case.is_garbage for case in cases) >= 30
    assert {"corpus-shape", "issue", "dateparser-tests"} <= {case.source for case in cases}
    assert len({case.text for case in cases}) == len(cases), "duplicate strings"


def test_a_wall_time_that_is_not_the_paris_time_of_its_instant_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "cases.tsv"
    bad.write_text(
        "text\twall\tutc\tfamily\tsource\n20/03/2023 à 10:15\t2023-03-20T10:15\t2023-03-20T10:15Z\tnumeric\town\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="not the Paris wall time"):
        load_cases(bad)


def test_accuracy_targets_hold() -> None:
    result = score(load_cases(), newsbot_parser)
    assert result.valid_rate >= TARGET_VALID, result.failures
    assert result.garbage_rate >= TARGET_GARBAGE, result.failures


def test_scoring_counts_a_wrong_minute_and_an_accepted_garbage_as_failures() -> None:
    cases = {case.text: case for case in load_cases()}
    valid, garbage = cases["12 déc. 2023 à 18h40"], cases["Mai 68"]
    right = newsbot_parser(valid.text)
    assert right is not None and is_right(valid, right)
    assert not is_right(valid, right.replace(minute=41))
    assert not is_right(valid, None)
    assert not is_right(garbage, right)
    assert is_right(garbage, None)
