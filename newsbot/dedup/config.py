"""Dedup-stage settings, read from Scrapy settings (which read the environment); defaults:
``newsbot.settings``."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings

from newsbot import settings as defaults


@dataclass(frozen=True)
class DedupConfig:
    cache_size: int
    """URLs and content hashes remembered in memory (per process) before MongoDB is asked."""
    batch_size: int
    """Items looked up in MongoDB in one query..."""
    batch_wait: float
    """...or after this many seconds, whichever comes first."""

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> DedupConfig:
        return cls(
            cache_size=settings.getint("NEWSBOT_DEDUP_CACHE_SIZE", defaults.NEWSBOT_DEDUP_CACHE_SIZE),
            batch_size=max(1, settings.getint("NEWSBOT_DEDUP_BATCH_SIZE", defaults.NEWSBOT_DEDUP_BATCH_SIZE)),
            batch_wait=max(
                0.0, settings.getfloat("NEWSBOT_DEDUP_BATCH_WAIT", defaults.NEWSBOT_DEDUP_BATCH_WAIT)
            ),
        )
