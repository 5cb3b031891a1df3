"""French news dates → aware UTC datetimes.

``parse_date`` reads one scraped value (ISO 8601, RFC 822, epoch, JSON-LD/meta values, French
bylines); ``parse_byline`` splits a byline into its publication and modification dates.
Garbage ("Mai 68", "Covid-19", "10/10", a bare year or weekday...) is ``None``, never a date.
Policies (date-only values, daylight-saving edges, relative and year-less dates) are described
in :mod:`newsbot.dates.zones`, :mod:`newsbot.dates.resolve` and :mod:`newsbot.dates.parse`.
"""

from __future__ import annotations

from datetime import datetime

from newsbot.dates.byline import Byline, read_byline
from newsbot.dates.parse import ParseOutcome, crawl_time, parse_date, parse_date_traced
from newsbot.dates.window import DEFAULT_WINDOW, PlausibleWindow
from newsbot.settings import NEWSBOT_TIMEZONE

__all__ = [
    "DEFAULT_WINDOW",
    "Byline",
    "ParseOutcome",
    "PlausibleWindow",
    "parse_byline",
    "parse_date",
    "parse_date_traced",
]


def parse_byline(
    text: str,
    *,
    now: datetime | None = None,
    tz: str = NEWSBOT_TIMEZONE,
    window: PlausibleWindow = DEFAULT_WINDOW,
) -> Byline:
    """Byline(published, modified) from texts like 'Publié le : 20/03/2023 - 14:32 Modifié le :
    21/03/2023 - 08:05' or 'Mis à jour le 1er avril à 14h32' (aware UTC datetimes or None)."""
    return read_byline(text, crawl_time(now), tz, window)
