"""Pin :class:`DateParts` to a UTC instant, given the crawl time.

Rules (``now`` is the crawl time; "local" means the outlet's zone, Europe/Paris by default):

* a date without a time is midnight local;
* a two-digit year is 20yy unless that is more than a year ahead of ``now``, then 19yy;
* a date without a year, a bare time and a weekday with a time take their most recent
  occurrence at or before ``now`` — never a future one;
* "hier", "aujourd'hui", "avant-hier" count calendar days on the local clock;
* "il y a N unités" is subtracted from ``now`` in UTC (months and years on the calendar, the day
  clamped to the month's length).

An ``anchor`` (the publication instant of the same byline) replaces ``now`` as the reference for
partial modification dates: "Publié le 7 mai 2019 à 13h59, mis à jour à 15h03" is updated on
7 May 2019, the first such moment at or after publication.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta, timezone

from newsbot.dates.parts import DateParts, Shape
from newsbot.dates.zones import local_wall, wall_to_utc

_SPAN = {
    "seconds": timedelta(seconds=1),
    "minutes": timedelta(minutes=1),
    "hours": timedelta(hours=1),
    "days": timedelta(days=1),
    "weeks": timedelta(weeks=1),
}
_YEARLESS_LOOKBACK = 8  # years searched back for a day-month (29 February needs up to 8)


def resolve(parts: DateParts, now: datetime, tz: str, anchor: datetime | None = None) -> datetime | None:
    """Return the UTC instant ``parts`` denote for a page crawled at ``now``, or ``None`` if impossible."""
    try:
        return _RESOLVERS[parts.shape](parts, now, tz, anchor)
    except (ValueError, OverflowError):  # 31 February, 25:61, year out of range...
        return None


def _absolute(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime:
    assert parts.year is not None and parts.month is not None and parts.day is not None
    year = _expand_year(parts.year, now, tz) if parts.short_year else parts.year
    return _instant(date(year, parts.month, parts.day), parts, tz)


def _yearless(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime | None:
    assert parts.month is not None and parts.day is not None
    this_year = local_wall(now, tz).year
    if anchor is not None:
        for year in range(local_wall(anchor, tz).year, this_year + 1):
            candidate = _instant_or_none(year, parts, tz)
            if candidate is not None and anchor <= candidate <= now:
                return candidate
    for year in range(this_year, this_year - _YEARLESS_LOOKBACK - 1, -1):
        candidate = _instant_or_none(year, parts, tz)
        if candidate is not None and candidate <= now:
            return candidate
    return None


def _time_only(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime:
    if anchor is not None:
        candidate = _instant(local_wall(anchor, tz).date(), parts, tz)
        return candidate if candidate >= anchor else _instant(_shift_day(candidate, tz, +1), parts, tz)
    candidate = _instant(local_wall(now, tz).date(), parts, tz)
    return candidate if candidate <= now else _instant(_shift_day(candidate, tz, -1), parts, tz)


def _weekday_time(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime | None:
    today = local_wall(now, tz).date()
    for back in range(8):
        day = today - timedelta(days=back)
        if day.weekday() == parts.weekday:
            candidate = _instant(day, parts, tz)
            if candidate <= now:
                return candidate
    return None


def _day_word(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime:
    day = local_wall(now, tz).date() + timedelta(days=parts.day_offset)
    return _instant(day, parts, tz)


def _ago(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime:
    instant = now
    for unit, amount in parts.ago:
        if unit == "months":
            instant = _minus_months(instant, amount)
        elif unit == "years":
            instant = _minus_months(instant, 12 * amount)
        else:
            instant -= amount * _SPAN[unit]
    return instant


def _now(parts: DateParts, now: datetime, tz: str, anchor: datetime | None) -> datetime:
    return now


_RESOLVERS = {
    Shape.ABSOLUTE: _absolute,
    Shape.YEARLESS: _yearless,
    Shape.TIME_ONLY: _time_only,
    Shape.WEEKDAY_TIME: _weekday_time,
    Shape.DAY_WORD: _day_word,
    Shape.AGO: _ago,
    Shape.NOW: _now,
}


def _instant(day: date, parts: DateParts, tz: str) -> datetime:
    """The instant of ``day`` at the printed time (midnight if none), in the printed or outlet zone."""
    wall = datetime.combine(day, time(parts.hour or 0, parts.minute or 0, parts.second))
    if parts.utc_offset is not None:
        return wall_to_utc(wall.replace(tzinfo=timezone(parts.utc_offset)), tz)
    return wall_to_utc(wall, parts.zone_name or tz)


def _instant_or_none(year: int, parts: DateParts, tz: str) -> datetime | None:
    assert parts.month is not None and parts.day is not None
    try:
        return _instant(date(year, parts.month, parts.day), parts, tz)
    except ValueError:  # 29 February of a common year
        return None


def _shift_day(instant: datetime, tz: str, days: int) -> date:
    """The local calendar day ``days`` away from the local day of ``instant``."""
    return local_wall(instant, tz).date() + timedelta(days=days)


def _expand_year(two_digits: int, now: datetime, tz: str) -> int:
    year = 2000 + two_digits
    return year if year <= local_wall(now, tz).year + 1 else year - 100


def _minus_months(instant: datetime, months: int) -> datetime:
    index = instant.year * 12 + instant.month - 1 - months
    year, month = divmod(index, 12)
    day = min(instant.day, calendar.monthrange(year, month + 1)[1])
    return instant.replace(year=year, month=month + 1, day=day)
