"""Two cleaning defects on pages shaped like real ones (sentences written for these tests).

1. An aggregator's chrome ("France Dernières Nouvelles…", "Similar News: …") standing at the TOP of a
   publisher's article body must only be stripped: the paragraphs after it are the article, not
   related items (those close with "Lire la suite", or are a title glued to its summary).
2. Subscriber notices ("… réserve cet article à ses abonnés", "Pour poursuivre votre lecture,
   abonnez-vous") leave paywalled teaser bodies, as paragraphs of their own or glued to the last
   free sentence.
"""

from __future__ import annotations

from newsbot.extraction import extract_article
from newsbot.text import clean_text, normalize_text, parse_aggregator_text

TAGLINE = "France Dernières Nouvelles, France Actualités"
MARKER = (
    "Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci que nous avons "
    "collectés auprès d'autres sources d'information."
)
PARAGRAPHS = [
    "Le conseil départemental a voté jeudi soir un plan de rénovation des collèges de la Sarthe, "
    "estimé à 120 millions d'euros sur six ans.",
    "Les travaux commenceront à la rentrée prochaine par les établissements les plus anciens, "
    "construits dans les années 1970, dont plusieurs n'ont jamais été isolés.",
    "« Nous ne pouvions plus demander aux élèves de travailler en manteau l'hiver », a expliqué la "
    "présidente du département devant l'assemblée.",
    "L'opposition a voté le plan mais regrette l'absence de calendrier précis pour les collèges ruraux, "
    "où les effectifs baissent depuis dix ans.",
]


def page(body_html: str, *, free: bool = True) -> bytes:
    access = "true" if free else "false"
    return f"""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">
<title>Sarthe : 120 millions d'euros pour rénover les collèges</title>
<meta property="og:title" content="Sarthe : 120 millions d'euros pour rénover les collèges">
<script type="application/ld+json">{{"@type": "NewsArticle",
 "headline": "Sarthe : 120 millions d'euros pour rénover les collèges",
 "datePublished": "2024-03-14T18:05:00+01:00", "isAccessibleForFree": {access}}}</script>
</head><body><header><nav><a href="/">Accueil</a> <a href="/sarthe">Sarthe</a></nav></header>
<main><article><h1>Sarthe : 120 millions d'euros pour rénover les collèges</h1>
<div class="article-body">{body_html}</div></article></main>
<footer><p>Mentions légales</p></footer></body></html>""".encode()


def cleaned_body(html: bytes) -> str:
    extracted = extract_article(html, "https://www.journal-du-maine.example/sarthe/colleges-120-millions")
    assert extracted.body, "the extractor found a body"
    return clean_text(extracted.body, title=extracted.title).text


def test_aggregator_chrome_at_the_top_of_a_body_is_stripped_and_the_body_kept() -> None:
    html = page("".join(f"<p>{text}</p>" for text in [TAGLINE, MARKER, *PARAGRAPHS]))
    body = cleaned_body(html)
    assert body.split("\n\n") == [clean_text(text).text for text in PARAGRAPHS]
    assert "Dernières Nouvelles" not in body and "Similar News" not in body


def test_the_same_chrome_as_plain_text_keeps_every_paragraph() -> None:
    result = clean_text("\n\n".join([TAGLINE, MARKER, *PARAGRAPHS]))
    assert result.text.split("\n\n") == [clean_text(text).text for text in PARAGRAPHS]
    assert {"aggregator_site_tagline", "aggregator_similar_news"} <= set(result.rules_fired)


def test_related_items_after_the_marker_are_still_removed() -> None:
    items = [
        "Collèges : la Mayenne lance aussi ses travauxLe département voisin prévoit 40 millions d'euros.",
        "Lire la suite »",
        "Rentrée : les effectifs baissent dans l'OuestLe rectorat annonce 2 000 élèves de moins…",
        "Lire la suite »",
    ]
    result = clean_text("\n\n".join([PARAGRAPHS[0], TAGLINE, MARKER, *items]))
    assert result.text == clean_text(PARAGRAPHS[0]).text


def test_an_aggregator_page_whose_marker_has_no_items_keeps_the_text_as_its_excerpt() -> None:
    parsed = parse_aggregator_text("\n".join([TAGLINE, MARKER, *PARAGRAPHS]))
    assert parsed.items == ()
    assert parsed.excerpt.split("\n\n") == [clean_text(text).text for text in PARAGRAPHS]


TEASER = PARAGRAPHS[:2]
NOTICES = [
    "Le Journal du Maine réserve cet article à ses abonnés.",
    "Pour poursuivre votre lecture, abonnez-vous.",
    "Poursuivez votre lecture en vous abonnant dès 1 € le premier mois.",
    "La lecture de cet article est réservée à nos abonnés.",
    "Vous souhaitez lire la suite ? Abonnez-vous",
    "Pour continuer à lire cet article, connectez-vous ou créez un compte.",
]


def test_subscriber_notices_leave_a_paywalled_teaser() -> None:
    for notice in NOTICES:
        html = page("".join(f"<p>{text}</p>" for text in [*TEASER, notice]), free=False)
        assert cleaned_body(html).split("\n\n") == [clean_text(text).text for text in TEASER], notice


def test_subscriber_notices_glued_to_the_last_free_sentence_are_cut() -> None:
    glued = f"{TEASER[1]} {NOTICES[0]} {NOTICES[1]}"
    result = clean_text("\n\n".join([TEASER[0], glued]))
    assert result.text.split("\n\n") == [clean_text(text).text for text in TEASER]
    assert "subscriber_notice_tail" in result.rules_fired


def test_prose_about_subscribers_is_kept() -> None:
    prose = [
        "Le théâtre réserve cette soirée à ses abonnés, qui pourront poursuivre la discussion avec la troupe.",
        "Pour poursuivre les travaux, le département a demandé aux abonnés du réseau d'eau de patienter.",
    ]
    for text in prose:
        result = clean_text(text)
        assert result.text == normalize_text(text) and result.rules_fired == (), text
