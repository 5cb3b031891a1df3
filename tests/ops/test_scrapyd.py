"""scrapyd end to end: deploy the egg with scrapyd-deploy, schedule outlet spiders against local mirrors,
follow the jobs, check MongoDB and the job logs. scrapyd runs with impostor ``spiders``/``pipelines``
packages on its PYTHONPATH and its settings in its environment (see ``conftest.scrapyd``)."""

from __future__ import annotations

import urllib.request
import uuid

import pytest

from tests.support.cli import run_newsbot
from tests.support.scrapyd import fast_env, figaro_feeds, rfi_feeds, wait_for_job

pytestmark = pytest.mark.integration

OUTLETS = ["20minutes", "france24", "franceinfo", "lefigaro", "lemonde", "liberation", "ouestfrance", "rfi"]


def test_deployed_egg_lists_our_spiders(scrapyd, deployed) -> None:
    spiders = scrapyd.client.list_spiders("newsbot")
    assert set(OUTLETS) <= set(spiders)
    assert "impostor" not in spiders
    versions = scrapyd.client.call("listversions.json", query={"project": "newsbot"})["versions"]
    assert deployed in versions


def test_schedule_json_runs_rfi_from_the_egg(scrapyd, deployed, rfi_site, mongo_client) -> None:
    job = scrapyd.client.schedule("newsbot", "rfi", args={"feeds": rfi_feeds(rfi_site)})
    finished = wait_for_job(scrapyd, "newsbot", job)

    with urllib.request.urlopen(scrapyd.url + finished["log_url"], timeout=30) as response:
        log = response.read().decode("utf-8", errors="replace")
    assert "Run summary: rfi finished" in log and "health ok" in log, log[-3000:]
    assert "'newsbot/stored/inserted': 3" in log, "the job's stats are dumped in its log"
    assert "Traceback" not in log

    db = mongo_client[scrapyd.database]  # MONGO_DATABASE from scrapyd's environment
    urls = sorted(doc["url"] for doc in db.articles.find())
    assert len(urls) == 3 and all(url.startswith(rfi_site.base_url + "/fr/") for url in urls)
    run = db.runs.find_one({"job": job})
    assert run is not None, "the run document carries the scrapyd job id"
    assert run["spider"] == "rfi" and run["health"]["status"] == "ok"
    assert run["code"].endswith(f"{deployed}.egg"), f"ran {run['code']}, not the deployed egg"
    assert run["dropped"] == {"not_french": 1, "duplicate_url": 1, "duplicate_content": 1}


def test_newsbot_schedule_all_follows_jobs_and_reports_health(
    scrapyd, deployed, rfi_site, figaro_site, mongo_uri, mongo_client
) -> None:
    """The scrapyd variant of the schedule: every outlet as a job; france24's feed holds only an English
    article, so its run fails its health checks and the command exits 3."""
    database = f"sched_{uuid.uuid4().hex[:10]}"
    feeds = {name: rfi_site.url("/empty.xml") for name in OUTLETS}
    feeds |= {
        "rfi": rfi_feeds(rfi_site),
        "lefigaro": figaro_feeds(figaro_site),
        "france24": rfi_site.url("/english.xml"),
    }
    command = [
        "schedule",
        "--all",
        "--url",
        scrapyd.url,
        "--wait",
        "--poll",
        "0.3",
    ]
    command += ["--timeout", "300", "--concurrency", "2", "-s", f"MONGO_DATABASE={database}"]
    # rfi's job also fetches the English page: with incremental crawls on, france24's job could skip it as
    # already seen (and rightly stay healthy); this test wants france24 to fetch it and store nothing.
    command += ["-s", "NEWSBOT_INCREMENTAL=0"]
    for name, urls in feeds.items():
        command += ["--feeds", f"{name}={urls}"]
    try:
        result = run_newsbot(
            *command, env=fast_env(MONGO_URI=mongo_uri, MONGO_DATABASE=database), timeout=360
        )
        output = result.stdout + result.stderr
        assert result.returncode == 3, output[-3000:]
        lines = {
            line.split(":", 1)[0]: line
            for line in result.stdout.splitlines()
            if " job " in line and "health" in line
        }
        assert sorted(lines) == OUTLETS, result.stdout
        assert "health failed (items_stored)" in lines["france24"]
        assert "exitstatus=3" in scrapyd.output(), "the job process itself exits 3 (newsbot's crawl command)"
        assert all("health ok" in lines[name] for name in OUTLETS if name != "france24"), result.stdout

        db = mongo_client[database]
        runs = list(db.runs.find())
        assert sorted(run["spider"] for run in runs) == OUTLETS
        assert len({run["job"] for run in runs}) == len(OUTLETS)
        assert {run["concurrency"] for run in runs} == {2}
        assert db.articles.count_documents({"source": "rfi"}) == 3
        assert db.articles.count_documents({"source": "lefigaro"}) == 3
    finally:
        mongo_client.drop_database(database)


def test_schedule_refuses_spiders_that_are_not_deployed(scrapyd, deployed) -> None:
    result = run_newsbot("schedule", "rfi", "--url", scrapyd.url, "--project", "elsewhere", env=fast_env())
    assert result.returncode == 1
    assert "elsewhere" in result.stderr
