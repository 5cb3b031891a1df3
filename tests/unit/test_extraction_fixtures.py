"""extract_article on hand-written pages modelled on the outlets' real templates (tests/fixtures/pages)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.outlets import OUTLETS, profile_for_url

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"


def page(name: str) -> bytes:
    return (PAGES / name).read_bytes()


def canonical_of(raw: bytes) -> str:
    match = re.search(rb'rel="canonical" href="([^"]+)"', raw)
    assert match, "fixture without canonical link"
    return match.group(1).decode()


def extract(name: str, *, with_profile: bool = True, url: str | None = None) -> ExtractedArticle:
    raw = page(name)
    url = url or canonical_of(raw)
    return extract_article(raw, url, profile=profile_for_url(url) if with_profile else None)


def paragraphs(article: ExtractedArticle) -> list[str]:
    assert article.body is not None
    return article.body.split("\n\n")


def assert_absent(article: ExtractedArticle, *snippets: str) -> None:
    text = f"{article.lead or ''}\n{article.body or ''}"
    for snippet in snippets:
        assert snippet not in text, snippet


# -- RFI / France Médias Monde ----------------------------------------------------------------


RFI_BODY = [
    "Sous un soleil déjà lourd, une quarantaine de barges peintes en bleu et jaune se sont alignées samedi "
    "matin le long du quai de Kédalou. Sur chacune, un étal de poissons, de légumes ou de tissus, et des "
    "vendeurs qui interpellent les passants depuis l'eau.",
    "Le projet, porté par la mairie et une coopérative de pêcheurs, a mis quatre ans à voir le jour. « Nous "
    "voulions un lieu qui ne disparaisse pas à chaque crue », explique Mamadou Diallo, le président de la "
    "coopérative.",
    "Une saison des pluies redoutée",
    "Les barges peuvent monter et descendre avec le niveau du fleuve, ce qui doit permettre au marché de rester "
    "ouvert pendant la saison des pluies, quand l'ancien marché de terre battue devenait impraticable.",
    "La mairie compte désormais sur les recettes des emplacements, loués à la semaine, pour financer "
    "l'entretien des pontons.",
]


def test_rfi_article_fields() -> None:
    article = extract("rfi_article.html")
    assert article.title == "Au Sénégal, la ville de Kédalou inaugure son marché flottant"
    assert article.lead is not None and article.lead.startswith("La commune de Kédalou a ouvert samedi")
    assert article.authors == ["Awa Ndiongue"]
    assert article.section == "Afrique"
    assert article.tags == ["Sénégal", "commerce", "fleuve"]
    assert (article.published_raw, article.modified_raw) == (
        "2023-03-20T13:32:00+00:00",
        "2023-03-21T07:05:00+00:00",
    )
    assert article.date_source == "jsonld"
    assert article.canonical_url is not None and article.canonical_url.startswith(
        "https://www.rfi.fr/fr/afrique/20230320-"
    )
    assert article.paywalled is False
    assert article.kind == "article"
    assert article.site_name == "RFI"
    assert article.image_url == "https://s.rfi.fr/media/display/exemple/w:1280/p:16x9/marche-flottant.jpg"
    assert article.extraction_method == "profile"
    assert article.body_truncated is False


def test_rfi_body_keeps_paragraphs_and_subheadings_without_chrome() -> None:
    article = extract("rfi_article.html")
    assert paragraphs(article) == RFI_BODY
    assert_absent(
        article, "Publicité", "Lire la suite", "À lire aussi", "Partager", "Les barges du marché", "© RFI"
    )


def test_generic_extraction_reads_the_rfi_template_alone() -> None:
    article = extract("rfi_article.html", with_profile=False)
    assert article.extraction_method == "generic"
    assert paragraphs(article) == RFI_BODY


def test_visible_dates_are_used_when_json_ld_and_meta_are_missing() -> None:
    raw = page("rfi_article.html").decode("utf-8")
    raw = re.sub(r'<script type="application/ld\+json">.*?</script>', "", raw, flags=re.S)
    article = extract_article(raw, canonical_of(page("rfi_article.html")))
    assert (article.published_raw, article.date_source) == ("2023-03-20T13:32:00+00:00", "time")
    without_attributes = re.sub(r' datetime="[^"]+"', "", raw)
    article = extract_article(without_attributes, "https://www.rfi.fr/fr/afrique/sans-date-dans-l-adresse")
    assert article.date_source == "byline"
    assert article.published_raw is not None and "20/03/2023 - 14:32" in article.published_raw
    assert article.modified_raw is not None and "21/03/2023 - 08:05" in article.modified_raw


def test_rfi_audio_page_is_typed_podcast() -> None:
    article = extract("rfi_podcast.html")
    assert article.kind == "podcast"
    assert article.title == "Les musiciens de Kédalou"
    assert article.published_raw == "2023-04-02T08:10:00+00:00"
    assert paragraphs(article)[0].startswith("Ils jouent ensemble depuis l'enfance")
    assert_absent(article, "Écouter")


def test_france24_video_page_is_typed_video() -> None:
    article = extract("france24_video.html")
    assert profile_for_url(canonical_of(page("france24_video.html"))) is OUTLETS["france24"]
    assert article.kind == "video"
    assert article.published_raw == "2024-05-15T10:20:00+00:00"
    assert article.image_url == "https://s.france24.com/media/display/exemple/tram.jpg"
    assert paragraphs(article) == [
        "La compagnie municipale a équipé ses trois dépôts de panneaux photovoltaïques, qui couvrent désormais "
        "près de la moitié de la consommation annuelle des voitures anciennes."
    ]


# -- Le Figaro ------------------------------------------------------------------------------------


def test_lefigaro_article() -> None:
    article = extract("lefigaro_article.html")
    assert article.title == "Météo : un épisode de grêle inédit frappe la vallée de l'Orbette"
    assert article.lead == (
        "INFO LE FIGARO - Des grêlons de la taille d'une balle de golf sont tombés mardi soir sur plusieurs "
        "communes de la vallée."
    )
    assert article.authors == ["AFP"]
    assert article.paywalled is False
    assert article.section == "Actualité France"
    assert article.published_raw == "2024-06-11T21:05:12+02:00"
    assert article.extraction_method == "profile"
    assert paragraphs(article) == [
        "Des grêlons de la taille d'une balle de golf sont tombés mardi soir sur\u00a0plusieurs communes de la "
        "vallée de l'Orbette, brisant des vitres et des toitures.",
        "Les pompiers sont intervenus plus de deux cents fois entre 20 heures et minuit, selon la préfecture. "
        "«Nous n'avions jamais vu ça», raconte une habitante.",
        "Des vergers entiers détruits",
        "Les arboriculteurs craignent de perdre l'essentiel de la récolte de cerises, qui devait commencer la "
        "semaine prochaine.",
    ]
    assert_absent(article, "LIRE AUSSI", "newsletter", "Publicité", "Illustration", "À découvrir", "cookies")


def test_json_ld_article_body_is_the_fallback_when_the_page_shows_no_body() -> None:
    raw = page("lefigaro_article.html").decode("utf-8")
    raw = re.sub(
        r'<div class="fig-content-body".*?<div class="fig-tags">', '<div class="fig-tags">', raw, flags=re.S
    )
    article = extract_article(raw, canonical_of(page("lefigaro_article.html")), profile=OUTLETS["lefigaro"])
    assert article.extraction_method == "jsonld-articleBody"
    assert article.body is not None
    assert article.body.startswith("Des grêlons de la taille d'une balle de golf")
    assert "&nbsp;" not in article.body
    assert article.body.endswith("qui devait commencer la semaine prochaine.")


def test_lefigaro_live_blog() -> None:
    article = extract("lefigaro_live.html")
    assert article.kind == "live"
    assert article.paywalled is False
    assert article.title == "EN DIRECT - Tempête Orlane : suivez l'évolution de la situation"
    blocks = paragraphs(article)
    assert "Les trains reprennent vers midi" in blocks
    assert blocks[-1].startswith("Bonjour à tous, nous suivons ce mardi")
    assert not any(re.fullmatch(r"\d{2}:\d{2}", block) for block in blocks)


def test_live_blog_body_from_json_ld_updates_when_the_page_has_none() -> None:
    raw = page("lefigaro_live.html").decode("utf-8")
    raw = re.sub(r'<div class="fig-live-posts">.*?</article>', "</article>", raw, flags=re.S)
    article = extract_article(raw, "https://www.lefigaro.fr/actualite-france/en-direct-exemple-20241105")
    assert article.kind == "live"
    assert article.extraction_method == "jsonld-liveBlogUpdate"
    assert paragraphs(article)[:2] == [
        "Les trains reprennent vers midi",
        "La circulation des trains doit reprendre progressivement à partir de midi sur la ligne côtière.",
    ]


# -- Le Monde: paywall ----------------------------------------------------------------------------


def test_lemonde_paywalled_article_keeps_lead_and_metadata_and_is_marked_cut() -> None:
    article = extract("lemonde_paywalled.html")
    assert article.paywalled is True
    assert article.body_truncated is True
    assert article.lead is not None and article.lead.startswith("Trois ateliers vont rouvrir d'ici à 2026")
    assert article.authors == ["Claire Vasseur", "Hugo Lemaire"]
    assert article.published_raw == "2024-02-14T05:00:12+01:00"
    assert len(paragraphs(article)) == 2
    assert_absent(article, "Il vous reste", "S'abonner", "Déjà abonné", "Lire aussi", "JEAN DUPONT")


def test_paywall_notice_alone_marks_the_body_cut_without_profile() -> None:
    article = extract("lemonde_paywalled.html", with_profile=False)
    assert (article.paywalled, article.body_truncated) == (True, True)
    assert_absent(article, "Il vous reste")


# -- Other outlet profiles ------------------------------------------------------------------------


def test_franceinfo_article() -> None:
    article = extract("franceinfo_article.html")
    assert article.lead is not None and article.lead.startswith("Les pharmacies pourront vacciner")
    assert article.authors == ["Julien Morvan"]
    assert article.modified_raw == "2024-01-22T19:02:10+01:00"
    assert article.extraction_method == "profile"
    assert len(paragraphs(article)) == 3
    assert_absent(article, "À lire aussi", "nouveau variant", "France Télévisions")


def test_20minutes_article() -> None:
    article = extract("20minutes_article.html")
    assert article.lead == (
        "Une quarantaine de sonneurs venus de toute la France joueront samedi soir un programme écrit pour l'occasion"
    )
    assert article.authors == ["Nina Castel", "Yanis Ferrand"]
    assert paragraphs(article)[1] == "Une partition écrite par une lycéenne"
    assert len(paragraphs(article)) == 4
    assert_absent(article, "célèbre ses 800 ans avec", "Partager", "commentaire", "N. Castel / 20 Minutes")


def test_liberation_article() -> None:
    article = extract("liberation_article.html")
    assert article.paywalled is True
    assert article.lead is not None and article.lead.startswith("Menacée de fermeture faute d'effectifs")
    assert article.authors == ["Maëlle Odin"]
    assert paragraphs(article)[1] == "«On a frappé à toutes les portes»"
    assert len(paragraphs(article)) == 4
    assert_absent(article, "newsletter", "dossier", "Les écoles rurales")


def test_ouestfrance_article() -> None:
    article = extract("ouestfrance_article.html")
    assert article.lead is not None and article.lead.startswith("Trois jours de concerts")
    assert article.authors == []  # signed by the publication only: no person, no agency
    assert article.published_raw == "2024-08-19T17:45:00+02:00"
    assert len(paragraphs(article)) == 3
    assert_absent(article, "Lire aussi", "fêtes maritimes")


# -- Generic pages ---------------------------------------------------------------------------------


def test_json_ld_graph_with_author_reference() -> None:
    article = extract("graph_article.html", url="https://courrier-collines.example/2024/01/ruches-valmont/")
    assert article.title == "Les ruches urbaines de Valmont passent l'hiver"
    assert article.authors == ["Lucie Garnier"]
    assert article.section == "Environnement"
    assert article.tags == ["abeilles", "environnement"]
    assert article.site_name == "Le Courrier des Collines"
    assert article.canonical_url == "https://courrier-collines.example/2024/01/ruches-valmont/"
    assert article.published_raw == "2024-01-18T07:45:00+00:00"
    assert len(paragraphs(article)) == 3
    assert_absent(
        article, "Partager", "Articles similaires", "réflexions", "Bravo", "Articles récents", "WordPress"
    )


def test_invalid_json_ld_is_repaired_or_ignored() -> None:
    article = extract_article(page("invalid_jsonld.html"), "https://gazette-du-val.example/pont-sarrette")
    assert article.title == "Réouverture du pont de la Sarrette après dix-huit mois de travaux"
    assert article.authors == ["Théo Brunel", "Inès Caradec"]
    assert article.published_raw == "2024-10-07T06:00:00+02:00"
    assert article.tags == ["travaux", "mobilité"]
    assert article.html_lang == "en"
    assert article.paywalled is None
    assert len(paragraphs(article)) == 3
    assert_absent(article, "Les plus lus", "cookies", "boulangerie")


def test_generic_page_without_metadata_in_windows_1252() -> None:
    article = extract_article(page("generic_blog.html"), "https://blog.example.fr/voyages/carnet-jura")
    assert article.title == "Carnet de route : trois jours dans le Haut-Jura à ski de fond"
    assert article.authors == ["Paul Verdier"]
    assert article.date_source == "byline"
    assert article.published_raw is not None and "12 février 2024 à 10h15" in article.published_raw
    blocks = paragraphs(article)
    assert len(blocks) == 3
    assert blocks[0].startswith("Nous sommes partis de Mouthe un mardi matin")
    assert_absent(article, "Publié le", "Partager", "commentaires", "Magnifique", "Vercors")


@pytest.mark.parametrize(
    "name", sorted(path.name for path in PAGES.glob("*.html")), ids=lambda name: name.removesuffix(".html")
)
def test_every_fixture_gives_a_body_without_markup(name: str) -> None:
    article = extract(name, url=None if b'rel="canonical"' in page(name) else "https://example.fr/article")
    assert article.body
    assert "<" not in article.body and "\n\n\n" not in article.body
    assert article.body == article.body.strip()


OUTLET_PAGES = [
    "rfi_article.html",
    "rfi_podcast.html",
    "france24_video.html",
    "lefigaro_article.html",
    "lefigaro_live.html",
    "lemonde_paywalled.html",
    "franceinfo_article.html",
    "20minutes_article.html",
    "liberation_article.html",
    "ouestfrance_article.html",
]


@pytest.mark.parametrize("name", OUTLET_PAGES, ids=lambda name: name.removesuffix(".html"))
def test_generic_extraction_finds_every_paragraph_the_profile_finds(name: str) -> None:
    with_profile = extract(name)
    generic = extract(name, with_profile=False)
    assert with_profile.extraction_method == "profile" and generic.extraction_method == "generic"
    assert set(paragraphs(with_profile)) <= set(paragraphs(generic))
    assert (generic.title, generic.authors, generic.kind) == (
        with_profile.title,
        with_profile.authors,
        with_profile.kind,
    )
