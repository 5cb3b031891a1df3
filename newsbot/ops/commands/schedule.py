"""``newsbot schedule --all | SPIDER…``: one scrapyd job per outlet spider, through the scrapyd API.

With ``--wait`` it follows the jobs to the end and reads their ``runs`` documents (from this
machine's ``MONGO_URI``/``MONGO_DATABASE``, which must name the database the scrapyd jobs write to),
then exits like ``newsbot crawl``: 0 healthy, 3 a run failed its health checks, 1 a job left no
run document (it crashed: see its log) or did not finish in time.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from newsbot.ops.crawl_plan import PlanError, add_plan_options, parse_assignments
from newsbot.ops.health import EXIT_UNHEALTHY, FAILED
from newsbot.ops.run_report import RUNS_COLLECTION
from newsbot.ops.scrapy_project import planned_runs, project_settings
from newsbot.ops.scrapyd_api import ScrapydClient, ScrapydError
from newsbot.storage.config import MongoConfig
from newsbot.storage.connection import connect

NAME = "schedule"
HELP = "schedule every outlet spider (--all) or the named ones on scrapyd; --wait follows them to the end"

DEFAULT_URL = "http://127.0.0.1:6800"


def configure(parser: argparse.ArgumentParser) -> None:
    add_plan_options(parser)
    parser.add_argument(
        "--url",
        default=os.environ.get("SCRAPYD_URL") or DEFAULT_URL,
        help=f"scrapyd URL, no trailing slash (default: $SCRAPYD_URL or {DEFAULT_URL}); "
        "credentials from $SCRAPYD_USERNAME/$SCRAPYD_PASSWORD",
    )
    parser.add_argument(
        "--project", default=os.environ.get("SCRAPYD_PROJECT") or "newsbot", help="scrapyd project"
    )
    parser.add_argument("--wait", action="store_true", help="wait for the jobs and report their health")
    parser.add_argument("--timeout", type=float, default=3600.0, help="seconds --wait waits (default 3600)")
    parser.add_argument("--poll", type=float, default=5.0, help="seconds between job checks (default 5)")


def wait_for_jobs(
    client: ScrapydClient,
    project: str,
    jobs: Mapping[str, str],
    *,
    timeout: float,
    poll: float,
    clock: Callable[[], float] = time.monotonic,
) -> dict[str, dict[str, Any]]:
    """Poll ``listjobs.json`` until every job id in ``jobs`` is finished; their ``finished`` entries."""
    deadline = clock() + timeout
    while True:
        finished = {job["id"]: job for job in client.list_jobs(project)["finished"] if job["id"] in jobs}
        if len(finished) == len(jobs):
            return finished
        if clock() >= deadline:
            waiting = sorted(name for job, name in jobs.items() if job not in finished)
            raise TimeoutError(f"jobs still running after {timeout:.0f}s: {', '.join(waiting)}")
        time.sleep(poll)


def read_runs(config: MongoConfig, job_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The ``runs`` documents of these scrapyd jobs, by job id."""
    connection = connect(config)
    try:
        cursor = connection.database[RUNS_COLLECTION].find({"job": {"$in": job_ids}})
        return {doc["job"]: doc for doc in cursor}
    finally:
        connection.close()


def report(
    jobs: Mapping[str, str], runs: Mapping[str, Mapping[str, Any]], finished: Mapping[str, Any]
) -> int:
    """Print one line per job; the exit code."""
    code = 0
    for job, spider in jobs.items():
        run = runs.get(job)
        log_url = finished.get(job, {}).get("log_url") or ""
        if run is None:
            print(f"{spider}: job {job} left no run document (crashed?); log {log_url}")
            code = 1
            continue
        health = (run.get("health") or {}).get("status", "unchecked")
        stored = run.get("stored", {})
        failed = ", ".join((run.get("health") or {}).get("failed", []))
        print(
            f"{spider}: job {job} {run.get('finish_reason')}, health {health}"
            f"{f' ({failed})' if failed else ''}; stored {stored.get('inserted', 0)} new, "
            f"{stored.get('updated', 0)} updated; log {log_url}"
        )
        if health == FAILED and code == 0:
            code = EXIT_UNHEALTHY
    return code


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    client = ScrapydClient(
        args.url,
        username=os.environ.get("SCRAPYD_USERNAME", ""),
        password=os.environ.get("SCRAPYD_PASSWORD", ""),
    )
    try:
        overrides = parse_assignments(args.set, "-s")
        settings = project_settings(overrides)
        runs = planned_runs(args, settings)
    except (PlanError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        deployed = set(client.list_spiders(args.project))
        missing = sorted({run.name for run in runs} - deployed)
        if missing:
            print(
                f"error: not deployed to {client.url} project {args.project}: {', '.join(missing)} "
                "(run scrapyd-deploy)",
                file=sys.stderr,
            )
            return 1
        jobs: dict[str, str] = {}
        for spider_run in runs:
            job_settings = {**spider_run.settings(), **overrides}
            job = client.schedule(args.project, spider_run.name, args=spider_run.args, settings=job_settings)
            jobs[job] = spider_run.name
            print(f"{spider_run.name}: scheduled job {job}")
        if not args.wait:
            return 0
        finished = wait_for_jobs(client, args.project, jobs, timeout=args.timeout, poll=args.poll)
    except (ScrapydError, TimeoutError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return report(jobs, read_runs(MongoConfig.from_settings(settings), list(jobs)), finished)
