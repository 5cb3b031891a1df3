"""Whether MongoDB answers, shared by the writer and the lookups of one crawl (a circuit breaker).

While the server is believed down, callers are told so at once instead of each waiting for a
timeout; at most one cheap ping per ``probe_interval`` checks whether it is back, and the first one
that succeeds runs the ``on_recovery`` hook (create the collection and indexes, for instance).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

import pymongo
from pymongo.collection import Collection
from pymongo.errors import ConnectionFailure, PyMongoError

logger = logging.getLogger(__name__)

PROBE_TIMEOUT = 2.0
"""Seconds one ping may take before the server counts as still down."""
MIN_ATTEMPT_SECONDS = 1.0


def is_transient(exc: BaseException) -> bool:
    """Network errors, timeouts, elections, primary step-downs: worth retrying later."""
    if isinstance(exc, ConnectionFailure):
        return True
    if isinstance(exc, PyMongoError):
        return bool(getattr(exc, "timeout", False)) or exc.has_error_label("RetryableWriteError")
    return False


def attempt_timeout(collection: Collection, remaining: float) -> float:
    """Seconds one attempt may take: the server selection timeout, within what is left of the budget.

    (Under ``pymongo.timeout`` server selection waits for the whole timeout: capping each attempt
    makes an outage surface as errors the caller retries with back-off, and logs.)
    """
    cap = collection.database.client.options.server_selection_timeout
    return max(min(remaining, cap), MIN_ATTEMPT_SECONDS)


def ping(client: pymongo.MongoClient, timeout: float = PROBE_TIMEOUT) -> None:
    """Raise unless the server answers a ``ping`` within ``timeout`` seconds."""
    with pymongo.timeout(timeout):
        client.admin.command("ping")


class Availability:
    """Up/down state of one server with rate-limited probing; thread-safe."""

    def __init__(
        self,
        probe: Callable[[], None],
        *,
        probe_interval: float = 5.0,
        available: bool = True,
        on_recovery: Callable[[], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._probe = probe
        self.probe_interval = probe_interval
        self._on_recovery = on_recovery
        self._clock = clock
        self._lock = threading.Lock()
        self._available = available
        self._next_probe = clock() if available else clock() + probe_interval
        self.outages = 0

    @property
    def available(self) -> bool:
        return self._available

    def mark_down(self, reason: object) -> None:
        """Record that the server stopped answering (the next probe waits ``probe_interval``)."""
        with self._lock:
            if self._available:
                self.outages += 1
                logger.error(
                    "MongoDB is unreachable (%s); articles go to the spill file until it answers again "
                    "(checked every %.0fs)",
                    reason,
                    self.probe_interval,
                )
            self._available = False
            self._next_probe = self._clock() + self.probe_interval

    def check(self) -> bool:
        """True when the server is believed up; while down, probe it if a probe is due."""
        if self._available:
            return True
        if self._clock() < self._next_probe or not self._lock.acquire(blocking=False):
            return False
        try:
            if self._available:
                return True
            self._next_probe = self._clock() + self.probe_interval
            try:
                self._probe()
                if self._on_recovery is not None:
                    self._on_recovery()
            except PyMongoError as exc:
                logger.debug("MongoDB still unreachable: %s", exc)
                return False
            self._available = True
            logger.warning("MongoDB answers again; writing to it resumes")
            return True
        finally:
            self._lock.release()
