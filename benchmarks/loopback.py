"""A DNS resolver for benchmarks: every host name is 127.0.0.1.

With it, generated sites keep their real host names (``www.rfi.fr:PORT``) so the crawl picks the
outlet profiles it would use in production, while every request goes to the local web server.
Set only by the benchmark (``TWISTED_DNS_RESOLVER``), never by the project settings.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

LOOPBACK = "127.0.0.1"


class LoopbackResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> defer.Deferred[str]:
        return defer.succeed(LOOPBACK)
