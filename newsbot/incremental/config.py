"""Incremental-crawl settings, read from Scrapy settings (which read the environment)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from scrapy.settings import BaseSettings

from newsbot import settings as defaults


@dataclass(frozen=True)
class IncrementalConfig:
    enabled: bool
    recheck_after: timedelta | None
    """Age after which a stored page is fetched again even if its feed shows no change; ``None``: never."""
    seen_collection: str
    timezone: str

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> IncrementalConfig:
        hours = settings.getfloat("NEWSBOT_RECHECK_HOURS", defaults.NEWSBOT_RECHECK_HOURS)
        if hours < 0:
            raise ValueError(f"NEWSBOT_RECHECK_HOURS must be 0 (never) or positive, got {hours}")
        return cls(
            enabled=settings.getbool("NEWSBOT_INCREMENTAL", defaults.NEWSBOT_INCREMENTAL),
            recheck_after=timedelta(hours=hours) if hours > 0 else None,
            seen_collection=settings.get("NEWSBOT_SEEN_COLLECTION") or defaults.NEWSBOT_SEEN_COLLECTION,
            timezone=settings.get("NEWSBOT_TIMEZONE") or defaults.NEWSBOT_TIMEZONE,
        )
