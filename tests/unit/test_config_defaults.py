"""Config classes take their defaults from ``newsbot.settings`` (held once there) and obey overrides."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scrapy.settings import Settings

from newsbot import settings as defaults
from newsbot.dedup.config import DedupConfig
from newsbot.distributed.config import DistributedConfig
from newsbot.incremental.config import IncrementalConfig
from newsbot.language.config import LanguageConfig
from newsbot.storage.config import MongoConfig


def test_settings_without_the_project_fall_back_on_newsbot_defaults() -> None:
    empty = Settings()
    mongo = MongoConfig.from_settings(empty)
    assert (mongo.retry_budget, mongo.batch_size, mongo.database) == (
        defaults.MONGO_RETRY_BUDGET,
        defaults.MONGO_BATCH_SIZE,
        defaults.MONGO_DATABASE,
    )
    assert IncrementalConfig.from_settings(empty).timezone == defaults.NEWSBOT_TIMEZONE
    assert DistributedConfig.from_settings(empty).idle_close == defaults.NEWSBOT_REDIS_IDLE_CLOSE
    dedup = DedupConfig.from_settings(empty)
    assert (dedup.cache_size, dedup.batch_size, dedup.batch_wait) == (
        defaults.NEWSBOT_DEDUP_CACHE_SIZE,
        defaults.NEWSBOT_DEDUP_BATCH_SIZE,
        defaults.NEWSBOT_DEDUP_BATCH_WAIT,
    )
    language = LanguageConfig.from_settings(empty)
    assert language.accepted == frozenset(defaults.NEWSBOT_LANGUAGES.split(","))
    assert language.backend


def test_overrides_win_and_bad_values_are_clamped_or_refused() -> None:
    settings = Settings(
        {
            "NEWSBOT_DEDUP_CACHE_SIZE": "10",
            "NEWSBOT_DEDUP_BATCH_SIZE": "0",
            "NEWSBOT_DEDUP_BATCH_WAIT": "-1",
            "NEWSBOT_LANGUAGES": "fr, de ,",
            "NEWSBOT_LANGUAGE_BACKEND": "lingua",
            "NEWSBOT_RECHECK_HOURS": "2",
        }
    )
    assert DedupConfig.from_settings(settings) == DedupConfig(cache_size=10, batch_size=1, batch_wait=0.0)
    assert LanguageConfig.from_settings(settings) == LanguageConfig("lingua", frozenset({"fr", "de"}))
    assert IncrementalConfig.from_settings(settings).recheck_after == timedelta(hours=2)
    with pytest.raises(ValueError, match="MONGO_RETRY_BUDGET"):
        MongoConfig.from_settings(Settings({"MONGO_RETRY_BUDGET": "-1"}))
