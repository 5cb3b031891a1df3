"""BOILERPLATE_RULES one by one: each removes its chrome, and prose using the same words survives."""

import re

import pytest

from newsbot.text import BOILERPLATE_RULES, clean_text, normalize_text
from newsbot.text.rules import RULES_BY_NAME

RULE_NAMES = {rule.name for rule in BOILERPLATE_RULES}

# rule -> (text, what must remain). Sentences written for these tests.
RULE_EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "aggregator_similar_news": [
        ("Similar News: vous pouvez également lire des articles d'actualité similaires.", ""),
        (
            "La digue a cédé vers 4 heures.\n\nSIMILAR NEWS\n\nUn autre sujetLe résumé d'un autre site.",
            "La digue a cédé vers 4 heures.",
        ),
    ],
    "aggregator_site_tagline": [
        ("France Dernières Nouvelles, France Actualités", ""),
        ("SUISSE DERNIÈRES NOUVELLES | SUISSE ACTUALITÉS", ""),
    ],
    "aggregator_read_more": [
        ("Lire la suite »", ""),
        ("LIRE LA SUITE", ""),
        (
            "La mairie ferme la piscine pour travaux… Lire la suite »",
            "La mairie ferme la piscine pour travaux…",
        ),
        ("Le verdict est attendu vendredi. [Lire la suite]", "Le verdict est attendu vendredi."),
    ],
    "read_also_inline": [
        (
            "Le scrutin a lieu dimanche. » LIRE AUSSI - Européennes : les listes déposées Selon le ministère, 38 listes sont en lice.",
            "Le scrutin a lieu dimanche. Selon le ministère, 38 listes sont en lice.",
        ),
        (
            "La route est coupée. Lire aussi : Éboulement dans les Alpes Les secours sont sur place.",
            "La route est coupée. Les secours sont sur place.",
        ),
    ],
    "read_also": [
        ("À lire aussi", ""),
        ("» LIRE AUSSI - Le tram de Tours fête ses dix ans", ""),
        ("Lire aussi : Article réservé à nos abonnés Les vendanges commencent en avance", ""),
        (
            "À lire aussi :\n\nLa vigne face aux gelées tardives\n\nLes viticulteurs allument des bougies.",
            "Les viticulteurs allument des bougies.",
        ),
    ],
    "read_also_marker": [
        (
            "Le col est fermé. » LIRE AUSSI - Neige : la circulation reste difficile en Savoie.",
            "Le col est fermé. Neige : la circulation reste difficile en Savoie.",
        ),
    ],
    "subscribe_call": [
        ("Abonnez-vous", ""),
        ("Je m'abonne pour 1 €", ""),
        ("Déjà abonnée ? Se connecter", ""),
    ],
    "paywall_notice": [
        ("Article réservé aux abonnés", ""),
        ("Il vous reste 80% de cet article à lire.", ""),
        ("Pour lire la suite de cet article, connectez-vous.", ""),
        ("Le Quotidien de l'Ouest réserve cet article à ses abonnés.", ""),
        ("Pour poursuivre votre lecture, abonnez-vous.", ""),
        ("Poursuivez votre lecture en vous abonnant dès 1 € le premier mois.", ""),
        ("La lecture de cet article est réservée à nos abonnées.", ""),
        ("Identifiez-vous pour découvrir la suite de cette enquête.", ""),
        ("Vous souhaitez lire la suite ? Je m'abonne", ""),
    ],
    "subscriber_notice_tail": [
        (
            "Le conseil municipal a voté le budget mardi soir. La Gazette du Val réserve cet article à ses "
            "abonnés. Pour poursuivre votre lecture, abonnez-vous.",
            "Le conseil municipal a voté le budget mardi soir.",
        ),
        (
            "Les travaux dureront deux ans. Pour continuer à lire cet article, identifiez-vous.",
            "Les travaux dureront deux ans.",
        ),
    ],
    "chrome_label": [
        (
            "La séance est levée.\n\nLire plus tard\n\nLe vote aura lieu jeudi.",
            "La séance est levée.\n\nLe vote aura lieu jeudi.",
        ),
        ("Temps de lecture :", ""),
        ("Ajouter à mes favoris", ""),
    ],
    "paywall_tail": [
        (
            "Le tunnel rouvrira en juin. Il vous reste 55 % de cet article à lire. La suite est réservée aux abonnés.",
            "Le tunnel rouvrira en juin.",
        ),
    ],
    "advertisement_label": [("Publicité", ""), ("PUB", ""), ("Contenus sponsorisés", "")],
    "newsletter_prompt": [
        ("Newsletters", ""),
        ("Recevez chaque matin notre newsletter Politique", ""),
        ("Merci pour votre inscription !", ""),
    ],
    "app_prompt": [("Téléchargez l'application gratuite", ""), ("Disponible sur Google Play", "")],
    "share_prompt": [("Partager sur X", ""), ("Copier le lien", ""), ("Facebook | LinkedIn | WhatsApp", "")],
    "photo_credit": [("© Reuters", ""), ("Crédits photo : Studio Lumière", ""), ("Anne Roux / Maxppp", "")],
    "cookie_notice": [
        ("Notre site utilise des cookies afin de mesurer l'audience.", ""),
        ("Gérer mes cookies", ""),
    ],
    "read_more_link": [("En savoir plus »", ""), ("Afficher plus", "")],
    "related_heading": [("Sur le même thème", ""), ("Les plus partagés", "")],
    "comment_prompt": [("3 commentaires", ""), ("Laissez un commentaire", "")],
    "opinion_disclaimer": [("Les tribunes publiées ici n'engagent que leurs auteurs.", "")],
}

# Prose using each rule's vocabulary: nothing may fire, nothing may change.
PROSE = [
    "Il a fallu lire la suite du procès-verbal pour comprendre la décision.",
    "La suite du chantier est suspendue à l'avis de l'architecte des Bâtiments de France.",
    "Les abonnés du club de tennis auront accès aux courts dès 7 heures.",
    "Abonnée à la revue depuis 1998, elle a écrit au courrier des lecteurs.",
    "La publicité des débats a été ordonnée par le tribunal.",
    "Publicité politique : les règles changent à l'approche du scrutin",
    "Lire aussi entre les lignes est un exercice que le diplomate maîtrise.",
    "À lire aussi, dans la même collection, le récit de son évasion.",
    "Pour partager les frais, les parents ont créé une cagnotte.",
    "La newsletter municipale annonce la fermeture du marché couvert.",
    "Les cookies de la boulangerie ont remporté le concours régional.",
    "La photo de classe a été retrouvée dans un grenier à Brest.",
    "Les commentaires du sélectionneur ont agacé les joueurs.",
    "Télécharger l'application ne suffit pas, reconnaît le ministre.",
    "Sur le même sujet, la cour d'appel avait statué différemment en 2019.",
    "Ses propos n'engagent que lui, répète son avocat.",
    "Il vous reste une chance, a glissé l'arbitre au capitaine.",
    "Le club réserve cet accueil à ses abonnés les plus fidèles.",
    "Pour poursuivre les négociations, les syndicats demandent une nouvelle réunion.",
    "Les abonnés du réseau pourront continuer à lire leurs courriels pendant la panne.",
    "Le maire a décidé de fermer la salle. Suivant l'avis des pompiers, il a évacué l'école.",
    "Pour accéder au site, les visiteurs doivent réserver un créneau.",
    "Annonce surprise : le festival déménage à Rennes",
]


def test_every_rule_is_tested() -> None:
    assert set(RULE_EXAMPLES) == RULE_NAMES


@pytest.mark.parametrize(
    ("rule_name", "text", "expected"),
    [(name, text, expected) for name, cases in RULE_EXAMPLES.items() for text, expected in cases],
)
def test_rule_removes_its_chrome(rule_name: str, text: str, expected: str) -> None:
    result = clean_text(text)
    assert rule_name in result.rules_fired
    assert result.text == normalize_text(expected)


@pytest.mark.parametrize("text", PROSE)
def test_prose_with_chrome_words_survives(text: str) -> None:
    result = clean_text(text)
    assert result.text == normalize_text(text)
    assert not RULE_NAMES & set(result.rules_fired)


def test_rules_are_well_formed_data() -> None:
    assert len(RULES_BY_NAME) == len(BOILERPLATE_RULES)
    for rule in BOILERPLATE_RULES:
        assert re.fullmatch(r"[a-z_]+", rule.name)
        assert rule.scope in {"line", "paragraph", "inline"}
        assert isinstance(rule.pattern, re.Pattern)
        assert rule.cues and all(cue == cue.lower() for cue in rule.cues)
        assert rule.description


def test_line_rules_leave_long_paragraphs_alone() -> None:
    flattened = "Publicité " + "Le conseil a voté le budget et la séance a été levée à minuit. " * 5
    assert clean_text(flattened).text == normalize_text(flattened)


def test_a_closing_guillemet_before_an_inline_read_also_is_kept() -> None:
    text = "Il a conclu : « Nous tiendrons » LIRE AUSSI - Grève : le point Le trafic reprend lundi."
    assert clean_text(text).text == normalize_text(
        "Il a conclu : « Nous tiendrons » Le trafic reprend lundi."
    )


def test_a_bare_read_also_heading_keeps_the_next_paragraph_when_it_is_prose() -> None:
    text = "À lire aussi\n\nLes secours ont évacué trois familles pendant la nuit."
    assert clean_text(text).text == "Les secours ont évacué trois familles pendant la nuit."


def test_reported_speech_is_never_dropped_as_chrome() -> None:
    text = "Ce site utilise des cookies, a admis le directeur de la publication."
    assert clean_text(text).text == normalize_text(text)
