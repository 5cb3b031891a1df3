"""A local site of hostile pages and feeds for real crawls (served by ``tests.support.mirror``).

Every page is built here: good French articles (distinct text from ``tests.support.frenchtext``,
so that dedup keeps them apart) and, beside them, each kind of bad input the crawler must survive.
``HostileSite.routes`` maps paths to handlers for :class:`~tests.support.mirror.MirrorServer`.
"""

from __future__ import annotations

import gzip
import html
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.support.frenchtext import FrenchWriter

Handler = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]
HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml; charset=utf-8"}
FIFTY_MB = 50 * 1024 * 1024


def article_html(
    seed: int,
    *,
    title: str | None = None,
    head: str = "",
    body_extra: str = "",
    charset: str = "utf-8",
    published: str = "2024-03-12T09:41:00+00:00",
) -> str:
    """A plain news article page with ``seed``-specific French text."""
    story = FrenchWriter(random.Random(seed)).story(6)
    title = title if title is not None else story.title
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in story.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="{charset}"><title>{html.escape(title)}</title>
<meta property="og:title" content="{html.escape(title)}">
<meta property="article:published_time" content="{published}">
{head}</head>
<body><header><nav><a href="/">Accueil</a></nav></header>
<article><h1>{html.escape(title)}</h1>
<p class="chapo">{html.escape(story.lead)}</p>
<div class="article-body">
{paragraphs}
{body_extra}
</div></article><footer>Tous droits réservés</footer></body></html>
"""


def jsonld(value: object) -> str:
    return f'<script type="application/ld+json">{value if isinstance(value, str) else json.dumps(value)}</script>'


def static(body: bytes, headers: dict[str, str] | None = None, status: int = 200) -> Handler:
    def handler(_: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        return status, dict(headers if headers is not None else HTML), body

    return handler


@dataclass
class HostileSite:
    """Paths of a hostile site; ``feed`` lists every article path (absolute URLs need ``base``)."""

    base: str
    articles: dict[str, Handler] = field(default_factory=dict)
    extra: dict[str, Handler] = field(default_factory=dict)

    def rss(self, paths: list[str]) -> bytes:
        items = "".join(f"<item><link>{self.base}{path}</link></item>" for path in paths)
        return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>{items}</channel></rss>'.encode()

    @property
    def routes(self) -> dict[str, Handler]:
        return {
            **self.articles,
            **self.extra,
            "/robots.txt": static(b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}),
            "/feed": static(self.rss(sorted(self.articles)), XML),
        }


def gzip_bomb(expanded: int) -> bytes:
    """A gzip file of ``expanded`` bytes of a sitemap (zeros compress about 1000:1)."""
    head = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    return gzip.compress(head + b" " * expanded + b"</urlset>", compresslevel=9)


def big_sitemap(base: str, count: int) -> bytes:
    urls = "".join(f"<url><loc>{base}/big/{n}</loc></url>" for n in range(count))
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>"
    ).encode()
