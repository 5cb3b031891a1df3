"""split_glued_title: fused title+summary pairs split back; brand names, acronyms and prose left alone."""

import pytest

from newsbot.text import clean_text, split_glued_title
from newsbot.text.glue import glue_positions

GLUED = [
    (
        "Le port de Brest rouvre aux ferriesLe trafic reprendra dès lundi.",
        "Le port de Brest rouvre aux ferries",
    ),
    (
        "Crue de la Loire : l'alerte levée - AFPLes riverains regagnent leurs maisons.",
        "Crue de la Loire : l'alerte levée - AFP",
    ),
    ("Qui succédera au maire de Nantes ?Trois candidats se déclarent.", "Qui succédera au maire de Nantes ?"),
    (
        "La ministre promet « un geste fort »Elle détaillera son plan jeudi.",
        "La ministre promet « un geste fort »",
    ),
    ("Budget 2025Le gouvernement présente sa copie.", "Budget 2025"),
    (
        "Un titre coupé au milieu de la...Un titre coupé au milieu de la phrase",
        "Un titre coupé au milieu de la...",
    ),
    ("Le sommet s'ouvre à GenèveD'après les diplomates, rien n'est joué.", "Le sommet s'ouvre à Genève"),
    (
        "Visite officielle du chancelier pour laOlaf Scholz a été reçu à Paris.",
        "Visite officielle du chancelier pour la",
    ),
    ("Les résultats tombent ce soir.Les candidats attendent.", "Les résultats tombent ce soir."),
]

UNGLUED = [
    "McDonald's recrute 2 000 personnes cet été.",
    "L'iPhone et l'iPad sont concernés.",
    "La compagnie easyJet annule des vols.",
    "LaREM, le MoDem et Horizons présentent une liste commune.",
    "L'application TousAntiCovid est désactivée.",
    "Le covoiturage BlaBlaCar progresse.",
    "Le CNRS publie son rapport annuel.",
    "Yann LeCun et Ron DeSantis ne se sont jamais rencontrés.",
    "La pression est de 120 mmHg.",
    "Le site monCompte est en maintenance.",
    "Le mouvement #MeToo a dix ans.",
    "Rendez-vous sur www.exemple.fr/ActualitesLe plus vite possible.",
    "Pourquoi ? Parce que le vote a été reporté.",
]


@pytest.mark.parametrize(("text", "title"), GLUED)
def test_glued_title_is_split_back(text: str, title: str) -> None:
    split = split_glued_title(text)
    assert split is not None
    assert split == (title, text[len(title) :])


@pytest.mark.parametrize("text", UNGLUED)
def test_normal_words_are_not_split(text: str) -> None:
    assert split_glued_title(text) is None
    assert glue_positions(text) == []


def test_clean_text_turns_each_glue_into_a_paragraph_break() -> None:
    result = clean_text("Titre du premier sujet en régionLe résumé du sujet suit ici.")
    assert result.text == "Titre du premier sujet en région\n\nLe résumé du sujet suit ici."
    assert "glued_text_split" in result.rules_fired


def test_a_title_field_keeps_only_its_own_part() -> None:
    result = clean_text("Le port de Brest rouvre aux ferriesLe trafic reprendra dès lundi.", field="title")
    assert result.text == "Le port de Brest rouvre aux ferries"
