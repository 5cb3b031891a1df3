"""The guarded dateparser fallback: what may reach it, and what it adds."""

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsbot.dates import ParseOutcome, parse_date_traced
from newsbot.dates.fallback import dateparser_settings
from newsbot.dates.guard import looks_like_a_date
from newsbot.dates.text import canonical

NOW = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016, 5 février", datetime(2016, 2, 4, 23, 0, tzinfo=UTC)),
        ("2024 mars 5", datetime(2024, 3, 4, 23, 0, tzinfo=UTC)),
    ],
)
def test_orders_the_grammar_does_not_know_go_to_dateparser(text: str, expected: datetime) -> None:
    assert parse_date_traced(text, now=NOW) == ParseOutcome(expected, "dateparser")


@pytest.mark.parametrize(
    "text",
    ["2016, 5 février", "le 5 mars au soir", "Il y a 3 jours", "hier matin", "5 mars de 2016", "2024/3/5"],
)
def test_guard_lets_date_shaped_text_through(text: str) -> None:
    assert looks_like_a_date(canonical(text))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("3 commentaires", "a word that is not date vocabulary"),
        ("Covid-19", "a word that is not date vocabulary"),
        ("le 5 mars 2024 {{x}}", "characters foreign to dates"),
        ("Mai 68", "no day next to the month"),
        ("mars 2023", "no day next to the month"),
        ("lundi", "no anchor"),
        ("10/10", "no year"),
        ("24h/24 - 7j/7", "no anchor"),
        ("2023", "no anchor"),
    ],
)
def test_guard_stops_garbage(text: str, reason: str) -> None:
    assert not looks_like_a_date(canonical(text)), reason


def test_dateparser_settings_are_explicit() -> None:
    settings = dateparser_settings(NOW, "Europe/Paris")
    assert settings["DATE_ORDER"] == "DMY"
    assert settings["PREFER_DATES_FROM"] == "past"
    assert settings["REQUIRE_PARTS"] == ["day", "month"]
    assert "timestamp" not in settings["PARSERS"] and "no-spaces-time" not in settings["PARSERS"]
    assert settings["RELATIVE_BASE"] == datetime(2025, 3, 30, 12, 0)  # the crawl time on the Paris clock


def test_importing_the_package_does_not_import_dateparser() -> None:
    code = "import sys, newsbot.dates; print('dateparser' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    )
    assert result.stdout.strip() == "False"
