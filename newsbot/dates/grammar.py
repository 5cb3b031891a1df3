"""Compiled patterns for French dates as outlets print them, and a scanner built from them.

An expression is read left to right from a position in canonical text (see
:mod:`newsbot.dates.text`)::

    [label] ( relative | [le] [weekday] date [connector time] | weekday time | time ) [zone]

* label: "Publié le :", "Mis à jour le", "Modifié", "Mise en ligne", "Édition du"...
* relative: "il y a 3 heures", "il y a 1 h 30", "il y a 1 an, 2 mois et 3 jours", "à l'instant"
* date: "20 mars 2023", "1er avril", "12 déc.", "décembre 5 2014", "20/03/2023", "02/11/23",
  "2023/03/20", "2017-03-13|19h18", "12/03" (only when a time follows), "hier", "aujourd'hui", "avant-hier"
* time: "14h32", "14 h 32", "8h", "14:32", "14:32:05", "19 h 21 min", "midi", "minuit"
* zone: "UTC", "GMT+1", "(heure de Paris)", "CET"

Scanning only recognises shapes; whether the numbers make a real date is checked when the
parts are resolved (:mod:`newsbot.dates.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from newsbot.dates.parts import DateParts, Shape
from newsbot.dates.vocabulary import (
    DAY_WORDS,
    LOCAL_ZONE_WORDS,
    MODIFIED_LABELS,
    MONTHS,
    NOW_WORDS,
    NUMBER_WORDS,
    PARIS_ZONE_WORDS,
    PUBLISHED_LABELS,
    TIME_WORDS,
    UNITS,
    UTC_WORDS,
    WEEKDAYS,
)


def _one_of(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that prefixes never win."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


_END_OF_WORD = r"(?![a-z])"
_MONTH = rf"(?P<month>{_one_of(MONTHS)}){_END_OF_WORD}\.?"
_AMOUNT = rf"(?:\d+\s*h\s*\d\d(?!\d)|(?:\d+|{_one_of(NUMBER_WORDS)})\s*(?:{_one_of(UNITS)}){_END_OF_WORD})"

LEAD = re.compile(r"[\s(\[|•·*,;:-]*")
TRAIL = re.compile(r"[\s.,;:)\]|•·*-]*")
LABEL = re.compile(
    rf"(?:(?P<published>{_one_of(PUBLISHED_LABELS)})|(?P<modified>{_one_of(MODIFIED_LABELS)})){_END_OF_WORD}"
    r"(?:\s*[:,-])?(?:\s*(?:le|du|sur|en date du|:)(?![a-z']))*\s*"
)
LABEL_IN_TEXT = re.compile(r"(?<![a-z])" + LABEL.pattern)
PREFIX = re.compile(rf"(?:le\s+)?(?:(?P<weekday>{_one_of(WEEKDAYS)}){_END_OF_WORD}\.?,?\s*(?:le\s+)?)?")

TEXTUAL_DMY = re.compile(
    rf"(?P<day>\d{{1,2}}|premier)(?:er|eme|e)?\s*{_MONTH}(?:,?\s*(?P<year>\d{{4}}|'\d\d)(?!\d))?"
)
TEXTUAL_MDY = re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:er)?,?\s+(?P<year>\d{{4}})(?!\d)")
NUMERIC_DMY = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d\d)(?!\d|[/.-]\d)"
)
NUMERIC_YMD = re.compile(
    r"(?P<year>\d{4})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d|[/.-]\d)"
)
DAY_MONTH_NUMERIC = re.compile(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\d/])")  # needs a time after it
LAST = re.compile(r"\s+dernier(?![a-z])")  # "le 15 mars dernier": the most recent past one, as always
DAY_WORD = re.compile(rf"(?P<dayword>{_one_of(DAY_WORDS)}){_END_OF_WORD}")
AGO = re.compile(
    r"il\s?y\s?a\s+(?:(?:environ|a peine|moins de|moins d'|plus de|plus d'|pres de|pres d')\s*)?"
    rf"(?P<amounts>{_AMOUNT}(?:\s*(?:,|et)\s*{_AMOUNT})*)"
)
AMOUNT_ITEM = re.compile(
    r"(?P<hours>\d+)\s*h\s*(?P<minutes>\d\d)(?!\d)"  # "1 h 30", "2h30"
    rf"|(?P<number>\d+|{_one_of(NUMBER_WORDS)})\s*(?P<unit>{_one_of(UNITS)}){_END_OF_WORD}"
)
NOW = re.compile(rf"(?:{_one_of(NOW_WORDS)}){_END_OF_WORD}")

# After minutes a letter may follow (text glued by extraction: "10h30Mis à jour"); after a bare
# hour it may not ("3h de route"), nor may a slash or digit ("24h/24").
_CLOCK = (
    r"(?:(?P<hour>\d{1,2})(?:\s*h(?:\s*(?P<hminute>\d\d?)(?:\s*(?:min|mn)(?![a-z]))?(?![\d/])|(?![\d/a-z]))"
    r"|\s*:\s*(?P<minute>\d\d)(?::(?P<second>\d\d)(?:[.,]\d+)?)?(?![\d/])"
    r"|(?P<hours_word>\s*heures?)(?:\s*(?P<wminute>\d\d))?(?![\d/a-z]))"
    rf"|(?P<timeword>{_one_of(TIME_WORDS)}){_END_OF_WORD})"
)
CONNECTED_TIME = re.compile(rf"\s*[,@|•·-]?\s*(?:(?:a|vers)\s+)?{_CLOCK}")
LONE_TIME = re.compile(rf"(?:(?P<at>a|vers)\s+)?{_CLOCK}")
ZONE = re.compile(
    rf"\s*,?\s*\(?\s*(?:(?P<paris>{_one_of(PARIS_ZONE_WORDS)})|(?P<local>{_one_of(LOCAL_ZONE_WORDS)})"
    rf"|(?P<utc>{_one_of(UTC_WORDS)})(?:\s*(?P<sign>[+-])\s*(?P<oh>\d{{1,2}})(?::?(?P<om>\d\d))?)?)"
    rf"{_END_OF_WORD}\s*\)?"
)
# Where an expression may start inside running text (bylines): a digit or a date word.
EXPRESSION_START = re.compile(
    rf"(?<![a-z0-9'])(?:\d|il\s?y\s?a\s|(?:{_one_of([*DAY_WORDS, *NOW_WORDS, *WEEKDAYS, *MONTHS])})"
    rf"{_END_OF_WORD})"
)

_DATE_FORMS = (TEXTUAL_DMY, NUMERIC_DMY, NUMERIC_YMD, TEXTUAL_MDY)


@dataclass(frozen=True)
class Scanned:
    """An expression found at ``start``..``end``, and the byline label just before it, if any."""

    parts: DateParts
    start: int
    end: int
    label: str | None  # "published", "modified" or None


def scan_label(text: str, pos: int) -> tuple[str | None, int]:
    """Read an optional byline label at ``pos``: its kind and the position after it."""
    match = LABEL.match(text, pos)
    if match is None:
        return None, pos
    return ("published" if match["published"] else "modified"), match.end()


def scan_expression(text: str, pos: int = 0) -> Scanned | None:
    """Read one labelled or bare date expression starting at ``pos``; ``None`` if there is none."""
    start = LEAD.match(text, pos).end()  # type: ignore[union-attr]
    label, pos = scan_label(text, start)
    found = _scan_relative(text, pos) or _scan_calendar(text, pos)
    if found is None:
        return None
    fields, pos = found
    zone = ZONE.match(text, pos)
    if zone is not None and fields.get("shape") not in (Shape.AGO, Shape.NOW):
        fields.update(_zone_fields(zone))
        pos = zone.end()
    return Scanned(DateParts(**fields), start, pos, label)


def _scan_relative(text: str, pos: int) -> tuple[dict[str, Any], int] | None:
    match = AGO.match(text, pos)
    if match is not None:
        amounts = tuple(
            amount for item in AMOUNT_ITEM.finditer(match["amounts"]) for amount in _amounts(item)
        )
        return {"shape": Shape.AGO, "ago": amounts}, match.end()
    match = NOW.match(text, pos)
    if match is not None:
        return {"shape": Shape.NOW}, match.end()
    return None


def _scan_calendar(text: str, pos: int) -> tuple[dict[str, Any], int] | None:
    fields: dict[str, Any] = {}
    match = DAY_WORD.match(text, pos)
    if match is not None:
        fields.update(shape=Shape.DAY_WORD, day_offset=DAY_WORDS[match["dayword"]])
        pos = match.end()
    else:
        prefix = PREFIX.match(text, pos)
        assert prefix is not None  # every part of PREFIX is optional
        if prefix["weekday"]:
            fields["weekday"] = WEEKDAYS[prefix["weekday"]]
        date = _first_match(_DATE_FORMS, text, prefix.end()) or _day_month_with_time(text, prefix.end())
        if date is not None:
            fields.update(_date_fields(date))
            pos = date.end()
            last = LAST.match(text, pos) if "year" not in fields else None
            pos = last.end() if last else pos
        elif "weekday" in fields:
            pos = prefix.end()
        else:
            clock = LONE_TIME.match(text, pos)
            if clock is None or (clock["hours_word"] and not clock["wminute"] and not clock["at"]):
                return None  # "3 heures" alone is a duration; "à 3 heures" is a time
            fields.update(shape=Shape.TIME_ONLY, **_clock_fields(clock))
            return fields, clock.end()
    clock = CONNECTED_TIME.match(text, pos)
    if clock is not None:
        fields.update(_clock_fields(clock))
        pos = clock.end()
    if "shape" not in fields:
        if "month" not in fields:  # a weekday alone is not a date
            if "hour" not in fields:
                return None
            fields["shape"] = Shape.WEEKDAY_TIME
        else:
            fields["shape"] = Shape.ABSOLUTE if "year" in fields else Shape.YEARLESS
    return fields, pos


def _day_month_with_time(text: str, pos: int) -> re.Match[str] | None:
    """A day and month in figures count only when a time follows: "12/03 à 10h30", not "10/10"."""
    match = DAY_MONTH_NUMERIC.match(text, pos)
    if match is None or CONNECTED_TIME.match(text, match.end()) is None:
        return None
    return match


def _first_match(patterns: tuple[re.Pattern[str], ...], text: str, pos: int) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.match(text, pos)
        if match is not None:
            return match
    return None


def _date_fields(match: re.Match[str]) -> dict[str, Any]:
    day = match["day"]
    month = match["month"]
    fields: dict[str, Any] = {
        "day": 1 if day == "premier" else int(day),
        "month": int(month) if month.isdigit() else MONTHS[month],
    }
    year = match.groupdict().get("year")
    if year:
        digits = year.lstrip("'")
        fields.update(year=int(digits), short_year=len(digits) == 2)
    return fields


def _clock_fields(match: re.Match[str]) -> dict[str, Any]:
    if match["timeword"]:
        return {"hour": TIME_WORDS[match["timeword"]], "minute": 0}
    minute = match["hminute"] or match["minute"] or match["wminute"]  # None: on the hour, not printed
    return {
        "hour": int(match["hour"]),
        "minute": None if minute is None else int(minute),
        "second": int(match["second"] or 0),
    }


def _zone_fields(match: re.Match[str]) -> dict[str, Any]:
    if match["paris"]:
        return {"zone_name": "Europe/Paris"}
    if match["local"]:
        return {}
    offset = timedelta(hours=int(match["oh"] or 0), minutes=int(match["om"] or 0))
    return {"utc_offset": -offset if match["sign"] == "-" else offset}


def _amounts(item: re.Match[str]) -> tuple[tuple[str, int], ...]:
    if item["hours"]:
        return (("hours", int(item["hours"])), ("minutes", int(item["minutes"])))
    return ((UNITS[item["unit"]], _number(item["number"])),)


def _number(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS[token]
