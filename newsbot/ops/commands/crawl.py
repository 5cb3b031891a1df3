"""``newsbot crawl --all | SPIDER…``: every outlet spider in one process, each with its own concurrency.

Exit code: 0 when every run passed its health checks, 3 when one failed them, 1 when a spider could
not run at all. This is the command the cron recipe (``deploy/cron``) runs.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Mapping
from functools import partial
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess, Crawler
from scrapy.settings import Settings

from newsbot.ops.crawl_plan import PlanError, SpiderRun, add_plan_options, parse_assignments
from newsbot.ops.health import EXIT_UNHEALTHY, FAILED
from newsbot.ops.run_report import health_status, stored_total
from newsbot.ops.scrapy_project import (
    check_settings,
    check_spider_arguments,
    planned_runs,
    project_settings,
    spider_classes,
)
from newsbot.storage.config import MongoConfig

NAME = "crawl"
HELP = "run every outlet spider (--all) or the named ones in one process; exit 3 on failed health checks"


def configure(parser: argparse.ArgumentParser) -> None:
    add_plan_options(parser)


def run_in_one_process(
    settings: Settings, runs: list[SpiderRun], failures: dict[str, BaseException] | None = None
) -> dict[str, Crawler]:
    """Start every run in one AsyncCrawlerProcess and wait for all of them; a run that could not
    start leaves its exception in ``failures`` (retrieved, so asyncio prints no traceback)."""
    # Scrapy installs its own log handler (LOG_LEVEL, LOG_FILE): drop the CLI's to avoid doubled lines.
    for handler in list(logging.root.handlers):
        logging.root.removeHandler(handler)
    process = AsyncCrawlerProcess(settings)
    crawlers: dict[str, Crawler] = {}
    for run in runs:
        crawler_settings = settings.copy()
        crawler_settings.setdict(run.settings(), priority="cmdline")
        crawler = Crawler(process.spider_loader.load(run.name), crawler_settings)
        started = process.crawl(crawler, **run.args)
        crawlers[run.name] = crawler
        if failures is not None and isinstance(started, asyncio.Future):
            started.add_done_callback(partial(_record_failure, failures, run.name))
    process.start()
    return crawlers


def _record_failure(failures: dict[str, BaseException], name: str, task: asyncio.Future[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        failures[name] = task.exception()  # type: ignore[assignment]


def outcome(crawler: Crawler) -> dict[str, Any]:
    """What one crawler left: its health verdict (``None`` if it never closed) and counts."""
    stats: Mapping[str, Any] = crawler.stats.get_stats() if getattr(crawler, "_stats", None) else {}
    return {
        "health": health_status(stats),
        "stored": stored_total(stats),
        "dropped": stats.get("newsbot/dropped", 0),
    }


def exit_status(outcomes: Mapping[str, Mapping[str, Any]]) -> int:
    """1 when a spider never closed (it could not start), else 3 when a run failed its health checks."""
    if any(result["health"] is None for result in outcomes.values()):
        return 1
    return EXIT_UNHEALTHY if any(result["health"] == FAILED for result in outcomes.values()) else 0


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    try:
        settings = project_settings(parse_assignments(args.set, "-s"))
        runs = planned_runs(args, settings)
        check_settings(settings)
        classes = spider_classes(settings)
        for planned in runs:
            check_spider_arguments(classes[planned.name], planned.args)
    except (PlanError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failures: dict[str, BaseException] = {}
    crawlers = run_in_one_process(settings, runs, failures)
    for name, error in failures.items():  # a setting a crawl component refused: one line each
        print(f"error: {name}: {error}", file=sys.stderr)
    if failures and all(isinstance(error, ValueError) for error in failures.values()):
        return 2
    outcomes = {name: outcome(crawler) for name, crawler in crawlers.items()}
    for name, result in outcomes.items():
        health = result["health"] or "did not run (see the log)"
        print(f"{name}: health {health}; stored {result['stored']}; dropped {result['dropped']}")
    return exit_status(outcomes)
