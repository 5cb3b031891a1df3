"""The French chrome phrases newsbot recognises, in one place.

Extraction (``newsbot.extraction.boilerplate`` and ``.body``) and cleaning (``newsbot.text.rules``)
read these lists; a phrase added here is known to both. The one exception is the dedup normal form
(``newsbot.dedup.normalize``): stored content hashes depend on it, so it keeps its own frozen copy
of the phrases it ignores, and ``tests/unit/test_dedup_normal_form_equivalence.py`` checks that copy
never changes.

Phrases are by kind, never by site: no entry names one outlet.
"""

from __future__ import annotations

CHROME_LABELS: tuple[str, ...] = (
    "Publicité", "PUBLICITÉ", "Pub", "Advertisement", "Annonce", "Partager", "Partager sur Facebook",
    "Partager sur Twitter", "Partager sur X", "Partager sur LinkedIn", "Copier le lien", "Lien copié",
    "Imprimer", "Envoyer par mail", "Lire la suite", "Lire plus tard", "Sauvegarder",
    "Ajouter à mes favoris", "Abonnez-vous", "S'abonner", "Je m'abonne", "Newsletter", "Inscrivez-vous",
    "Se connecter",
    "Commenter", "Réagir", "Voir les commentaires", "Écouter", "Écouter cet article", "Lecture",
    "Temps de lecture", "Passer la publicité", "Fermer", "Suivant", "Précédent", "Retour en haut",
    "Contenus sponsorisés", "Sponsorisé", "Mots-clés", "Sujets associés", "Vous aimerez aussi",
    "Sur le même sujet", "À lire aussi", "Lire aussi", "Les plus lus", "Les plus partagés",
)  # fmt: skip
"""One-line page chrome: buttons, labels and headings that are never article text on their own."""

_APOS = "['’]"
_SUBSCRIBERS = r"abonné(?:e)?s"
_THIS_TEXT = (
    r"(?:cet\s+article|ce\s+contenu|cette\s+(?:enquête|analyse|interview|chronique|tribune)"
    r"|la\s+(?:suite|lecture)(?:\s+de\s+(?:cet\s+article|ce\s+contenu))?"
    r"|l" + _APOS + r"intégralité\s+de\s+(?:cet\s+article|ce\s+contenu|nos\s+contenus|ses\s+contenus))"
)
_JOIN = r"(?:abonnez-vous|inscrivez-vous|connectez-vous|identifiez-vous|je\s+m" + _APOS + r"abonne)"
_READ = r"(?:lire|poursuivre|continuer|accéder|découvrir|consulter|débloquer)"

SUBSCRIBER_NOTICES: tuple[str, ...] = (
    # "<Publication> réserve cet article à ses abonnés"
    r"(?:[\w" + _APOS[1:-1] + r" .-]{1,40}\s+)?réserve\s+" + _THIS_TEXT + r"\s+à\s+ses\s+" + _SUBSCRIBERS,
    # "Cet article est réservé aux abonnés", "La suite de cet article est réservée à nos abonnés"
    r"(?:article|"
    + _THIS_TEXT
    + r")\s+(?:est\s+|vous\s+est\s+)?réservée?\s+(?:aux|à\s+nos|à\s+ses)\s+"
    + _SUBSCRIBERS,
    # "Pour poursuivre votre lecture, abonnez-vous", "Pour lire la suite de cet article, connectez-vous"
    r"pour\s+" + _READ + r"\b[^.!?\n]{0,80}?[,:]?\s*" + _JOIN,
    # "Poursuivez votre lecture en vous abonnant"
    r"(?:poursuivez|continuez|lisez|accédez|débloquez|découvrez)\b[^.!?\n]{0,80}?\ben\s+vous\s+"
    r"(?:abonnant|inscrivant|connectant|identifiant)",
    # "Abonnez-vous pour lire la suite"
    _JOIN + r"\s+(?:dès\s+maintenant\s+)?pour\s+" + _READ,
    # "Vous souhaitez lire la suite ?", "Envie de lire la suite ?"
    r"(?:vous\s+(?:souhaitez|voulez)|envie\s+de)\s+"
    + _READ
    + r"\s+(?:la\s+suite|cet\s+article|votre\s+lecture)",
    # remaining-share and free-article counters
    r"il\s+vous\s+reste\s+\d+(?:[.,]\d+)?\s*%\s+(?:de\s+cet\s+article\s+)?à\s+lire",
    r"vous\s+avez\s+(?:lu\s+|consulté\s+)?\d+\s+(?:des\s+\d+\s+)?articles?\s+(?:gratuits?\s*)?"
    r"(?:à\s+lire|gratuits?|offerts?|ce\s+mois)",
    r"pour\s+lire\s+la\s+suite(?:\s+de\s+cet\s+article)?\s*(?:$|[,:.…])",
    r"pour\s+accéder\s+en\s+illimité",
    r"pour\s+accéder\s+à\s+(?:l" + _APOS + r"intégralité\s+de\s+(?:cet\s+article|nos\s+contenus)"
    r"|tous\s+nos\s+(?:articles|contenus)|la\s+suite\s+de\s+cet\s+article)",
)
"""Sentences telling a reader the rest is for subscribers (regular expressions, case-insensitive,
each matched from the start of a sentence): the family, not one site's wording."""

SUBSCRIBER_NOTICE_CUES: tuple[str, ...] = (
    "abonn",
    "article à lire",
    "articles",
    "lire la suite",
    "accéder",
    "connectez",
    "inscrivez",
    "identifiez",
    "inscrivant",
    "connectant",
    "identifiant",
)
"""Lower-case substrings one of which every subscriber notice holds (the cleaning pre-check)."""

PAYWALL_CUT_PHRASES: tuple[str, ...] = (
    r"il vous reste \d+\s*%",
    r"la suite (?:de cet article )?est réservée",
    r"pour lire la suite",
    r"abonnez-vous pour lire",
    r"lire la suite de l.article",
    r"vous souhaitez lire la suite",
    r"continuer la lecture de cet article",
    r"pour accéder (?:à l.intégralité|en illimité)",
    r"déjà abonné ?\?",
    r"this article is for subscribers",
)
"""Where the visible text of a paywalled page stops (searched anywhere in a body block by extraction)."""
