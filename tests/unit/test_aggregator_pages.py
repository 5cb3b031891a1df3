"""Aggregator pages of many layouts: every excerpt found, title split from summary, no chrome kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.aggregator import canon, score_layout, stored_texts
from newsbot.extraction.aggregator import AggregatedEntry, extract_aggregated_entries
from newsbot.text.chrome_guard import chrome_in, guard_fields
from spiders.aggregator import linkless_item_url, outlet_id
from tests.support.aggregator_layouts import (
    CHROME_PHRASES,
    DEV_FAMILIES,
    FAMILIES,
    HELD_OUT_FAMILIES,
    generate,
    sample_as_html,
)
from tests.support.corpus import REPO_ROOT

PAGE = "https://www.infofil.example/actu/crue-de-la-loire"


def _no_chrome(entries: list[AggregatedEntry]) -> None:
    for entry in entries:
        for text in stored_texts(entry):
            if text:
                folded = canon(text).casefold()
                assert not any(canon(phrase).casefold() in folded for phrase in CHROME_PHRASES), text


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("seed", range(6))
def test_generated_layouts(family: str, seed: int) -> None:
    layout = generate(family, seed)
    entries = extract_aggregated_entries(layout.html, layout.page_url)
    score = score_layout(layout, entries)
    assert score.found == score.expected, score.misses
    assert score.correct == score.extracted, score.misses
    assert score.split == score.found, score.misses
    assert score.chrome_texts == 0, score.misses
    assert score.link == score.found and score.outlet == score.outlet_expected, score.misses
    assert score.date == score.date_expected, score.misses
    assert entries[0].main and entries[0].title == layout.main.title.replace(" :", "\u00a0:").replace(
        " ?", "\u202f?"
    )


def test_the_generator_is_deterministic_and_varied() -> None:
    assert generate("cards", 3).html == generate("cards", 3).html
    assert generate("cards", 3).html != generate("cards", 4).html
    assert set(DEV_FAMILIES).isdisjoint(HELD_OUT_FAMILIES)
    pages = [generate(family, seed) for family in FAMILIES for seed in range(10)]
    related = [item for page in pages for item in page.related]
    assert any(item.url is None for item in related) and any(item.internal for item in related)
    assert any(item.url and not item.internal for item in related)
    with pytest.raises(ValueError, match="unknown layout family"):
        generate("nope", 1)


LIST_LAYOUT = """<html><head><title>Crue de la Loire : Nantes sous surveillance - InfoFil</title></head><body>
<div class="site">InfoFil <a href="/">Accueil</a> <a href="/france/">France</a> <a href="/monde/">Monde</a></div>
<h1>Crue de la Loire : Nantes sous surveillance</h1>
<div>lemonde.fr · il y a 2 heures<br><br>La Loire a atteint mardi son plus haut niveau depuis vingt ans.
Les digues tiennent.<br><br>La préfecture a ouvert trois gymnases pour les familles évacuées près de l'embouchu
<a href="https://www.lemonde.fr/planete/article/2026/03/12/crue-de-la-loire_6123.html">Lire la suite »</a></div>
<p>France Dernières Nouvelles, France Actualités</p>
<p>Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci que nous avons collectés
auprès d'autres sources d'information.</p>
<ul>
<li><a href="/actu/digues-renforcees-tours-812">Des digues renforcées à ToursLa mairie a engagé des travaux
d'urgence sur trois kilomètres de berges.</a> <span>Lire la suite »</span></li>
<li><a href="/actu/pourquoi-les-crues-813">Pourquoi les crues sont-elles plus fréquentes ?Les hydrologues
pointent l'artificialisation des sols.</a> <span>Lire la suite »</span></li>
<li><a href="/actu/agriculteurs-inquiets-814">Les agriculteurs du Maine-et-Loire s'inquiètent pour leurs
semisPlusieurs parcelles sont sous l'eau depuis dimanche…</a> <span>Lire la suite »</span></li>
</ul>
<div class="bas">© 2026 InfoFil. Tous droits réservés. InfoFil agrège les titres de la presse.</div>
</body></html>"""

CARD_LAYOUT = """<html><head><title>Grève à la SNCF - InfoFil</title></head><body>
<header><a href="/">InfoFil</a><nav><a href="/a">Accueil</a><a href="/b">Sport</a></nav></header>
<section><h2>Grève à la SNCF : le trafic fortement perturbé jeudi</h2>
<p>Source : Ouest-France · il y a 5 heures</p>
<p>Seul un TGV sur deux circulera jeudi, a annoncé la direction, qui recommande de reporter les voyages.</p>
<a href="https://www.ouest-france.fr/economie/transports/greve-sncf-trafic-perturbe-5512">Lire l'article</a>
</section>
<aside><h3>Sur le même sujet</h3>
<div class="card"><h4>Les contrôleurs réclament une prime</h4><p>Le syndicat majoritaire demande 150 euros par
mois.</p><a href="https://www.courrierduval.example/actu/controleurs-prime-77.html">Lire la suite »</a></div>
<div class="card"><h4>Les usagers excédés par les retards</h4><p>Les associations d'usagers réclament un
remboursement intégral.</p><a href="https://www.courrierduval.example/actu/usagers-retards-78.html">Lire la
suite »</a><small>courrierduval.example · il y a 40 minutes</small></div>
</aside>
<footer>Actu Express agrège les titres de la presse française.</footer></body></html>"""

FLAT_LAYOUT = """<html><head><title>InfoFil</title></head><body><div>
La Loire a atteint mardi son plus haut niveau depuis vingt ans, les digues tiennent mais l'alerte demeure.<br>
Le pic de crue est attendu dans la nuit, selon les services de l'État, près de l'embouchu<br>
courrierduval.example · il y a 3 heures<br>
<a href="https://www.courrierduval.example/actu/crue-loire-0.html">Lire la suite »</a><br>
France Dernières Nouvelles, France Actualités<br>
Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci.<br>
Crue de la Loire : des centaines d'habitants évacués près de NantesLes pompiers ont mené plus de 200
interventions dans la nuit.<br><a href="https://www.courrierduval.example/actu/crue-nantes-1.html">Lire la suite »</a><br>
Inondations : la Loire déborde à ToursLe niveau du fleuve a dépassé la cote d'alerte en fin d'après-midi…<br>
<a href="https://www.courrierduval.example/actu/crue-tours-2.html">Lire la suite »</a><br>
</div></body></html>"""


def test_the_list_layout_of_the_issue() -> None:
    entries = extract_aggregated_entries(LIST_LAYOUT, PAGE)
    assert [entry.title for entry in entries] == [
        "Crue de la Loire\u00a0: Nantes sous surveillance",
        "Des digues renforcées à Tours",
        "Pourquoi les crues sont-elles plus fréquentes\u202f?",
        "Les agriculteurs du Maine-et-Loire s'inquiètent pour leurs semis",
    ]
    main = entries[0]
    assert main.main and main.outlet == "lemonde.fr" and main.published_raw == "il y a 2 heures"
    assert main.url == "https://www.lemonde.fr/planete/article/2026/03/12/crue-de-la-loire_6123.html"
    assert main.summary.startswith("La Loire a atteint mardi") and main.summary.endswith("l'embouchu")
    assert main.truncated
    assert [entry.internal for entry in entries[1:]] == [True, True, True]
    assert entries[1].url == "https://www.infofil.example/actu/digues-renforcees-tours-812"
    assert (
        entries[3].summary == "Plusieurs parcelles sont sous l'eau depuis dimanche…" and entries[3].truncated
    )
    _no_chrome(entries)
    assert all("InfoFil" not in (entry.summary or "") for entry in entries)


def test_the_card_layout_of_the_issue() -> None:
    entries = extract_aggregated_entries(CARD_LAYOUT, PAGE)
    assert [(entry.title, entry.outlet, entry.published_raw) for entry in entries] == [
        ("Grève à la SNCF\u00a0: le trafic fortement perturbé jeudi", "Ouest-France", "il y a 5 heures"),
        ("Les contrôleurs réclament une prime", None, None),
        ("Les usagers excédés par les retards", "courrierduval.example", "il y a 40 minutes"),
    ]
    assert entries[2].summary == "Les associations d'usagers réclament un remboursement intégral."
    assert not any(entry.internal for entry in entries)
    _no_chrome(entries)


def test_the_flat_layout_of_the_issue() -> None:
    entries = extract_aggregated_entries(FLAT_LAYOUT, PAGE)
    main = entries[0]
    assert main.main and main.title is None and main.truncated and main.summary.endswith("près de l'embouchu")
    assert main.url == "https://www.courrierduval.example/actu/crue-loire-0.html"
    assert (main.outlet, main.published_raw) == ("courrierduval.example", "il y a 3 heures")
    assert [(entry.title, entry.url) for entry in entries[1:]] == [
        (
            "Crue de la Loire\u00a0: des centaines d'habitants évacués près de Nantes",
            "https://www.courrierduval.example/actu/crue-nantes-1.html",
        ),
        (
            "Inondations\u00a0: la Loire déborde à Tours",
            "https://www.courrierduval.example/actu/crue-tours-2.html",
        ),
    ]
    _no_chrome(entries)


SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "aggregator_page.txt"


@pytest.mark.corpus
@pytest.mark.parametrize("markup", ["p", "br", "list"])
def test_the_sample_rendered_as_minimal_html(markup: str) -> None:
    if not SAMPLE.is_file():
        pytest.skip("../shared/samples/aggregator_page.txt is not available on this machine")
    html = sample_as_html(Path(SAMPLE).read_text(encoding="utf-8"), markup=markup)
    entries = extract_aggregated_entries(html, PAGE)
    main, related = entries[0], entries[1:]
    assert main.main and main.truncated and main.title is None
    assert len(related) == 6
    assert all(entry.title and entry.summary and entry.title != entry.summary for entry in related)
    assert all(len(entry.title) < 200 for entry in related)
    assert main.summary.endswith("l’hégémo")
    assert [entry.url for entry in related] == (
        [f"https://www.infofil.example/actu/{number}" for number in range(6)]
        if markup == "list"
        else [None] * 6
    )
    _no_chrome(entries)


def test_outlets_and_linkless_urls() -> None:
    assert outlet_id("Le Monde") == outlet_id("lemonde.fr") == outlet_id("www.lemonde.fr") == "lemonde"
    assert outlet_id("gazette-monts.example") == "gazette-monts.example"
    assert outlet_id("La Gazette des Monts") is None
    url = linkless_item_url(PAGE + "?page=2", "Crue : Nantes évacuée", None)
    assert url == "https://www.infofil.example/actu/crue-de-la-loire?page=2&extrait=crue-nantes-evacuee"


class TestChromeGuard:
    def test_clean_fields_pass_untouched(self) -> None:
        outcome = guard_fields("Un titre", "Un résumé.", "Il faudra lire la suite du rapport demain.")
        assert outcome.repairs == () and outcome.drop_reason is None
        assert outcome.body == "Il faudra lire la suite du rapport demain."

    def test_a_closer_left_in_a_lead_is_cut(self) -> None:
        outcome = guard_fields(
            "Titre", "Le résumé s'arrête ici. Lire la suite »\n\nlemonde.fr · il y a 2 heures", None
        )
        assert outcome.lead == "Le résumé s'arrête ici."
        assert outcome.drop_reason is None and "closer_cut" in outcome.repairs

    def test_a_marker_ends_the_text(self) -> None:
        outcome = guard_fields("Titre", "Le résumé.\n\nSimilar News: autre chose\n\nUn autre article", None)
        assert outcome.lead == "Le résumé." and "marker_cut" in outcome.repairs

    def test_a_title_that_is_a_whole_page_is_dropped(self) -> None:
        page = "La Loire déborde " * 30 + "Lire la suite » France Dernières Nouvelles, France Actualités"
        assert guard_fields(page, None, None).drop_reason == "chrome_title"

    def test_a_long_glued_title_is_split(self) -> None:
        title = "Crue de la Loire à Nantes" + "Les pompiers ont mené plus de deux cents interventions. " * 6
        outcome = guard_fields(title, None, None)
        assert outcome.title == "Crue de la Loire à Nantes" and outcome.lead.startswith("Les pompiers")

    def test_chrome_in_names_what_is_left(self) -> None:
        assert chrome_in("France Dernières Nouvelles, France Actualités") == "tagline"
        assert chrome_in("Texte.\n\n[Lire l'article]") == "closer"
        assert chrome_in("Paris, 12 mars 2024", source_lines=False) is None


def test_aggregator_runs_are_not_judged_on_body_and_date_coverage_unless_asked() -> None:
    from scrapy.settings import Settings

    from spiders.aggregator import AggregatorSpider

    default = Settings({"NEWSBOT_HEALTH_MIN_COVERAGE": ""}, priority="project")
    AggregatorSpider.update_settings(default)
    assert json.loads(default["NEWSBOT_HEALTH_MIN_COVERAGE"]) == {"body": 0.0, "published_at": 0.0}
    explicit = Settings({"NEWSBOT_HEALTH_MIN_COVERAGE": "body=0.3,title=1"}, priority="cmdline")
    AggregatorSpider.update_settings(explicit)
    assert json.loads(explicit["NEWSBOT_HEALTH_MIN_COVERAGE"]) == {
        "body": 0.3,
        "published_at": 0.0,
        "title": 1.0,
    }


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"\x00\xff\xfe binary",
        "<html><body>" + "<div>" * 3000 + "Texte. Lire la suite »" + "</div>" * 3000 + "</body></html>",
        "<p>Lire la suite »</p>" * 500,
        "<html><body><h1>Titre seul</h1></body></html>",
        "<ul>"
        + "<li><a href='/a'>Un titre de plus de quinze lettres</a><p>"
        + "x" * 40
        + "</p></li>" * 300
        + "</ul>",
    ],
)
def test_hostile_pages_give_a_list_not_a_traceback(page: bytes | str) -> None:
    entries = extract_aggregated_entries(page, PAGE)
    assert isinstance(entries, list)
    assert all(entry.title or entry.summary for entry in entries)


def test_an_item_page_without_excerpt_keeps_the_listings_excerpt() -> None:
    from scrapy.http import HtmlResponse
    from scrapy.utils.test import get_crawler

    from newsbot.extraction.aggregator import AggregatedEntry as Entry
    from spiders.aggregator import AggregatorSpider

    crawler = get_crawler(AggregatorSpider)
    crawler.stats.open_spider()
    spider = AggregatorSpider.from_crawler(crawler, urls=PAGE)
    listed = Entry("https://www.infofil.example/actu/1", "Un titre", "Un résumé.", False, internal=True)
    empty = HtmlResponse(url="https://www.infofil.example/actu/1", body=b"<html><body></body></html>")
    (item,) = list(spider.parse_article(empty, listed=listed))
    assert (item.url, item.title, item.lead, item.kind) == (
        "https://www.infofil.example/actu/1",
        "Un titre",
        "Un résumé.",
        "excerpt",
    )
    assert crawler.stats.get_value("newsbot/aggregator/item_page_without_excerpt") == 1
