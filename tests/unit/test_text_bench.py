"""The labelled cases behind ``python -m benchmarks.text`` and the figures computed from them."""

from benchmarks.text import CASES_PATH, Score, evaluate_cases, load_cases, percentile, print_cases
from newsbot.text import BOILERPLATE_RULES


def test_every_rule_has_labelled_cases() -> None:
    cases = load_cases()
    labelled = {case["rule"] for case in cases["chrome"]}
    assert labelled == {rule.name for rule in BOILERPLATE_RULES}
    assert len(cases["prose"]) >= 50 and len(cases["unglued"]) >= 30 and len(cases["glued"]) >= 20


def test_no_prose_case_is_damaged_and_no_unglued_string_is_split() -> None:
    report = evaluate_cases(load_cases())
    assert report.prose_damaged == []
    assert report.glue_false_splits == []
    assert report.overall.precision == 1.0
    assert report.truncation.precision == 1.0


def test_recall_on_the_labelled_cases_stays_high() -> None:
    report = evaluate_cases(load_cases())
    assert report.overall.recall is not None and report.overall.recall >= 0.98
    assert report.glue.recall is not None and report.glue.recall >= 0.9
    assert report.truncation.recall is not None and report.truncation.recall >= 0.8


def test_scores_and_percentiles() -> None:
    score = Score(true_positives=3, false_positives=1, false_negatives=2)
    assert score.precision == 0.75 and score.recall == 0.6
    assert Score().precision is None and Score().recall is None
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.95) == 5.0


def test_case_report_prints_a_row_per_rule(capsys) -> None:
    cases = load_cases()
    print_cases(evaluate_cases(cases), cases)
    out = capsys.readouterr().out
    assert str(CASES_PATH.name) in out
    for rule in BOILERPLATE_RULES:
        assert rule.name in out
