"""Synthetic news sites for the crawl benchmark: article pages, RSS feeds, news sitemaps, robots.txt.

Three outlets are generated, each modelled on a real template: an RFI-like site (France Médias
Monde ``t-content__*`` blocks, a ``NewsArticle`` JSON-LD, ``/fr/<section>/<yyyymmdd>-<slug>``
URLs), a Le Figaro-like site (``fig-*`` blocks, a JSON-LD *list* whose article is an ``Article``,
``<slug>-<yyyymmdd>`` URLs, some subscriber pages) and a generic WordPress-like regional site (no
outlet profile: the generic extractor). Pages carry what makes real pages heavy (inline state
scripts, CSS, menus, footers, related links), with page sizes and body lengths drawn from the
statistics of the real pages in ``../shared/corpus`` when it is present (sizes only; no text is
copied). Each outlet has a sitemap index of news sitemaps (500 URLs each) and an RSS feed of its
latest 50 articles. Files are written under ``root/<host>/`` for a ``root $host`` web server.
"""

from __future__ import annotations

import html
import json
import random
import re
import statistics
import string
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.corpus import iter_pages
from tests.support.frenchtext import CITIES, FrenchWriter, Story

DATA_DIR = Path(__file__).resolve().parent / "data"
SITEMAP_CHUNK = 500
RSS_ITEMS = 50
DEFAULT_PAGE_SIZES = (45_000, 65_000, 90_000, 113_000, 130_000, 160_000, 240_000)
DEFAULT_BODY_PARAGRAPHS = (4, 7, 9, 12, 16, 25)
EPOCH = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Outlet:
    """One generated site."""

    host: str
    name: str
    template: str  # "rfi", "lefigaro" or "generic"
    feed_path: str
    sitemap_path: str


OUTLETS = (
    Outlet("www.rfi.fr", "RFI", "rfi", "/fr/rss", "/sitemaps/fr/news.xml"),
    Outlet("www.lefigaro.fr", "Le Figaro", "lefigaro", "/rss/figaro_actualites.xml", "/sitemap_news.xml"),
    Outlet("www.echo-des-communes.test", "L'Écho des communes", "generic", "/feed", "/sitemap.xml"),
)


@dataclass(frozen=True)
class PageStats:
    """Size statistics the generator samples from."""

    page_sizes: tuple[int, ...]
    body_paragraphs: tuple[int, ...]

    @classmethod
    def from_corpus(cls) -> PageStats:
        """Byte sizes of the French corpus pages and paragraph counts of their gold bodies."""
        sizes, paragraphs = [], []
        for page in iter_pages(french=True):
            sizes.append(page.html_path.stat().st_size)
            body = page.gold.get("body")
            if isinstance(body, str) and body.strip():
                paragraphs.append(body.count("\n\n") + 1)
        return cls(
            tuple(sizes) or DEFAULT_PAGE_SIZES,
            tuple(paragraphs) if len(paragraphs) >= 3 else DEFAULT_BODY_PARAGRAPHS,
        )

    def describe(self) -> str:
        return (
            f"page size median {statistics.median(self.page_sizes) / 1000:.0f} kB "
            f"(n={len(self.page_sizes)}), body paragraphs median {statistics.median(self.body_paragraphs)}"
        )


@dataclass(frozen=True)
class Article:
    outlet: Outlet
    path: str
    story: Story
    published: datetime
    modified: datetime
    paywalled: bool
    target_size: int


@dataclass(frozen=True)
class GeneratedSites:
    root: Path
    articles: int
    feed_paths: tuple[tuple[str, str], ...]  # (host, path) of each feed and sitemap index
    bytes_written: int

    def start_urls(self, port: int) -> list[str]:
        return [f"http://{host}:{port}{path}" for host, path in self.feed_paths]


def slugify(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:90]


def _article(outlet: Outlet, index: int, rng: random.Random, stats: PageStats) -> Article:
    writer = FrenchWriter(rng)
    paragraphs = max(2, round(rng.choice(stats.body_paragraphs) * rng.uniform(0.7, 1.3)))
    story = writer.story(paragraphs)
    published = EPOCH + timedelta(minutes=7 * index + rng.randint(0, 6))
    modified = published + timedelta(minutes=rng.choice((0, 0, 25, 90, 300)))
    day = published.strftime("%Y%m%d")
    slug = f"{slugify(story.title)}-{index}"
    section = slugify(story.section)
    if outlet.template == "rfi":
        path = f"/fr/{section}/{day}-{slug}"
    elif outlet.template == "lefigaro":
        path = f"/{section}/{slug}-{day}"
    else:
        path = f"/{published:%Y/%m/%d}/{slug}/"
    paywalled = outlet.template == "lefigaro" and rng.random() < 0.15
    return Article(outlet, path, story, published, modified, paywalled, rng.choice(stats.page_sizes))


# -- page chrome that makes real pages heavy ----------------------------------------------------


def _state_script(rng: random.Random, size: int) -> str:
    """An inline ``window.__STATE__`` blob, like the hydration data of real news pages."""
    parts, total = [], 0
    while total < size:
        entry = json.dumps(
            {
                "id": rng.getrandbits(40),
                "slot": f"ad-{rng.randrange(999)}",
                "kw": [rng.choice(CITIES).lower() for _ in range(4)],
                "cfg": {"lazy": rng.random() < 0.5, "ratio": round(rng.random(), 4), "v": rng.randrange(99)},
            }
        )
        parts.append(entry)
        total += len(entry) + 1
    return "<script>window.__STATE__=[" + ",".join(parts) + "];</script>\n"


def _style(rng: random.Random, rules: int) -> str:
    lines = [
        f".c-{rng.getrandbits(24):06x}{{margin:{rng.randrange(40)}px;color:#{rng.getrandbits(24):06x};"
        f"display:{rng.choice(('flex', 'block', 'grid', 'none'))}}}"
        for _ in range(rules)
    ]
    return "<style>" + "".join(lines) + "</style>\n"


def _menu(rng: random.Random, links: int, cls: str) -> str:
    items = "".join(
        f'<li class="{cls}__item"><a class="{cls}__link" href="/{slugify(rng.choice(CITIES))}/">'
        f"{rng.choice(CITIES)}</a></li>"
        for _ in range(links)
    )
    return f'<nav class="{cls}"><ul>{items}</ul></nav>\n'


def _pad(page: str, target: int, rng: random.Random) -> str:
    """Insert state scripts before ``</body>`` until the page reaches its target size."""
    missing = target - len(page.encode("utf-8"))
    if missing <= 0:
        return page
    return page.replace("</body>", _state_script(rng, missing) + "</body>", 1)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _paragraph_blocks(
    article: Article, rng: random.Random, p_open: str, interstitial: Callable[[], str]
) -> str:
    """Body paragraphs with subheads and a "read also" block every few paragraphs."""
    blocks: list[str] = []
    subheads = iter(article.story.subheads)
    for number, text in enumerate(article.story.paragraphs, start=1):
        blocks.append(f"{p_open}{_esc(text)}</p>")
        if number % 4 == 0:
            heading = next(subheads, None)
            if heading:
                blocks.append(f"<h2>{_esc(heading)}</h2>")
        if number % 3 == 2:
            blocks.append(interstitial())
    return "\n".join(blocks)


def _template(name: str) -> string.Template:
    return string.Template((DATA_DIR / f"page_{name}.html").read_text(encoding="utf-8"))


def _common(article: Article, base: str, rng: random.Random, published: str, modified: str) -> dict[str, str]:
    """Placeholders every page template shares (escaped text, dates, page chrome)."""
    story = article.story
    return {
        "title": _esc(story.title),
        "lead": _esc(story.lead),
        "url": _esc(base + article.path),
        "site": _esc(article.outlet.name),
        "section": _esc(story.section),
        "section_slug": slugify(story.section),
        "city": _esc(story.city),
        "city_slug": slugify(story.city),
        "published": published,
        "modified": modified,
        "menu": _menu(rng, 40, "nav"),
        "related": _menu(rng, 12, "related"),
        "footer": _menu(rng, 60, "footer-nav"),
        "build": f"{rng.getrandbits(32):08x}",
        "comments": str(rng.randrange(300)),
    }


def _rfi_page(article: Article, base: str, rng: random.Random) -> str:
    story, url = article.story, base + article.path
    published, modified = article.published.isoformat(), article.modified.isoformat()
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "url": url,
        "headline": story.title,
        "description": story.lead,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": "fr",
        "articleSection": story.section,
        "keywords": list(story.tags),
        "isAccessibleForFree": True,
        "image": [f"{base}/media/{slugify(story.city)}.jpg"],
        "author": [{"@type": "Person", "name": name} for name in story.authors],
        "publisher": {"@type": "NewsMediaOrganization", "name": "RFI"},
    }
    crumbs = {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []}

    def interstitial() -> str:
        link = _esc(FrenchWriter(rng).sentence(story.city))
        return (
            '<div class="m-interstitial"><p><strong>À lire aussi</strong> '
            f'<a href="/fr/france/{rng.randrange(10**6)}">{link}</a></p></div>'
        )

    values = _common(article, base, rng, published, modified)
    values.update(
        style=_style(rng, 120),
        jsonld=_json_script([ld, crumbs]),
        authors=", ".join(f'<a href="/fr/auteur/{slugify(a)}/">{_esc(a)}</a>' for a in story.authors),
        published_text=f"{article.published:%d/%m/%Y - %H:%M}",
        modified_text=f"{article.modified:%d/%m/%Y - %H:%M}",
        body=_paragraph_blocks(article, rng, "<p>", interstitial),
        tags=" ".join(f'<a href="/fr/tag/{slugify(t)}/">{_esc(t)}</a>' for t in story.tags),
    )
    return _pad(_template("rfi").substitute(values), article.target_size, rng)


def _figaro_page(article: Article, base: str, rng: random.Random) -> str:
    story, url = article.story, base + article.path
    published = article.published.astimezone(PARIS).isoformat()
    modified = article.modified.astimezone(PARIS).isoformat()
    ld = [
        {"@context": "https://schema.org", "@type": "WebPage", "name": "Le Figaro"},
        {
            "@context": "https://schema.org",
            "@type": "Article",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": story.title,
            "description": story.lead,
            "datePublished": published,
            "dateModified": modified,
            "author": [{"@type": "Person", "name": name} for name in story.authors],
            "isAccessibleForFree": not article.paywalled,
            "articleSection": story.section,
            "keywords": ", ".join(story.tags),
        },
    ]
    shown = replace(article, story=_cut(story, 2)) if article.paywalled else article

    def interstitial() -> str:
        link = _esc(FrenchWriter(rng).sentence(story.city))
        return f'<p class="fig-paragraph fig-body-link">» LIRE AUSSI - {link}</p>'

    body = _paragraph_blocks(shown, rng, '<p class="fig-paragraph">', interstitial)
    if article.paywalled:  # subscriber pages show the first paragraphs, then the paywall
        body += (
            '\n<div class="fig-premium-paywall"><p>Cet article est réservé aux abonnés. '
            f"Il vous reste {len(story.paragraphs) * 60} mots à lire.</p></div>"
        )
    values = _common(article, base, rng, published, modified)
    values.update(
        style=_style(rng, 160),
        jsonld=_json_script(ld),
        authors=", ".join(f"<span>{_esc(a)}</span>" for a in story.authors),
        published_text=f"{article.published.astimezone(PARIS):%d/%m/%Y à %H:%M}",
        modified_text=f"{article.modified.astimezone(PARIS):%d/%m/%Y à %H:%M}",
        premium=str(article.paywalled).lower(),
        body=body,
        tags=" ".join(
            f'<a class="fig-tags__link" href="/tag/{slugify(t)}">{_esc(t)}</a>' for t in story.tags
        ),
    )
    return _pad(_template("lefigaro").substitute(values), article.target_size, rng)


def _cut(story: Story, paragraphs: int) -> Story:
    return replace(story, paragraphs=story.paragraphs[:paragraphs], subheads=())


def _generic_page(article: Article, base: str, rng: random.Random) -> str:
    story = article.story
    published, modified = article.published.isoformat(), article.modified.isoformat()

    def interstitial() -> str:
        href = f"/{rng.randrange(10**6)}/"
        return f'<p class="related-inline"><a href="{href}">Lire aussi : {_esc(story.city)}</a></p>'

    values = _common(article, base, rng, published, modified)
    values.update(
        style=_style(rng, 200),
        authors=" et ".join(
            f'<a rel="author" href="/auteur/{slugify(a)}/">{_esc(a)}</a>' for a in story.authors
        ),
        published_text=f"{article.published:%d/%m/%Y}",
        body=_paragraph_blocks(article, rng, "<p>", interstitial),
        tags=" ".join(f'<a rel="tag" href="/tag/{slugify(t)}/">{_esc(t)}</a>' for t in story.tags),
    )
    return _pad(_template("generic").substitute(values), article.target_size, rng)


def _json_script(value: object) -> str:
    """JSON for a ``<script>`` block (``</`` cannot close the element)."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


TEMPLATES = {"rfi": _rfi_page, "lefigaro": _figaro_page, "generic": _generic_page}

# -- feeds and sitemaps ---------------------------------------------------------------------------


def _rss(outlet: Outlet, base: str, articles: list[Article]) -> str:
    items = []
    for article in articles[-RSS_ITEMS:]:
        link = base + article.path + ("?xtor=RSS-1" if outlet.template == "rfi" else "")
        items.append(
            f"<item><title>{_esc(article.story.title)}</title><link>{_esc(link)}</link>"
            f"<pubDate>{article.published:%a, %d %b %Y %H:%M:%S} GMT</pubDate>"
            f"<description>{_esc(article.story.lead)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{_esc(outlet.name)}</title><link>{base}/</link><language>fr</language>"
        + "\n".join(items)
        + "</channel></rss>\n"
    )


def _news_sitemap(outlet: Outlet, base: str, articles: list[Article]) -> str:
    urls = []
    for article in articles:
        urls.append(
            f"<url><loc>{_esc(base + article.path)}</loc><lastmod>{article.modified.isoformat()}</lastmod>"
            "<news:news><news:publication><news:name>"
            f"{_esc(outlet.name)}</news:name><news:language>fr</news:language></news:publication>"
            f"<news:publication_date>{article.published.isoformat()}</news:publication_date>"
            f"<news:title>{_esc(article.story.title)}</news:title></news:news></url>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + "\n".join(urls) + "\n</urlset>\n"
    )


def _sitemap_index(base: str, children: list[str]) -> str:
    entries = "".join(f"<sitemap><loc>{_esc(base + child)}</loc></sitemap>" for child in children)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{entries}</sitemapindex>\n"
    )


def iter_articles(pages: int, seed: int, stats: PageStats) -> Iterator[Article]:
    """``pages`` articles spread round-robin over the outlets (deterministic for a seed)."""
    rng = random.Random(seed)
    for index in range(pages):
        yield _article(OUTLETS[index % len(OUTLETS)], index, rng, stats)


def _write(root: Path, host: str, path: str, text: str, default_suffix: str) -> int:
    relative = path.strip("/") or "index"
    if path.endswith("/"):
        relative += "/index"
    target = root / host / relative
    if not target.suffix:
        target = target.with_name(target.name + default_suffix)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    target.write_bytes(data)
    return len(data)


def generate_sites(
    root: Path, pages: int, port: int, *, seed: int = 7, stats: PageStats | None = None
) -> GeneratedSites:
    """Write ``pages`` articles plus feeds, sitemaps and robots.txt for every outlet under ``root``.

    Links are absolute (``http://<host>:<port>``), as on real sites.
    """
    stats = stats or PageStats.from_corpus()
    by_outlet: dict[str, list[Article]] = {outlet.host: [] for outlet in OUTLETS}
    written = 0
    page_rng = random.Random(seed + 1)
    for article in iter_articles(pages, seed, stats):
        base = f"http://{article.outlet.host}:{port}"
        page = TEMPLATES[article.outlet.template](article, base, page_rng)
        written += _write(root, article.outlet.host, article.path, page, ".html")
        by_outlet[article.outlet.host].append(article)
    feeds: list[tuple[str, str]] = []
    for outlet in OUTLETS:
        base = f"http://{outlet.host}:{port}"
        articles = by_outlet[outlet.host]
        children = []
        for number, start in enumerate(range(0, len(articles), SITEMAP_CHUNK), start=1):
            child = f"/sitemaps/news-{number}.xml"
            sitemap = _news_sitemap(outlet, base, articles[start : start + SITEMAP_CHUNK])
            written += _write(root, outlet.host, child, sitemap, ".xml")
            children.append(child)
        written += _write(root, outlet.host, outlet.sitemap_path, _sitemap_index(base, children), ".xml")
        written += _write(root, outlet.host, outlet.feed_path, _rss(outlet, base, articles), ".xml")
        written += _write(root, outlet.host, "/robots.txt", "User-agent: *\nDisallow: /private/\n", ".txt")
        feeds += [(outlet.host, outlet.feed_path), (outlet.host, outlet.sitemap_path)]
    return GeneratedSites(root, pages, tuple(feeds), written)
