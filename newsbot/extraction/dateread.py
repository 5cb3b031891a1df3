"""Reading a raw date string with ``newsbot.dates``.

The extractor only returns raw strings; it reads them to choose between sources (a value no
parser understands is skipped, a visible date contradicting its ``datetime`` attribute wins).
"""

from __future__ import annotations

from datetime import datetime

from newsbot.dates import parse_byline, parse_date


def read_date(raw: str | None) -> datetime | None:
    """An aware UTC datetime for a machine-readable value, ``None`` when unreadable."""
    if not raw:
        return None
    return parse_date(raw)


def read_byline_date(raw: str | None) -> datetime | None:
    """The publication date a visible byline states, ``None`` when unreadable."""
    if not raw:
        return None
    return parse_byline(raw).published or parse_date(raw)


def readable(raw: str | None, *, byline: bool = False) -> bool:
    """``True`` when ``newsbot.dates`` can read ``raw``."""
    if not raw:
        return False
    return (read_byline_date(raw) if byline else read_date(raw)) is not None
