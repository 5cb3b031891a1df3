"""An unreachable Redis stops a worker at once, with a clear message and no credential in the log."""

from __future__ import annotations

import pytest

from newsbot.storage.embedded import free_port
from tests.support.crawl import run_crawl

pytestmark = pytest.mark.integration


def test_an_unreachable_redis_stops_the_worker_clearly(mongo_uri, mongo_db_name) -> None:
    url = f"redis://:s3cret-pw@127.0.0.1:{free_port()}/0"  # nothing listens there
    result = run_crawl(
        "news",
        mongo_uri=mongo_uri,
        database=mongo_db_name,
        args={"urls": "http://127.0.0.1:9/article"},
        env={"NEWSBOT_REDIS_URL": url},
        timeout=120,
    )
    assert result.returncode != 0
    assert "is unreachable" in result.log and "start it or fix NEWSBOT_REDIS_URL" in result.log
    assert "redis://***@127.0.0.1" in result.log
    assert "s3cret-pw" not in result.log
