"""ISO 8601, RFC 822 feed dates, JavaScript dates, epoch numbers and date/datetime objects."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from newsbot.dates import ParseOutcome, parse_date, parse_date_traced

NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-22T07:22:44+01:00", utc(2024, 11, 22, 6, 22, 44)),
        ("2023-08-30T12:52:08+00:00", utc(2023, 8, 30, 12, 52, 8)),
        ("2023-11-02T15:17:05.373Z", utc(2023, 11, 2, 15, 17, 5, 373000)),
        ("2019-12-09T08:08:21+0000", utc(2019, 12, 9, 8, 8, 21)),
        ("2024-04-30 16:00:34 +02:00", utc(2024, 4, 30, 14, 0, 34)),
        ("2020-02-19T23:30:42-05:00", utc(2020, 2, 20, 4, 30, 42)),
        ("2024-01-15T06:00+01", utc(2024, 1, 15, 5, 0)),
        ("2024-05-02t08:15:00z", utc(2024, 5, 2, 8, 15)),
        ("2024-03-12 10:30:00 CET", utc(2024, 3, 12, 9, 30)),
        ("2024-07-12 10:30:00 CEST", utc(2024, 7, 12, 8, 30)),
        ("2024-07-12T10:30:00 UTC", utc(2024, 7, 12, 10, 30)),
    ],
)
def test_iso_with_offset_is_that_instant(value: str, expected: datetime) -> None:
    assert parse_date_traced(value, now=NOW) == ParseOutcome(expected, "iso")


def test_naive_iso_is_a_paris_wall_time() -> None:
    assert parse_date("2020-12-26T21:00:38", now=NOW) == utc(2020, 12, 26, 20, 0, 38)  # CET
    assert parse_date("2015-04-30T07:19:58", now=NOW) == utc(2015, 4, 30, 5, 19, 58)  # CEST


def test_naive_iso_follows_the_tz_argument() -> None:
    assert parse_date("2020-02-19 10:00", now=NOW, tz="America/Montreal") == utc(2020, 2, 19, 15, 0)


def test_iso_date_with_a_french_time_is_read_by_the_grammar() -> None:
    assert parse_date_traced("2017-03-13|19h18", now=NOW) == ParseOutcome(utc(2017, 3, 13, 18, 18), "french")
    assert parse_date("2017-03-13|19h18", now=NOW, tz="America/Montreal") == utc(2017, 3, 13, 23, 18)


def test_iso_date_alone_is_midnight_in_paris() -> None:
    assert parse_date("2020-12-24", now=NOW) == utc(2020, 12, 23, 23, 0)
    assert parse_date("2018-06-21", now=NOW) == utc(2018, 6, 20, 22, 0)


@pytest.mark.parametrize(
    "value", ["2023-13-45", "2023-02-30", "0000-01-01", "2023-03-20 10:15 foo", "20230320"]
)
def test_iso_shaped_text_that_is_not_iso_is_rejected(value: str) -> None:
    assert parse_date(value, now=NOW) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 26 Mar 2024 17:24:40 +0100", utc(2024, 3, 26, 16, 24, 40)),
        ("Wed, 19 Dec 2018 19:00:04 +0000", utc(2018, 12, 19, 19, 0, 4)),
        ("Fri, 14 Dec 2018 10:54:34 GMT", utc(2018, 12, 14, 10, 54, 34)),
        ("14 Dec 2018 10:54", utc(2018, 12, 14, 9, 54)),  # no zone: a Paris wall time
        ("Wed Aug 10 2022 16:37:54 GMT+0000 (Coordinated Universal Time)", utc(2022, 8, 10, 16, 37, 54)),
        ("Wed Aug 10 2022 18:37:54 GMT+0200", utc(2022, 8, 10, 16, 37, 54)),
    ],
)
def test_feed_dates(value: str, expected: datetime) -> None:
    assert parse_date_traced(value, now=NOW) == ParseOutcome(expected, "rfc822")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1714485634, utc(2024, 4, 30, 14, 0, 34)),
        (1714485634.5, utc(2024, 4, 30, 14, 0, 34, 500000)),
        (1714485634000, utc(2024, 4, 30, 14, 0, 34)),
        ("1714485634", utc(2024, 4, 30, 14, 0, 34)),
        ("1714485634000", utc(2024, 4, 30, 14, 0, 34)),
    ],
)
def test_epoch_seconds_and_milliseconds(value: float | str, expected: datetime) -> None:
    assert parse_date(value, now=NOW) == expected


@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), 123456789, True, "2023", "42"])
def test_epoch_values_outside_the_window_or_not_timestamps(value: float | str) -> None:
    assert parse_date(value, now=NOW) is None


def test_date_and_datetime_objects() -> None:
    assert parse_date(date(2024, 7, 14), now=NOW) == utc(2024, 7, 13, 22, 0)
    assert parse_date(datetime(2024, 7, 14, 12, 0), now=NOW) == utc(2024, 7, 14, 10, 0)
    aware = datetime(2024, 7, 14, 12, 0, tzinfo=timezone(timedelta(hours=-4)))
    assert parse_date(aware, now=NOW) == utc(2024, 7, 14, 16, 0)
    assert parse_date(aware, now=NOW).tzinfo is UTC


def test_results_are_aware_utc() -> None:
    for value in ("2024-11-22T07:22:44+01:00", "Publié le 20/03/2023 à 10:15", 1714485634):
        result = parse_date(value, now=NOW)
        assert result is not None and result.utcoffset() == timedelta(0)
