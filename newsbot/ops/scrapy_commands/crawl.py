"""``scrapy crawl``, plus an exit code for the run's health (:data:`newsbot.ops.health.EXIT_UNHEALTHY`).

Scrapy's own ``crawl`` exits 0 whatever the spider achieved. This one reads the verdict the run
report left in the crawl stats, so cron, scrapyd and CI notice a run that fetched nothing useful.

Ordinary mistakes (an unknown spider, a bad ``-a`` value, a malformed setting such as ``MONGO_URI``)
are found before the crawl starts and reported in one line with exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newsbot.ops.health import exit_code
from newsbot.ops.run_report import health_status
from newsbot.ops.scrapy_project import UsageProblem, check_settings, check_spider_arguments, spider_class

logger = logging.getLogger(__name__)

EXIT_USAGE = 2


def start_failure(task: asyncio.Future[None]) -> BaseException | None:
    """Why a crawl could not start, retrieved from its task (else asyncio prints the traceback)."""
    if task.cancelled():
        return None
    return task.exception()


def report_start_failure(error: BaseException) -> int:
    """One line for a crawl that could not start; the exit code: 2 for a setting a component refused
    (``ValueError``: a usage error, like the ones checked before starting), else 1."""
    if isinstance(error, ValueError):
        print(f"scrapy crawl: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    logger.error("The crawl could not start: %s: %s", type(error).__name__, error)
    return 1


class Command(ScrapyCrawlCommand):
    def short_desc(self) -> str:
        return "Run a spider of the current project; exit 3 when the run fails its health checks"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process and self.settings is not None
        try:
            spidercls = spider_class(self.crawler_process.spider_loader, args[0])
            check_settings(self.settings)  # first: spiders read some settings (the time zone) as they start
            check_spider_arguments(spidercls, opts.spargs)
        except UsageProblem as problem:
            print(f"scrapy crawl: error: {problem}", file=sys.stderr)
            self.exitcode = EXIT_USAGE
            return
        crawler = self._create_crawler(spidercls)
        started = self.crawler_process.crawl(crawler, **opts.spargs)
        failures: list[BaseException] = []
        if isinstance(started, asyncio.Future):
            started.add_done_callback(lambda task: failures.extend(filter(None, [start_failure(task)])))
        self.crawler_process.start()
        if failures:
            self.exitcode = report_start_failure(failures[0])
        elif self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        else:
            self.exitcode = exit_code([health_status(crawler.stats.get_stats())])
