"""Wall clock ↔ UTC conversions with a deliberate daylight-saving policy.

Naive wall times are read in the outlet's zone (``Europe/Paris`` by default) through
:mod:`zoneinfo`, always with ``fold=0``:

* an **ambiguous** time (the repeated hour when clocks go back, e.g. 29 Oct 2023 02:30) is read
  as its *first* occurrence, still in summer time (02:30 CEST = 00:30 UTC);
* a **non-existent** time (the skipped hour when clocks go forward, e.g. 26 Mar 2023 02:30) is
  read with the offset in force just before the switch (+01:00), i.e. it lands one hour later
  on the wall clock than printed (01:30 UTC = 03:30 CEST), as if the clock had not been changed yet.

Both choices give a single, reproducible instant; neither input is rejected.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """Return the (cached) zone called ``name``; raises ``ZoneInfoNotFoundError`` if unknown."""
    return ZoneInfo(name)


def wall_to_utc(wall: datetime, tz: str) -> datetime:
    """Read a wall time in zone ``tz`` (its own tzinfo wins if it has one) and return it in UTC.

    A time whose UTC instant falls outside ``datetime``'s range (1 January of year 1 east of
    Greenwich, 31 December 9999 west of it) becomes the range's nearest end: still ordered, never
    plausible, and never an ``OverflowError`` that would lose the article carrying it.
    """
    if wall.tzinfo is None:
        wall = wall.replace(tzinfo=zone(tz), fold=0)
    try:
        return wall.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if wall.year == datetime.min.year else datetime.max
        return edge.replace(tzinfo=UTC)


def local_wall(instant: datetime, tz: str) -> datetime:
    """Return the naive wall time that ``instant`` (aware) shows in zone ``tz``."""
    return instant.astimezone(zone(tz)).replace(tzinfo=None)


def start_of_day_utc(day: date, tz: str) -> datetime:
    """Return midnight of ``day`` in zone ``tz``, as a UTC instant (the reading of date-only values)."""
    return wall_to_utc(datetime.combine(day, time()), tz)
