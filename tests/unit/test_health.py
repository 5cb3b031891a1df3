"""Health checks of one run, judged from its summary (pure)."""

from __future__ import annotations

import pytest

from newsbot.ops.health import (
    DEFAULT_MAX_DROP_SHARE,
    EXIT_UNHEALTHY,
    FAILED,
    OK,
    SKIPPED,
    HealthConfigError,
    HealthPolicy,
    check_health,
    exit_code,
    items_seen,
    parse_shares,
)


def summary(
    *,
    scraped: int = 20,
    inserted: int = 20,
    updated: int = 0,
    unchanged: int = 0,
    spilled: int = 0,
    dropped: dict[str, int] | None = None,
    fetched: int = 2,
    entries: int = 25,
    skipped: int = 0,
    rejected: dict[str, int] | None = None,
    coverage: dict[str, float] | None = None,
) -> dict:
    dropped = dropped or {}
    return {
        "items_scraped": scraped,
        "stored": {"inserted": inserted, "updated": updated, "unchanged": unchanged, "spilled": spilled},
        "dropped": dropped,
        "dropped_total": sum(dropped.values()),
        "feeds": {"fetched": fetched, "entries": entries, "skipped": skipped, "rejected": rejected or {}},
        "coverage": coverage if coverage is not None else {"title": 1.0, "body": 0.9, "published_at": 1.0},
    }


def by_name(report) -> dict:
    return {check.name: check for check in report.checks}


def test_a_normal_run_is_healthy() -> None:
    report = check_health(
        summary(dropped={"duplicate_url": 4, "not_french": 1}), HealthPolicy(), feeds_configured=2
    )
    assert report.status == OK
    assert report.failed == ()
    checks = by_name(report)
    assert checks["items_stored"].status == OK
    assert checks["feeds_read"].status == OK
    assert checks["drop_share:not_french"].value == pytest.approx(1 / 25, abs=1e-4)
    assert checks["coverage:body"].status == OK


def test_nothing_stored_although_feeds_had_entries_fails() -> None:
    run = summary(scraped=0, inserted=0, entries=12, spilled=0, coverage={})
    report = check_health(run, HealthPolicy(), feeds_configured=1)
    assert report.status == FAILED
    assert [check.name for check in report.failed] == ["items_stored"]
    assert "12 articles" in report.failed[0].detail


def test_spilled_items_are_not_stored_and_say_so() -> None:
    run = summary(
        scraped=5, inserted=0, spilled=5, entries=5, coverage={"title": 1.0, "body": 1.0, "published_at": 1.0}
    )
    report = check_health(run, HealthPolicy())
    assert by_name(report)["items_stored"].status == FAILED
    assert "(5 spilled)" in by_name(report)["items_stored"].detail


def test_feed_entries_deliberately_skipped_are_not_expected() -> None:
    """A re-crawl where incremental crawling skipped every entry stored nothing, and that is fine."""
    run = summary(scraped=0, inserted=0, entries=30, skipped=30, coverage={})
    report = check_health(run, HealthPolicy(), feeds_configured=2)
    assert report.status == OK
    assert by_name(report)["items_stored"].status == OK


def test_unchanged_articles_count_as_stored() -> None:
    run = summary(inserted=0, unchanged=20)
    assert by_name(check_health(run, HealthPolicy()))["items_stored"].status == OK


def test_no_feed_could_be_fetched_fails() -> None:
    run = summary(scraped=0, inserted=0, fetched=0, entries=0, rejected={"http_404": 3}, coverage={})
    report = check_health(run, HealthPolicy(), feeds_configured=3)
    assert [check.name for check in report.failed] == ["feeds_read"]
    assert report.failed[0].detail == "none of the 3 feeds/sitemaps could be fetched (rejected: http_404 3)"
    # Articles given directly (no feed configured) are not judged on feeds.
    assert "feeds_read" not in by_name(check_health(run, HealthPolicy(), feeds_configured=0))


def test_feeds_already_read_by_another_worker_or_before_a_pause_are_fine() -> None:
    run = summary(scraped=0, inserted=0, fetched=0, entries=0, coverage={})
    run["feeds"]["already_queued"] = 2
    report = check_health(run, HealthPolicy(), feeds_configured=2)
    assert report.status == OK, report.failed
    run["feeds"]["already_queued"] = 1
    assert check_health(run, HealthPolicy(), feeds_configured=2).status == FAILED


def test_a_distributed_worker_is_not_judged_on_articles_other_workers_fetched() -> None:
    run = summary(scraped=0, inserted=0, coverage={})
    assert check_health(run, HealthPolicy(), feeds_configured=1).status == FAILED
    report = check_health(run, HealthPolicy(), feeds_configured=1, shared_frontier=True)
    assert report.status == OK and by_name(report)["items_stored"].status == SKIPPED


def test_feeds_fetched_but_unreadable_fail() -> None:
    """A feed that turned into an HTML page is fetched, rejected, and announces nothing."""
    run = summary(scraped=0, inserted=0, fetched=2, entries=0, rejected={"unparsable": 2}, coverage={})
    report = check_health(run, HealthPolicy(), feeds_configured=2)
    assert [check.name for check in report.failed] == ["feeds_read"]
    assert "2 feeds/sitemaps rejected (unparsable 2)" in report.failed[0].detail


def test_an_empty_feed_is_a_quiet_outlet_not_a_failure() -> None:
    run = summary(scraped=0, inserted=0, fetched=1, entries=0, coverage={})
    assert check_health(run, HealthPolicy(), feeds_configured=1).status == OK


def test_one_broken_feed_among_good_ones_is_reported_not_failed() -> None:
    run = summary(fetched=2, entries=25, rejected={"http_404": 1})
    check = by_name(check_health(run, HealthPolicy(), feeds_configured=3))["feeds_read"]
    assert check.status == OK and check.detail.endswith("rejected: http_404 1")


def test_drop_share_above_its_threshold_fails() -> None:
    run = summary(scraped=10, inserted=10, dropped={"not_french": 11})
    report = check_health(run, HealthPolicy())
    failed = by_name(report)["drop_share:not_french"]
    assert failed.status == FAILED
    assert failed.value == pytest.approx(11 / 21, abs=1e-4)
    assert failed.threshold == DEFAULT_MAX_DROP_SHARE["*"]
    assert "11 of 21" in failed.detail


def test_duplicates_are_the_dedup_doing_its_job() -> None:
    run = summary(scraped=10, inserted=10, dropped={"duplicate_url": 40, "duplicate_content": 30})
    assert check_health(run, HealthPolicy()).status == OK


def test_extraction_errors_have_a_tight_threshold() -> None:
    run = summary(scraped=18, inserted=18, dropped={"extraction_error": 2})
    assert by_name(check_health(run, HealthPolicy()))["drop_share:extraction_error"].status == OK
    run = summary(scraped=17, inserted=17, dropped={"extraction_error": 3})
    assert by_name(check_health(run, HealthPolicy()))["drop_share:extraction_error"].status == FAILED


def test_write_time_drops_are_not_counted_twice() -> None:
    """An invalid document was scraped, then rejected by the writer: it is one item, not two."""
    run = summary(scraped=10, inserted=9, dropped={"invalid_document": 1})
    assert items_seen(run) == 10
    assert by_name(check_health(run, HealthPolicy()))["drop_share:invalid_document"].value == 0.1


def test_small_runs_are_not_judged_on_shares() -> None:
    run = summary(
        scraped=1,
        inserted=1,
        dropped={"not_french": 2},
        coverage={"title": 1.0, "body": 0.0, "published_at": 0.0},
    )
    report = check_health(run, HealthPolicy())
    assert report.status == OK
    assert by_name(report)["drop_share:not_french"].status == SKIPPED
    assert by_name(report)["coverage:body"].status == SKIPPED
    strict = check_health(run, HealthPolicy(min_items=1))
    assert {check.name for check in strict.failed} == {
        "drop_share:not_french",
        "coverage:body",
        "coverage:published_at",
    }


def test_low_field_coverage_fails() -> None:
    run = summary(coverage={"title": 1.0, "body": 0.9, "published_at": 0.5})
    report = check_health(run, HealthPolicy())
    assert [check.name for check in report.failed] == ["coverage:published_at"]
    assert report.failed[0].detail == "published_at on 50% of 20 items < 80%"


def test_any_field_can_get_a_coverage_threshold() -> None:
    policy = HealthPolicy.from_values(min_coverage="authors=0.5,body=0")
    run = summary(coverage={"title": 1.0, "body": 0.0, "published_at": 1.0, "authors": 0.25})
    report = check_health(run, policy)
    assert [check.name for check in report.failed] == ["coverage:authors"]
    assert "coverage:body" not in by_name(report), "a zero threshold disables the check"


def test_an_interrupted_run_is_recorded_but_not_judged() -> None:
    run = summary(scraped=0, inserted=0, coverage={})
    report = check_health(run, HealthPolicy(), feeds_configured=1, finish_reason="shutdown")
    assert report.status == SKIPPED
    assert check_health(run, HealthPolicy(), feeds_configured=1, finish_reason="finished").status == FAILED


def test_a_run_closed_because_mongodb_was_down_fails_even_without_feeds() -> None:
    run = summary(scraped=0, inserted=0, fetched=0, entries=0, coverage={})
    report = check_health(run, HealthPolicy(), feeds_configured=0, finish_reason="mongodb_unavailable")
    assert report.status == FAILED and by_name(report)["finish_reason"].status == FAILED
    assert exit_code([report.status]) == EXIT_UNHEALTHY


def test_report_document_lists_failed_checks() -> None:
    document = check_health(summary(scraped=0, inserted=0, coverage={}), HealthPolicy()).as_document()
    assert document["status"] == FAILED
    assert document["failed"] == ["items_stored"]
    assert {"name", "status", "detail", "value", "threshold"} <= set(document["checks"][0])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        (None, {}),
        ("not_french=0.2", {"not_french": 0.2}),
        (" a = 0.5 , b=1 ,", {"a": 0.5, "b": 1.0}),
        ('{"*": 0.3, "empty": 0}', {"*": 0.3, "empty": 0.0}),
        ({"title": "0.95"}, {"title": 0.95}),
    ],
)
def test_parse_shares(text, expected) -> None:
    assert parse_shares(text) == expected


@pytest.mark.parametrize("text", ["not_french", "=0.2", "a=lots", "a=1.5", "a=-0.1", "{not json"])
def test_bad_shares_are_clear_errors(text) -> None:
    with pytest.raises(HealthConfigError):
        parse_shares(text, "NEWSBOT_HEALTH_MAX_DROP_SHARE")


def test_overrides_merge_over_the_defaults() -> None:
    policy = HealthPolicy.from_values(max_drop_share="not_french=0.9", min_items="3")
    assert policy.drop_threshold("not_french") == 0.9
    assert policy.drop_threshold("extraction_error") == DEFAULT_MAX_DROP_SHARE["extraction_error"]
    assert policy.drop_threshold("something_new") == DEFAULT_MAX_DROP_SHARE["*"]
    assert policy.min_items == 3
    with pytest.raises(HealthConfigError):
        HealthPolicy.from_values(min_items="-1")


def test_exit_code() -> None:
    assert exit_code(["ok", "skipped", "unchecked"]) == 0
    assert exit_code(["ok", "failed"]) == EXIT_UNHEALTHY
