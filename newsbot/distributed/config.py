"""Distributed-mode settings, read from Scrapy settings (which read the environment)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from scrapy.settings import BaseSettings

from newsbot import settings as defaults

_PREFIX = re.compile(r"^[A-Za-z0-9_.:-]+$")
_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<userinfo>[^@/]+)@")
_PASSWORD_PARAMETER = re.compile(r"(?i)(?P<key>[?&]password=)(?P<value>[^&]*)")


def mask_redis_url(url: str) -> str:
    """``redis://user:secret@host:6379/0`` -> ``redis://***@host:6379/0`` (``?password=`` hidden too)."""
    masked = _USERINFO.sub(lambda m: f"{m.group('scheme')}***@", url)
    return _PASSWORD_PARAMETER.sub(lambda m: f"{m.group('key')}***", masked)


@dataclass(frozen=True)
class DistributedConfig:
    redis_url: str
    """Empty: distributed mode is off (one process, Scrapy's own scheduler)."""
    prefix: str
    """Start of every Redis key, so several crawls (or test runs) can share one Redis."""
    idle_close: float
    """Seconds the shared queue must stay empty with every worker idle before the workers close."""
    heartbeat: float
    """Seconds between a worker's state reports (and checks of the shared queue)."""
    worker_timeout: float
    """A worker silent this long is considered gone (killed) and no longer awaited."""

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> DistributedConfig:
        config = cls(
            redis_url=(settings.get("NEWSBOT_REDIS_URL") or defaults.NEWSBOT_REDIS_URL).strip(),
            prefix=settings.get("NEWSBOT_REDIS_PREFIX") or defaults.NEWSBOT_REDIS_PREFIX,
            idle_close=settings.getfloat("NEWSBOT_REDIS_IDLE_CLOSE", defaults.NEWSBOT_REDIS_IDLE_CLOSE),
            heartbeat=settings.getfloat("NEWSBOT_REDIS_HEARTBEAT", defaults.NEWSBOT_REDIS_HEARTBEAT),
            worker_timeout=settings.getfloat(
                "NEWSBOT_REDIS_WORKER_TIMEOUT", defaults.NEWSBOT_REDIS_WORKER_TIMEOUT
            ),
        )
        config.validate()
        return config

    def validate(self) -> None:
        if not _PREFIX.match(self.prefix):
            raise ValueError(
                f"NEWSBOT_REDIS_PREFIX may hold letters, digits and _.:- only, got {self.prefix!r}"
            )
        if self.redis_url and not self.redis_url.startswith(("redis://", "rediss://", "unix://")):
            shown = mask_redis_url(self.redis_url)
            raise ValueError(f"NEWSBOT_REDIS_URL must be a redis://, rediss:// or unix:// URL, got {shown!r}")
        if self.heartbeat <= 0 or self.idle_close < 0:
            raise ValueError(
                "NEWSBOT_REDIS_HEARTBEAT must be positive and NEWSBOT_REDIS_IDLE_CLOSE not negative"
            )
        if self.worker_timeout <= 2 * self.heartbeat:
            raise ValueError("NEWSBOT_REDIS_WORKER_TIMEOUT must exceed twice NEWSBOT_REDIS_HEARTBEAT")

    @property
    def enabled(self) -> bool:
        return bool(self.redis_url)

    def key(self, spider: str, name: str) -> str:
        """``<prefix>:<spider>:<name>``; ``spider`` may be the ``%(spider)s`` placeholder."""
        return f"{self.prefix}:{spider}:{name}"
