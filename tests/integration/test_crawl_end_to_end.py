"""End to end: real crawls of local RFI and Le Figaro mirrors, through every pipeline, into MongoDB."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.crawl import SITES, run_crawl
from tests.support.drops import assert_drops_add_up
from tests.support.mirror import MirrorServer

pytestmark = pytest.mark.integration

SENEGAL = "/fr/afrique/20240312-senegal-la-campagne-presidentielle-s-ouvre-dans-l-incertitude"
SNCF = "/fr/france/20240313-greve-a-la-sncf-le-trafic-fortement-perturbe-jeudi"
SNCF_COPY = "/fr/europe/20240313-transports-greve-des-controleurs-jeudi"
CACAO = "/fr/economie/20240314-le-prix-du-cacao-atteint-un-record"
CHOMAGE = "/politique/reforme-de-l-assurance-chomage-le-gouvernement-presente-son-projet-20240318"
TAUX = "/economie/les-taux-immobiliers-poursuivent-leur-baisse-20240319"
GRENOUILLE = "/sciences/une-nouvelle-espece-de-grenouille-decouverte-en-guyane-20240320"


@pytest.fixture
def rfi_site():
    with MirrorServer(SITES / "rfi") as mirror:
        yield mirror


@pytest.fixture
def figaro_site():
    with MirrorServer(SITES / "lefigaro") as mirror:
        yield mirror


def crawl_rfi(site: MirrorServer, mongo_uri: str, database: str):
    feeds = f"{site.url('/fr/rss')},{site.url('/sitemaps/fr/news.xml')}"
    result = run_crawl("rfi", mongo_uri=mongo_uri, database=database, args={"feeds": feeds})
    assert result.returncode == 0, result.log[-3000:]
    return result


def last_run(db, spider: str) -> dict:
    return db.runs.find_one({"spider": spider}, sort=[("finished_at", -1)])


def test_rfi_crawl_stores_exactly_the_expected_articles(rfi_site, mongo_uri, mongo_db, mongo_db_name) -> None:
    crawl_rfi(rfi_site, mongo_uri, mongo_db_name)

    docs = {doc["url"]: doc for doc in mongo_db.articles.find()}
    # The same text is published under two URLs: whichever arrives first is stored, the other recorded on it.
    kept, other = (SNCF, SNCF_COPY) if rfi_site.url(SNCF) in docs else (SNCF_COPY, SNCF)
    assert sorted(docs) == sorted(rfi_site.url(path) for path in (SENEGAL, kept, CACAO))
    assert docs[rfi_site.url(kept)]["alternate_urls"] == [rfi_site.url(other)]

    senegal = docs[rfi_site.url(SENEGAL)]
    assert senegal["source"] == "rfi"
    assert senegal["title"] == "Sénégal: la campagne présidentielle s'ouvre dans l'incertitude"
    assert senegal["lead"].startswith("À douze jours du scrutin")
    assert senegal["body"].startswith("La campagne officielle pour l'élection présidentielle")
    assert "Nous voulons simplement choisir" in senegal["body"]
    assert "À lire aussi" not in senegal["body"] and "Partager" not in senegal["body"]
    assert "Meeting" not in senegal["body"] and "©" not in senegal["body"]
    assert senegal["body"].count("\n\n") >= 4
    assert senegal["authors"] == ["Awa Ndiaye"]
    assert senegal["section"] == "Afrique"
    assert "Sénégal" in senegal["tags"]
    assert senegal["published_at"] == datetime(2024, 3, 12, 9, 41, tzinfo=UTC)
    assert senegal["modified_at"] == datetime(2024, 3, 12, 14, 5, tzinfo=UTC)
    assert senegal["language"] == "fr"
    assert senegal["paywalled"] is False
    assert senegal["image_url"].endswith("/media/senegal-campagne.jpg")
    assert senegal["kind"] == "article"
    assert senegal["revision"] == 1 and senegal["first_seen_at"] == senegal["crawled_at"]
    assert senegal["content_hash"] and senegal["story_id"]

    cacao = docs[rfi_site.url(CACAO)]
    # Its JSON-LD and byline dates are unreadable: not invented, the day comes from the URL (Paris midnight).
    assert cacao["published_at"] == datetime(2024, 3, 13, 23, 0, tzinfo=UTC)
    assert cacao["date_source"] == "url"
    assert cacao["modified_at"] == datetime(2024, 3, 14, 8, 0, tzinfo=UTC), "sitemap lastmod"

    run = last_run(mongo_db, "rfi")
    assert run["dropped"] == {"not_french": 1, "duplicate_url": 1, "duplicate_content": 1}
    assert_drops_add_up(run)
    assert run["stored"]["inserted"] == 3
    assert rfi_site.fetched("/robots.txt") == 1


def test_lefigaro_crawl(figaro_site, mongo_uri, mongo_db, mongo_db_name) -> None:
    feeds = f"{figaro_site.url('/rss/figaro_actualites.xml')},{figaro_site.url('/sitemap_news.xml')}"
    result = run_crawl("lefigaro", mongo_uri=mongo_uri, database=mongo_db_name, args={"feeds": feeds})
    assert result.returncode == 0, result.log[-3000:]

    docs = {doc["url"]: doc for doc in mongo_db.articles.find()}
    assert sorted(docs) == sorted(figaro_site.url(p) for p in (CHOMAGE, TAUX, GRENOUILLE))

    chomage = docs[figaro_site.url(CHOMAGE)]
    assert chomage["authors"] == ["AFP"]  # the publication's own name is not an author
    assert chomage["published_at"] == datetime(2024, 3, 18, 9, 15, 32, tzinfo=UTC)
    assert chomage["modified_at"] == datetime(2024, 3, 18, 11, 40, 5, tzinfo=UTC)
    assert "LIRE AUSSI" not in chomage["body"].upper()
    assert "Publicité" not in chomage["body"] and "newsletter" not in chomage["body"]
    assert "Commentaires" not in chomage["body"] and "vie privée" not in chomage["body"]
    assert "Une concertation avant l’été" in chomage["body"]
    assert chomage["paywalled"] is False

    taux = docs[figaro_site.url(TAUX)]
    assert taux["paywalled"] is True
    assert taux["lead"].startswith("Les courtiers observent")
    assert taux["body_truncated"] is True
    assert "réservé aux abonnés" not in (taux["body"] or "")

    grenouille = docs[figaro_site.url(GRENOUILLE)]
    assert grenouille["published_at"] == datetime(2024, 3, 20, 13, 32, tzinfo=UTC), "byline date, Paris time"
    assert grenouille["date_source"] == "byline"

    run = last_run(mongo_db, "lefigaro")
    assert run["dropped"] == {"duplicate_url": 1}
    assert_drops_add_up(run)


def test_recrawl_updates_instead_of_duplicating(
    rfi_site, mongo_uri, mongo_db, mongo_db_name, monkeypatch
) -> None:
    monkeypatch.setenv("NEWSBOT_INCREMENTAL", "0")  # fetch stored pages again (incremental crawls skip them)
    crawl_rfi(rfi_site, mongo_uri, mongo_db_name)
    first = {doc["url"]: doc for doc in mongo_db.articles.find()}
    crawl_rfi(rfi_site, mongo_uri, mongo_db_name)
    second = {doc["url"]: doc for doc in mongo_db.articles.find()}

    assert sorted(first) == sorted(second)
    for url, doc in second.items():
        assert doc["revision"] == 1
        assert doc["first_seen_at"] == first[url]["first_seen_at"]
        assert doc["last_seen_at"] > first[url]["last_seen_at"]
    run = last_run(mongo_db, "rfi")
    assert run["stored"]["inserted"] == 0
    assert run["newsbot_stats"]["newsbot/dedup/unchanged"] == 3
    assert_drops_add_up(run)


def test_http_errors_on_a_feed_and_an_article_are_counted(
    rfi_site, mongo_uri, mongo_db, mongo_db_name
) -> None:
    feeds = f"{rfi_site.url('/fr/rss')},{rfi_site.url('/fr/no-such-feed')}"
    missing = rfi_site.url("/fr/afrique/20240312-no-such-article")
    result = run_crawl(
        "rfi", mongo_uri=mongo_uri, database=mongo_db_name, args={"feeds": feeds, "urls": missing}
    )
    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log, result.log[-3000:]
    feed_lines = [line for line in result.log.splitlines() if "no-such-feed" in line and "WARNING" in line]
    assert len(feed_lines) == 1 and "rejected (http_error): HTTP 404" in feed_lines[0], feed_lines
    article_lines = [
        line for line in result.log.splitlines() if "no-such-article" in line and "WARNING" in line
    ]
    assert len(article_lines) == 1 and "dropped (http_error): HTTP 404" in article_lines[0], article_lines

    run = last_run(mongo_db, "rfi")
    assert run["dropped"]["http_error"] == 1
    assert run["feeds"]["rejected"] == {"http_error": 1}
    assert_drops_add_up(run)
    feeds_check = next(c for c in run["health"]["checks"] if c["name"] == "feeds_read")
    assert "http_error 1" in feeds_check["detail"], feeds_check
