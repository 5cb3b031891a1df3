"""Real pages and feeds to mutate, and the hostile snippets the mutations splice into them.

Seeds are the project's own fixture pages, feeds and sitemaps, plus the saved real pages and feeds
of ``../shared/corpus`` when it is present (read in place, never copied). Everything is loaded
once per session.
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

from tests.support.corpus import corpus_dir, iter_feeds, iter_pages

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BASE = "http://127.0.0.1:8000"

# Hostile fragments spliced into pages: each one a known way pages break parsers.
HTML_SNIPPETS: tuple[bytes, ...] = (
    b"<div>" * 3000,  # deeply nested, never closed
    b"</div></p></body></html>" * 50,  # closes that open nothing
    b'<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>',  # invalid
    b'<script type="application/ld+json">[{"@type":"NewsArticle","headline":["a",{"b":1}],'
    b'"datePublished":12345,"author":{"name":null},"articleBody":{"x":1},"keywords":7}]</script>',
    b'<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"],'
    b'"headline":"Titre du graphe","datePublished":"9999-12-31T23:59:59Z"}]}</script>',
    b'<script type="application/ld+json">' + b"[" * 5000 + b"]" * 5000 + b"</script>",
    b'<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"'
    + "Texte répété. ".encode() * 20000
    + b'"}</script>',
    b'<meta property="article:published_time" content="0000-00-00T00:00:00">',
    b'<meta property="article:published_time" content="9999-12-31">',
    b'<time datetime="0001-01-01">an 1</time><time datetime="-44-03-15">Ides</time>',
    b'<meta charset="utf-16">',
    b'<meta http-equiv="Content-Type" content="text/html; charset=x-unknown-charset">',
    b"<title>" + b"Titre interminable " * 600 + b"</title>",
    b"<h1>" + b"A" * 10000 + b"</h1>",
    b"\x00\x01\x02\x1b[31m\x7f",
    b"\xff\xfe\xfd\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc",  # invalid UTF-8 sequences
    "Élysée « déclaration » – été".encode("cp1252"),  # a second encoding mixed in
    "Élysée".encode("utf-16"),
    b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nstream\n\x89\xab\xcd\xef\nendstream",
    b"<![CDATA[ ]]> <!-- unterminated comment",
    b"<p " + b'a="' * 200 + b">",
    b"<svg><foreignObject><p>dans un svg</p></foreignObject></svg><math><mi>x</mi></math>",
    b"&#0; &#xD800; &#x110000; &bogus; &amp",
    b"<script>x</script>&#1;&#x1b&#0011;&#xFFFF;&#65534 <p>&#x0c;</p>",  # references lxml refuses to store
    b"<p>__import__('os').system('touch /tmp/pwned') $(rm -rf /) `id`</p>",
)

FEED_SNIPPETS: tuple[bytes, ...] = (
    b"<item><title>sans lien</title></item>",
    b"<item><link>javascript:alert(1)</link></item><item><link>   </link></item>",
    b"<url><loc></loc></url><url><lastmod>2024</lastmod></url>",
    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
    b'<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]><item><link>&ext;</link></item>',
    b"<item><link>http://127.0.0.1:8000/a</link><pubDate>Thu, 31 Dec 9999 23:59:59 GMT</pubDate></item>",
    b"<url><loc>http://127.0.0.1:8000/fr/x/20240101-y</loc><news:news><news:publication_date>0000-01-01"
    b"</news:publication_date></news:news></url>",
    b"</channel></rss></urlset>",
    b"\x00\xff\xfe",
    gzip.compress(b"<urlset>" + b" " * 100_000 + b"</urlset>"),
)


@cache
def page_seeds() -> tuple[tuple[bytes, str], ...]:
    """``(html bytes, url)`` of every fixture page, and of the corpus pages when present."""
    seeds = [
        (path.read_bytes(), f"{BASE}/{path.stem}") for path in sorted((FIXTURES / "pages").glob("*.html"))
    ]
    for path in sorted((FIXTURES / "sites").rglob("*.html")):
        relative = path.relative_to(FIXTURES / "sites").with_suffix("")
        seeds.append((path.read_bytes().replace(b"{{BASE}}", BASE.encode()), f"{BASE}/{relative}"))
    if corpus_dir() is not None:
        seeds += [(page.html, page.url) for page in iter_pages()]
    return tuple(seeds)


@cache
def feed_seeds() -> tuple[bytes, ...]:
    """Fixture feeds and sitemaps, and the corpus RSS files when present."""
    paths = sorted((FIXTURES / "sites").rglob("*.xml"))
    seeds = [path.read_bytes().replace(b"{{BASE}}", BASE.encode()) for path in paths]
    seeds += [path.read_bytes() for path in iter_feeds()]
    return tuple(seeds)
