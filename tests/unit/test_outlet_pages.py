"""Outlet profiles on page shapes modelled from the outlets' public pages, and on a real saved page.

France 24 shares the France Médias Monde template with RFI (``t-content__*`` blocks, ``m-*`` widgets,
NewsArticle JSON-LD); Ouest-France pages carry a NewsArticle ``@graph`` and microdata with
``[itemprop=articleBody]``. The fixture pages are hand-written (invented text); the real page is read
from ``../shared/corpus`` (skipped when absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.outlets import OUTLETS, profile_for_url

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def extract(name: str, url: str, *, with_profile: bool = True) -> ExtractedArticle:
    profile = profile_for_url(url) if with_profile else None
    return extract_article((PAGES / name).read_bytes(), url, profile=profile)


F24_URL = "https://www.france24.com/fr/afrique/20240415-au-b%C3%A9nin-les-vanniers-de-toval%C3%A9-relancent-la-fibre-de-raphia"
OF_URL = (
    "https://www.ouest-france.fr/bretagne/lannion-22300/"
    "le-pont-de-kerhuel-rouvrira-a-la-circulation-en-juin-7c1d2e3f-4a5b-11ef-9c8d-0a1b2c3d4e5f"
)


def test_france24_article_on_the_france_medias_monde_template() -> None:
    assert profile_for_url(F24_URL) is OUTLETS["france24"] and OUTLETS["france24"].is_article_url(F24_URL)
    article = extract("france24_article.html", F24_URL)
    assert article.extraction_method == "profile"
    assert article.title == "Au Bénin, les vanniers de Tovalé relancent la fibre de raphia"
    assert article.lead is not None and article.lead.startswith("Dans le sud du pays")
    assert article.authors == ["Kossi Amégan"]
    assert (article.published_raw, article.date_source) == ("2024-04-15T09:12:40+00:00", "jsonld")
    assert article.section == "Afrique" and article.tags == ["Bénin", "artisanat", "emploi"]
    assert article.kind == "article" and article.paywalled is False
    body = article.body or ""
    assert body.startswith("Dans la cour de l'atelier") and body.endswith(
        "une formation de six mois, rémunérée."
    )
    assert "Des commandes venues d'Europe" in body
    for chrome in (
        "Flash actualité",
        "Publicité",
        "Lire la suite",
        "Partager",
        "atelier de Tovalé, au petit",
        "5 mn",
    ):
        assert chrome not in body


def test_france24_generic_path_finds_every_paragraph_of_the_profile() -> None:
    with_profile = extract("france24_article.html", F24_URL)
    generic = extract("france24_article.html", F24_URL, with_profile=False)
    assert generic.authors == with_profile.authors and generic.title == with_profile.title
    for paragraph in (with_profile.body or "").split("\n\n"):
        assert paragraph in (generic.body or "")


def test_ouestfrance_subscriber_article_from_json_ld_graph_and_article_body() -> None:
    assert profile_for_url(OF_URL) is OUTLETS["ouestfrance"] and OUTLETS["ouestfrance"].is_article_url(OF_URL)
    article = extract("ouestfrance_premium.html", OF_URL)
    assert article.extraction_method == "profile"
    assert article.title == "Lannion. Le pont de Kerhuel rouvrira à la circulation en juin"
    assert article.lead is not None and article.lead.startswith("Fermé depuis l'automne")
    assert article.authors == ["Gwenola Le Bihan"]
    assert article.site_name == "Ouest-France.fr"
    assert (article.published_raw, article.date_source) == ("2024-03-02T18:05:00+01:00", "jsonld")
    assert article.paywalled is True and article.body_truncated is True
    body = article.body or ""
    assert body.startswith("Les automobilistes qui contournent Lannion")
    assert body.endswith("chargé des ouvrages d'art.")
    for chrome in (
        "À lire aussi",
        "La déviation de Kerhuel",
        "Il vous reste",
        "Abonnez-vous",
        "réservé aux abonnés",
    ):
        assert chrome not in body


def test_france24_profile_on_a_real_saved_france_medias_monde_page(corpus: Path) -> None:
    """The only saved page of the template: a France 24 Observers article (English)."""
    html_path = corpus / "mediacloud_nonfr" / "mc_observers_france24_com.html"
    if not html_path.is_file():
        pytest.skip("the France 24 Observers page is not in this corpus")
    gold = json.loads(html_path.with_suffix(".json").read_text(encoding="utf-8"))
    raw = html_path.read_bytes()
    article = extract_article(raw, gold["url"], profile=OUTLETS["france24"])
    generic = extract_article(raw, gold["url"])
    assert article.extraction_method == "profile"
    assert article.title == gold["title"]
    assert (article.published_raw or "").startswith(gold["published"])
    assert len(article.body or "") > 7000  # the metadata-lib expectation for this page's text
    assert article.body == generic.body
