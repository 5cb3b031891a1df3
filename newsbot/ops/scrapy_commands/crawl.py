"""``scrapy crawl``, plus an exit code for the run's health (:data:`newsbot.ops.health.EXIT_UNHEALTHY`).

Scrapy's own ``crawl`` exits 0 whatever the spider achieved. This one reads the verdict the run
report left in the crawl stats, so cron, scrapyd and CI notice a run that fetched nothing useful.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newsbot.ops.health import exit_code
from newsbot.ops.run_report import health_status


class Command(ScrapyCrawlCommand):
    def short_desc(self) -> str:
        return "Run a spider of the current project; exit 3 when the run fails its health checks"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        else:
            self.exitcode = exit_code([health_status(crawler.stats.get_stats())])
