"""The workers hash on a real Redis: beats, departures, silent workers forgotten."""

from __future__ import annotations

import time

import pytest
import redis

from newsbot.distributed.workers import WorkerBeat, WorkerRegistry

pytestmark = pytest.mark.integration


def test_workers_report_and_leave(redis_client: redis.Redis, redis_prefix: str) -> None:
    registry = WorkerRegistry(redis_client, f"{redis_prefix}:news:workers", timeout=5)
    now = registry.now()
    assert abs(now - time.time()) < 60, "server time, close to ours on one machine"

    registry.report("a", WorkerBeat(now, None))
    beats = registry.report("b", WorkerBeat(now, now - 2))
    assert beats == {"a": WorkerBeat(now, None), "b": WorkerBeat(now, now - 2)}
    assert 0 < redis_client.ttl(f"{redis_prefix}:news:workers") <= 50

    assert registry.leave("a") == 1
    assert registry.leave("b") == 0
    assert not redis_client.exists(f"{redis_prefix}:news:workers")


def test_a_silent_worker_is_forgotten(redis_client: redis.Redis, redis_prefix: str) -> None:
    registry = WorkerRegistry(redis_client, f"{redis_prefix}:news:workers", timeout=5)
    now = registry.now()
    registry.report("killed", WorkerBeat(now - 6, None))
    assert registry.report("alive", WorkerBeat(now, None)) == {"alive": WorkerBeat(now, None)}
    assert redis_client.hkeys(f"{redis_prefix}:news:workers") == [b"alive"]
