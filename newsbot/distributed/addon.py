"""Scrapy add-on: ``NEWSBOT_REDIS_URL`` set turns a crawl into one worker of a shared Redis frontier.

It switches the scheduler to :class:`~newsbot.distributed.scheduler.SharedScheduler` (scrapy-redis's
priority queue and dupefilter, persisted: ``SCHEDULER_PERSIST=True``) and installs
:class:`~newsbot.distributed.coordinator.WorkerCoordinator`. With the URL empty it changes nothing.
Settings given on the command line (``-s``) still win over the add-on's.
"""

from __future__ import annotations

from scrapy.settings import Settings

from newsbot.distributed.config import DistributedConfig
from newsbot.distributed.coordinator import WorkerCoordinator

ADDON_PRIORITY = "addon"


class DistributedMode:
    """Registered in ``ADDONS``; reads the final settings (project, environment, ``-s``)."""

    def update_settings(self, settings: Settings) -> None:
        config = DistributedConfig.from_settings(settings)
        if not config.enabled:
            return
        values = {
            "SCHEDULER": "newsbot.distributed.scheduler.SharedScheduler",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_IDLE_BEFORE_CLOSE": 0,  # a blocking pop would freeze the reactor
            "SCHEDULER_QUEUE_KEY": config.key("%(spider)s", "requests"),
            "SCHEDULER_DUPEFILTER_KEY": config.key("%(spider)s", "dupefilter"),
            "REDIS_URL": config.redis_url,
        }
        for name, value in values.items():
            settings.set(name, value, priority=ADDON_PRIORITY)
        settings.set_in_component_priority_dict("EXTENSIONS", WorkerCoordinator, 600)
