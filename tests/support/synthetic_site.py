"""A synthetic French news site: article pages, a sitemap index and its sitemaps, or an RSS feed.

For crawls that need many plain pages (distributed, incremental and reliability tests, the
distributed benchmark): every article has its own text (random French words, seeded, so no two are
near-duplicates), a JSON-LD ``NewsArticle`` with dates and an author. :func:`generate_site` writes
them to a folder, listed in child sitemaps with their ``lastmod``; links use ``{{BASE}}`` so
``tests.support.mirror.MirrorServer`` serves the folder as a site on 127.0.0.1. :class:`SlowNewsSite`
serves the same pages from mirror routes, slowly, behind an RSS feed.
"""

from __future__ import annotations

import html
import json
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from tests.support.mirror import MirrorServer

SITEMAP_INDEX = "sitemap_index.xml"
SECTIONS = ("politique", "economie", "monde", "culture", "sciences", "sport", "societe", "planete")
_WORDS = """
gouvernement ministre assemblée nationale réforme projet loi budget député sénat élection campagne
électeurs majorité opposition syndicat grève salariés entreprise usine emploi chômage croissance
inflation prix marché bourse banque taux crédit logement loyer ville commune région département
maire habitants quartier école élèves enseignants université recherche chercheurs laboratoire étude
santé hôpital médecins patients vaccin virus épidémie climat chaleur sécheresse pluie orages rivière
forêt incendie pompiers agriculteurs récolte blé vignes vendanges vin fromage marché producteurs
musée exposition peintre roman écrivain film réalisateur festival théâtre concert musique chanson
équipe match joueurs entraîneur championnat victoire défaite saison stade supporters finale
tribunal juge procès avocat enquête police gendarmes témoin victime accusé peine prison décision
frontière pays voisin guerre paix négociations accord sommet diplomatie ambassade réfugiés aide
train gare voyageurs trafic autoroute route vélo transport avion aéroport port navire mer côte
pêcheurs montagne neige village campagne famille enfants parents jeunes retraités association
""".split()  # noqa: SIM905 (a word list reads better as text)
_GLUE = """
le la les un une des du de au aux et mais ou donc car dans sur sous avec pour par sans entre
vers chez depuis pendant selon après avant contre cette ce ces leur leurs son sa ses notre nos
""".split()  # noqa: SIM905 (a word list reads better as text)
_VERBS = """
annonce prépare présente défend critique propose rejette attend réclame dénonce soutient
organise lance confirme explique rappelle estime affirme prévoit observe constate examine
""".split()  # noqa: SIM905 (a word list reads better as text)
_NAMES = ("Claire Fontaine", "Paul Verdier", "Awa Ndiaye", "Julien Moreau", "Sophie Lambert", "Karim Benali")


@dataclass(frozen=True)
class SyntheticArticle:
    number: int
    path: str
    """URL path on the site, e.g. ``/politique/2024/00042-gouvernement-reforme``."""
    title: str
    paragraphs: tuple[str, ...]
    author: str
    published: datetime
    modified: datetime
    copy_of: int | None = None
    """For a syndicated copy, the number of the article whose text it repeats."""

    @property
    def text_id(self) -> int:
        """Articles sharing a text share this number."""
        return self.number if self.copy_of is None else self.copy_of


def _sentence(rng: random.Random) -> str:
    words = []
    for position in range(rng.randint(12, 20)):
        pool = _VERBS if position == 3 else (_GLUE if rng.random() < 0.35 else _WORDS)
        words.append(rng.choice(pool))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_article(number: int, *, seed: int = 0, revision: int = 0) -> SyntheticArticle:
    """Article ``number`` of the site; a higher ``revision`` rewrites its text and moves its dates on."""
    rng = random.Random(f"{seed}:{number}")
    section = SECTIONS[number % len(SECTIONS)]
    title_words = [rng.choice(_WORDS) for _ in range(rng.randint(5, 8))]
    title = " ".join(title_words).capitalize()
    slug = "-".join(title_words[:4]).translate(str.maketrans("àâéèêëîïôûùç", "aaeeeeiiouuc"))
    published = datetime(2024, 3, 1, 6, tzinfo=UTC) + timedelta(minutes=17 * number)
    text_rng = random.Random(f"{seed}:{number}:{revision}")
    paragraphs = tuple(" ".join(_sentence(text_rng) for _ in range(text_rng.randint(3, 4))) for _ in range(5))
    return SyntheticArticle(
        number=number,
        path=f"/{section}/2024/{number:05d}-{slug}",
        title=title,
        paragraphs=paragraphs,
        author=rng.choice(_NAMES),
        published=published,
        modified=published + timedelta(hours=2 + revision * 24),
    )


def make_copy(original: SyntheticArticle, number: int) -> SyntheticArticle:
    """The same text republished at another URL (a syndicated copy): an exact content duplicate."""
    slug = original.path.rsplit("-", 4)[-4:]
    path = f"/depeches/2024/{number:05d}-reprise-{'-'.join(slug)}"
    return replace(original, number=number, path=path, copy_of=original.number)


def render_article(article: SyntheticArticle) -> str:
    """The article page (generic markup the extractor reads: JSON-LD, ``<article>``, ``<p>``)."""
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "dateModified": article.modified.isoformat(),
        "inLanguage": "fr",
        "author": [{"@type": "Person", "name": article.author}],
    }
    body = "\n".join(f"    <p>{html.escape(p)}</p>" for p in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{html.escape(article.title)} - Le Quotidien synthétique</title>
<link rel="canonical" href="{{{{BASE}}}}{article.path}">
<meta property="og:type" content="article">
<meta property="og:title" content="{html.escape(article.title)}">
<meta property="og:site_name" content="Le Quotidien synthétique">
<script type="application/ld+json">{json.dumps(node, ensure_ascii=False)}</script>
</head>
<body>
<nav><a href="/">Accueil</a> | <a href="/politique/">Politique</a> | <a href="/economie/">Économie</a></nav>
<main>
  <article>
    <h1>{html.escape(article.title)}</h1>
    <p class="auteur">Par {html.escape(article.author)}</p>
{body}
  </article>
</main>
<footer>© Le Quotidien synthétique – Mentions légales</footer>
</body>
</html>
"""


def render_sitemap(articles: Sequence[SyntheticArticle], lastmod: dict[int, datetime] | None = None) -> str:
    """A ``urlset`` listing ``articles`` with their ``lastmod`` (overridden per number by ``lastmod``)."""
    overrides = lastmod or {}
    entries = "\n".join(
        f"  <url><loc>{{{{BASE}}}}{a.path}</loc>"
        f"<lastmod>{overrides.get(a.number, a.modified).isoformat()}</lastmod></url>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</urlset>\n"
    )


def render_sitemap_index(names: Sequence[str]) -> str:
    entries = "\n".join(f"  <sitemap><loc>{{{{BASE}}}}/{name}</loc></sitemap>" for name in names)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}\n</sitemapindex>\n"
    )


@dataclass
class SyntheticSite:
    """A generated site in ``root``; ``rewrite`` changes articles the way a newsroom edits them."""

    root: Path
    articles: list[SyntheticArticle]
    sitemap_size: int
    seed: int = 0
    announced: dict[int, datetime] = field(default_factory=dict)
    """Sitemap ``lastmod`` overrides by article number (edits announced by ``rewrite``)."""

    @property
    def sitemap_names(self) -> list[str]:
        count = (len(self.articles) + self.sitemap_size - 1) // self.sitemap_size
        return [f"sitemap-{n + 1}.xml" for n in range(count)]

    def write(self) -> None:
        (self.root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
        for article in self.articles:
            self.write_article(article)
        names = self.sitemap_names
        for index, name in enumerate(names):
            part = self.articles[index * self.sitemap_size : (index + 1) * self.sitemap_size]
            (self.root / name).write_text(render_sitemap(part, self.announced), encoding="utf-8")
        (self.root / SITEMAP_INDEX).write_text(render_sitemap_index(names), encoding="utf-8")

    def write_article(self, article: SyntheticArticle) -> None:
        target = self.root / f"{article.path.lstrip('/')}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_article(article), encoding="utf-8")

    def rewrite(self, numbers: Sequence[int], *, announced_at: datetime | None = None) -> None:
        """New text for articles ``numbers``; their sitemap ``lastmod`` becomes ``announced_at`` if given."""
        wanted = set(numbers)  # originals only: a copy keeps its text
        self.articles = [
            make_article(a.number, seed=self.seed, revision=1) if a.number in wanted else a
            for a in self.articles
        ]
        if announced_at is not None:
            self.announced.update(dict.fromkeys(wanted, announced_at))
        self.write()

    def paths(self) -> list[str]:
        return [article.path for article in self.articles]


def generate_site(
    root: Path | str, count: int, *, copies: int = 0, sitemap_size: int = 250, seed: int = 0
) -> SyntheticSite:
    """Write ``count`` articles (plus a copy of each of the first ``copies``, listed right after it),
    ``robots.txt``, child sitemaps of ``sitemap_size`` entries and their index."""
    articles: list[SyntheticArticle] = []
    for number in range(count):
        articles.append(make_article(number, seed=seed))
        if number < copies:
            articles.append(make_copy(articles[-1], count + number))
    site = SyntheticSite(Path(root), articles, sitemap_size, seed)
    site.root.mkdir(parents=True, exist_ok=True)
    site.write()
    return site


def render_rss(articles: Sequence[SyntheticArticle], base: str) -> str:
    """An RSS 2.0 feed listing ``articles`` with their publication dates."""
    items = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{base}{a.path}</link>"
        f"<pubDate>{a.published.strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
        for a in articles
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>'
        f"<link>{base}/</link><language>fr</language>{items}</channel></rss>"
    )


class SlowNewsSite:
    """``count`` articles listed in ``/rss.xml``; article pages answer after ``delay`` seconds, so a
    crawl lasts long enough to kill something in the middle of it."""

    def __init__(self, mirror: MirrorServer, count: int, delay: float) -> None:
        self.mirror = mirror
        self.articles = [make_article(number) for number in range(count)]
        self.delay = delay
        self._lock = threading.Lock()
        self.served = 0
        mirror.routes["/robots.txt"] = lambda _: (
            200,
            {"Content-Type": "text/plain"},
            b"User-agent: *\nAllow: /\n",
        )
        feed = render_rss(self.articles, mirror.base_url).encode()
        mirror.routes["/rss.xml"] = lambda _: (
            200,
            {"Content-Type": "application/rss+xml; charset=utf-8"},
            feed,
        )
        for article in self.articles:
            mirror.routes[article.path] = self._page(
                render_article(article).replace("{{BASE}}", mirror.base_url)
            )

    def _page(self, page: str):
        def answer(_: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
            time.sleep(self.delay)
            with self._lock:
                self.served += 1
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()

        return answer

    @property
    def feed(self) -> str:
        return self.mirror.url("/rss.xml")

    def urls(self) -> list[str]:
        return [self.mirror.url(article.path) for article in self.articles]
