"""dateparser as the last resort, with explicit settings (imported lazily: it is slow to import).

It sees only text that passed :func:`newsbot.dates.guard.looks_like_a_date`, reads it in French,
day first, preferring the past, relative to the crawl time on the outlet's clock, and must find
at least a day and a month. Its naive answer is a wall time in the outlet's zone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsbot.dates.zones import local_wall, wall_to_utc


def dateparser_settings(now: datetime, tz: str) -> dict[str, Any]:
    """The explicit settings every fallback call uses."""
    return {
        "DATE_ORDER": "DMY",
        "PREFER_LOCALE_DATE_ORDER": False,
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": local_wall(now, tz),
        "TIMEZONE": tz,
        "TO_TIMEZONE": tz,
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time", "absolute-time"],
        "REQUIRE_PARTS": ["day", "month"],
        "STRICT_PARSING": False,
    }


def parse_with_dateparser(text: str, now: datetime, tz: str) -> datetime | None:
    """Ask dateparser (French only) for the date in ``text``; UTC instant or ``None``."""
    import dateparser

    try:
        value = dateparser.parse(text, languages=["fr"], settings=dateparser_settings(now, tz))
        return None if value is None else wall_to_utc(value, tz)
    except (ValueError, OverflowError):  # dates it cannot represent are not dates
        return None
