"""The incremental decision: fetch new and changed pages, re-check old ones, skip the rest."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbot.crawl.feeds import FeedEntry
from newsbot.incremental.policy import StoredState, announced_change, decide

NOW = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
FETCHED = NOW - timedelta(hours=3)


def test_a_url_never_fetched_is_fetched() -> None:
    assert decide(None, None, now=NOW, recheck_after=DAY).reason == "new"
    assert decide(None, StoredState(None), now=NOW, recheck_after=DAY).fetch


def test_a_stored_page_without_news_is_skipped() -> None:
    decision = decide(None, StoredState(FETCHED), now=NOW, recheck_after=DAY)
    assert (decision.fetch, decision.reason) == (False, "unchanged")


def test_an_entry_updated_after_the_last_fetch_is_fetched() -> None:
    decision = decide(FETCHED + timedelta(minutes=1), StoredState(FETCHED), now=NOW, recheck_after=DAY)
    assert (decision.fetch, decision.reason) == (True, "changed")


def test_an_entry_updated_before_the_last_fetch_is_skipped() -> None:
    assert not decide(FETCHED - timedelta(minutes=1), StoredState(FETCHED), now=NOW, recheck_after=DAY).fetch
    assert not decide(FETCHED, StoredState(FETCHED), now=NOW, recheck_after=DAY).fetch


def test_the_pages_own_modification_date_counts_when_later_than_the_fetch() -> None:
    """A publisher whose clock runs ahead announces what the stored page already says."""
    modified = FETCHED + timedelta(hours=1)
    state = StoredState(FETCHED, modified_at=modified)
    assert not decide(modified, state, now=NOW, recheck_after=DAY).fetch
    assert decide(modified + timedelta(seconds=1), state, now=NOW, recheck_after=DAY).reason == "changed"


def test_past_the_recheck_age_a_page_is_fetched_again() -> None:
    state = StoredState(NOW - DAY)
    assert decide(None, state, now=NOW, recheck_after=DAY).reason == "recheck"
    assert decide(None, state, now=NOW, recheck_after=DAY * 2).reason == "unchanged"


def test_no_recheck_age_means_never_by_age() -> None:
    state = StoredState(NOW - timedelta(days=3650))
    assert not decide(None, state, now=NOW, recheck_after=None).fetch


def test_known_until_is_the_latest_date_known() -> None:
    assert StoredState(FETCHED, FETCHED - DAY).known_until == FETCHED
    assert StoredState(FETCHED, FETCHED + DAY).known_until == FETCHED + DAY
    assert StoredState(None, None).known_until is None


@pytest.mark.parametrize(
    ("published", "updated", "expected"),
    [
        ("2024-03-12T09:41:00+00:00", "2024-03-14T08:00:00+00:00", datetime(2024, 3, 14, 8, tzinfo=UTC)),
        ("Tue, 12 Mar 2024 09:41:00 GMT", None, datetime(2024, 3, 12, 9, 41, tzinfo=UTC)),
        (None, "2024-03-14", datetime(2024, 3, 13, 23, tzinfo=UTC)),  # a date alone: Paris midnight
        ("2024-03-15T10:00:00Z", "2024-03-14T08:00:00Z", datetime(2024, 3, 15, 10, tzinfo=UTC)),
        ("date inconnue", "n/a", None),
        (None, None, None),
    ],
)
def test_announced_change_reads_the_latest_feed_date(published, updated, expected) -> None:
    entry = FeedEntry(url="https://www.rfi.fr/fr/a", published=published, updated=updated)
    assert announced_change(entry, now=NOW) == expected


def test_no_entry_announces_nothing() -> None:
    assert announced_change(None, now=NOW) is None
