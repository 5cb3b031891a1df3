"""Paris wall times on both sides of each daylight-saving switch, and the two edge policies."""

from datetime import UTC, datetime

import pytest

from newsbot.dates import parse_date, parse_date_traced
from newsbot.dates.zones import local_wall

NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26/03/2023 à 01:59", utc(2023, 3, 26, 0, 59)),  # last winter minute (+01:00)
        ("26/03/2023 à 03:00", utc(2023, 3, 26, 1, 0)),  # first summer minute (+02:00)
        ("samedi 30 mars 2024 à 23h59", utc(2024, 3, 30, 22, 59)),
        ("dimanche 31 mars 2024 à 03h15", utc(2024, 3, 31, 1, 15)),
        ("29/10/2023 à 01:59", utc(2023, 10, 28, 23, 59)),  # summer time (+02:00)
        ("29/10/2023 à 03:00", utc(2023, 10, 29, 2, 0)),  # winter time again (+01:00)
        ("27 octobre 2012 à 18:27", utc(2012, 10, 27, 16, 27)),  # day before the 2012 switch
        ("29/10/2012 à 18:27", utc(2012, 10, 29, 17, 27)),  # day after it
    ],
)
def test_offsets_on_both_sides_of_a_switch(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize("text", ["26/03/2023 à 02:30", "2023-03-26T02:30:00", "26 mars 2023 à 2h30"])
def test_nonexistent_time_is_read_with_the_offset_before_the_switch(text: str) -> None:
    result = parse_date(text, now=NOW)
    assert result == utc(2023, 3, 26, 1, 30)
    assert local_wall(result, "Europe/Paris") == datetime(2023, 3, 26, 3, 30)


@pytest.mark.parametrize("text", ["29/10/2023 à 02:30", "2023-10-29T02:30:00", "29 octobre 2023 à 2h30"])
def test_ambiguous_time_is_read_as_its_first_occurrence_in_summer_time(text: str) -> None:
    assert parse_date(text, now=NOW) == utc(2023, 10, 29, 0, 30)


def test_an_explicit_offset_settles_the_ambiguous_hour() -> None:
    assert parse_date("2023-10-29T02:30:00+01:00", now=NOW) == utc(2023, 10, 29, 1, 30)
    assert parse_date("2023-10-29T02:30:00+02:00", now=NOW) == utc(2023, 10, 29, 0, 30)


def test_feed_date_in_utc_across_the_switch() -> None:
    outcome = parse_date_traced("Sun, 31 Mar 2024 01:30:00 +0000", now=NOW)
    assert outcome.value == utc(2024, 3, 31, 1, 30)
    assert local_wall(outcome.value, "Europe/Paris") == datetime(2024, 3, 31, 3, 30)


def test_relative_hours_cross_the_switch_in_utc() -> None:
    # 9 hours before 12:00 CEST is 01:00 UTC, i.e. 03:00 CEST: only 8 wall-clock hours earlier.
    result = parse_date("il y a 9 heures", now=NOW)
    assert result == utc(2025, 3, 30, 1, 0)
    assert local_wall(result, "Europe/Paris") == datetime(2025, 3, 30, 3, 0)


def test_yesterday_is_in_winter_time_today_in_summer_time() -> None:
    assert parse_date("hier à 12h00", now=NOW) == utc(2025, 3, 29, 11, 0)
    assert parse_date("aujourd'hui à 11h00", now=NOW) == utc(2025, 3, 30, 9, 0)


def test_date_only_on_the_autumn_switch_day_is_summer_midnight() -> None:
    assert parse_date("29 octobre 2023", now=NOW) == utc(2023, 10, 28, 22, 0)
    assert parse_date("30 octobre 2023", now=NOW) == utc(2023, 10, 29, 23, 0)
