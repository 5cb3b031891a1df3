"""Start ``scrapy crawl`` worker processes (non-blocking), as ``tests.support.crawl.run_crawl`` does."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass

from tests.support.crawl import FAST_SETTINGS, REPO_ROOT


def crawl_command(spider: str, args: dict[str, str], settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in args.items():
        command += ["-a", f"{key}={value}"]
    for key, value in {**FAST_SETTINGS, **settings}.items():
        command += ["-s", f"{key}={value}"]
    return command


@dataclass
class Worker:
    process: subprocess.Popen
    log: str = ""

    def wait(self, timeout: float) -> int:
        try:
            out, _ = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, _ = self.process.communicate()
            self.log = out
            message = f"worker {self.process.pid} still running after {timeout}s:\n{out[-3000:]}"
            raise AssertionError(message) from None
        self.log = out
        return self.process.returncode


def start_worker(
    spider: str,
    *,
    mongo_uri: str,
    database: str,
    args: dict[str, str],
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
) -> Worker:
    environment = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, **(env or {})}
    process = subprocess.Popen(
        crawl_command(spider, args, settings or {}),
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return Worker(process)
