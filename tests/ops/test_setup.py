"""``newsbot setup scrapyd|cron`` and ``newsbot deploy``: the recipes of docs/operations.md on a fresh machine,
written under a prefix (a temporary folder here), run against a real scrapyd on a free port."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from newsbot.ops.cli import build_parser, load_commands
from newsbot.storage.embedded import free_port, port_open
from tests.support.cli import run_newsbot
from tests.support.crawl import FAST_SETTINGS, REPO_ROOT
from tests.support.scrapyd import fast_env, require, rfi_feeds, running_scrapyd

pytestmark = pytest.mark.integration


def newsbot(
    *args: str, cwd: Path = REPO_ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return run_newsbot(*args, cwd=cwd, env=env or fast_env(), timeout=180)


def test_setup_scrapyd_writes_a_working_scrapyd_and_deploy_honours_scrapyd_url(
    tmp_path, project_copy, scrapyd_deploy, rfi_site, mongo_uri, mongo_client
) -> None:
    require((Path(sys.executable).parent / "scrapyd").exists(), "scrapyd")
    prefix = tmp_path / "prefix"
    port = free_port()
    written = newsbot("setup", "scrapyd", "--prefix", str(prefix), "--port", str(port))
    assert written.returncode == 0, written.stderr
    env_file, conf, script = (
        prefix / "newsbot.env",
        prefix / "scrapyd" / "scrapyd.conf",
        prefix / "bin" / "newsbot-scrapyd",
    )
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    text = conf.read_text()
    assert (
        f"http_port = {port}" in text and "/var/lib" not in text and str(prefix / "scrapyd" / "eggs") in text
    )
    start = script.read_text()
    assert str(Path(sys.executable).parent / "scrapyd") in start, "absolute, not a relative .venv"
    assert f". {env_file};" in start and f"cd {prefix / 'scrapyd'} " in start

    database = f"setup_{uuid.uuid4().hex[:10]}"
    with env_file.open("a") as handle:  # what the user does: put the settings in the env file
        handle.write(f"MONGO_URI={mongo_uri}\nMONGO_DATABASE={database}\n")
        handle.writelines(f"{name}={value}\n" for name, value in FAST_SETTINGS.items())
    environment = {
        k: v for k, v in fast_env().items() if k not in FAST_SETTINGS and not k.startswith("MONGO_")
    }
    log = tmp_path / "scrapyd.out"
    try:
        with running_scrapyd([str(script)], tmp_path, environment, port, log) as (url, client):
            version = f"s{uuid.uuid4().hex[:8]}"
            deployed = newsbot(
                "deploy", "env", "-v", version, cwd=project_copy, env=fast_env(SCRAPYD_URL=url + "/")
            )
            assert deployed.returncode == 0 and '"status": "ok"' in deployed.stdout, (
                deployed.stdout + deployed.stderr
            )
            job = client.schedule("newsbot", "rfi", args={"feeds": rfi_feeds(rfi_site)})
            deadline = time.monotonic() + 150
            while job not in {run["id"] for run in client.list_jobs("newsbot")["finished"]}:
                assert time.monotonic() < deadline, f"job {job} did not finish"
                time.sleep(0.3)
            stored = mongo_client[database].articles.count_documents({"source": "rfi"})
            assert stored == 3, "the job read MONGO_URI and MONGO_DATABASE from the env file"
    finally:
        mongo_client.drop_database(database)


def test_deploy_without_scrapyd_url_uses_the_documented_default(project_copy, scrapyd_deploy) -> None:
    if port_open("127.0.0.1", 6800):
        pytest.skip("something listens on 127.0.0.1:6800; not deploying to it")
    environment = {k: v for k, v in fast_env().items() if k != "SCRAPYD_URL"}
    result = newsbot("deploy", cwd=project_copy, env=environment)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "nothing listens on the default address"
    assert "127.0.0.1:6800" in output, output
    assert "Invalid URL" not in output


def test_setup_cron_writes_a_crontab_with_absolute_paths(tmp_path) -> None:
    prefix = tmp_path / "prefix"
    result = newsbot("setup", "cron", "--prefix", str(prefix))
    assert result.returncode == 0, result.stderr
    crontab = (prefix / "newsbot.crontab").read_text()
    variables = dict(
        line.split("=", 1) for line in crontab.splitlines() if line[:1].isupper() and "=" in line
    )
    assert variables["NEWSBOT_HOME"] == str(REPO_ROOT)
    assert variables["NEWSBOT_PYTHON"] == sys.executable
    assert variables["NEWSBOT_ENV_FILE"] == str(prefix / "newsbot.env") and (prefix / "newsbot.env").is_file()
    entries = [line.split()[5:] for line in crontab.splitlines() if line[:1].isdigit()]
    assert len(entries) == 1
    wrapper = Path(entries[0][0])
    assert wrapper == REPO_ROOT / "deploy" / "cron" / "newsbot-cron" and os.access(wrapper, os.X_OK)
    args = build_parser(load_commands()).parse_args(shlex.split(" ".join(entries[0][1:])))
    assert args.command == "crawl" and args.all


def test_setup_scrapyd_refuses_a_prefix_inside_the_project() -> None:
    result = newsbot("setup", "scrapyd", "--prefix", str(REPO_ROOT / "build" / "scrapyd-here"))
    assert result.returncode == 2 and "scrapy.cfg" in result.stderr and "Traceback" not in result.stderr
    assert not (REPO_ROOT / "build" / "scrapyd-here").exists()
