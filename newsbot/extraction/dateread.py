"""Reading a raw date string with ``newsbot.dates`` when that package is importable.

The extractor only returns raw strings; it reads them to choose between sources (a value no
parser understands is skipped, a visible date contradicting its ``datetime`` attribute wins).
Without ``newsbot.dates`` every plausible value is accepted and nothing is compared.
"""

from __future__ import annotations

from datetime import datetime

try:
    from newsbot.dates import parse_byline, parse_date
except ImportError:  # pragma: no cover - newsbot.dates ships with the project
    parse_byline = parse_date = None  # type: ignore[assignment]


def read_date(raw: str | None) -> datetime | None:
    """An aware UTC datetime for a machine-readable value, ``None`` when unreadable."""
    if not raw or parse_date is None:
        return None
    return parse_date(raw)


def read_byline_date(raw: str | None) -> datetime | None:
    """The publication date a visible byline states, ``None`` when unreadable."""
    if not raw or parse_byline is None:
        return None
    return parse_byline(raw).published or parse_date(raw)


def readable(raw: str | None, *, byline: bool = False) -> bool:
    """``True`` unless ``newsbot.dates`` is available and cannot read ``raw``."""
    if not raw:
        return False
    if parse_date is None:
        return True
    return (read_byline_date(raw) if byline else read_date(raw)) is not None
