"""Garbage never becomes a date; neither does an implausible instant."""

from datetime import UTC, datetime, timedelta

import pytest

from newsbot.dates import PlausibleWindow, parse_byline, parse_date

NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)

GARBAGE = [
    # the list
    "Mai 68",
    "G20",
    "Covid-19",
    "Article 49.3",
    "3 commentaires",
    "24h/24 - 7j/7",
    "10/10",
    "N/A",
    "2023",
    "lundi",
    # bare weekdays, months, years, durations
    "Mardi",
    "dimanche.",
    "Septembre",
    "mars 2023",
    "1998",
    "3 heures",
    "1 an 2 mois",
    "Lecture 4 min.",
    "8 min lues",
    # words and numbers that look date-ish
    "Le 49.3",
    "Acte 36",
    "Euro 2024",
    "Loi de 1905",
    "Windows 10",
    "Top 14",
    "24/7",
    "7j/7",
    "H24",
    "2/3",
    "15/20",
    "12-14",
    "3-0",
    "2019-2020",
    "1.0.3",
    "12.5",
    "50%",
    "n°12",
    "75008 Paris",
    "01 23 45 67 89",
    "+33 1 23 45 67 89",
    "3h de route",
    # vague or future
    "il y a",
    "il y a longtemps",
    "la semaine dernière",
    "demain",
    "dans 3 jours",
    "hier matin",
    # labels without a date, placeholders
    "Publié par la rédaction",
    "Mis à jour",
    "Publié le",
    "jj/mm/aaaa",
    "%d/%m/%Y",
    "{{date}}",
    "Invalid Date",
    "undefined",
    "null",
    "NaN",
    "",
    "   ",
]


@pytest.mark.parametrize("text", GARBAGE)
def test_garbage_is_not_a_date(text: str) -> None:
    assert parse_date(text, now=NOW) is None


@pytest.mark.parametrize(
    "value",
    [
        "0000-01-01",
        "9999-12-31T23:59:59Z",
        "1970-01-01T00:00:00Z",
        "Le 8 mai 1945",
        "12/05/1989",
        "1er janvier 2030",
        "2025-04-02T00:00:00Z",
        123456789,
    ],
)
def test_instants_outside_the_default_window_are_rejected(value: str | int) -> None:
    assert parse_date(value, now=NOW) is None


def test_the_window_is_a_parameter() -> None:
    wider = PlausibleWindow(earliest=datetime(1900, 1, 1, tzinfo=UTC), ahead=timedelta(days=7))
    assert parse_date("Le 8 mai 1945", now=NOW, window=wider) == datetime(1945, 5, 7, 22, 0, tzinfo=UTC)
    assert parse_date("2025-04-02T00:00:00Z", now=NOW, window=wider) == datetime(2025, 4, 2, tzinfo=UTC)


def test_up_to_one_day_ahead_is_tolerated() -> None:
    assert parse_date("2025-03-31T09:59:00Z", now=NOW) is not None
    assert parse_date("2025-03-31T10:01:00Z", now=NOW) is None


@pytest.mark.parametrize("value", [None, True, object(), ["2024-01-01"], "x" * 500])
def test_values_of_other_kinds_are_not_dates(value: object) -> None:
    assert parse_date(value, now=NOW) is None  # type: ignore[arg-type]


def test_bylines_drop_implausible_dates() -> None:
    assert parse_byline("Publié le 8 mai 1945, mis à jour le 1er janvier 2030", now=NOW).published is None
