"""The cron recipe (``deploy/cron``) and ``newsbot crawl --all``: every outlet in one process."""

from __future__ import annotations

import fcntl
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from newsbot.ops.cli import build_parser, load_commands
from tests.support.crawl import REPO_ROOT
from tests.support.scrapyd import fast_env, figaro_feeds, rfi_feeds

pytestmark = pytest.mark.integration

CRON_DIR = REPO_ROOT / "deploy" / "cron"
WRAPPER = CRON_DIR / "newsbot-cron"
INSTALL_DIR = "/opt/newsbot"
OUTLETS = ["20minutes", "france24", "franceinfo", "lefigaro", "lemonde", "liberation", "ouestfrance", "rfi"]


def crontab_entries(include_commented: bool = False) -> list[tuple[list[str], list[str]]]:
    """(schedule fields, command words) of each entry; commented entries are the documented variants."""
    entries = []
    for raw in (CRON_DIR / "newsbot.crontab").read_text().splitlines():
        line = raw.strip()
        if include_commented and line.startswith("# ") and line[2:3].isdigit():
            line = line[2:]
        if not line or line.startswith("#") or "=" in line.split()[0]:
            continue
        words = line.split()
        entries.append((words[:5], shlex.split(" ".join(words[5:]))))
    return entries


def test_crontab_entries_run_newsbot_commands_that_exist() -> None:
    entries = crontab_entries(include_commented=True)
    assert len(entries) == 2, "the crawl entry and its scrapyd variant"
    parser = build_parser(load_commands())
    subcommands = []
    for fields, command in entries:
        assert all(
            field.replace("*", "").replace("/", "").replace(",", "").replace("-", "").isdigit()
            or field == "*"
            for field in fields
        )
        assert command[0] == f"{INSTALL_DIR}/deploy/cron/newsbot-cron"
        args = parser.parse_args(command[1:])  # exits (fails the test) on an unknown command or option
        assert args.all
        subcommands.append(args.command)
    assert subcommands == ["crawl", "schedule"]
    assert crontab_entries()[0][1][1:] == ["crawl", "--all"], "the active entry"


def run_wrapper(
    args: list[str], tmp_path: Path, env_lines: list[str], timeout: float = 240
) -> subprocess.CompletedProcess:
    env_file = tmp_path / "newsbot.env"
    env_file.write_text("\n".join(env_lines) + "\n")
    environment = fast_env(
        NEWSBOT_PYTHON=sys.executable,
        NEWSBOT_ENV_FILE=str(env_file),
        NEWSBOT_CRON_DIR=str(tmp_path / "cron"),
        PATH="/usr/bin:/bin",  # cron's PATH
    )
    return subprocess.run(
        ["bash", str(WRAPPER), *args],
        cwd="/",
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def cron_logs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cron" / "logs").glob("*.log"))


def test_cron_entry_crawls_every_outlet_in_one_process(
    tmp_path, rfi_site, figaro_site, mongo_uri, mongo_db, mongo_db_name
) -> None:
    _, command = crontab_entries()[0]
    feeds = {name: rfi_site.url("/empty.xml") for name in OUTLETS}
    feeds |= {"rfi": rfi_feeds(rfi_site), "lefigaro": figaro_feeds(figaro_site)}
    args = (
        command[1:]
        + [f"--feeds={name}={urls}" for name, urls in feeds.items()]
        + ["--concurrency", "3,rfi=2"]
    )

    result = run_wrapper(args, tmp_path, [f"MONGO_URI={mongo_uri}", f"MONGO_DATABASE={mongo_db_name}"])

    logs = cron_logs(tmp_path)
    log = logs[0].read_text() if logs else ""
    assert result.returncode == 0, result.stdout + result.stderr + log[-3000:]
    assert result.stdout == "" and result.stderr == "", "a healthy run prints nothing, so cron mails nothing"
    assert len(logs) == 1 and log.count("Run summary: ") == len(OUTLETS)
    assert "rfi: health ok; stored 3" in log and "lefigaro: health ok; stored 3" in log

    runs = list(mongo_db.runs.find())
    assert sorted(run["spider"] for run in runs) == OUTLETS
    assert len({run["pid"] for run in runs}) == 1, "one process"
    assert {run["spider"]: run["concurrency"] for run in runs} == {
        name: 2 if name == "rfi" else 3 for name in OUTLETS
    }
    assert all(run["health"]["status"] == "ok" for run in runs)
    assert mongo_db.articles.count_documents({}) == 6


def test_cron_reports_an_unhealthy_run(tmp_path, rfi_site, mongo_uri, mongo_db_name) -> None:
    args = ["crawl", "france24", f"--feeds=france24={rfi_site.url('/english.xml')}"]
    result = run_wrapper(args, tmp_path, [f"MONGO_URI={mongo_uri}", f"MONGO_DATABASE={mongo_db_name}"])

    assert result.returncode == 3
    assert "exited 3 (3: failed health checks)" in result.stdout
    assert "Health check failed for france24: items_stored" in result.stdout
    assert str(cron_logs(tmp_path)[0]) in result.stdout


def test_cron_never_overlaps_a_running_crawl(tmp_path) -> None:
    (tmp_path / "cron").mkdir()
    with open(tmp_path / "cron" / "crawl.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = run_wrapper(["crawl", "--all"], tmp_path, [])
    assert result.returncode == 75
    assert "a previous 'crawl' run still holds" in result.stderr
    assert cron_logs(tmp_path) == []


def test_crawl_rejects_a_bad_command_line_before_crawling(tmp_path) -> None:
    """Exit 2 and a clear message (the planning rules are unit-tested in test_crawl_plan.py)."""
    result = run_wrapper(["crawl", "rfi", "--feeds=lefigaro=http://127.0.0.1:1/rss"], tmp_path, [])
    assert result.returncode == 2
    assert "error: options given for spider(s) not in this run: lefigaro" in result.stdout
