"""Feed and sitemap parsing on hand-written documents and the real RSS files of the corpus."""

from __future__ import annotations

import gzip

import pytest

from newsbot.crawl.feeds import FeedTooLarge, parse_feed
from tests.support.corpus import iter_feeds

BASE = "https://www.example.fr/rss"

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Actu</title>
<item><title>Premier titre</title><link>https://www.example.fr/a-1</link><pubDate>Tue, 12 Mar 2024 09:41:00 GMT</pubDate></item>
<item><title>Sans lien</title><guid isPermaLink="false">id-2</guid></item>
<item><title>Guid lien</title><guid>https://www.example.fr/a-3</guid><dc:date>2024-03-12T10:00:00+01:00</dc:date></item>
<item><title>Relatif</title><link>/a-4</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Flux</title>
<entry><title>Un</title><link rel="alternate" href="https://www.example.fr/e-1"/>
<link rel="enclosure" href="https://cdn.example.fr/x.mp3"/><published>2024-03-12T09:41:00Z</published>
<updated>2024-03-12T11:00:00Z</updated></entry>
<entry><title>Sans lien</title></entry>
</feed>"""

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.example.fr/s-1</loc><lastmod>2024-03-13T08:00:00+00:00</lastmod>
<news:news><news:publication><news:name>Ex</news:name><news:language>fr</news:language></news:publication>
<news:publication_date>2024-03-12T09:41:00+00:00</news:publication_date><news:title>Titre S1</news:title></news:news></url>
<url><loc>https://www.example.fr/s-2</loc></url>
</urlset>"""

INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://www.example.fr/sitemap-1.xml.gz</loc><lastmod>2024-03-13</lastmod></sitemap>
</sitemapindex>"""


def test_rss_items_links_guids_and_relative_urls() -> None:
    document = parse_feed(RSS, BASE)
    assert document.kind == "rss"
    assert [e.url for e in document.entries] == [
        "https://www.example.fr/a-1",
        "https://www.example.fr/a-3",
        "https://www.example.fr/a-4",
    ]
    assert document.entries[0].published == "Tue, 12 Mar 2024 09:41:00 GMT"
    assert document.entries[1].published == "2024-03-12T10:00:00+01:00"


def test_atom_alternate_links_and_dates() -> None:
    document = parse_feed(ATOM, BASE)
    assert document.kind == "atom"
    assert [(e.url, e.published, e.updated) for e in document.entries] == [
        ("https://www.example.fr/e-1", "2024-03-12T09:41:00Z", "2024-03-12T11:00:00Z")
    ]


def test_news_sitemap_publication_date_title_language_lastmod() -> None:
    document = parse_feed(NEWS_SITEMAP, BASE)
    assert document.kind == "urlset"
    first, second = document.entries
    assert (first.url, first.published, first.title, first.language, first.updated) == (
        "https://www.example.fr/s-1",
        "2024-03-12T09:41:00+00:00",
        "Titre S1",
        "fr",
        "2024-03-13T08:00:00+00:00",
    )
    assert second.published is None and second.title is None


def test_sitemap_index_lists_children() -> None:
    document = parse_feed(INDEX, BASE)
    assert document.kind == "sitemapindex"
    assert [(s.url, s.updated) for s in document.sitemaps] == [
        ("https://www.example.fr/sitemap-1.xml.gz", "2024-03-13")
    ]


def test_gzip_sitemap_and_gzip_bomb() -> None:
    assert parse_feed(gzip.compress(NEWS_SITEMAP), BASE).kind == "urlset"
    bomb = gzip.compress(b"<urlset>" + b" " * 5_000_000 + b"</urlset>")
    with pytest.raises(FeedTooLarge):
        parse_feed(bomb, BASE, max_size=1_000_000)


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"<html><body>not a feed</body></html>", b"%PDF-1.4 binary", b"\x00\x01\x02"],
)
def test_not_a_feed_is_unknown(body: bytes) -> None:
    assert parse_feed(body, BASE).kind == "unknown"


def test_broken_xml_is_recovered_as_far_as_possible() -> None:
    truncated = RSS[: RSS.index(b"<item><title>Sans lien")]
    document = parse_feed(truncated, BASE)
    assert [e.url for e in document.entries] == ["https://www.example.fr/a-1"]


def test_entities_are_not_expanded() -> None:
    billion_laughs = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title><link>https://www.example.fr/x</link></item></channel></rss>"""
    document = parse_feed(billion_laughs, BASE)
    assert [e.url for e in document.entries] == ["https://www.example.fr/x"]
    assert "aaaaaaaaaa" not in (document.entries[0].title or "")


def test_fifty_thousand_url_sitemap() -> None:
    urls = b"".join(b"<url><loc>https://www.example.fr/p-%d</loc></url>" % i for i in range(50_000))
    document = parse_feed(
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + urls + b"</urlset>", BASE
    )
    assert len(document.entries) == 50_000


@pytest.mark.corpus
def test_real_rss_files(corpus) -> None:
    counts = {
        path.name: len(parse_feed(path.read_bytes(), "https://feed.invalid/").entries)
        for path in iter_feeds()
    }
    assert counts and all(count > 0 for count in counts.values()), counts
