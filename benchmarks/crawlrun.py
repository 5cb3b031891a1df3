"""One benchmark crawl in this process (run by :mod:`benchmarks.crawl`, one subprocess per crawl).

    python -m benchmarks.crawlrun --spider bare|newsbot --feeds URL,URL --result out.json
        [--http-cache DIR [--cache-only]] [-s NAME=VALUE ...]

``bare``: :class:`~benchmarks.barespider.BareSpider` with Scrapy's default settings. ``newsbot``:
the generic ``news`` spider with newsbot's project settings and every item pipeline, each wrapped
by :func:`~benchmarks.probes.timed_pipeline`, and ``extract_article`` timed. Both get the same
local-benchmark settings (:data:`LOCAL_BENCH_SETTINGS`) and the :class:`CrawlProbe` extension.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object
from scrapy.utils.project import get_project_settings

from benchmarks.probes import timed_function, timed_pipeline

LOCAL_BENCH_SETTINGS: dict[str, Any] = {
    # A local server answers in microseconds: no politeness delays, more requests in flight.
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
    "ROBOTSTXT_OBEY": True,  # robots.txt is served (allows everything the crawl needs)
    "TWISTED_DNS_RESOLVER": "benchmarks.loopback.LoopbackResolver",
    "TELNETCONSOLE_ENABLED": False,
    "COOKIES_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "USER_AGENT": "newsbot-bench",
    "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
}


def bare_settings() -> Settings:
    settings = Settings()
    settings.setdict(LOCAL_BENCH_SETTINGS, priority="cmdline")
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    return settings


def newsbot_settings() -> Settings:
    settings = get_project_settings()
    settings.setdict(LOCAL_BENCH_SETTINGS, priority="cmdline")
    pipelines = settings.getdict("ITEM_PIPELINES")
    timed = {timed_pipeline(load_object(path)): order for path, order in pipelines.items()}
    settings.set("ITEM_PIPELINES", timed, priority="cmdline")
    return settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spider", choices=("bare", "newsbot"), required=True)
    parser.add_argument("--feeds", required=True)
    parser.add_argument("--result", required=True)
    parser.add_argument("--http-cache", help="HTTPCACHE_DIR: store (or replay) responses there")
    parser.add_argument(
        "--cache-only", action="store_true", help="replay: never download (cache misses ignored)"
    )
    parser.add_argument("-s", dest="overrides", action="append", default=[], metavar="NAME=VALUE")
    options = parser.parse_args(argv)

    settings = bare_settings() if options.spider == "bare" else newsbot_settings()
    extensions = settings.getdict("EXTENSIONS")
    extensions["benchmarks.probes.CrawlProbe"] = 900
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    settings.set("BENCH_RESULT_FILE", options.result, priority="cmdline")
    if options.http_cache:
        settings.setdict(
            {
                "HTTPCACHE_ENABLED": True,
                "HTTPCACHE_DIR": os.path.abspath(options.http_cache),
                "HTTPCACHE_EXPIRATION_SECS": 0,
                "HTTPCACHE_IGNORE_MISSING": options.cache_only,
            },
            priority="cmdline",
        )
    for override in options.overrides:
        name, _, value = override.partition("=")
        settings.set(name, value, priority="cmdline")

    if options.spider == "bare":
        from benchmarks.barespider import BareSpider

        spider: Any = BareSpider
    else:
        import spiders.base
        from spiders.news import GenericNewsSpider

        spiders.base.extract_article = timed_function(spiders.base.extract_article, "extract_article")
        spider = GenericNewsSpider
    process = CrawlerProcess(settings)
    process.crawl(spider, feeds=options.feeds)
    process.start()


if __name__ == "__main__":
    main()
