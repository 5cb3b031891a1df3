"""Unix timestamps, as numbers or digit strings (seconds, or milliseconds when that large)."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

_MILLISECONDS_FROM = 1e11  # 1e11 s is year 5138: anything larger is milliseconds
_EPOCH_STRING = re.compile(r"(?:\d{9,10}(?:\.\d+)?|\d{12,13})")


def parse_epoch_number(value: float) -> datetime | None:
    """Return the UTC instant of a timestamp, or ``None`` for non-finite or negative numbers."""
    if not math.isfinite(value) or value < 0:
        return None
    seconds = value / 1000 if value >= _MILLISECONDS_FROM else value
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_epoch_string(text: str) -> datetime | None:
    """Read a digit string of 9–10 digits (seconds, optional fraction) or 12–13 (milliseconds).

    Shorter digit runs are years, counts or identifiers, never timestamps.
    """
    if not _EPOCH_STRING.fullmatch(text):
        return None
    return parse_epoch_number(float(text))
