"""Extraction rules that must hold on sites never seen: time zones, date scope, mangled machine dates.

Pages here are written for the test (no real page text): each models one shape seen on real sites.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.utils.test import get_crawler

from benchmarks.rule_sites import RULE_SITES, rules_only_from
from newsbot.dates import parse_date
from newsbot.extraction import extract_article
from newsbot.extraction.datesources import find_dates, repair_machine_date
from newsbot.extraction.document import parse_html
from newsbot.extraction.page import Page
from newsbot.extraction.timezones import page_time_zone
from newsbot.items import ArticleItem
from pipelines.dates import DatePipeline

PROSE = (
    "Le conseil municipal a voté mardi soir la rénovation complète du pont, fermé depuis six mois "
    "après l'effondrement d'une partie de son tablier, pour un montant de quatre millions d'euros."
)


def page(html: str, url: str = "https://journal.example/a") -> Page:
    root = parse_html(html)
    assert root is not None
    return Page.from_root(root, url)


# -- time zones ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "url", "zone"),
    [
        ('<meta property="og:locale" content="fr_CA">', "https://journal.example/a", "America/Toronto"),
        ('<meta property="og:locale" content="fr_BE">', "https://journal.example/a", "Europe/Brussels"),
        ('<meta property="og:locale" content="fr_CH">', "https://journal.example/a", "Europe/Zurich"),
        ("", "https://www.journal.qc.ca/a", "America/Toronto"),
        ("", "https://www.journal.be/a", "Europe/Brussels"),
        ("", "https://www.journal.ch/a", "Europe/Zurich"),
        ('<meta property="og:locale" content="fr_FR">', "https://www.journal.ca/a", "America/Toronto"),
        ('<meta property="article:published_time" content="2017-01-24T10:00:00-05:00">', "https://j.example/a",
         "America/Toronto"),
        ('<meta property="article:published_time" content="2017-01-24T10:00:00+00:00">', "https://j.example/a",
         None),
        ("", "https://journal.example/a", None),
        ('<meta property="og:locale" content="fr_FR">', "https://journal.example/a", "Europe/Paris"),
    ],
)  # fmt: skip
def test_page_time_zone(head: str, url: str, zone: str | None) -> None:
    assert page_time_zone(page(f"<html><head>{head}</head><body><p>x</p></body></html>", url)) == zone


def test_a_quebec_date_only_value_is_montreal_midnight() -> None:
    html = '<html><head><meta name="date" content="2017-01-24"></head><body><p>x</p></body></html>'
    article = extract_article(html, "https://www.journal.qc.ca/nouvelle/1")
    assert (article.published_raw, article.time_zone) == ("2017-01-24", "America/Toronto")
    instant = parse_date(article.published_raw, tz=article.time_zone)
    assert instant == datetime(2017, 1, 24, 5, 0, tzinfo=UTC)


def test_the_date_pipeline_reads_raw_dates_in_the_page_zone() -> None:
    crawler = get_crawler(settings_dict={"NEWSBOT_TIMEZONE": "Europe/Paris"})
    crawler.stats.open_spider()
    pipeline = DatePipeline.from_crawler(crawler)
    crawled = datetime(2017, 3, 20, tzinfo=UTC)
    local = ArticleItem(url="u", source="s", published_raw="2017-03-13 19:18", date_source="meta")
    quebec = ArticleItem(
        url="u", source="s", published_raw="2017-03-13 19:18", date_source="meta", time_zone="America/Toronto"
    )
    bogus = ArticleItem(url="u", source="s", published_raw="2017-03-13 19:18", time_zone="Mars/Olympus")
    for item in (local, quebec, bogus):
        item.crawled_at = crawled
        pipeline.process_item(item)
    assert local.published_at == datetime(2017, 3, 13, 18, 18, tzinfo=UTC)
    assert quebec.published_at == datetime(2017, 3, 13, 23, 18, tzinfo=UTC)
    assert bogus.published_at == local.published_at
    assert crawler.stats.get_value("newsbot/dates/unknown_time_zone") == 1
    assert crawler.stats.get_value("newsbot/dates/page_time_zone") == 1


# -- machine dates and the article's own scope --------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "repaired"),
    [
        ("2020-05-08CEST09:52:33+0200", "2020-05-08T09:52:33+0200"),
        ("2020-05-08CET09:52", "2020-05-08T09:52+01:00"),
        ("2020-05-08T09:52:33+02:00", "2020-05-08T09:52:33+02:00"),
        ("8 mai 2020", "8 mai 2020"),
    ],
)
def test_mangled_machine_dates_keep_their_time(raw: str, repaired: str) -> None:
    assert repair_machine_date(raw) == repaired


def test_a_mangled_meta_date_is_read_to_the_minute() -> None:
    html = (
        '<html><head><meta property="article:published_time" content="2020-05-08CEST09:52:33+0200">'
        "</head><body><p>x</p></body></html>"
    )
    found = find_dates(page(html))
    assert parse_date(found.published) == datetime(2020, 5, 8, 7, 52, 33, tzinfo=UTC)


def test_time_of_another_item_is_not_the_article_date() -> None:
    html = (
        "<html><body><aside><ul><li><a href='/b'>Autre sujet <time datetime='2024-05-02T08:00:00+02:00'>"
        "2 mai</time></a></li></ul></aside>"
        "<article><h1>Le pont rouvre</h1><p>Par Lina Roux, <time datetime='2024-03-01T10:00:00+01:00'>"
        f"1er mars</time></p><p>{PROSE}</p></article>"
        "<article class='card'><h2>Autre</h2><time pubdate datetime='2024-06-01T10:00:00+02:00'>1er juin</time>"
        "</article></body></html>"
    )
    assert find_dates(page(html)).published == "2024-03-01T10:00:00+01:00"


def test_comment_dates_are_not_the_article_date() -> None:
    html = (
        "<html><body><main><h1>Le pont rouvre</h1><p class='date'>Publié le 09/11/2016</p>"
        f"<p>{PROSE}</p></main><div id='comments'><div class='comment'>"
        "<time datetime='2016-11-15T16:08:08+02:00'>15 novembre</time> Bravo</div></div></body></html>"
    )
    found = find_dates(page(html))
    assert found.published is not None and "09/11/2016" in found.published


# -- titles -------------------------------------------------------------------------------------------


def test_the_visible_headline_wins_over_a_reworded_seo_title() -> None:
    seo = "Pont de la Barre : réouverture après six mois de travaux, ce qu'il faut savoir"
    html = (
        f'<html><head><meta property="og:title" content="{seo}"></head><body><header><h1>Le Journal du Val'
        "</h1></header><article><h1>Après six mois de travaux, le pont de la Barre rouvre enfin</h1>"
        f"<p>{PROSE}</p></article></body></html>"
    )
    assert extract_article(html, "https://journalduval.example/a").title == (
        "Après six mois de travaux, le pont de la Barre rouvre enfin"
    )


def test_a_logo_or_section_h1_does_not_replace_the_declared_title() -> None:
    html = (
        '<html><head><meta property="og:title" content="Didier Durand veut rouvrir le pont de la Barre">'
        "</head><body><h1>Le Journal du Val - premier site d'information du Val</h1>"
        f"<p>{PROSE}</p></body></html>"
    )
    assert extract_article(html, "https://journalduval.example/a").title == (
        "Didier Durand veut rouvrir le pont de la Barre"
    )


def test_title_decorations_and_author_suffix_are_removed() -> None:
    html = (
        '<html><head><meta property="og:title" content="» Le pont de la Barre rouvre enfin | Lina Roux">'
        '<meta name="author" content="Lina Roux"></head><body>'
        f"<p>{PROSE}</p></body></html>"
    )
    assert extract_article(html, "https://blog.example/a").title == "Le pont de la Barre rouvre enfin"


# -- bodies: what is not the article ------------------------------------------------------------------

OTHER = (
    "Les commerçants du centre-ville, privés de clients depuis l'automne, attendent beaucoup de cette "
    "réouverture annoncée pour le printemps prochain, selon la chambre de commerce."
)


def body_of(html: str, url: str = "https://journal.example/pont") -> str:
    return extract_article(html, url).body or ""


def test_related_lists_section_headings_and_teaser_cards_are_not_the_body() -> None:
    related = "".join(
        f"<li><a href='/a{i}'>Un autre sujet numéro {i} sur la vie du département</a></li>" for i in range(5)
    )
    html = (
        f"<html><body><div class='entry'><h1>Le pont rouvre</h1><p>{PROSE}</p><p>{OTHER}</p><p>{PROSE}</p>"
        f"<h3>Vidéos</h3><ul>{related}</ul><div><h4>Dans le numéro de mars</h4><p>Notre dossier sur les "
        "ponts, en kiosque jeudi.</p><a href='/mag'>Découvrir</a></div></div></body></html>"
    )
    body = body_of(html)
    assert body.endswith(PROSE)
    assert "Vidéos" not in body and "numéro de mars" not in body and "autre sujet" not in body


def test_sponsored_call_outs_and_bracketed_plugs_are_dropped() -> None:
    html = (
        f"<html><body><article><h1>Le pont rouvre</h1><p>{PROSE}</p>"
        "<p><strong>Offre du moment :</strong> <a rel='nofollow sponsored' href='https://shop.example'>"
        "30 jours d'essai gratuit</a></p>"
        "<p>[<em>Des milliers de lecteurs lisent notre lettre</em>. <a href='/nl'>Abonnez-vous aujourd'hui</a>]"
        f"</p><p>{OTHER}</p></article></body></html>"
    )
    body = body_of(html)
    assert PROSE in body and OTHER in body
    assert "essai gratuit" not in body and "Abonnez-vous" not in body


def test_live_entries_inside_a_see_more_wrapper_are_kept() -> None:
    entries = "".join(
        f"<div class='entry'><h2>Point {i}</h2><p>Entrée {i}. {PROSE}</p></div>" for i in range(3)
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "LiveBlogPosting"}</script></head><body>'
        f"<main><h1>Direct : le pont rouvre</h1><div class='feed'>{entries}<div class='feed-readmore'>"
        f"<div class='entry'><h2>Point 9</h2><p>Entrée 9. {PROSE}</p></div><a href='?p=2'>Voir plus</a>"
        "</div></div></main></body></html>"
    )
    body = body_of(html, "https://journal.example/direct/pont")
    assert "Entrée 9." in body and "Voir plus" not in body


def test_a_paywalled_teaser_keeps_its_last_visible_paragraph() -> None:
    import json

    node = {"@type": "NewsArticle", "isAccessibleForFree": False, "articleBody": f"{PROSE}\n{OTHER}"}
    last = (
        "Selon la préfecture, les travaux dureront au moins quatre mois et coûteront près de quatre millions."
    )
    html = (
        f'<html><head><script type="application/ld+json">{json.dumps(node)}</script></head><body><article>'
        f"<h1>Le pont rouvre</h1><div class='content'><p>{PROSE}</p><p>{OTHER}</p><p>{last}</p>"
        "<div class='paywall'><p>Réservé aux abonnés</p><p>Il vous reste 75 % de cet article à lire.</p></div>"
        "</div></article></body></html>"
    )
    article = extract_article(html, "https://journal.example/pont")
    assert article.paywalled is True and article.body_truncated is True
    assert (article.body or "").endswith(last) and "abonnés" not in (article.body or "")


def test_subscriber_labels_are_not_paragraphs() -> None:
    html = (
        f"<html><body><article><h1>Le pont rouvre</h1><p>{PROSE}</p><p>Réservé aux abonnés</p>"
        f"<p>{OTHER}</p></article></body></html>"
    )
    assert "Réservé" not in body_of(html)


# -- the rules switch (leave-one-site-out in the benchmark) -------------------------------------------


def test_a_rule_switched_off_gives_the_behaviour_before_it() -> None:
    from newsbot.extraction import rules

    plug = "[Des milliers de lecteurs lisent notre lettre. Abonnez-vous aujourd'hui]"
    html = f"<html><body><article><h1>Le pont</h1><p>{PROSE}</p><p>{plug}</p><p>{OTHER}</p></article></body></html>"
    assert plug not in body_of(html)
    with rules.without(["body-bracketed-plugs"]):
        assert plug in body_of(html)
    assert plug not in body_of(html)
    assert rules_only_from("lesoir.be") == [
        "authors-fall-through",
        "authors-no-commenters",
        "authors-dateline-block",
    ]
    assert "authors-house-names" not in rules_only_from("lemonde.fr")


def test_every_rule_has_the_sites_that_motivated_it_and_unknown_rules_are_refused() -> None:
    from newsbot.extraction import rules

    assert set(RULE_SITES) == rules.RULES
    with pytest.raises(ValueError, match="unknown extraction rules"), rules.without(["no-such-rule"]):
        pass
