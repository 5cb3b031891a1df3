"""Date windows: bounds, dated archive URLs, sitemap children and entries judged before fetching."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbot.history.window import (
    DateWindow,
    WindowError,
    child_sitemap_in_window,
    entry_in_window,
    parse_window,
    robots_sitemaps,
    url_period,
)

Q1 = parse_window("2024-01-01", "2024-03-31")


def test_bare_days_are_inclusive_paris_days() -> None:
    assert Q1.start == datetime(2023, 12, 31, 23, tzinfo=UTC)
    assert Q1.end == datetime(2024, 3, 31, 22, tzinfo=UTC)  # summer time began on 31 March
    assert Q1.contains(datetime(2024, 3, 31, 21, 59, tzinfo=UTC))
    assert not Q1.contains(datetime(2024, 3, 31, 22, 0, tzinfo=UTC))
    assert not Q1.contains(datetime(2023, 12, 31, 22, 59, tzinfo=UTC))


def test_iso_date_times_and_open_ends() -> None:
    window = parse_window("2024-01-01T12:00:00+00:00", None)
    assert window.start == datetime(2024, 1, 1, 12, tzinfo=UTC) and window.end is None
    assert parse_window("2024-01-01T12:00", None).start == datetime(2024, 1, 1, 11, tzinfo=UTC)
    assert parse_window(None, "") == DateWindow() and DateWindow().is_open


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2024-13-01", None, "since='2024-13-01' is not a date"),
        ("yesterday", None, "since='yesterday' is not a date"),
        (None, "2024-02-30", "until='2024-02-30' is not a date"),
        ("2024-03-01", "2024-02-01", "is before since"),
    ],
)
def test_bad_values_say_what_is_wrong(since, until, message) -> None:
    with pytest.raises(WindowError, match=message):
        parse_window(since, until)


@pytest.mark.parametrize(
    ("url", "first_day"),
    [
        ("https://x.fr/sitemaps/2024-02.xml", "2024-02-01"),
        ("https://x.fr/sitemap_articles_2024_02_15.xml", "2024-02-15"),
        ("https://x.fr/archives/2024/02/index.xml", "2024-02-01"),
        ("https://x.fr/sitemap-202402.xml.gz", "2024-02-01"),
        ("https://x.fr/sitemap.xml?yyyy=2023&mm=11&dd=2", None),
        ("https://x.fr/sitemap-2024-13.xml", None),
    ],
)
def test_url_period(url: str, first_day: str | None) -> None:
    period = url_period(url)
    if first_day is None:
        assert period is None
    else:
        assert period[0].astimezone(UTC) == parse_window(first_day, None).start


def test_child_sitemaps() -> None:
    assert child_sitemap_in_window(Q1, "https://x.fr/sitemap-2024-03.xml", None)
    assert not child_sitemap_in_window(Q1, "https://x.fr/sitemap-2024-04.xml", "2024-01-02")  # URL decides
    assert not child_sitemap_in_window(Q1, "https://x.fr/sitemap-2023-12-31.xml", None)
    assert not child_sitemap_in_window(Q1, "https://x.fr/tags.xml", "2023-05-01")
    assert child_sitemap_in_window(Q1, "https://x.fr/tags.xml", "2024-06-01")  # touched later: may hold Q1
    assert child_sitemap_in_window(Q1, "https://x.fr/tags.xml", None)
    assert child_sitemap_in_window(DateWindow(), "https://x.fr/sitemap-1999-01.xml", None)


def test_entries() -> None:
    assert entry_in_window(Q1, "2024-02-10T08:00:00+01:00", None)
    assert not entry_in_window(Q1, "2024-04-01T00:10:00+02:00", "2024-02-01")  # publication decides
    assert not entry_in_window(Q1, "Sun, 31 Dec 2023 23:30:00 +0100", None)
    assert not entry_in_window(Q1, None, "2023-11-30")
    assert entry_in_window(Q1, None, "2024-06-30")  # updated after: fetched, the extracted date decides
    assert entry_in_window(Q1, None, None)


def test_robots_sitemaps() -> None:
    body = b"User-agent: *\nDisallow: /x\nSITEMAP: https://a.fr/index.xml # archive\nSitemap: /relative.xml\n"
    assert robots_sitemaps(body) == ["https://a.fr/index.xml"]
