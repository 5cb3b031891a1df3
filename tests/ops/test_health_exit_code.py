"""Plain ``scrapy crawl``: a run that fails its health checks logs why, records it and exits 3."""

from __future__ import annotations

import pytest

from newsbot.ops.health import EXIT_UNHEALTHY
from tests.support.crawl import run_crawl
from tests.support.scrapyd import rfi_feeds

pytestmark = pytest.mark.integration


def last_run(db, spider: str) -> dict:
    return db.runs.find_one({"spider": spider}, sort=[("finished_at", -1)])


def test_nothing_stored_from_a_feed_with_entries_exits_3(
    rfi_site, mongo_uri, mongo_db, mongo_db_name
) -> None:
    result = run_crawl(
        "rfi", mongo_uri=mongo_uri, database=mongo_db_name, args={"feeds": rfi_site.url("/english.xml")}
    )

    assert result.returncode == EXIT_UNHEALTHY, result.log[-3000:]
    assert (
        "Health check failed for rfi: items_stored: 0 stored although feeds announced 1 articles"
        in result.log
    )
    assert "health FAILED (items_stored)" in result.log
    run = last_run(mongo_db, "rfi")
    assert run["health"]["status"] == "failed"
    assert run["health"]["failed"] == ["items_stored"]
    assert run["dropped"] == {"not_french": 1}
    assert mongo_db.articles.count_documents({}) == 0


def test_drop_share_threshold_from_the_environment(rfi_site, mongo_uri, mongo_db, mongo_db_name) -> None:
    """The RFI mirror drops 1 English page of 6 items: over a 10 % not_french threshold."""
    env = {"NEWSBOT_HEALTH_MAX_DROP_SHARE": "not_french=0.1", "NEWSBOT_HEALTH_MIN_ITEMS": "1"}
    result = run_crawl(
        "rfi", mongo_uri=mongo_uri, database=mongo_db_name, args={"feeds": rfi_feeds(rfi_site)}, env=env
    )

    assert result.returncode == EXIT_UNHEALTHY, result.log[-3000:]
    assert "drop_share:not_french: 1 of 6 items dropped as not_french: 17% > 10%" in result.log
    run = last_run(mongo_db, "rfi")
    assert run["health"]["failed"] == ["drop_share:not_french"]
    assert run["stored"]["inserted"] == 3, "the articles are stored all the same"
    assert run["coverage"]["title"] == 1.0 and run["coverage"]["published_at"] == 1.0
    checks = {check["name"]: check for check in run["health"]["checks"]}
    assert checks["coverage:body"]["status"] == "ok"
    assert checks["drop_share:duplicate_url"]["status"] == "ok"


def test_a_malformed_threshold_stops_the_crawl_before_it_starts(rfi_site, mongo_uri, mongo_db_name) -> None:
    result = run_crawl(
        "rfi",
        mongo_uri=mongo_uri,
        database=mongo_db_name,
        args={"feeds": rfi_feeds(rfi_site)},
        settings={"NEWSBOT_HEALTH_MIN_COVERAGE": "body=most"},
    )
    assert result.returncode != 0
    assert "min coverage: body='most' is not a number" in result.log
    assert rfi_site.fetched("/fr/") == 0


def test_a_feed_that_moved_exits_3(rfi_site, mongo_uri, mongo_db, mongo_db_name) -> None:
    result = run_crawl(
        "rfi", mongo_uri=mongo_uri, database=mongo_db_name, args={"feeds": rfi_site.url("/fr/moved-rss")}
    )
    assert result.returncode == EXIT_UNHEALTHY, result.log[-3000:]
    run = last_run(mongo_db, "rfi")
    assert run["health"]["failed"] == ["feeds_read"]
    assert "none of the 1 feeds/sitemaps could be fetched" in result.log
