"""French absolute dates as outlets print them: numeric, textual, labels, times, zones."""

from datetime import UTC, datetime

import pytest

from newsbot.dates import ParseOutcome, parse_date, parse_date_traced

NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20/03/2023", utc(2023, 3, 19, 23, 0)),
        ("Publié le 20/03/2023 à 10:15", utc(2023, 3, 20, 9, 15)),
        ("30/04/2024 - 16:00", utc(2024, 4, 30, 14, 0)),
        ("20.03.2023 à 10h15", utc(2023, 3, 20, 9, 15)),
        ("le 3/7/2020", utc(2020, 7, 2, 22, 0)),
        ("2023/03/20 10:15", utc(2023, 3, 20, 9, 15)),
        ("06/03/2024 12:31", utc(2024, 3, 6, 11, 31)),
        ("12 mars 2024 • 10h30", utc(2024, 3, 12, 9, 30)),
    ],
)
def test_numeric_dates_are_day_first(text: str, expected: datetime) -> None:
    assert parse_date_traced(text, now=NOW) == ParseOutcome(expected, "french")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/11/23", utc(2023, 11, 1, 23, 0)),
        ("Publié le 02/11/23 à 16h33", utc(2023, 11, 2, 15, 33)),
        ("03.07.20", utc(2020, 7, 2, 22, 0)),
        ("12/05/98", utc(1998, 5, 11, 22, 0)),  # 2098 would be in the future: 1998
    ],
)
def test_two_digit_years(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lundi 20 mars 2023", utc(2023, 3, 19, 23, 0)),
        ("12 déc. 2023 à 18h40", utc(2023, 12, 12, 17, 40)),
        ("Mis à jour le 1er avril 2024 à 8h", utc(2024, 4, 1, 6, 0)),
        ("Publié le 30 août 2023 à 14h52", utc(2023, 8, 30, 12, 52)),
        ("18 octobre 2012 à 19 h 21 min", utc(2012, 10, 18, 17, 21)),
        ("Publié le jeudi 24 Décembre 2020 à 07h47", utc(2020, 12, 24, 6, 47)),
        ("vendredi, décembre 5 2014.", utc(2014, 12, 4, 23, 0)),
        ("fév 15, 2013", utc(2013, 2, 14, 23, 0)),
        ("le 08 Déc 2014 15:11", utc(2014, 12, 8, 14, 11)),
        ("20 MARS 2023", utc(2023, 3, 19, 23, 0)),
        ("Lundi 20 Mars 2023 - 10H15", utc(2023, 3, 20, 9, 15)),
        ("le 14 juillet 2024 à midi", utc(2024, 7, 14, 10, 0)),
        ("le premier mai 2024 à minuit", utc(2024, 4, 30, 22, 0)),
        ("(27 juin 2018 @10h44)", utc(2018, 6, 27, 8, 44)),
        ("Publié le 20 mars 2023 à 10:15:42", utc(2023, 3, 20, 9, 15, 42)),
        ("11 sept. 2014", utc(2014, 9, 10, 22, 0)),
        ("Publié le 3/1/2025 à 9h5", utc(2025, 1, 3, 8, 5)),
        ("3 fevrier 2024", utc(2024, 2, 2, 23, 0)),  # accents dropped
        ("20\u00a0mars\u00a02023 à\u202f10\u00a0h\u00a015", utc(2023, 3, 20, 9, 15)),  # French spaces
        ("Le 17 juillet 2019 à&nbsp;22:09", utc(2019, 7, 17, 20, 9)),  # entity left by an extractor
    ],
)
def test_textual_dates(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


@pytest.mark.parametrize(
    "label",
    [
        "Publié le",
        "Publié le :",
        "Mis à jour le",
        "Mis à jour :",
        "Modifié le",
        "Actualisé le",
        "MAJ le",
        "Mise en ligne",
        "Mise à jour",
        "Créé le",
        "Posté le",
        "Publié sur",
        "Édition du",
        "Modified:",
    ],
)
def test_byline_labels_before_a_single_date(label: str) -> None:
    assert parse_date(f"{label} 20/03/2023 à 10:15", now=NOW) == utc(2023, 3, 20, 9, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20 mars 2023 à 10:15 UTC", utc(2023, 3, 20, 10, 15)),
        ("20 mars 2023 à 10:15 GMT+1", utc(2023, 3, 20, 9, 15)),
        ("20 mars 2023 à 10:15 GMT-05:00", utc(2023, 3, 20, 15, 15)),
        ("Le 20 mars 2023 à 10 h 15 (heure de Paris)", utc(2023, 3, 20, 9, 15)),
        ("Le 20 mars 2023 à 10h15, heure de Paris", utc(2023, 3, 20, 9, 15)),
        ("20 mars 2023 à 10:15 (Paris)", utc(2023, 3, 20, 9, 15)),
    ],
)
def test_printed_zones(text: str, expected: datetime) -> None:
    assert parse_date(text, now=NOW) == expected


def test_heure_de_paris_wins_over_the_tz_argument() -> None:
    text = "20 mars 2023 à 10:15 (heure de Paris)"
    assert parse_date(text, now=NOW, tz="America/Montreal") == utc(2023, 3, 20, 9, 15)
    assert parse_date("20 mars 2023 à 10:15", now=NOW, tz="America/Montreal") == utc(2023, 3, 20, 14, 15)


def test_day_and_month_in_figures_count_only_with_a_time() -> None:
    assert parse_date("Le 12/03 à 10h30", now=NOW) == utc(2025, 3, 12, 9, 30)
    assert parse_date("12/03", now=NOW) is None
    assert parse_date("12/03 à", now=NOW) is None


def test_a_date_followed_by_an_update_label_is_read_as_a_byline() -> None:
    outcome = parse_date_traced("12/03/2024 à 10h30 (actualisé à 11h45)", now=NOW)
    assert outcome == ParseOutcome(utc(2024, 3, 12, 9, 30), "byline")


@pytest.mark.parametrize(
    "text", ["31/02/2023", "30 février 2024", "32/13/2023", "12 mars 2023 à 25h10", "25:61"]
)
def test_impossible_dates_are_rejected(text: str) -> None:
    assert parse_date(text, now=NOW) is None
