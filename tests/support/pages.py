"""Article pages written by the tests themselves: small, French, distinct, with a JSON-LD date.

Used by the history tests (date windows, WARC files); the text is made up here, not taken from any site.
"""

from __future__ import annotations

import html
import json

_SENTENCES = (
    "Le conseil municipal de {place} a voté mardi soir un budget en hausse pour les écoles et les transports.",
    "Les habitants de {place} attendaient cette décision depuis plusieurs mois, selon le maire.",
    "Les travaux commenceront au printemps et devraient durer près de deux ans, a précisé la préfecture.",
    "Une réunion publique est prévue la semaine prochaine à la salle des fêtes pour présenter le projet.",
    "L'opposition dénonce un calendrier trop serré et demande une étude indépendante sur les coûts.",
    "Les commerçants du centre-ville craignent une baisse de leur activité pendant la durée du chantier.",
)


def french_body(key: int, paragraphs: int = 5) -> list[str]:
    """Distinct French paragraphs for article number ``key`` (its own place name and figures)."""
    place = f"Saint-Martin-{key}"
    return [
        " ".join(s.format(place=place) for s in _SENTENCES)
        + f" Le montant atteint {key * 7 + p} millions d'euros."
        for p in range(paragraphs)
    ]


def article_page(
    title: str, published: str, key: int, *, lang: str = "fr", paragraphs: list[str] | None = None
) -> str:
    """An article page with a ``NewsArticle`` JSON-LD (``datePublished`` = ``published``)."""
    body = paragraphs if paragraphs is not None else french_body(key)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": published,
    }
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script></head>'
        f'<body><article><h1 class="t-content__title">{html.escape(title)}</h1>'
        f'<div class="t-content__body">{paras}</div></article></body></html>'
    )
