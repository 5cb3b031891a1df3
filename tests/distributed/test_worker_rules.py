"""When a shared crawl is over, and the distributed settings (pure: no Redis needed)."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from newsbot.distributed import DistributedConfig, DistributedMode, mask_redis_url
from newsbot.distributed.workers import WorkerBeat, crawl_drained, live_workers

NOW = 1_000_000.0


def drained(beats: dict[str, WorkerBeat], queue_length: int = 0) -> bool:
    return crawl_drained(beats, queue_length=queue_length, now=NOW, idle_for=10, timeout=60)


def test_drained_when_everyone_has_been_idle_long_enough_and_nothing_is_queued() -> None:
    assert drained({"a": WorkerBeat(NOW, NOW - 10), "b": WorkerBeat(NOW - 1, NOW - 30)})


def test_not_drained_while_requests_are_queued() -> None:
    assert not drained({"a": WorkerBeat(NOW, NOW - 30)}, queue_length=1)


def test_not_drained_while_a_worker_is_busy_or_idle_too_briefly() -> None:
    assert not drained({"a": WorkerBeat(NOW, NOW - 30), "b": WorkerBeat(NOW, None)})
    assert not drained({"a": WorkerBeat(NOW, NOW - 30), "b": WorkerBeat(NOW, NOW - 9)})


def test_a_silent_worker_is_not_awaited() -> None:
    killed = WorkerBeat(NOW - 61, None)
    assert drained({"a": WorkerBeat(NOW, NOW - 10), "killed": killed})
    assert live_workers({"killed": killed}, now=NOW, timeout=60) == {}
    assert not drained({"killed": killed}), "nobody alive: nobody decides"


def test_beats_round_trip_and_garbage_is_ignored() -> None:
    beat = WorkerBeat(NOW, NOW - 3.5)
    assert WorkerBeat.from_json(beat.to_json()) == beat
    assert WorkerBeat.from_json(WorkerBeat(NOW, None).to_json()) == WorkerBeat(NOW, None)
    assert WorkerBeat.from_json(b"not json") is None
    assert WorkerBeat.from_json('{"idle_since": 1}') is None


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:s3cret@redis.internal:6379/0", "redis://***@redis.internal:6379/0"),
        ("rediss://crawler:s3cret@redis.internal:6380/2", "rediss://***@redis.internal:6380/2"),
        (
            "redis://redis.internal:6379/0?password=s3cret&db=1",
            "redis://redis.internal:6379/0?password=***&db=1",
        ),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
    ],
)
def test_redis_urls_are_logged_without_credentials(url: str, shown: str) -> None:
    assert mask_redis_url(url) == shown


def test_bad_settings_are_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="NEWSBOT_REDIS_URL"):
        DistributedConfig.from_settings(Settings({"NEWSBOT_REDIS_URL": "http://user:pw@host"}))
    with pytest.raises(ValueError, match="NEWSBOT_REDIS_PREFIX"):
        DistributedConfig.from_settings(Settings({"NEWSBOT_REDIS_PREFIX": "a b%"}))
    with pytest.raises(ValueError, match="NEWSBOT_REDIS_WORKER_TIMEOUT"):
        DistributedConfig.from_settings(
            Settings({"NEWSBOT_REDIS_HEARTBEAT": "5", "NEWSBOT_REDIS_WORKER_TIMEOUT": "8"})
        )


def test_the_addon_changes_nothing_without_a_redis_url() -> None:
    settings = Settings()
    DistributedMode().update_settings(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert "newsbot.distributed.coordinator.WorkerCoordinator" not in str(settings.getdict("EXTENSIONS"))


def test_the_addon_makes_a_worker_of_a_shared_frontier() -> None:
    settings = Settings({"NEWSBOT_REDIS_URL": "redis://127.0.0.1:6379/3", "NEWSBOT_REDIS_PREFIX": "prod"})
    settings.set("SCHEDULER_PERSIST", False, priority="cmdline")  # what -s gives still wins
    DistributedMode().update_settings(settings)
    assert settings["SCHEDULER"] == "newsbot.distributed.scheduler.SharedScheduler"
    assert settings["DUPEFILTER_CLASS"] == "scrapy_redis.dupefilter.RFPDupeFilter"
    assert settings["SCHEDULER_QUEUE_KEY"] % {"spider": "rfi"} == "prod:rfi:requests"
    assert settings["SCHEDULER_DUPEFILTER_KEY"] % {"spider": "rfi"} == "prod:rfi:dupefilter"
    assert settings["REDIS_URL"] == "redis://127.0.0.1:6379/3"
    assert settings.getbool("SCHEDULER_PERSIST") is False
    assert "WorkerCoordinator" in str(settings.getdict("EXTENSIONS"))
