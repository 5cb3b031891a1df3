"""The window of plausible publication instants: anything outside it is not a date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class PlausibleWindow:
    """Instants from ``earliest`` up to the crawl time plus ``ahead`` (clock skew, time zones)."""

    earliest: datetime = datetime(1990, 1, 1, tzinfo=UTC)
    ahead: timedelta = timedelta(days=1)

    def contains(self, instant: datetime, now: datetime) -> bool:
        """True when the aware ``instant`` is a plausible date for a page crawled at ``now``."""
        return self.earliest <= instant <= now + self.ahead


DEFAULT_WINDOW = PlausibleWindow()
