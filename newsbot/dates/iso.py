"""ISO 8601 values (JSON-LD, ``<meta>``, ``<time datetime>``) through ``datetime.fromisoformat``.

Accepted: extended dates (``2024-04-30``), date-times with ``T`` or a space, with or without
seconds and fractions, with ``Z``, ``±HH:MM``, ``±HHMM`` or ``±HH`` offsets (a space before the
offset is tolerated) or a trailing UTC/GMT/CET/CEST. A value without an offset is a wall time in
the outlet's zone; a date alone means midnight there. Basic-format strings of bare digits
(``20240430``) are not read as dates: in scraped values they are far more often identifiers.
"""

from __future__ import annotations

import re
from datetime import datetime

from newsbot.dates.zones import start_of_day_utc, wall_to_utc

_LOOKS_ISO = re.compile(r"\d{4}-(?:\d\d-\d\d|W\d\d)")
_HAS_TIME = re.compile(r"\d[T ]\d")
_ZONE_NAME = re.compile(r"\s*\b(?P<name>UTC|GMT|CEST|CET)$")
_ZONE_OFFSETS = {"UTC": "+00:00", "GMT": "+00:00", "CEST": "+02:00", "CET": "+01:00"}


def looks_iso(text: str) -> bool:
    """True when ``text`` opens like an ISO 8601 date: such text is read as ISO or not at all."""
    return _LOOKS_ISO.match(text) is not None


def parse_iso(text: str, tz: str) -> datetime | None:
    """Return the UTC instant of an ISO 8601 string, or ``None`` when it is not one."""
    if not looks_iso(text):
        return None
    text = text.upper()
    zone = _ZONE_NAME.search(text)
    if zone is not None:  # "2024-03-12 10:30:00 CET": the name stands for its offset
        text = text[: zone.start()] + _ZONE_OFFSETS[zone["name"]]
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        return None
    if not _HAS_TIME.search(text):
        return start_of_day_utc(value.date(), tz)
    return wall_to_utc(value, tz)
