"""Fixtures of the distributed and incremental crawl tests: a real Redis and per-test key prefixes.

Redis is Debian's ``redis-server``, started once per session on a free 127.0.0.1 port. Where it is
not installed the tests that need it are skipped, unless ``NEWSBOT_REQUIRE_SERVICES=1`` (CI), which
turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis

from tests.support.redis_server import LocalRedis, RedisUnavailable, start_redis


def services_required() -> bool:
    return os.environ.get("NEWSBOT_REQUIRE_SERVICES", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRedis]:
    try:
        server = start_redis(tmp_path_factory.mktemp("redis"))
    except RedisUnavailable as exc:
        if services_required():
            pytest.fail(f"NEWSBOT_REQUIRE_SERVICES=1 but Redis cannot run: {exc}")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_client(redis_server: LocalRedis) -> Iterator[redis.Redis]:
    client = redis_server.client()
    yield client
    client.close()


@pytest.fixture
def redis_prefix(redis_client: redis.Redis) -> Iterator[str]:
    """A key prefix of one test; its keys are deleted afterwards."""
    prefix = f"t{uuid.uuid4().hex[:10]}"
    yield prefix
    keys = list(redis_client.scan_iter(f"{prefix}:*"))
    if keys:
        redis_client.delete(*keys)
