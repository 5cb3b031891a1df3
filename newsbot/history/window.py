"""Date windows (``-a since=`` / ``-a until=``): which dates, sitemaps and entries a backfill keeps.

Pure functions. Bare days are Paris days (``NEWSBOT_TIMEZONE``), inclusive at both ends: ``until``
``2024-03-31`` runs to the last instant of that day. ISO date-times are taken as given (naive ones
in the outlet zone). A window may be open at either end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from newsbot import settings as defaults
from newsbot.dates import parse_date


class WindowError(ValueError):
    """A ``since``/``until`` value that is not a date, or a window that ends before it starts."""


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _bound(name: str, value: str, tz: ZoneInfo, *, end: bool) -> datetime:
    text = value.strip()
    try:
        if _DAY.match(text):
            day = date.fromisoformat(text)
            if end:
                return datetime.combine(day + timedelta(days=1), time(), tz).astimezone(UTC)
            return datetime.combine(day, time(), tz).astimezone(UTC)
        instant = datetime.fromisoformat(text)
    except ValueError:
        raise WindowError(
            f"{name}={value!r} is not a date: use YYYY-MM-DD (a Paris day) or an ISO date-time"
        ) from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=tz)
    return instant.astimezone(UTC)


@dataclass(frozen=True)
class DateWindow:
    """``start <= instant < end`` in UTC; ``None`` leaves that end open."""

    start: datetime | None = None
    end: datetime | None = None

    @property
    def is_open(self) -> bool:
        """No bound at all: everything is in the window."""
        return self.start is None and self.end is None

    def contains(self, instant: datetime) -> bool:
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        if self.start is not None and instant < self.start:
            return False
        return self.end is None or instant < self.end

    def overlaps(self, first: datetime, after_last: datetime) -> bool:
        """The period ``[first, after_last)`` shares an instant with the window."""
        if self.start is not None and after_last <= self.start:
            return False
        return self.end is None or first < self.end

    def describe(self) -> str:
        return (
            f"{self.start.isoformat() if self.start else '…'} → {self.end.isoformat() if self.end else '…'}"
        )


def parse_window(since: str | None, until: str | None, tz: str = defaults.NEWSBOT_TIMEZONE) -> DateWindow:
    """The window the spider arguments ask for; :class:`WindowError` for a bad value."""
    zone = ZoneInfo(tz)
    start = _bound("since", since, zone, end=False) if since not in (None, "") else None
    end = _bound("until", until, zone, end=True) if until not in (None, "") else None
    if start is not None and end is not None and end <= start:
        raise WindowError(f"until={until!r} is before since={since!r}")
    return DateWindow(start, end)


# A year and month, optionally a day, in a sitemap URL: /2024/03/, sitemap-2024-03.xml, 202403,
# articles_2024_03_15.xml. The last one in the URL wins (hosts and paths may carry other numbers).
_URL_PERIOD = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_/.]?(0[1-9]|1[0-2])(?:[-_/.]?(0[1-9]|[12]\d|3[01]))?(?!\d)"
)


def url_period(url: str, tz: str = defaults.NEWSBOT_TIMEZONE) -> tuple[datetime, datetime] | None:
    """The month or day a dated archive URL covers, as ``[first, after_last)`` in UTC; ``None`` if undated."""
    matches = list(_URL_PERIOD.finditer(url))
    if not matches:
        return None
    year, month, day = matches[-1].groups()
    zone = ZoneInfo(tz)
    try:
        if day:
            first = date(int(year), int(month), int(day))
            after = first + timedelta(days=1)
        else:
            first = date(int(year), int(month), 1)
            after = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    except ValueError:  # 2024-02-31
        return None
    return (
        datetime.combine(first, time(), zone).astimezone(UTC),
        datetime.combine(after, time(), zone).astimezone(UTC),
    )


def _instant(raw: str | None, tz: str) -> datetime | None:
    if not raw:
        return None
    return parse_date(raw, tz=tz)


def child_sitemap_in_window(
    window: DateWindow, url: str, lastmod: str | None, tz: str = defaults.NEWSBOT_TIMEZONE
) -> bool:
    """Whether a child sitemap of an index may hold articles of the window.

    A dated URL (monthly or daily archive) decides alone. Otherwise a ``lastmod`` before the window
    means nothing in it changed since: skipped. A later ``lastmod`` proves nothing (old archives are
    touched too), so the child is fetched.
    """
    if window.is_open:
        return True
    period = url_period(url, tz)
    if period is not None:
        return window.overlaps(*period)
    modified = _instant(lastmod, tz)
    return not (modified is not None and window.start is not None and modified < window.start)


def entry_in_window(
    window: DateWindow, published: str | None, updated: str | None, tz: str = defaults.NEWSBOT_TIMEZONE
) -> bool:
    """Whether an article announced by a feed or sitemap may be of the window (checked before fetching).

    The publication date decides when readable. Without it, a ``lastmod`` before the window proves the
    article older; a later one does not (an old article may be updated), so it is fetched and its
    extracted date decides.
    """
    if window.is_open:
        return True
    when = _instant(published, tz)
    if when is not None:
        return window.contains(when)
    modified = _instant(updated, tz)
    return not (modified is not None and window.start is not None and modified < window.start)


def robots_sitemaps(body: bytes) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (case-insensitive directive, comments ignored)."""
    urls = []
    for line in body.decode("utf-8", "replace").splitlines():
        directive, _, value = line.split("#", 1)[0].partition(":")
        if directive.strip().lower() == "sitemap" and value.strip().startswith(("http://", "https://")):
            urls.append(value.strip())
    return urls
