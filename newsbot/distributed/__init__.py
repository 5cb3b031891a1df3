"""Distributed crawling: N worker processes share one Redis frontier and dupefilter (scrapy-redis).

Turned on by ``NEWSBOT_REDIS_URL`` through the :class:`~newsbot.distributed.addon.DistributedMode`
add-on; :mod:`~newsbot.distributed.coordinator` closes the workers once the crawl is drained.
"""

from newsbot.distributed.addon import DistributedMode
from newsbot.distributed.config import DistributedConfig, mask_redis_url

__all__ = ["DistributedConfig", "DistributedMode", "mask_redis_url"]
