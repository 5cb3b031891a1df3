"""Bylines: the publication and modification dates kept apart."""

from datetime import UTC, datetime

import pytest

from newsbot.dates import Byline, parse_byline, parse_date

NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "published", "modified"),
    [
        (
            "Publié le : 20/03/2023 - 14:32 Modifié le : 21/03/2023 - 08:05",
            utc(2023, 3, 20, 13, 32),
            utc(2023, 3, 21, 7, 5),
        ),
        (
            "Publié le 30 août 2023 à 14h52, modifié le 30 août 2023 à 15h54",
            utc(2023, 8, 30, 12, 52),
            utc(2023, 8, 30, 13, 54),
        ),
        (
            "Publié le 07 mai 2019 à 13h59 - Mis à jour le 08 mai 2019 à 09h03",
            utc(2019, 5, 7, 11, 59),
            utc(2019, 5, 8, 7, 3),
        ),
        (
            "Publié le 29/10/2012 Mis à jour le 29/10/2012 à 14h03 10 réactions",
            utc(2012, 10, 28, 23, 0),
            utc(2012, 10, 29, 13, 3),
        ),
        ("Publié le 20/03/2023 à 10:15", utc(2023, 3, 20, 9, 15), None),
        ("Mis à jour le 1er avril à 14h32", None, utc(2024, 4, 1, 12, 32)),
        ("Temps de lecture 4 min. Publié le 02/11/23 à 16h33 0 commentaire", utc(2023, 11, 2, 15, 33), None),
    ],
)
def test_published_and_modified_are_kept_apart(
    text: str, published: datetime | None, modified: datetime | None
) -> None:
    assert parse_byline(text, now=NOW) == Byline(published, modified)


def test_labels_decide_even_when_modification_comes_first() -> None:
    text = "Mis à jour le 6 oct. 2022 à 09h00 | Publié le 5 oct. 2022 à 20h15"
    assert parse_byline(text, now=NOW) == Byline(utc(2022, 10, 5, 18, 15), utc(2022, 10, 6, 7, 0))


def test_without_labels_the_first_date_is_the_publication() -> None:
    text = "20/03/2023 - 14:32 · 21/03/2023 - 08:05"
    assert parse_byline(text, now=NOW) == Byline(utc(2023, 3, 20, 13, 32), utc(2023, 3, 21, 7, 5))


def test_a_bare_modification_time_is_on_the_publication_day() -> None:
    text = "Publié le 7 mai 2019 à 13h59, mis à jour à 15h03"
    assert parse_byline(text, now=NOW) == Byline(utc(2019, 5, 7, 11, 59), utc(2019, 5, 7, 13, 3))


def test_an_update_in_brackets_after_the_date() -> None:
    text = "12 mars 2024 à 10:30 (mis à jour à 11:45)"
    assert parse_byline(text, now=NOW) == Byline(utc(2024, 3, 12, 9, 30), utc(2024, 3, 12, 10, 45))


def test_a_modification_time_earlier_than_publication_is_the_next_day() -> None:
    text = "Publié le 7 mai 2019 à 23h40, mis à jour à 00h15"
    assert parse_byline(text, now=NOW) == Byline(utc(2019, 5, 7, 21, 40), utc(2019, 5, 7, 22, 15))


def test_a_yearless_modification_follows_the_publication_year() -> None:
    text = "Publié le 28 décembre 2018, modifié le 2 janvier"
    assert parse_byline(text, now=NOW) == Byline(utc(2018, 12, 27, 23, 0), utc(2019, 1, 1, 23, 0))


def test_relative_publication_with_a_bare_update_time() -> None:
    crawl = utc(2024, 11, 22, 9, 47)  # 10:47 in Paris
    byline = parse_byline("Publié il y a 3 heures , mis à jour à 09h42", now=crawl)
    assert byline == Byline(utc(2024, 11, 22, 6, 47), utc(2024, 11, 22, 8, 42))


def test_dates_glued_to_the_next_label() -> None:
    text = "Publié le 12 mars 2024 à 10h30Mis à jour le 12 mars 2024 à 11:45"
    assert parse_byline(text, now=NOW) == Byline(utc(2024, 3, 12, 9, 30), utc(2024, 3, 12, 10, 45))


def test_an_unlabelled_hour_without_minutes_is_not_a_byline_date() -> None:
    assert parse_byline("Paris-Lyon : 3h de route", now=NOW) == Byline(None, None)
    assert parse_byline("Mis à jour à 8h", now=NOW) == Byline(None, utc(2025, 3, 30, 6, 0))


def test_a_byline_without_dates() -> None:
    assert parse_byline("Publié par la rédaction · Lecture 4 min.", now=NOW) == Byline(None, None)


def test_parse_date_on_a_two_date_byline_returns_the_publication() -> None:
    text = "Publié le : 20/03/2023 - 14:32 Modifié le : 21/03/2023 - 08:05"
    assert parse_date(text, now=NOW) == utc(2023, 3, 20, 13, 32)
