"""Run a real ``scrapy crawl`` in a subprocess against a local mirror and a test database."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SITES = REPO_ROOT / "tests" / "fixtures" / "sites"

FAST_SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "0",
    "DOWNLOAD_DELAY": "0",
    "MONGO_FLUSH_INTERVAL": "1",
    "LOG_LEVEL": "INFO",
}


@dataclass
class CrawlResult:
    returncode: int
    log: str


def run_crawl(
    spider: str,
    *,
    mongo_uri: str,
    database: str,
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> CrawlResult:
    """``scrapy crawl spider -a k=v … -s K=V …`` from the repository root; returns exit code and log."""
    command = [sys.executable, "-m", "scrapy", "crawl", spider]
    for key, value in (args or {}).items():
        command += ["-a", f"{key}={value}"]
    for key, value in {**FAST_SETTINGS, **(settings or {})}.items():
        command += ["-s", f"{key}={value}"]
    environment = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database, **(env or {})}
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )
    return CrawlResult(completed.returncode, completed.stdout + completed.stderr)
