"""Outlet profiles: the data the outlet spiders and the extractor share."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from lxml.cssselect import CSSSelector

from newsbot.outlets import OUTLETS, OutletProfile, profile_for_url

EXPECTED_IDS = {
    "rfi",
    "lefigaro",
    "lemonde",
    "france24",
    "franceinfo",
    "20minutes",
    "liberation",
    "ouestfrance",
}

ARTICLE_URLS = {
    "rfi": "https://www.rfi.fr/fr/afrique/20230320-au-s%C3%A9n%C3%A9gal-la-ville-inaugure-son-march%C3%A9",
    "france24": "https://www.france24.com/fr/europe/20240515-lisbonne-tramways-solaire",
    "lefigaro": "https://www.lefigaro.fr/international/guerre-en-ukraine-deux-morts-dans-des-frappes-20241122",
    "lemonde": "https://www.lemonde.fr/politique/article/2023/08/30/sophie-binet-met-en-garde_6187099_823448.html",
    "franceinfo": "https://www.francetvinfo.fr/sante/maladie/grippe/la-vaccination-prolongee_6301234.html",
    "20minutes": "https://www.20minutes.fr/societe/4060503-20231102-tempete-ciaran-pluie-rafales-vent",
    "liberation": "https://www.liberation.fr/international/moyen-orient/gaza-frappes-20231101_AZMTTO7OZBCI3IG7LKHAZVLEQQ/",
    "ouestfrance": "https://www.ouest-france.fr/bretagne/quimperle-29300/festival-3f2a9c1e-5b7d-11ef-8c2a-0a1b2c3d4e5f",
}
INDEX_URLS = {
    "rfi": "https://www.rfi.fr/fr/afrique/",
    "france24": "https://www.france24.com/fr/europe/",
    "lefigaro": "https://www.lefigaro.fr/international",
    "lemonde": "https://www.lemonde.fr/politique/",
    "franceinfo": "https://www.francetvinfo.fr/sante/",
    "20minutes": "https://www.20minutes.fr/societe/",
    "liberation": "https://www.liberation.fr/international/",
    "ouestfrance": "https://www.ouest-france.fr/bretagne/",
}


def test_the_eight_outlets_are_registered_under_their_spider_names() -> None:
    assert set(OUTLETS) == EXPECTED_IDS
    assert all(profile.id == key for key, profile in OUTLETS.items())


def test_issue_feeds_and_sitemaps() -> None:
    assert "https://www.rfi.fr/fr/rss" in OUTLETS["rfi"].feeds
    assert "https://www.rfi.fr/sitemaps/fr/news.xml" in OUTLETS["rfi"].sitemaps
    assert "https://www.lefigaro.fr/rss/figaro_actualites.xml" in OUTLETS["lefigaro"].feeds
    assert "https://www.lefigaro.fr/sitemap_news.xml" in OUTLETS["lefigaro"].sitemaps


@pytest.mark.parametrize("profile", OUTLETS.values(), ids=lambda profile: profile.id)
def test_profile_is_complete_and_self_consistent(profile: OutletProfile) -> None:
    assert profile.name and profile.domains and profile.language == "fr"
    assert profile.feeds and profile.sitemaps and profile.body_selectors
    for url in (*profile.feeds, *profile.sitemaps):
        assert urlsplit(url).scheme == "https"
        assert profile.matches(url), url
    for selector in (
        *profile.title_selectors,
        *profile.lead_selectors,
        *profile.body_selectors,
        *profile.remove_selectors,
        *profile.byline_selectors,
        *profile.date_selectors,
        *profile.section_selectors,
        *profile.tag_selectors,
        *profile.paywall_selectors,
        *(selector for selector, _ in profile.kind_selectors),
    ):
        CSSSelector(selector, translator="html")
    for pattern, kind in profile.kind_url_patterns:
        re.compile(pattern)
        assert kind in {"live", "video", "podcast", "gallery"}


@pytest.mark.parametrize("outlet", sorted(EXPECTED_IDS))
def test_article_url_pattern_tells_articles_from_index_pages(outlet: str) -> None:
    profile = OUTLETS[outlet]
    assert profile.is_article_url(ARTICLE_URLS[outlet])
    assert not profile.is_article_url(INDEX_URLS[outlet])
    assert not profile.is_article_url("https://www.example.org/fr/afrique/20230320-ailleurs")


def test_profile_for_url() -> None:
    assert profile_for_url("https://www.rfi.fr/fr/") is OUTLETS["rfi"]
    assert profile_for_url("https://observers.france24.com/en/20190826-x") is OUTLETS["france24"]
    assert profile_for_url("https://video.lefigaro.fr/figaro/video/x/") is OUTLETS["lefigaro"]
    assert profile_for_url("https://www.franceinfo.fr/x_1.html") is OUTLETS["franceinfo"]
    assert profile_for_url("https://notrfi.fr/fr/") is None
    assert profile_for_url("https://www.lemonde.fr.example.com/") is None
    assert profile_for_url("not a url") is None


def test_most_specific_domain_wins() -> None:
    regional = OutletProfile(id="regional", name="Régional", domains=("regions.lemonde.fr",))
    assert regional.matched_domain("https://www.regions.lemonde.fr/a") == "regions.lemonde.fr"
    assert OUTLETS["lemonde"].matched_domain("https://www.regions.lemonde.fr/a") == "lemonde.fr"
