"""The gate in front of dateparser: only date-shaped text may reach it.

dateparser reads dates into almost anything ("24h/24" or "10/10" come back as dates), so a text
is handed to it only when

* every word in it is date vocabulary (months, weekdays, units, byline labels, small
  connecting words) and it holds no character foreign to dates, and
* it has an anchor precise to the day: a month next to a day number (1–31), a full numeric
  date, or a relative word ("il y a", "hier", "aujourd'hui"...).

"3 commentaires", "Covid-19", "Mai 68", "mars 2023" or "lundi" fail one test or the other.
"""

from __future__ import annotations

import re

from newsbot.dates import vocabulary as words

_CONNECTORS = ("le", "la", "l", "les", "du", "de", "d", "des", "a", "au", "et", "en", "sur", "vers")
_RELATIVE_PARTS = ("il", "y", "ya", "environ", "moins", "plus", "pres", "peine")
_DAY_PARTS = ("er", "eme", "premier", "premiere", "matin", "soir", "dernier")
_PHRASES = (
    *words.PUBLISHED_LABELS,
    *words.MODIFIED_LABELS,
    *words.DAY_WORDS,
    *words.NOW_WORDS,
    *words.PARIS_ZONE_WORDS,
    *words.LOCAL_ZONE_WORDS,
)
DATE_VOCABULARY = frozenset(
    [*words.MONTHS, *words.WEEKDAYS, *words.NUMBER_WORDS, *words.UNITS, *words.TIME_WORDS, *words.UTC_WORDS]
    + [*_CONNECTORS, *_RELATIVE_PARTS, *_DAY_PARTS]
    + [word for phrase in _PHRASES for word in re.findall(r"[a-z]+", phrase)]
)

_WORD = re.compile(r"[a-z]+")
_FOREIGN_CHARACTER = re.compile(r"[^a-z0-9\s/.:,'()@+-]")
_MONTH_NAMES = "|".join(sorted(words.MONTHS, key=len, reverse=True))
_DAY_NEXT_TO_MONTH = re.compile(
    rf"(?<!\d)(?P<before>\d{{1,2}})(?:er)?\s*(?:{_MONTH_NAMES})(?![a-z])"
    rf"|(?<![a-z])(?:{_MONTH_NAMES})\.?\s+(?P<after>\d{{1,2}})(?!\d)"
    rf"|premier\s+(?:{_MONTH_NAMES})(?![a-z])"
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d\d)|\d{4}([/.])\d{1,2}\2\d{1,2})(?![\d/.-])"
)
_RELATIVE_WORDS = "|".join(map(re.escape, (*words.DAY_WORDS, *words.NOW_WORDS)))
_RELATIVE_WORD = re.compile(rf"il\s?y\s?a|(?<![a-z])(?:{_RELATIVE_WORDS})(?![a-z])")


def looks_like_a_date(canonical_text: str) -> bool:
    """True when ``canonical_text`` is made of date words only and carries a day-precise anchor."""
    if _FOREIGN_CHARACTER.search(canonical_text):
        return False
    if any(word not in DATE_VOCABULARY for word in _WORD.findall(canonical_text)):
        return False
    return _has_anchor(canonical_text)


def _has_anchor(text: str) -> bool:
    if _RELATIVE_WORD.search(text) or _NUMERIC_DATE.search(text):
        return True
    for match in _DAY_NEXT_TO_MONTH.finditer(text):
        day = match["before"] or match["after"]
        if day is None or 1 <= int(day) <= 31:
            return True
    return False
