"""Who is still working: each worker's heartbeat in one Redis hash, and the rule that ends a crawl.

The rule (pure): the crawl is drained when the shared queue is empty and every live worker (one
that reported within ``worker_timeout``) has been idle for at least ``idle_close`` seconds. Times
are Redis server time, so workers on machines with different clocks agree.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass

import redis


@dataclass(frozen=True)
class WorkerBeat:
    at: float
    """When the worker last reported (Redis server time, seconds)."""
    idle_since: float | None
    """Since when it has had nothing to do; ``None`` while busy."""

    def to_json(self) -> str:
        return json.dumps({"at": self.at, "idle_since": self.idle_since})

    @classmethod
    def from_json(cls, raw: str | bytes) -> WorkerBeat | None:
        try:
            data = json.loads(raw)
            idle_since = data.get("idle_since")
            return cls(float(data["at"]), None if idle_since is None else float(idle_since))
        except (ValueError, TypeError, KeyError):
            return None


def live_workers(beats: Mapping[str, WorkerBeat], *, now: float, timeout: float) -> dict[str, WorkerBeat]:
    return {worker: beat for worker, beat in beats.items() if now - beat.at <= timeout}


def crawl_drained(
    beats: Mapping[str, WorkerBeat], *, queue_length: int, now: float, idle_for: float, timeout: float
) -> bool:
    """True when nothing is queued and every live worker has been idle for ``idle_for`` seconds."""
    if queue_length > 0:
        return False
    live = live_workers(beats, now=now, timeout=timeout)
    return bool(live) and all(
        beat.idle_since is not None and now - beat.idle_since >= idle_for for beat in live.values()
    )


class WorkerRegistry:
    """The workers hash of one spider: report a beat and read everyone's, in one round trip."""

    def __init__(self, server: redis.Redis, key: str, *, timeout: float) -> None:
        self.server = server
        self.key = key
        self.timeout = timeout
        seconds, micros = server.time()
        self._offset = seconds + micros / 1e6 - time.time()

    def now(self) -> float:
        """Redis server time, estimated from the local clock and the offset measured at start."""
        return time.time() + self._offset

    def report(self, worker: str, beat: WorkerBeat) -> dict[str, WorkerBeat]:
        """Write this worker's beat, then read every worker's (forgetting those silent too long)."""
        pipe = self.server.pipeline(transaction=False)
        pipe.hset(self.key, worker, beat.to_json())
        pipe.expire(self.key, int(self.timeout * 10))
        pipe.hgetall(self.key)
        _, _, raw_beats = pipe.execute()
        now = self.now()
        beats = {}
        for name, raw in raw_beats.items():
            parsed = WorkerBeat.from_json(raw)
            if parsed is not None:
                beats[name.decode() if isinstance(name, bytes) else name] = parsed
        stale = [name for name, b in beats.items() if now - b.at > self.timeout]
        if stale:
            self.server.hdel(self.key, *stale)
        return {name: b for name, b in beats.items() if name not in stale}

    def leave(self, worker: str) -> int:
        """Remove this worker; returns how many workers remain registered."""
        pipe = self.server.pipeline(transaction=False)
        pipe.hdel(self.key, worker)
        pipe.hlen(self.key)
        return int(pipe.execute()[1])
