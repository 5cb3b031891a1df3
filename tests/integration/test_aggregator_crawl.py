"""End to end: an aggregator page crawled into MongoDB, originals followed when we crawl their outlet."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.crawl import SITES, run_crawl
from tests.support.drops import assert_drops_add_up
from tests.support.mirror import MirrorServer

pytestmark = pytest.mark.integration

PAGE = "/fr/monde/senegal-campagne-presidentielle"
RFI_SENEGAL = "/fr/afrique/20240312-senegal-la-campagne-presidentielle-s-ouvre-dans-l-incertitude"
RFI_GONE = "/fr/afrique/20240311-senegal-article-retire"


@pytest.fixture
def sites():
    with (
        MirrorServer(SITES / "rfi") as rfi,
        MirrorServer(SITES / "aggregator", substitutions={"RFI": rfi.base_url}) as aggregator,
    ):
        yield aggregator, rfi


def test_aggregator_excerpts_and_followed_originals(sites, mongo_uri, mongo_db, mongo_db_name) -> None:
    aggregator, rfi = sites
    follow = rfi.base_url.removeprefix("http://")
    result = run_crawl(
        "aggregator",
        mongo_uri=mongo_uri,
        database=mongo_db_name,
        args={"urls": aggregator.url(PAGE), "aggregator": "infofil", "follow": follow},
    )
    assert result.returncode == 0, result.log[-3000:]
    # The 404 original's excerpt comes from an errback: no handler may crash on it.
    assert "Traceback" not in result.log and "Error caught on signal handler" not in result.log
    docs = {doc["url"]: doc for doc in mongo_db.articles.find()}
    assert sorted(docs) == sorted(
        [
            "https://www.quotidien-ouest.example/monde/senegal-la-campagne-s-ouvre-4512.html",
            "https://www.journal-afrique.example/politique/observateurs-union-africaine-dakar",
            rfi.url(RFI_SENEGAL),
            rfi.url(RFI_GONE),
        ]
    )
    assert all(doc["seen_on"] == ["infofil"] for doc in docs.values())

    # Followed: the full article replaces the excerpt.
    full = docs[rfi.url(RFI_SENEGAL)]
    assert full["kind"] == "article" and full["body_truncated"] is False
    assert full["body"].startswith("La campagne officielle pour l'élection présidentielle")
    assert full["authors"] == ["Awa Ndiaye"]

    # Not crawled by us: the excerpt, marked as such, never stored as a full body.
    headline = docs["https://www.quotidien-ouest.example/monde/senegal-la-campagne-s-ouvre-4512.html"]
    assert headline["kind"] == "excerpt" and headline["body"] is None and headline["body_truncated"] is True
    # Stored text follows French typography: a no-break space before ":".
    assert headline["title"] == "Sénégal\u00a0: ouverture d'une campagne présidentielle sous tension"
    assert headline["lead"].startswith("La campagne pour l'élection présidentielle s'est ouverte mardi")
    assert "Source :" not in headline["lead"] and "Lire la suite" not in headline["lead"]
    assert headline["source"] == "quotidien-ouest.example"
    assert headline["published_at"] == datetime(2024, 3, 12, 10, 20, tzinfo=UTC)

    glued = docs["https://www.journal-afrique.example/politique/observateurs-union-africaine-dakar"]
    assert (
        glued["title"]
        == "Présidentielle au Sénégal\u00a0: les observateurs de l'Union africaine attendus à Dakar"
    )
    assert glued["lead"].startswith("Une mission d'une trentaine d'observateurs")

    # Followed but gone (404): the excerpt is kept, not lost.
    gone = docs[rfi.url(RFI_GONE)]
    assert gone["kind"] == "excerpt" and gone["title"] == "Sénégal: un débat télévisé entre candidats annulé"

    run = mongo_db.runs.find_one({"spider": "aggregator"})
    assert run["stored"]["inserted"] == 4 and run["dropped_total"] == 0
    assert_drops_add_up(run)
    assert run["newsbot_stats"]["newsbot/aggregator/original_unreachable"] == 1
    assert run["newsbot_stats"]["newsbot/aggregator/excerpts"] == 3
    assert run["health"]["status"] == "ok" and run["handler_errors"] == {}
