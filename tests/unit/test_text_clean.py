"""clean_text end to end: chrome out, article sentences in, rules recorded, title copies removed."""

import dataclasses

import pytest

from newsbot.text import CleanResult, clean_text

ARTICLE = """Publicité

Le conseil départemental a adopté jeudi un budget en hausse de 4 %, porté par les dépenses sociales.

À lire aussi

Routes : le plan de déneigement revu pour l'hiver

Le vote a été acquis par 32 voix contre 12. » LIRE AUSSI - Collèges : les travaux de rénovation prennent du retard Selon le président, la suite du mandat sera consacrée aux collèges.

Abonnez-vous à partir de 1 €

Partager : Facebook Twitter E-mail

Crédit photo : Paul Girard / AFP

Il vous reste encore deux séances pour amender le texte, a rappelé l'opposition."""

EXPECTED = """Le conseil départemental a adopté jeudi un budget en hausse de 4 %, porté par les dépenses sociales.

Le vote a été acquis par 32 voix contre 12. Selon le président, la suite du mandat sera consacrée aux collèges.

Il vous reste encore deux séances pour amender le texte, a rappelé l'opposition."""


def test_an_article_loses_its_chrome_and_keeps_every_sentence() -> None:
    result = clean_text(ARTICLE)
    assert result.text == EXPECTED
    assert result.rules_fired == (
        "advertisement_label",
        "read_also",
        "read_also_inline",
        "subscribe_call",
        "share_prompt",
        "photo_credit",
    )
    assert result.truncated is False


def test_cleaning_is_idempotent() -> None:
    once = clean_text(ARTICLE).text
    again = clean_text(once)
    assert again.text == once
    assert again.rules_fired == ()


def test_a_copy_of_the_title_opening_the_lead_is_removed() -> None:
    title = "Le port de Brest rouvre aux ferries"
    alone = clean_text(f"{title}\n\nLe trafic reprendra lundi.", field="lead", title=title)
    glued = clean_text(f"{title}Le trafic reprendra lundi.", field="lead", title=title)
    cut = clean_text(
        "Le port de Brest rouvre aux...Le trafic reprendra lundi.", field="lead", title=title + "..."
    )
    for result in (alone, glued, cut):
        assert result.text == "Le trafic reprendra lundi."
        assert "repeated_title" in result.rules_fired


def test_a_lead_that_merely_starts_like_the_title_is_kept() -> None:
    title = "Le port de Brest rouvre"
    lead = "Le port de Brest rouvre aux ferries dès lundi, après trois semaines de grève."
    assert clean_text(lead, field="lead", title=title).text == lead


def test_a_title_is_one_line() -> None:
    assert (
        clean_text("Crue de la Loire :\n l'alerte levée", field="title").text
        == "Crue de la Loire\u00a0: l'alerte levée"
    )


def test_everything_after_an_aggregator_marker_is_dropped() -> None:
    text = "Le texte de l'article.\n\nSimilar News:\n\nUn autre titreUn autre résumé.\n\nLire la suite »"
    result = clean_text(text)
    assert result.text == "Le texte de l'article."
    assert result.rules_fired == ("aggregator_similar_news",)


def test_result_is_a_frozen_record() -> None:
    result = clean_text("Un texte.")
    assert isinstance(result, CleanResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "autre"  # type: ignore[misc]


def test_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="field"):
        clean_text("Un texte.", field="summary")


@pytest.mark.parametrize("field", ["title", "lead", "body"])
def test_empty_input_gives_an_empty_result(field: str) -> None:
    assert clean_text("  \n ", field=field) == CleanResult("", (), False)
