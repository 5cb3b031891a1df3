"""Every ordinary mistake gets one clear line, no traceback and a non-zero exit (2 for usage errors).

Each case runs the real command (``scrapy crawl``, ``newsbot``) in a subprocess from the repository
root, as a user would; the table in ``docs/failures.md`` lists the same cases.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pymongo
import pytest

from newsbot.storage.embedded import free_port
from tests.support.crawl import FAST_SETTINGS, REPO_ROOT
from tests.support.drops import assert_drops_add_up

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
SCRAPY = [str(BIN / "scrapy"), "crawl"]
NEWSBOT = [str(BIN / "newsbot")]
URI_EXPECTED = re.escape("(expected mongodb://host[:port][/database][?options] or mongodb+srv://host)")


@dataclass(frozen=True)
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    exit_code: int
    line: str
    """A regular expression the one error line must match (whole line)."""


CASES = [
    Case(
        "feeds not a URL",
        [*SCRAPY, "rfi", "-a", "feeds=not-a-url"],
        {},
        2,
        r"scrapy crawl: error: -a feeds: expected absolute http\(s\) URLs separated by commas, got 'not-a-url'",
    ),
    Case(
        "max_articles not a number",
        [*SCRAPY, "rfi", "-a", "max_articles=abc"],
        {},
        2,
        r"scrapy crawl: error: -a max_articles: expected a positive integer, got 'abc'",
    ),
    Case(
        "max_articles negative",
        [*SCRAPY, "rfi", "-a", "max_articles=-1"],
        {},
        2,
        r"scrapy crawl: error: -a max_articles: expected a positive integer, got '-1'",
    ),
    Case(
        "unknown spider",
        [*SCRAPY, "nosuchspider"],
        {},
        2,
        r"scrapy crawl: error: unknown spider 'nosuchspider' \(expected one of: 20minutes, aggregator, .*rfi, warc\)",
    ),
    Case(
        "generic spider without feeds",
        [*SCRAPY, "news"],
        {},
        2,
        r"scrapy crawl: error: the 'news' spider needs -a feeds=URL\[,URL…\] or -a urls=URL\[,URL…\]",
    ),
    Case(
        "newsbot crawl, unknown spider",
        [*NEWSBOT, "crawl", "nosuchspider"],
        {},
        2,
        r"error: unknown spider\(s\): nosuchspider \(known: .*\)",
    ),
    Case(
        "newsbot crawl, feeds not a URL",
        [*NEWSBOT, "crawl", "rfi", "--feeds", "rfi=not-a-url"],
        {},
        2,
        r"error: -a feeds: expected absolute http\(s\) URLs separated by commas, got 'not-a-url'",
    ),
    Case(
        "MONGO_URI port out of range",
        [*SCRAPY, "rfi"],
        {"MONGO_URI": "mongodb://127.0.0.1:99999"},
        2,
        r"scrapy crawl: error: MONGO_URI 'mongodb://127\.0\.0\.1:99999': Port must be an integer between 0 "
        r"and 65535 " + URI_EXPECTED,
    ),
    Case(
        "MONGO_URI without a host",
        [*SCRAPY, "rfi"],
        {"MONGO_URI": "mongodb://"},
        2,
        r"scrapy crawl: error: MONGO_URI 'mongodb://': Must provide at least one hostname or IP "
        + URI_EXPECTED,
    ),
    Case(
        "MONGO_URI with an http scheme",
        [*SCRAPY, "rfi"],
        {"MONGO_URI": "http://127.0.0.1:27017"},
        2,
        r"scrapy crawl: error: MONGO_URI: expected .*, got 'http://127\.0\.0\.1:27017'",
    ),
    Case(
        "MONGO_URI not a URI",
        [*SCRAPY, "rfi"],
        {"MONGO_URI": "not-a-uri"},
        2,
        r"scrapy crawl: error: MONGO_URI: expected .*, got 'not-a-uri'",
    ),
    Case(
        "MONGO_URI with a password and a bad port: the password is not shown",
        [*SCRAPY, "rfi"],
        {"MONGO_URI": "mongodb://reader:s3cret@127.0.0.1:70000"},
        2,
        r"scrapy crawl: error: MONGO_URI 'mongodb://\*\*\*@127\.0\.0\.1:70000': Port must be .*",
    ),
    Case(
        "newsbot stats, MONGO_URI port out of range",
        [*NEWSBOT, "stats"],
        {"MONGO_URI": "mongodb://127.0.0.1:99999"},
        2,
        r"error: MONGO_URI 'mongodb://127\.0\.0\.1:99999': Port must be .*",
    ),
    Case(
        "integer setting from the environment",
        [*SCRAPY, "rfi"],
        {"CONCURRENT_REQUESTS": "many"},
        2,
        r"error: environment variable CONCURRENT_REQUESTS: expected an integer, got 'many'",
    ),
    Case(
        "boolean setting from the environment (newsbot)",
        [*NEWSBOT, "stats"],
        {"ROBOTSTXT_OBEY": "maybe"},
        2,
        r"error: environment variable ROBOTSTXT_OBEY: expected a boolean \(1/0, true/false, yes/no, on/off\), "
        r"got 'maybe'",
    ),
    Case(
        "setting out of range",
        [*SCRAPY, "rfi"],
        {"MONGO_BATCH_SIZE": "5000"},
        2,
        r"scrapy crawl: error: MONGO_BATCH_SIZE must be between 1 and 1000, got 5000",
    ),
    Case(
        "time zone unknown",
        [*SCRAPY, "rfi"],
        {"NEWSBOT_TIMEZONE": "Mars/Olympus"},
        2,
        r"scrapy crawl: error: NEWSBOT_TIMEZONE: expected a zone name such as Europe/Paris, got 'Mars/Olympus'",
    ),
    Case(
        "setting refused by a crawl component",
        [*SCRAPY, "rfi", "-a", "feeds=http://127.0.0.1:9/rss"],
        {"NEWSBOT_RECHECK_HOURS": "-5"},
        2,
        r"scrapy crawl: error: NEWSBOT_RECHECK_HOURS must be 0 \(never\) or positive, got -5\.0",
    ),
    Case(
        "newsbot crawl, setting refused by a crawl component",
        [*NEWSBOT, "crawl", "rfi", "--feeds", "rfi=http://127.0.0.1:9/rss"],
        {"NEWSBOT_RECHECK_HOURS": "-5"},
        2,
        r"error: rfi: NEWSBOT_RECHECK_HOURS must be 0 \(never\) or positive, got -5\.0",
    ),
    Case(
        "health threshold not a share",
        [*SCRAPY, "rfi"],
        {"NEWSBOT_HEALTH_MAX_DROP_SHARE": "not_french=2"},
        2,
        r"scrapy crawl: error: max drop share: not_french=2\.0 is not a share between 0 and 1",
    ),
]


def environment(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    """The test's environment without inherited newsbot settings, data kept in ``tmp_path``."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "SCRAPYD_", "MONGO_"))}
    return {**base, **FAST_SETTINGS, "NEWSBOT_DATA_DIR": str(tmp_path / "data"), **extra}


def run(argv: list[str], env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_one_clear_line(case: Case, tmp_path: Path) -> None:
    result = run(case.argv, environment(tmp_path, case.env))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == case.exit_code, output[-3000:]
    error_lines = [line for line in output.splitlines() if re.search(r"(?i)\berror:|\bERROR\b", line)]
    assert len(error_lines) == 1, error_lines
    assert re.fullmatch(case.line, error_lines[0]), error_lines[0]
    assert not (tmp_path / "data").exists(), "nothing started for a command that cannot run"


def test_an_unreachable_server_is_waited_for_once(tmp_path: Path) -> None:
    """Nobody listens on the port: one bounded wait, one line saying so, the run judged failed (3)."""
    uri = f"mongodb://127.0.0.1:{free_port()}"
    env = environment(tmp_path, {"MONGO_URI": uri, "MONGO_SERVER_SELECTION_TIMEOUT_MS": "1500"})
    started = time.monotonic()
    result = run([*SCRAPY, "rfi", "-a", "feeds=http://127.0.0.1:1/rss"], env)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 3, output[-3000:]
    unreachable = [line for line in output.splitlines() if "is unreachable" in line]
    assert len(unreachable) == 1, unreachable
    assert (
        f"MongoDB at {uri} is unreachable" in unreachable[0] and "MONGO_SPILL_WHEN_DOWN=1" in unreachable[0]
    )
    assert "Run document not written" in output
    assert elapsed < 60, "no second server wait, no crawl"


def test_network_failures_are_one_warning_line_each(
    tmp_path: Path, mongo_uri: str, mongo_db_name: str
) -> None:
    """Refused connections for robots.txt, a feed and an article: a WARNING line each, no traceback."""
    closed = f"http://127.0.0.1:{free_port()}"
    env = environment(tmp_path, {"MONGO_URI": mongo_uri, "MONGO_DATABASE": mongo_db_name})
    argv = [
        *SCRAPY,
        "news",
        "-a",
        f"feeds={closed}/rss",
        "-a",
        f"urls={closed}/article",
        "-s",
        "RETRY_TIMES=1",
    ]
    result = run(argv, env, timeout=120)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 3, output[-3000:]  # no feed could be read: the run fails its health checks
    warnings = [line for line in output.splitlines() if "WARNING" in line and closed in line]
    assert len(warnings) == 3, warnings
    robots, feed, article = (
        next(line for line in warnings if marker in line)
        for marker in (
            "/robots.txt not fetched",
            "/rss rejected (fetch_failed)",
            "/article dropped (fetch_failed)",
        )
    )
    assert "Connection was refused" in robots and "Connection was refused" in feed and "Connection" in article
    assert not [line for line in output.splitlines() if " ERROR: " in line and closed in line]
    with pymongo.MongoClient(mongo_uri) as client:
        run_doc = client[mongo_db_name].runs.find_one({"spider": "news"})
    assert run_doc["feeds"]["rejected"] == {"fetch_failed": 1}
    assert run_doc["dropped"] == {"fetch_failed": 1}
    assert_drops_add_up(run_doc)
