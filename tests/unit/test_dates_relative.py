"""Dates read against the crawl time: relative, year-less, bare times, weekday + time."""

from datetime import UTC, datetime

import pytest

from newsbot.dates import parse_date

# Sunday 30 March 2025, 12:00 in Paris — the day clocks went forward (01:00 UTC).
NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("il y a 3 heures", utc(2025, 3, 30, 7, 0)),
        ("Il y a 9 heures", utc(2025, 3, 30, 1, 0)),
        ("il y a 38 secondes", utc(2025, 3, 30, 9, 59, 22)),
        ("Il y a 40 min", utc(2025, 3, 30, 9, 20)),
        ("il y a 12 h", utc(2025, 3, 29, 22, 0)),
        ("Il ya une heure", utc(2025, 3, 30, 9, 0)),
        ("Il ya environ 23 heures", utc(2025, 3, 29, 11, 0)),
        ("Il y a moins d'une minute", utc(2025, 3, 30, 9, 59)),
        ("Il y a 2 jours", utc(2025, 3, 28, 10, 0)),
        ("il y a 3 semaines", utc(2025, 3, 9, 10, 0)),
        ("il y a 2 mois", utc(2025, 1, 30, 10, 0)),
        ("Il y a 3 jours et 2 heures", utc(2025, 3, 27, 8, 0)),
        ("il y a 1 h 30", utc(2025, 3, 30, 8, 30)),
        ("il y a 2h30", utc(2025, 3, 30, 7, 30)),
        ("Il ya 1 an, 1 mois, 1 semaine, 1 jour, 1 heure et 1 minute", utc(2024, 2, 21, 8, 59)),
        ("Publié il y a 3 heures", utc(2025, 3, 30, 7, 0)),
        ("maintenant", NOW),
        ("à l'instant", NOW),
    ],
)
def test_il_y_a_counts_back_from_the_crawl_time(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


def test_months_ago_clamps_to_the_end_of_a_shorter_month() -> None:
    assert parse_date("il y a 1 mois", now=utc(2025, 3, 31, 10, 0)) == utc(2025, 2, 28, 10, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hier à 18h05", utc(2025, 3, 29, 17, 5)),  # winter time yesterday
        ("aujourd’hui à 07h40", utc(2025, 3, 30, 5, 40)),  # summer time today
        ("Aujourd'hui", utc(2025, 3, 29, 23, 0)),  # local midnight, still winter time
        ("Hier", utc(2025, 3, 28, 23, 0)),
        ("Avant-hier", utc(2025, 3, 27, 23, 0)),
        ("avant-hier à 16h", utc(2025, 3, 28, 15, 0)),
        ("Hier, 07:15", utc(2025, 3, 29, 6, 15)),
        ("Publié hier à 23h50", utc(2025, 3, 29, 22, 50)),
        ("Aujourdʼhui 09h14", utc(2025, 3, 30, 7, 14)),
    ],
)
def test_day_words_count_local_calendar_days(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


def test_day_words_use_the_local_date_not_the_utc_date() -> None:
    late_evening = utc(2025, 6, 30, 22, 30)  # already 1 July in Paris
    assert parse_date("aujourd'hui à 00h10", now=late_evening) == utc(2025, 6, 30, 22, 10)
    assert parse_date("hier à 23h00", now=late_evening) == utc(2025, 6, 30, 21, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30 mars à 11h", utc(2025, 3, 30, 9, 0)),  # earlier today
        ("30 mars à 14h", utc(2024, 3, 30, 13, 0)),  # later today would be future: last year
        ("Mis à jour le 1er avril à 14h32", utc(2024, 4, 1, 12, 32)),
        ("15 avril", utc(2024, 4, 14, 22, 0)),
        ("31 décembre", utc(2024, 12, 30, 23, 0)),
        ("Le 17 juillet à 22:09", utc(2024, 7, 17, 20, 9)),
        ("Dimanche 1er Février à 21:24", utc(2025, 2, 1, 20, 24)),
        ("29 février", utc(2024, 2, 28, 23, 0)),
        ("le 15 mars dernier", utc(2025, 3, 14, 23, 0)),
    ],
)
def test_yearless_dates_take_the_most_recent_past_occurrence(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    "text", ["1er janvier", "15 avril", "30 mars à 12h01", "31 décembre à 23h59", "29 février"]
)
@pytest.mark.parametrize(
    "now", [NOW, utc(2024, 1, 1, 0, 0), utc(2023, 12, 31, 22, 59), utc(2028, 2, 28, 12, 0)]
)
def test_yearless_dates_are_never_in_the_future(text: str, now: datetime) -> None:
    result = parse_date(text, now=now)
    assert result is not None and result <= now


def test_29_february_goes_back_to_the_last_leap_year() -> None:
    assert parse_date("29 février", now=utc(2027, 6, 1, 0, 0)) == utc(2024, 2, 28, 23, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("à 09h42", utc(2025, 3, 30, 7, 42)),  # earlier today
        ("14 h 32", utc(2025, 3, 29, 13, 32)),  # later today would be future: yesterday
        ("Mis à jour: 19:56", utc(2025, 3, 29, 18, 56)),
        ("à 3 heures", utc(2025, 3, 30, 1, 0)),
    ],
)
def test_a_bare_time_is_its_most_recent_past_occurrence(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jeu 15:12", utc(2025, 3, 27, 14, 12)),
        ("vendredi à 18h30", utc(2025, 3, 28, 17, 30)),
        ("dimanche à 11h", utc(2025, 3, 30, 9, 0)),
        ("dimanche à 13h", utc(2025, 3, 23, 12, 0)),
    ],
)
def test_weekday_and_time_is_the_most_recent_past_such_moment(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


def test_default_now_is_the_current_time() -> None:
    before = datetime.now(UTC)
    result = parse_date("il y a 2 heures")
    after = datetime.now(UTC)
    assert result is not None
    assert before.timestamp() - 7200 <= result.timestamp() <= after.timestamp() - 7200


def test_naive_now_is_read_as_utc() -> None:
    assert parse_date("il y a 3 heures", now=datetime(2025, 3, 30, 10, 0)) == utc(2025, 3, 30, 7, 0)
