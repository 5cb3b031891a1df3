"""Incremental crawling: stored, unchanged articles are not fetched again (state in MongoDB).

:mod:`~newsbot.incremental.policy` decides, :mod:`~newsbot.incremental.history` reads and writes
MongoDB, :class:`~newsbot.incremental.middleware.IncrementalCrawl` is the Scrapy adapter.
"""

from newsbot.incremental.config import IncrementalConfig
from newsbot.incremental.history import FetchHistory, SeenRecord
from newsbot.incremental.middleware import IncrementalCrawl
from newsbot.incremental.policy import Decision, StoredState, announced_change, decide

__all__ = [
    "Decision",
    "FetchHistory",
    "IncrementalConfig",
    "IncrementalCrawl",
    "SeenRecord",
    "StoredState",
    "announced_change",
    "decide",
]
