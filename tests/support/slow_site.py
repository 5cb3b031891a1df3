"""A small generated French news site served by :class:`MirrorServer` routes, slow on purpose.

Each article has its own text (words drawn from a French vocabulary with a per-article seed), so no
two are duplicates; every page answers after ``delay`` seconds so a crawl lasts long enough to kill
something in the middle of it.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler

from tests.support.mirror import MirrorServer

VOCABULARY = (
    "le gouvernement a annoncé mardi une réforme des retraites qui doit entrer en vigueur avant "
    "la fin de l'année selon plusieurs sources proches du dossier les syndicats dénoncent un "
    "projet injuste et appellent à une nouvelle journée de mobilisation dans toute la France "
    "tandis que l'opposition réclame un débat au Parlement le ministre de l'économie estime que "
    "cette mesure permettra de financer le système sans augmenter les impôts des ménages les "
    "agriculteurs bloquent plusieurs routes nationales pour protester contre la baisse des prix "
    "et la hausse du coût de l'énergie à Marseille la municipalité lance un vaste chantier de "
    "rénovation des écoles pendant que Lyon accueille un festival de cinéma très attendu par le "
    "public la ville de Bordeaux prépare les élections municipales dans un climat tendu les "
    "chercheurs du centre national observent une hausse inquiétante des températures en été"
)
WORDS = VOCABULARY.split(" ")
EPOCH = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


def article_path(number: int) -> str:
    return f"/actualites/article-{number}"


def paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def article_page(number: int) -> bytes:
    rng = random.Random(number)
    title = f"Dépêche numéro {number} : {paragraph(rng, 8)[:-1]}"
    lead = paragraph(rng, 25)
    body = "".join(f"<p>{paragraph(rng, 60)}</p>\n" for _ in range(4))
    published = (EPOCH + timedelta(minutes=number)).isoformat()
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Rédaction">
</head><body><article><h1>{title}</h1><p class="chapo">{lead}</p>
<div class="article-body">{body}</div></article></body></html>""".encode()


def rss(base: str, count: int) -> bytes:
    items = "".join(
        f"<item><title>Dépêche {n}</title><link>{base}{article_path(n)}</link>"
        f"<pubDate>{(EPOCH + timedelta(minutes=n)).strftime('%a, %d %b %Y %H:%M:%S GMT')}</pubDate></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test</title>'
        f"<link>{base}/</link><language>fr</language>{items}</channel></rss>"
    ).encode()


class SlowNewsSite:
    """``count`` articles listed in ``/rss.xml``; article pages answer after ``delay`` seconds."""

    def __init__(self, mirror: MirrorServer, count: int, delay: float) -> None:
        self.mirror = mirror
        self.count = count
        self.delay = delay
        self._lock = threading.Lock()
        self.served = 0
        mirror.routes["/robots.txt"] = lambda _: (
            200,
            {"Content-Type": "text/plain"},
            b"User-agent: *\nAllow: /\n",
        )
        mirror.routes["/rss.xml"] = lambda _: (
            200,
            {"Content-Type": "application/rss+xml; charset=utf-8"},
            rss(mirror.base_url, count),
        )
        for number in range(count):
            mirror.routes[article_path(number)] = self._page(number)

    def _page(self, number: int):
        def answer(_: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
            time.sleep(self.delay)
            with self._lock:
                self.served += 1
            return 200, {"Content-Type": "text/html; charset=utf-8"}, article_page(number)

        return answer

    @property
    def feed(self) -> str:
        return self.mirror.url("/rss.xml")

    def urls(self) -> list[str]:
        return [self.mirror.url(article_path(n)) for n in range(self.count)]
