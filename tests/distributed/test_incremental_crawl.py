"""Incremental crawls against local mirrors: stored, unchanged articles are not fetched again.

Real ``scrapy crawl`` processes, a real MongoDB-wire server and the mirror's request counters.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from tests.support.crawl import SITES, run_crawl
from tests.support.mirror import MirrorServer
from tests.support.synthetic_site import SITEMAP_INDEX, generate_site

pytestmark = pytest.mark.integration

RFI_FEEDS = ("/fr/rss", "/sitemaps/fr/news.xml")


def crawl(spider: str, feeds: str, mongo_uri: str, database: str, **settings: str) -> dict:
    result = run_crawl(
        spider, mongo_uri=mongo_uri, database=database, args={"feeds": feeds}, settings=settings
    )
    assert result.returncode == 0, result.log[-3000:]
    return result


def last_stats(db, spider: str) -> dict:
    return db.runs.find_one({"spider": spider}, sort=[("finished_at", -1)])["newsbot_stats"]


def test_second_crawl_of_an_unchanged_mirror_fetches_only_feeds(mongo_uri, mongo_db, mongo_db_name) -> None:
    with MirrorServer(SITES / "rfi") as site:
        feeds = ",".join(site.url(path) for path in RFI_FEEDS)
        crawl("rfi", feeds, mongo_uri, mongo_db_name)
        first_pages = {path for path in site.hits if path not in {"/robots.txt", *RFI_FEEDS}}
        stored = {doc["url"]: doc["last_seen_at"] for doc in mongo_db.articles.find()}
        site.hits.clear()

        crawl("rfi", feeds, mongo_uri, mongo_db_name)

        # The first crawl fetched articles, including pages it dropped (English, duplicate text).
        assert len(first_pages) == 5
        assert dict(site.hits) == {"/robots.txt": 1, "/fr/rss": 1, "/sitemaps/fr/news.xml": 1}
    stats = last_stats(mongo_db, "rfi")
    assert stats["newsbot/incremental/skipped_unchanged"] == 6  # 3 RSS items + 3 sitemap entries
    assert "newsbot/incremental/scheduled/new" not in stats
    assert {doc["url"]: doc["last_seen_at"] for doc in mongo_db.articles.find()} == stored
    # Pages fetched but not stored are remembered: the English one, and whichever SNCF copy came second.
    outcomes = {doc["url"].split("/", 3)[3]: doc["outcome"] for doc in mongo_db.seen_urls.find()}
    english = "en/africa/20240312-senegal-presidential-campaign-opens-amid-uncertainty"
    assert outcomes.pop(english) == "not_french"
    assert list(outcomes.values()) == ["duplicate_content"]
    assert next(iter(outcomes)) in {
        "fr/europe/20240313-transports-greve-des-controleurs-jeudi",
        "fr/france/20240313-greve-a-la-sncf-le-trafic-fortement-perturbe-jeudi",
    }


def test_changed_entries_and_the_recheck_age_bring_pages_back(
    tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    site = generate_site(tmp_path / "site", 30, sitemap_size=15)
    with MirrorServer(site.root) as mirror:
        feeds = mirror.url(SITEMAP_INDEX)
        crawl("news", feeds, mongo_uri, mongo_db_name)
        assert mongo_db.articles.count_documents({}) == 30

        # A newsroom edits three articles; the sitemap announces two of the edits.
        changed, silent = [3, 7], 11
        site.rewrite(changed, announced_at=datetime.now(UTC))  # after the first crawl's fetches
        site.rewrite([silent])
        mirror.hits.clear()
        crawl("news", feeds, mongo_uri, mongo_db_name)
        fetched = {path for path in mirror.hits if path in set(site.paths())}
        assert fetched == {site.articles[n].path for n in changed}
        stats = last_stats(mongo_db, "news")
        assert stats["newsbot/incremental/scheduled/changed"] == 2
        assert stats["newsbot/incremental/skipped_unchanged"] == 28
        revisions = {doc["url"].split("/", 3)[3]: doc["revision"] for doc in mongo_db.articles.find()}
        path_of = {n: site.articles[n].path.lstrip("/") for n in range(30)}
        assert [revisions[path_of[n]] for n in changed] == [2, 2]
        assert revisions[path_of[silent]] == 1, "an unannounced edit waits for the re-check age"

        # Past the re-check age every stored page is fetched again, and the silent edit lands.
        time.sleep(0.5)
        mirror.hits.clear()
        crawl("news", feeds, mongo_uri, mongo_db_name, NEWSBOT_RECHECK_HOURS="0.0001")
        assert all(mirror.hits[path] == 1 for path in site.paths())
        assert last_stats(mongo_db, "news")["newsbot/incremental/scheduled/recheck"] == 30
        assert mongo_db.articles.find_one({"url": mirror.url(path_of[silent])})["revision"] == 2
