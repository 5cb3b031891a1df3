"""parse_aggregator_text on a page shaped like an aggregator's (own sentences), and on the real sample."""

from pathlib import Path

import pytest

from newsbot.text import AggregatorItem, clean_text, parse_aggregator_text
from tests.support.corpus import REPO_ROOT

PAGE = """La Loire a atteint mardi son plus haut niveau depuis vingt ans. Les digues tiennent, mais la préfecture reste en alerte.
Les maires des communes riveraines ont ouvert des gymnases pour accueillir les familles évacuées. Le pic de crue est attendu dans la nuit, selon les services de l'État, qui redoutent la rupture d'un ouvrage ancien près de l'embouchu
France Dernières Nouvelles, France Actualités
Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci que nous avons collectés auprès d'autres sources d'information.
Crue de la Loire : des centaines d'habitants évacués près de NantesLes pompiers ont mené plus de 200 interventions dans la nuit de lundi à mardi.
Lire la suite »
Inondations : la Loire déborde à Tours - France BleuLe niveau du fleuve a dépassé la cote d'alerte en fin d'après-midi, une première depuis…
Lire la suite »
Pourquoi les crues sont-elles plus fréquentes ?Les hydrologues pointent l'artificialisation des sols et des pluies plus intenses
Lire la suite »
Crue historique dans le Val de Loire pour laLa préfète a déclenché le plan Orsec et demandé aux habitants de ne pas prendre la route pour un s...
Lire la suite »
"""


def test_excerpt_items_and_chrome_are_told_apart() -> None:
    page = parse_aggregator_text(PAGE)
    assert page.excerpt.startswith("La Loire a atteint mardi")
    assert page.excerpt.endswith("près de l'embouchu")
    assert page.excerpt_truncated
    assert [item.title for item in page.items] == [
        "Crue de la Loire\u00a0: des centaines d'habitants évacués près de Nantes",
        "Inondations\u00a0: la Loire déborde à Tours - France Bleu",
        "Pourquoi les crues sont-elles plus fréquentes\u202f?",
        "Crue historique dans le Val de Loire pour la",
    ]
    assert page.items[0] == AggregatorItem(
        page.items[0].title,
        "Les pompiers ont mené plus de 200 interventions dans la nuit de lundi à mardi.",
        False,
    )
    assert [item.truncated for item in page.items] == [False, True, False, True]
    assert [item.title_truncated for item in page.items] == [False, False, False, True]
    assert page.stripped[:2] == (
        "France Dernières Nouvelles, France Actualités",
        "Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci que nous avons "
        "collectés auprès d'autres sources d'information.",
    )
    assert len(page.stripped) == 6  # tagline, marker and four "Lire la suite »"
    assert set(page.rules_fired) >= {
        "aggregator_site_tagline",
        "aggregator_similar_news",
        "aggregator_read_more",
    }


def test_no_chrome_word_is_left_anywhere() -> None:
    page = parse_aggregator_text(PAGE)
    texts = [page.excerpt] + [item.title + item.summary for item in page.items]
    for text in texts:
        assert (
            "Lire la suite" not in text and "Similar News" not in text and "Dernières Nouvelles" not in text
        )


def test_clean_text_keeps_only_the_excerpt_of_an_aggregator_page() -> None:
    result = clean_text(PAGE)
    assert result.text == parse_aggregator_text(PAGE).excerpt
    assert result.truncated


def test_a_teaser_list_without_marker_gives_items() -> None:
    page = parse_aggregator_text(
        "Premier titreLe premier résumé.\nLire la suite »\nSecond titreLe second résumé.\nLire la suite »"
    )
    assert page.excerpt == ""
    assert [(item.title, item.summary) for item in page.items] == [
        ("Premier titre", "Le premier résumé."),
        ("Second titre", "Le second résumé."),
    ]


def test_a_plain_article_has_no_items() -> None:
    page = parse_aggregator_text("Un article ordinaire.\n\nSans aucun habillage.")
    assert page.items == () and page.excerpt == "Un article ordinaire.\n\nSans aucun habillage."


SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "aggregator_page.txt"


@pytest.mark.corpus
def test_the_real_aggregator_sample() -> None:
    if not SAMPLE.is_file():
        pytest.skip("../shared/samples/aggregator_page.txt is not available on this machine")
    page = parse_aggregator_text(Path(SAMPLE).read_text(encoding="utf-8"))
    assert page.excerpt_truncated and "truncated_word" in page.rules_fired
    assert len(page.items) == 6
    assert all(item.title and item.summary for item in page.items)
    assert [item.truncated for item in page.items] == [False, True, False, False, True, False]
    assert len(page.stripped) == 8
    for item in page.items:
        assert "Lire la suite" not in item.summary
        assert item.title != item.summary
