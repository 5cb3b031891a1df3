"""Whether an article page announced by a feed must be fetched again (pure, no I/O).

A URL never fetched is fetched. A known URL is fetched again when its feed or sitemap entry
announces a change (``updated``/``lastmod``, else the publication date) later than anything
newsbot knows about it (its last fetch and the page's own ``dateModified``), or when the
re-check age has passed since the last fetch. Otherwise it is skipped as unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from newsbot.crawl.feeds import FeedEntry
from newsbot.dates import parse_date
from newsbot.settings import NEWSBOT_TIMEZONE

Reason = Literal["new", "changed", "recheck", "unchanged"]


@dataclass(frozen=True)
class StoredState:
    """What MongoDB knows about one URL: its last fetch and the page's last modification (UTC)."""

    fetched_at: datetime | None
    modified_at: datetime | None = None

    @property
    def known_until(self) -> datetime | None:
        """The latest instant the stored version is known to reflect."""
        dates = [d for d in (self.fetched_at, self.modified_at) if d is not None]
        return max(dates) if dates else None


@dataclass(frozen=True)
class Decision:
    fetch: bool
    reason: Reason


def announced_change(
    entry: FeedEntry | None, *, now: datetime, tz: str = NEWSBOT_TIMEZONE
) -> datetime | None:
    """The latest date a feed entry gives for its article (``updated``/``lastmod`` or ``published``)."""
    if entry is None:
        return None
    dates = [parse_date(raw, now=now, tz=tz) for raw in (entry.updated, entry.published) if raw]
    readable = [d for d in dates if d is not None]
    return max(readable) if readable else None


def decide(
    announced: datetime | None,
    state: StoredState | None,
    *,
    now: datetime,
    recheck_after: timedelta | None,
) -> Decision:
    """Fetch or skip one announced article; ``recheck_after=None`` never re-checks by age."""
    known_until = state.known_until if state is not None else None
    if state is None or state.fetched_at is None or known_until is None:
        return Decision(True, "new")
    if announced is not None and announced > known_until:
        return Decision(True, "changed")
    if recheck_after is not None and now - state.fetched_at >= recheck_after:
        return Decision(True, "recheck")
    return Decision(False, "unchanged")
