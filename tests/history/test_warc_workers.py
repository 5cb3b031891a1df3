"""Several workers on the same files: each file read by exactly one; and live crawls recorded as WARC."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.crawl import FAST_SETTINGS, REPO_ROOT, SITES, run_crawl
from tests.support.mirror import MirrorServer
from tests.support.pages import article_page
from tests.support.warcs import Rec, write_warc

pytestmark = pytest.mark.integration

URL = "https://www.journal-des-communes.test/actualites/f{}-{}"


def test_two_workers_share_files_without_reading_a_record_twice(
    tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    for f in range(6):
        records = [
            Rec(URL.format(f, k), article_page("Titre", "2024-03-15", 100 * f + k).encode()) for k in range(4)
        ]
        write_warc(tmp_path / f"part-{f}.warc.gz", records)
    command = [sys.executable, "-m", "scrapy", "crawl", "warc", "-a", f"paths={tmp_path}/*.warc.gz"]
    for key, value in FAST_SETTINGS.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": mongo_db_name}
    workers = [
        subprocess.Popen(
            command, cwd=REPO_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    logs = [worker.communicate(timeout=180)[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], logs
    runs = list(mongo_db.runs.find({"spider": "warc"}))
    assert len(runs) == 2
    records = sum(run["newsbot_stats"].get("newsbot/warc/records", 0) for run in runs)
    assert records == 6 * 5  # warcinfo + 4 responses per file, each read once in all
    assert sum(run["newsbot_stats"].get("newsbot/stored/inserted", 0) for run in runs) == 24
    files = list(mongo_db.warc_files.find())
    assert len(files) == 6 and all(doc["state"] == "done" and doc["runs"] == 1 for doc in files)
    done = [run["newsbot_stats"].get("newsbot/warc/files/done", 0) for run in runs]
    held_or_done = [
        run["newsbot_stats"].get("newsbot/warc/files/skipped/held", 0)
        + run["newsbot_stats"].get("newsbot/warc/files/skipped/done", 0)
        for run in runs
    ]
    assert sum(done) == 6 and [d + s for d, s in zip(done, held_or_done, strict=True)] == [6, 6]


def test_live_crawl_recorded_then_re_extracted_gives_a_revision_only_when_changed(
    tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    folder = tmp_path / "warcs"
    with MirrorServer(SITES / "rfi") as site:
        feeds = f"{site.url('/fr/rss')},{site.url('/sitemaps/fr/news.xml')}"
        result = run_crawl(
            "rfi",
            mongo_uri=mongo_uri,
            database=mongo_db_name,
            args={"feeds": feeds},
            env={"NEWSBOT_WARC_DIR": str(folder)},
        )
    assert result.returncode == 0, result.log[-3000:]
    recorded = sorted(folder.glob("newsbot-rfi-*.warc.gz"))
    assert len(recorded) == 1 and not list(folder.glob("*.open"))
    before = {doc["url"]: doc for doc in mongo_db.articles.find()}
    assert len(before) == 3

    result = run_crawl("warc", mongo_uri=mongo_uri, database=mongo_db_name, args={"paths": str(recorded[0])})
    assert result.returncode == 0, result.log[-3000:]
    stats = mongo_db.runs.find_one({"spider": "warc"})["newsbot_stats"]
    assert stats.get("newsbot/stored/inserted", 0) == 0 and stats.get("newsbot/stored/updated", 0) == 0
    assert {doc["url"]: doc["revision"] for doc in mongo_db.articles.find()} == dict.fromkeys(before, 1)

    # The same pages with one article's text changed (as an improved extractor would find): revision 2 for it only.
    from warcio.archiveiterator import ArchiveIterator

    changed_url = next(url for url in before if "senegal" in url)
    rewritten = []
    with open(recorded[0], "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            if "senegal" in url:  # the article, under every URL the crawl fetched it by
                body = body.replace(b"Nous voulons simplement choisir", b"Nous voulons seulement choisir")
            rewritten.append(Rec(url, body, date="2030-01-01T00:00:00Z"))
    second = write_warc(tmp_path / "second.warc.gz", rewritten)
    result = run_crawl("warc", mongo_uri=mongo_uri, database=mongo_db_name, args={"paths": str(second)})
    assert result.returncode == 0, result.log[-3000:]
    revisions = {doc["url"]: doc["revision"] for doc in mongo_db.articles.find()}
    assert revisions[changed_url] == 2, result.log[-6000:]
    assert all(revision == 1 for url, revision in revisions.items() if url != changed_url)
