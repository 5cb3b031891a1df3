"""What a French date expression says, before it is pinned to an instant."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import Enum


class Shape(Enum):
    """How much of the date an expression gives, which decides how it is resolved."""

    ABSOLUTE = "absolute"  # day, month and year
    YEARLESS = "yearless"  # day and month: the most recent past occurrence
    TIME_ONLY = "time_only"  # a wall time: its most recent past occurrence
    WEEKDAY_TIME = "weekday_time"  # "jeudi à 15h12": the most recent past such moment
    DAY_WORD = "day_word"  # "hier", "aujourd'hui", "avant-hier", optionally with a time
    AGO = "ago"  # "il y a 3 heures"
    NOW = "now"  # "à l'instant", "maintenant"


@dataclass(frozen=True)
class DateParts:
    """The fields an expression gives; ``None`` where it is silent."""

    shape: Shape
    year: int | None = None
    short_year: bool = False  # the year was printed with two digits
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None  # None with an hour: printed without minutes ("8h")
    second: int = 0
    weekday: int | None = None
    day_offset: int = 0  # for DAY_WORD: 0 today, -1 yesterday, -2 the day before
    ago: tuple[tuple[str, int], ...] = ()  # for AGO: (canonical unit, amount) pairs
    utc_offset: timedelta | None = None  # printed "UTC", "GMT+1"...
    zone_name: str | None = None  # printed "heure de Paris", "CET"...

    @property
    def has_time(self) -> bool:
        return self.hour is not None
