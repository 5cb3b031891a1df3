"""Real crawls of a hostile local site: no crash, no good article lost beside a bad one, every
rejection counted with a reason in the crawl stats and the ``runs`` document."""

from __future__ import annotations

import pytest

from tests.support.crawl import run_crawl
from tests.support.drops import assert_drops_add_up
from tests.support.hostile_site import (
    FIFTY_MB,
    XML,
    HostileSite,
    article_html,
    big_sitemap,
    gzip_bomb,
    jsonld,
    static,
)
from tests.support.mirror import MirrorServer

pytestmark = pytest.mark.integration

BOMB = 64 * 1024 * 1024  # expands past DOWNLOAD_MAXSIZE (10 MB) from ~65 kB
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 400
ELYSEE = "Élysée : l'été sera décisif pour la réforme"

# Article path -> how the page is broken. All are listed in /feed.
STORED = {
    "/good/1": article_html(1),
    "/good/2": article_html(2),
    "/truncated": article_html(4)[:1500],
    "/mixed-encoding": article_html(6).encode() + "Épilogue écrit à Montréal".encode("cp1252"),
    "/invalid-utf8": article_html(7).encode().replace(b"</h1>", b"\xff\xfe\xc3\x28</h1>"),
    "/deep": article_html(8, body_extra="<div>" * 5000 + "<p>au fond</p>" + "</div>" * 5000),
    "/jsonld-invalid": article_html(9, head=jsonld('{"@type": "NewsArticle", "headline": ')),
    "/jsonld-huge": article_html(
        10, head=jsonld({"@type": "NewsArticle", "articleBody": "mot " * 1_000_000})
    ),
    "/jsonld-list": article_html(
        11, head=jsonld([{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "Titre dans une liste"}])
    ),
    "/jsonld-graph": article_html(
        12,
        head=jsonld(
            {"@graph": [{"@type": "WebPage"}, {"@type": ["NewsArticle"], "author": {"name": "Léa Martin"}}]}
        ),
    ),
    "/jsonld-wrong-types": article_html(
        13,
        head=jsonld(
            {
                "@type": "NewsArticle",
                "headline": ["a", {"b": 1}],
                "datePublished": 12345,
                "author": {"name": None},
                "articleBody": {"x": 1},
                "keywords": 7,
                "isAccessibleForFree": "peut-être",
            }
        ),
    ),
    "/year-0": article_html(
        14,
        published="0001-01-01",
        head=jsonld({"@type": "NewsArticle", "datePublished": "0000-01-01", "dateModified": "9999-12-31"}),
    ),
    "/year-9999": article_html(15, published="9999-12-31T23:59:59-05:00"),
    "/title-10k": article_html(16, title="Titre interminable " * 530),
    "/huge-body": article_html(
        17, body_extra="<p>" + "Une phrase de plus dans un très long article. " * 40_000
    ),
}
DROPPED = {  # path -> (body, headers), each dropped with a counted reason
    "/pdf-as-html": (PDF, None),  # empty: nothing readable
    "/empty": (b"", None),  # empty
    "/pdf": (PDF, {"Content-Type": "application/pdf"}),  # not_html
    "/fifty-mb": (b"<html><body>" + b"<p>x</p>" * (FIFTY_MB // 8) + b"</body></html>", None),  # too_large
}


@pytest.fixture
def hostile(tmp_path):
    with MirrorServer(tmp_path) as mirror:
        site = HostileSite(mirror.base_url)
        for path, page in STORED.items():
            site.articles[path] = static(page if isinstance(page, bytes) else page.encode())
        for path, (body, headers) in DROPPED.items():
            site.articles[path] = static(body, headers)
        # Windows-1252 bytes served as UTF-8 (the HTTP header lies).
        site.articles["/wrong-encoding"] = static(
            article_html(5, title=ELYSEE).encode("cp1252", errors="replace"),
            {"Content-Type": "text/html; charset=utf-8"},
        )
        # A news sitemap dating an undated page to year 1: the date pipeline must not lose it.
        site.extra["/sitemap-dates.xml"] = static(
            f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>{mirror.base_url}/year-1</loc>'
            "<news:news><news:publication_date>0001-01-01</news:publication_date></news:news></url></urlset>".encode(),
            XML,
        )
        site.extra["/year-1"] = static(
            article_html(18, published="").replace("article:published_time", "x").encode()
        )
        # A feed cut in the middle of an item still gives the articles before the cut.
        site.extra["/feed-broken"] = static(
            f'<?xml version="1.0"?><rss><channel><item><link>{mirror.base_url}/good/3</link></item><item><lin'.encode(),
            XML,
        )
        site.extra["/good/3"] = static(article_html(3).encode())
        site.extra["/feed-garbage"] = static(b"\x00\x01 ceci n'est pas un flux", XML)
        site.extra["/sitemap-bomb.xml.gz"] = static(gzip_bomb(BOMB), {"Content-Type": "application/gzip"})
        site.extra["/sitemap-bomb-encoded.xml"] = static(
            gzip_bomb(BOMB), {"Content-Type": "application/xml", "Content-Encoding": "gzip"}
        )
        mirror.routes.update(site.routes)
        yield mirror


def test_hostile_pages_and_feeds(hostile, mongo_uri, mongo_db, mongo_db_name) -> None:
    feeds = ["/feed", "/feed-broken", "/feed-garbage", "/sitemap-bomb.xml.gz", "/sitemap-bomb-encoded.xml"]
    feeds.append("/sitemap-dates.xml")
    result = run_crawl(
        "news",
        mongo_uri=mongo_uri,
        database=mongo_db_name,
        args={"feeds": ",".join(hostile.url(path) for path in feeds)},
        timeout=240,
    )
    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log, result.log[-3000:]

    docs = {doc["url"].removeprefix(hostile.base_url): doc for doc in mongo_db.articles.find()}
    expected = {*STORED, "/wrong-encoding", "/good/3", "/year-1"}
    assert set(docs) == expected

    run = mongo_db.runs.find_one({"spider": "news"})
    assert run["errors"] == 0
    assert run["dropped"] == {"empty": 2, "not_html": 1, "too_large": 1}
    assert_drops_add_up(run)
    stats = run["newsbot_stats"]
    assert stats["newsbot/feeds/rejected/too_large"] == 2  # the gzip bomb as a file and as Content-Encoding
    assert stats["newsbot/feeds/rejected/unparsable"] == 1
    # Every article a feed announced is stored or dropped with a reason: nothing vanished.
    assert stats["newsbot/feeds/entries"] == len(expected) + len(DROPPED) == run["stored"]["inserted"] + 4

    assert docs["/wrong-encoding"]["title"].replace("\u00a0", " ") == ELYSEE
    assert "\ufffd" not in docs["/mixed-encoding"]["body"]
    assert docs["/deep"]["body"] and docs["/truncated"]["body"]
    assert docs["/jsonld-graph"]["authors"] == ["Léa Martin"]
    for path in ("/year-0", "/year-9999", "/year-1"):
        assert docs[path]["published_at"] is None, path  # implausible dates are never stored as dates
    assert docs["/year-1"]["raw_dates"] == {"published": "0001-01-01"}  # ...but kept raw for audit
    assert 0 < len(docs["/title-10k"]["title"]) <= 2000
    assert len(docs["/huge-body"]["body"]) <= 1_000_000 and docs["/huge-body"]["body_truncated"] is True
    assert hostile.fetched("/fifty-mb") == 1


def test_sitemap_of_50000_urls(tmp_path, mongo_uri, mongo_db, mongo_db_name) -> None:
    with MirrorServer(tmp_path) as mirror:
        mirror.routes["/sitemap.xml"] = static(big_sitemap(mirror.base_url, 50_000), XML)
        for number in range(3):
            mirror.routes[f"/big/{number}"] = static(article_html(100 + number).encode())
        result = run_crawl(
            "news",
            mongo_uri=mongo_uri,
            database=mongo_db_name,
            args={"feeds": mirror.url("/sitemap.xml"), "max_articles": "3"},
            timeout=120,
        )
        assert result.returncode == 0, result.log[-3000:]
        assert mirror.fetched("/big/") == 3

    run = mongo_db.runs.find_one({"spider": "news"})
    assert run["newsbot_stats"]["newsbot/feeds/entries"] == 50_000
    assert run["newsbot_stats"]["newsbot/feeds/skipped/max_articles"] == 49_997
    assert run["stored"]["inserted"] == 3 and run["errors"] == 0
    assert_drops_add_up(run)
