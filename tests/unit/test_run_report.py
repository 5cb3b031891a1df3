"""The run document's counts, field coverage and summary line, from crawl stats (pure parts)."""

from __future__ import annotations

from datetime import datetime

from newsbot.items import ArticleItem
from newsbot.ops.run_report import (
    COVERAGE_FIELDS,
    fields_present,
    health_status,
    stored_total,
    summarise,
    summary_line,
)

STATS = {
    "response_received_count": 12,
    "item_scraped_count": 4,
    "log_count/ERROR": 1,
    "newsbot/feeds/fetched": 2,
    "newsbot/feeds/entries": 10,
    "newsbot/feeds/skipped/not_article": 2,
    "newsbot/feeds/rejected/unparsable": 1,
    "newsbot/incremental/skipped_unchanged": 3,
    "newsbot/stored/inserted": 3,
    "newsbot/stored/unchanged": 1,
    "newsbot/dropped": 3,
    "newsbot/dropped/not_french": 1,
    "newsbot/dropped/duplicate_url": 2,
    "newsbot/dedup/near_duplicate": 1,
    "newsbot/coverage/title": 4,
    "newsbot/coverage/body": 3,
    "newsbot/coverage/published_at": 4,
    "newsbot/coverage/authors": 1,
}


def test_summarise_counts_outcomes() -> None:
    summary = summarise(STATS)
    assert summary["pages_fetched"] == 12
    assert summary["items_scraped"] == 4
    assert summary["stored"] == {"inserted": 3, "updated": 0, "unchanged": 1, "spilled": 0}
    assert summary["dropped"] == {"not_french": 1, "duplicate_url": 2}
    assert summary["dropped_total"] == 3
    assert summary["near_duplicates"] == 1
    assert summary["feeds"] == {
        "fetched": 2,
        "entries": 10,
        "skipped": 5,
        "rejected": {"unparsable": 1},
        "already_queued": 0,
    }
    assert summary["errors"] == 1
    assert stored_total(STATS) == 4


def test_summarise_gives_field_coverage_as_shares() -> None:
    coverage = summarise(STATS)["coverage"]
    assert set(coverage) == set(COVERAGE_FIELDS)
    assert coverage["title"] == 1.0
    assert coverage["body"] == 0.75
    assert coverage["authors"] == 0.25
    assert coverage["section"] == 0.0
    assert summarise({})["coverage"]["title"] is None, "no item: coverage unknown, not zero"


def test_fields_present_ignores_empty_values() -> None:
    item = ArticleItem(
        url="https://www.rfi.fr/fr/a",
        source="rfi",
        title="Titre",
        body="",
        authors=[],
        tags=["Sénégal"],
        published_at=datetime(2024, 3, 12),
    )
    assert fields_present(item.__dict__) == ["title", "tags", "published_at"]


def document(health: dict | None) -> dict:
    return {
        "spider": "rfi",
        "finish_reason": "finished",
        "duration_s": 12.34,
        **summarise(STATS),
        "health": health,
    }


def test_summary_line_is_one_line_with_the_counts() -> None:
    line = summary_line(document({"status": "ok", "failed": []}))
    assert "\n" not in line
    assert line.startswith("Run summary: rfi finished in 12.3s: 12 pages, 2 feeds (10 entries), 4 items; ")
    assert "stored 3 new, 0 updated, 1 unchanged, 0 spilled" in line
    assert "dropped 3 (duplicate_url 2, not_french 1)" in line
    assert "coverage title 100% body 75% published_at 100% authors 25% section 0%" in line
    assert line.endswith("health ok")


def test_summary_line_names_failed_checks() -> None:
    line = summary_line(document({"status": "failed", "failed": ["items_stored", "coverage:body"]}))
    assert line.endswith("health FAILED (items_stored, coverage:body)")
    assert summary_line(document(None)).endswith("health not checked")


def test_health_status_reads_the_verdict_from_stats() -> None:
    assert health_status({"newsbot/health/status": "failed"}) == "failed"
    assert health_status({}) is None
