"""Operations fixtures: a real scrapyd on 127.0.0.1, the project copied out of the checkout, mirror sites,
and impostor ``spiders``/``pipelines`` packages placed ahead of ours on the Python path.

A missing program (scrapyd, scrapyd-deploy) skips the test locally and fails it when
``NEWSBOT_REQUIRE_SERVICES=1`` (CI).
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pymongo
import pytest

from newsbot.ops.scrapyd_api import ScrapydClient, ScrapydError
from newsbot.storage.embedded import free_port
from tests.support.crawl import FAST_SETTINGS, REPO_ROOT, SITES
from tests.support.mirror import MirrorServer

BIN = Path(sys.executable).parent
COPY_IGNORED = (".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache", ".ruff_cache")
COPY_IGNORED += (".newsbot", ".hypothesis", ".scrapy", "*.egg")

EMPTY_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Rien de neuf</title><link>http://127.0.0.1/</link></channel></rss>
"""
ENGLISH_RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>RFI English</title>
<item><title>Senegal presidential campaign opens amid uncertainty</title>
<link>{base}/en/africa/20240312-senegal-presidential-campaign-opens-amid-uncertainty</link></item>
</channel></rss>
"""


def require(available: bool, what: str) -> None:
    """Skip when ``what`` is missing, or fail under NEWSBOT_REQUIRE_SERVICES=1."""
    if available:
        return
    message = f"{what} is not installed (pip install -r requirements-dev.txt)"
    if os.environ.get("NEWSBOT_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)


def fast_env(**extra: str) -> dict[str, str]:
    """The test's environment with the mirror-friendly settings (no throttling) and no inherited project."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "SCRAPYD_"))}
    return {**environment, **FAST_SETTINGS, **extra}


@pytest.fixture
def rfi_site() -> Iterator[MirrorServer]:
    """The RFI mirror, plus ``/empty.xml`` (an RSS feed with no entry) and ``/english.xml`` (one English article)."""
    with MirrorServer(SITES / "rfi") as mirror:
        mirror.routes["/empty.xml"] = lambda handler: (
            200,
            {"Content-Type": "application/rss+xml"},
            EMPTY_RSS,
        )
        english = ENGLISH_RSS.format(base=mirror.base_url).encode()
        mirror.routes["/english.xml"] = lambda handler: (
            200,
            {"Content-Type": "application/rss+xml"},
            english,
        )
        yield mirror


@pytest.fixture
def figaro_site() -> Iterator[MirrorServer]:
    with MirrorServer(SITES / "lefigaro") as mirror:
        yield mirror


def rfi_feeds(site: MirrorServer) -> str:
    return f"{site.url('/fr/rss')},{site.url('/sitemaps/fr/news.xml')}"


def figaro_feeds(site: MirrorServer) -> str:
    return f"{site.url('/rss/figaro_actualites.xml')},{site.url('/sitemap_news.xml')}"


@pytest.fixture(scope="session")
def impostors(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding another distribution's top-level ``spiders`` and ``pipelines`` packages."""
    root = tmp_path_factory.mktemp("impostors")
    (root / "spiders").mkdir()
    (root / "spiders" / "__init__.py").write_text(
        "import scrapy\n\n\nclass ImpostorSpider(scrapy.Spider):\n    name = 'impostor'\n"
    )
    (root / "pipelines").mkdir()
    (root / "pipelines" / "__init__.py").write_text("IMPOSTOR = True\n")
    return root


@pytest.fixture(scope="session")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree copied out of the checkout: egg builds write build/ and *.egg-info there, not here."""
    target = tmp_path_factory.mktemp("project") / "newsbot"
    shutil.copytree(REPO_ROOT, target, ignore=shutil.ignore_patterns(*COPY_IGNORED))
    return target


@pytest.fixture(scope="session")
def scrapyd_deploy() -> Path:
    program = BIN / "scrapyd-deploy"
    require(program.exists(), "scrapyd-deploy (scrapyd-client)")
    return program


@dataclass
class Scrapyd:
    url: str
    client: ScrapydClient
    workdir: Path
    database: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def scrapyd_config(workdir: Path, port: int) -> Path:
    """``deploy/scrapyd/scrapyd.conf`` with this test's port and directories."""
    config = configparser.ConfigParser()
    config.read(REPO_ROOT / "deploy" / "scrapyd" / "scrapyd.conf")
    config["scrapyd"].update(
        {
            "http_port": str(port),
            "eggs_dir": str(workdir / "eggs"),
            "dbs_dir": str(workdir / "dbs"),
            "logs_dir": str(workdir / "logs"),
            "poll_interval": "0.2",
        }
    )
    path = workdir / "scrapyd.conf"
    with path.open("w") as handle:
        config.write(handle)
    return path


@pytest.fixture(scope="module")
def scrapyd(
    tmp_path_factory: pytest.TempPathFactory,
    mongo_uri: str,
    mongo_client: pymongo.MongoClient,
    impostors: Path,
) -> Iterator[Scrapyd]:
    """scrapyd 1.6 on a free 127.0.0.1 port, its settings in its environment (MONGO_URI, MONGO_DATABASE),
    started from a directory without scrapy.cfg, with impostor ``spiders``/``pipelines`` on its PYTHONPATH."""
    require(importlib.util.find_spec("scrapyd") is not None, "scrapyd")
    workdir = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    scrapyd_config(workdir, port)
    database = f"scrapyd_{uuid.uuid4().hex[:10]}"
    environment = fast_env(MONGO_URI=mongo_uri, MONGO_DATABASE=database, PYTHONPATH=str(impostors))
    log = workdir / "scrapyd.out"
    try:
        command = [sys.executable, "-m", "scrapyd"]
        with running_scrapyd(command, workdir, environment, port, log) as (url, client):
            yield Scrapyd(url, client, workdir, database, log)
    finally:
        mongo_client.drop_database(database)


@contextmanager
def running_scrapyd(
    command: list[str], cwd: Path, env: dict[str, str], port: int, log: Path
) -> Iterator[tuple[str, ScrapydClient]]:
    """``command`` (a scrapyd) started in its own session, its output in ``log``; yields its URL and a client
    once ``daemonstatus.json`` answers (fails with the log's end if it exits or takes over 30 s), and stops
    the whole session afterwards."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://127.0.0.1:{port}"
        client = ScrapydClient(url, timeout=60)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.call("daemonstatus.json")
                break
            except ScrapydError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"scrapyd did not start:\n{log.read_text(errors='replace')[-3000:]}")
                time.sleep(0.2)
        yield url, client
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def deployed(scrapyd: Scrapyd, project_copy: Path, scrapyd_deploy: Path) -> str:
    """The project deployed with ``scrapyd-deploy env`` (scrapy.cfg's target read from $SCRAPYD_URL)."""
    version = f"t{uuid.uuid4().hex[:8]}"
    result = subprocess.run(
        [str(scrapyd_deploy), "env", "-v", version],
        cwd=project_copy,
        env=fast_env(SCRAPYD_URL=scrapyd.url),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"status": "ok"' in result.stdout, result.stdout + result.stderr
    return version


def wait_for_job(scrapyd: Scrapyd, project: str, job: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for finished in scrapyd.client.list_jobs(project)["finished"]:
            if finished["id"] == job:
                return finished
        time.sleep(0.3)
    pytest.fail(f"job {job} did not finish in {timeout}s:\n{scrapyd.output()[-3000:]}")
