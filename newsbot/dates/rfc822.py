"""Feed dates: RFC 822/2822 (``email.utils``) and the JavaScript ``Date.toString()`` form.

Only strings shaped like these formats are handed to ``email.utils`` (it is lenient enough to
read odd text otherwise). An RFC date without a zone (or with ``-0000``) is a wall time in the
outlet's zone.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from newsbot.dates.zones import wall_to_utc

_EN_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_EN_DAYS = "mon|tue|wed|thu|fri|sat|sun"
_RFC822 = re.compile(
    rf"(?:(?:{_EN_DAYS}),\s*)?\d{{1,2}}\s+(?:{_EN_MONTHS})\s+\d{{2,4}}\s+\d{{1,2}}:\d\d(?::\d\d)?"
    r"(?:\s*(?:[+-]\d{4}|[a-z]{1,5}))?",
    re.IGNORECASE,
)
_JS_DATE = re.compile(
    rf"(?:{_EN_DAYS})\s+(?P<month>{_EN_MONTHS})\s+(?P<day>\d{{1,2}})\s+(?P<year>\d{{4}})\s+"
    r"(?P<hour>\d\d):(?P<minute>\d\d):(?P<second>\d\d)\s+GMT(?P<sign>[+-])(?P<oh>\d\d)(?P<om>\d\d)"
    r"(?:\s+\([^)]*\))?",
    re.IGNORECASE,
)
_MONTH_NUMBER = {name: index for index, name in enumerate(_EN_MONTHS.split("|"), start=1)}


def parse_rfc822(text: str, tz: str) -> datetime | None:
    """Return the UTC instant of an RFC 822 feed date, or ``None`` when it is not one."""
    if not _RFC822.fullmatch(text):
        return None
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return wall_to_utc(value, tz)


def parse_js_date(text: str) -> datetime | None:
    """Read ``Wed Aug 10 2022 16:37:54 GMT+0000 (Coordinated Universal Time)``."""
    match = _JS_DATE.fullmatch(text)
    if match is None:
        return None
    offset = timedelta(hours=int(match["oh"]), minutes=int(match["om"]))
    try:
        value = datetime(
            int(match["year"]),
            _MONTH_NUMBER[match["month"].lower()],
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            tzinfo=timezone(-offset if match["sign"] == "-" else offset),
        )
    except ValueError:
        return None
    return wall_to_utc(value, "UTC")
