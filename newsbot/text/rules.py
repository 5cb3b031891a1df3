"""Boilerplate rules as data: one ordered list of named patterns, each with a scope.

Scopes (a "paragraph" is one block of :func:`normalize_text` output):

- ``line``: the pattern must match the whole paragraph, which is then dropped (short chrome lines:
  "Publicité", "À lire aussi : …", "Crédits photos : …").
- ``paragraph``: the pattern is searched from the paragraph's start and the whole paragraph is
  dropped (multi-sentence notices: cookie banners, paywall notices).
- ``inline``: every match is cut out of the paragraph, which is kept when text remains
  ("… médiateur entre… Lire la suite »", Le Figaro's "» LIRE AUSSI - <title>" inside a body).

``line`` and ``paragraph`` rules only look at paragraphs of at most ``max_chars`` characters, so a
whole article flattened into one paragraph is never dropped. A rule is only tried on paragraphs
containing one of its ``cues`` (lower-case substrings), which keeps cleaning fast. Patterns anchor
chrome at the start of a paragraph, after a sentence end or after a chevron: never in mid-sentence,
so "lire", "suite", "abonné" or "publicité" in prose do not fire.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from newsbot.text.chrome import CHROME_LABELS, SUBSCRIBER_NOTICE_CUES, SUBSCRIBER_NOTICES
from newsbot.text.french import SENTENCE_STARTERS, UPPER

Scope = Literal["line", "paragraph", "inline"]

_I = re.IGNORECASE
_APOS = "['’]"
# Decorations chrome lines start or end with: chevrons, arrows, bullets, brackets, quotes.
_LEAD = r"^[\s»›>→↑▶►•·*+|\[(«\"“\-–—]*"
_LEAD_NO_QUOTE = r"^[\s»›>→↑▶►•·*+|\[(\-–—]*"
_TRAIL = r"[\s»›>→▶►.…:!|)\]»\"”\-–—]*$"
_TRAIL_FORM = r"[\s»›>→▶►.…:!|)\]»\"”\-–—*]*$"  # form labels end with a required-field star
_STARTERS = "|".join(sorted(SENTENCE_STARTERS - {"A", "À"}, key=len, reverse=True))
# Where an inline chrome marker may begin: paragraph start, after a sentence end, or a chevron.
_MARKER_LEAD = r"(?:(?:^|(?<=[.!?…”\")\]]))\s*(?:[»›→>+]\s*)?|\s*[»›→>+]\s*)"
_READ_ALSO = (
    r"(?:(?:À|A|à)\s+)?"
    r"(?:LIRE\s+(?:AUSSI|ÉGALEMENT)|VOIR\s+AUSSI|Lire\s+(?:aussi|également)|Voir\s+aussi)"
)
_SOCIAL_NETWORKS = (
    r"facebook|twitter|x|linkedin|whatsapp|messenger|e-?mail|flipboard|pinterest|bluesky|threads"
    r"|instagram|youtube|tiktok|telegram"
)
_AGENCIES = (
    r"AFP|Reuters|REUTERS|AP|EPA|Maxppp|MAXPPP|Getty\s+Images|Sipa|SIPA|Abaca|ABACA|Hans\s+Lucas"
    r"|Bestimage|Le\s+Figaro|Le\s+Monde|Libération|Belga|ANP|Xinhua|Anadolu"
)


def _any(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


def _label(label: str) -> str:
    """A chrome label as a pattern: any spacing, either apostrophe."""
    return r"\s+".join(re.escape(word).replace("'", _APOS) for word in label.split())


@dataclass(frozen=True)
class Rule:
    """One named boilerplate pattern."""

    name: str
    scope: Scope
    pattern: re.Pattern[str]
    cues: tuple[str, ...]
    description: str
    max_chars: int = 300
    # A bare heading ("À lire aussi") whose link title sits in the next paragraph: drop that too.
    consumes_following_title: bool = False
    # Everything after this marker belongs to other articles (an aggregator's related items).
    ends_article: bool = False
    # Inline rules: how many characters before a cue the chrome may start (a publication's name
    # opens "<Journal> réserve cet article à ses abonnés"); ``None`` is the cleaner's default.
    lead_chars: int | None = None

    def applies_to(self, paragraph: str, lowered: str) -> bool:
        """Cheap pre-check: the paragraph holds a cue and is short enough for this scope."""
        if self.scope != "inline" and len(paragraph) > self.max_chars:
            return False
        return any(map(lowered.__contains__, self.cues))


def _rule(name: str, scope: Scope, pattern: str, cues: tuple[str, ...], description: str, **options) -> Rule:
    flags = options.pop("flags", _I)
    return Rule(name, scope, re.compile(pattern, flags), cues, description, **options)


BOILERPLATE_RULES: tuple[Rule, ...] = (
    # ---- aggregator chrome -------------------------------------------------------------------
    _rule(
        "aggregator_similar_news",
        "line",
        _LEAD
        + _any(
            r"similar\s*news\b.*",
            r"(?:vous\s+pouvez\s+(?:également|egalement|aussi)\s+)?lire\s+(?:des|d" + _APOS + r"autres)\s+"
            r"articles\s+d" + _APOS + r"actualit[ée]s?\s+similaires\b.*",
        )
        + "$",
        ("similar", "similaires"),
        "Aggregator's related-items marker; what follows belongs to other articles.",
        ends_article=True,
    ),
    _rule(
        "aggregator_site_tagline",
        "line",
        _LEAD + r"(?P<place>[" + UPPER + r"][\w'’ -]{1,30}?)\s*[:,;|\-–—]?\s*derni[eè]res?\s+nouvelles"
        r"\s*[,;:|/·•\-–—]+\s*(?P=place)\s*[:,|\-–—]?\s*actualit[ée]s" + _TRAIL,
        ("nouvelles",),
        'Aggregator tagline "<Place> Dernières Nouvelles, <Place> Actualités".',
    ),
    _rule(
        "aggregator_read_more",
        "inline",
        _any(r"(?:^|(?<=[.!?…»”\")\]]))\s*[\[(<]?\s*(?:[»›→>]\s*)?", r"\s+[»›→>\[(]\s*")
        + r"lire\s+la\s+suite"
        + r"(?:\s+(?:de\s+l"
        + _APOS
        + r"article|sur\s+\S+(?:\s+\S+){0,3}))?"
        + r"\s*(?:»|›|→|>>?|\.\.\.|…|:)?\s*[\])>»]?\s*$",
        ("lire la suite",),
        'Trailing "Lire la suite »" of a teaser, or such a line alone.',
    ),
    # ---- publisher chrome inside bodies --------------------------------------------------------
    _rule(
        "read_also_inline",
        "inline",
        _MARKER_LEAD
        + _READ_ALSO
        + r"(?:\s*[:\-–—|]\s*|(?<=[A-Z])\s+)"
        + r"(?:Article\s+réservé\s+(?:à\s+nos|aux)\s+abonnés\s+)?(?!Article\s+réservé)"  # Le Monde's label
        + r"(?P<title>["
        + UPPER
        + r"0-9«\"“][^.!?…\n]{2,200}?)(?<![:,;«\-–—])"
        + r"(?=\s+(?:"
        + _STARTERS
        + r")(?=[\s’']))",
        ("lire aussi", "lire également", "voir aussi"),
        '"» LIRE AUSSI - <title>" inside a paragraph (Le Figaro): cut up to the next sentence.',
        flags=0,
    ),
    _rule(
        "read_also",
        "line",
        _LEAD
        + _any(
            r"(?:[àa]\s+)?lire\s+(?:aussi|également|egalement)",
            r"[àa]\s+relire",
            r"(?:[àa]\s+)?voir\s+aussi",
            r"[àa]\s+(?:découvrir|voir)\s+(?:aussi|également)",
        )
        + r"\s*(?:$|[:\-–—|>»›→]\s*(?P<title>.{0,220})$)",
        (
            "lire aussi",
            "lire également",
            "lire egalement",
            "relire",
            "voir aussi",
            "voir également",
            "découvrir aussi",
            "découvrir également",
        ),
        '"À lire aussi", "LIRE AUSSI - <title>", "» Lire aussi : <title>" on its own line.',
        consumes_following_title=True,
    ),
    _rule(
        "read_also_marker",
        "inline",
        _MARKER_LEAD + _READ_ALSO + r"\s*[:\-–—|]\s*",
        ("lire aussi", "lire également", "voir aussi"),
        'A "LIRE AUSSI -" marker whose title end cannot be told: the marker alone is cut.',
        flags=0,
    ),
    _rule(
        "subscribe_call",
        "line",
        _LEAD
        + _any(
            _any(
                r"abonnez[\s-]vous",
                r"je\s+m" + _APOS + r"abonne",
                r"s" + _APOS + r"abonner",
                r"déjà\s+abonnée?",
                r"soutenez(?:-nous|\s+(?:la\s+rédaction|notre\s+(?:rédaction|journalisme|travail)|un\s+journalisme))",
                r"offre\s+(?:spéciale|découverte|d" + _APOS + r"essai)",
            )
            + r"\b.*",
            r"(?:nos\s+)?abonnements?(?:\s+[\w’']+){0,2}" + _TRAIL,
        )
        + "$",
        ("abonn", "soutenez", "offre"),
        '"Abonnez-vous", "Je m’abonne", "Déjà abonné ?", "Soutenez la rédaction", subscription offers.',
        max_chars=200,
    ),
    _rule(
        "paywall_notice",
        "paragraph",
        _LEAD + _any(*SUBSCRIBER_NOTICES),
        SUBSCRIBER_NOTICE_CUES,
        "Paywall notices: subscriber-only labels and invitations, remaining-share and free-article counters.",
        max_chars=400,
    ),
    _rule(
        "paywall_tail",
        "inline",
        r"(?<=[.!?…»”\"])\s+il\s+vous\s+reste\s+\d+(?:[.,]\d+)?\s*%\s+de\s+cet\s+article\s+à\s+lire\.?"
        r"(?:\s+la\s+suite\s+est\s+réservée\s+aux\s+abonnés\.?)?"
        r"(?:\s+déjà\s+abonnée?\s*\??(?:\s*connectez-vous\.?)?)?\s*$",
        ("il vous reste",),
        'A paywall notice glued to the end of the last free paragraph ("Il vous reste 57 % …").',
    ),
    _rule(
        "subscriber_notice_tail",
        "inline",
        r"(?<=[.!?…»”\"])\s+" + _any(*SUBSCRIBER_NOTICES) + r"[^\n]{0,240}$",
        ("abonn", "connect", "inscri", "identifi"),  # every notice a tail can hold names one
        'Subscriber notices glued after the last free sentence ("… Le Journal réserve cet article à ses '
        'abonnés. Pour poursuivre votre lecture, abonnez-vous.").',
        lead_chars=120,
    ),
    _rule(
        "advertisement_label",
        "line",
        _LEAD
        + _any(
            r"publicité",
            r"pub",
            r"annonce",
            r"advertisement",
            r"ad",
            r"sponsorisé",
            r"(?:contenus?|articles?)\s+sponsorisés?",
            r"contenus?\s+partenaires?",
            r"passer\s+la\s+publicité",
            r"la\s+publicité\s+(?:se\s+termine|disparaîtra)\b.*",
            r"publicité\s*[-–—:]\s*(?:la\s+suite|continuez|suite)\b.*",
        )
        + _TRAIL,
        ("publicit", "pub", "annonce", "advertisement", "ad", "sponsoris", "partenaire"),
        'Advertising labels: "Publicité", "PUBLICITÉ", "Contenu sponsorisé", "Passer la publicité".',
        max_chars=80,
    ),
    _rule(
        "newsletter_prompt",
        "line",
        _LEAD
        + _any(
            r"(?:(?:mes|nos|la|notre|les)\s+)?(?:newsletters?|infolettres?)(?:\s+[\w’'-]+){0,3}" + _TRAIL,
            _any(
                r"inscrivez-vous",
                r"abonnez-vous",
                r"recevez",
                r"recevoir",
                r"je\s+(?:veux|souhaite)\s+recevoir",
                r"s" + _APOS + r"inscrire",
                r"inscription",
                r"pour\s+rester\s+informée?s?,?\s+inscrivez-vous",
            )
            + r"\b[^.!?]{0,80}?\b(?:newsletters?|infolettres?|lettres?\s+d"
            + _APOS
            + r"information)\b.*",
            r"vous\s+êtes\s+(?:bien\s+)?inscrite?\s+à\s+la\s+newsletter\b.*",
            r"merci\s*,?\s+(?:pour\s+)?votre\s+inscription\b.*",
            r"votre\s+adresse\s+(?:e-?mail|de\s+messagerie|électronique)\s+(?:est|sera|ne\s+sera)\b.*",
            r"en\s+cliquant\s+sur\s+«?\s*(?:m"
            + _APOS
            + r"inscrire|je\s+m"
            + _APOS
            + r"inscris|s"
            + _APOS
            + r"inscrire|valider)\b.*",
            r"vous\s+pouvez\s+(?:à\s+tout\s+moment\s+)?"
            r"(?:vous\s+désinscrire|utiliser\s+le\s+lien\s+de\s+désabonnement)\b.*",
        )
        + "$",
        ("newsletter", "infolettre", "lettre d", "inscri", "adresse", "désabonnement"),
        "Newsletter sign-up prompts and their form text.",
        max_chars=260,
    ),
    _rule(
        "app_prompt",
        "line",
        _LEAD
        + _any(
            r"(?:téléchargez|télécharger|installez|découvrez|retrouvez(?:-nous)?|essayez)\b[^.!?]{0,60}?"
            + _any(
                r"\bl" + _APOS + r"appli(?:cation)?\b",
                r"\bnotre\s+appli(?:cation)?\b",
                r"\bl" + _APOS + r"app\b",
                r"\bapp\s+store\b",
                r"\bgoogle\s+play\b",
            )
            + ".*",
            r"(?:disponible|téléchargez-la|télécharger)\s+sur\s+(?:l" + _APOS + r")?"
            r"(?:app\s+store|google\s+play)\b.*",
            r"(?:[^:\n]{1,40}:\s*)?(?:iphone|ios)\s*[|/,]\s*android",
            r"(?:nos\s+)?applications?\s+mobiles?",
        )
        + _TRAIL,
        ("appli", "app", "google play", "android", "mobile"),
        'App prompts: "Téléchargez l’application", "Disponible sur l’App Store", "iPhone | Android".',
        max_chars=200,
    ),
    _rule(
        "share_prompt",
        "line",
        _LEAD
        + _any(
            r"(?=.*\b(?:partag|copier|suivez|tweeter|imprimer|envoyer|réagir|commenter|lien\s+copié|télécharger))"
            + r"(?:"
            + _any(
                r"partager|partagez|partage|copier\s+le\s+lien|lien\s+copié|imprimer",
                r"envoyer(?:\s+par\s+(?:e-?mail|courriel))?|tweeter|mail|courriel",
                _SOCIAL_NETWORKS,
                r"réagir|commenter|suivez-nous|suivre|sur|cet\s+article|l"
                + _APOS
                + r"article|ce\s+contenu|nous|par",
                r"télécharger\s+(?:au\s+format\s+|en\s+)?(?:pdf|epub)",
            )
            + r"[\s:|,·•/+\-–—]*){1,12}",
            r"(?:(?:" + _SOCIAL_NETWORKS + r")[\s|,·•/+\-–—]*){2,10}",
        )
        + "$",
        (
            "partag",
            "copier",
            "suivez",
            "tweeter",
            "imprimer",
            "envoyer",
            "réagir",
            "commenter",
            "lien copié",
            "facebook",
            "twitter",
            "linkedin",
            "whatsapp",
            "instagram",
            "télécharger",
        ),
        'Share and follow buttons: "Partager", "Copier le lien", "Suivez-nous sur : Facebook …".',
        max_chars=160,
    ),
    _rule(
        "photo_credit",
        "line",
        _LEAD_NO_QUOTE
        + _any(
            r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).{0,100}",
            r"(?:crédits?\s+(?:photos?|images?)|crédits?|photos?|illustrations?|images?|source\s+photo)\s*:\s*"
            r"(?!(?:" + _STARTERS + r")\b)[" + UPPER + r"0-9©(]\S*(?:\s+\S+){0,6}",
            r"photo\s+d" + _APOS + r"illustration\b.{0,80}",
            r"\((?:photo|crédit|illustration)[^)]{0,100}\)\.?",
            r"[" + UPPER + r"][\w.'’ -]{1,60}\s*/\s*(?-i:" + _AGENCIES + r")(?:\s*/\s*[\w .'’-]{1,40})?\.?",
        )
        + "$",
        ("©", "(c)", "copyright", "crédit", "photo", "illustration", "image", "/"),
        'Photo credits and agency signatures: "Crédits photos : …", "© AFP", "Pierre Martin / AFP".',
        max_chars=200,
    ),
    _rule(
        "cookie_notice",
        "paragraph",
        _LEAD_NO_QUOTE
        + _any(
            r"(?:ce|notre)\s+site(?:\s+web|\s+internet)?\s+utilise\s+des\s+(?:cookies|traceurs)",
            r"[\w.'’ -]{1,40}\s+utilise\s+des\s+(?:cookies|traceurs)\s+(?:pour|afin\s+de)\s+"
            r"(?:améliorer|vous|mesurer|personnaliser|analyser|fournir|assurer|optimiser|faciliter|offrir)",
            r"nous\s+utilisons\s+des\s+(?:cookies|traceurs)"
            + _any(
                r"\s+et\s+(?:d" + _APOS + r"autres\s+|des\s+)?(?:technologies|traceurs)",
                r"\s+(?:pour|afin\s+de)\s+(?:améliorer|vous|mesurer|personnaliser|analyser|fournir|assurer|offrir)",
                r"\s+sur\s+(?:ce|notre)\s+site",
            ),
            r"en\s+poursuivant\s+(?:votre\s+navigation|sur\s+ce\s+site)",
            r"vous\s+avez\s+choisi\s+de\s+refuser\s+les\s+cookies",
            r"(?:accepter|refuser|paramétrer|gérer|personnaliser)\s+(?:les\s+|mes\s+|tous\s+les\s+)?"
            r"(?:cookies|traceurs)\b",
            r"continuer\s+sans\s+accepter",
            r"tout\s+(?:accepter|refuser)" + _TRAIL,
            r"nos\s+partenaires\s+et\s+nous\b",
        ),
        ("cookie", "traceur", "poursuivant", "accepter", "refuser", "nos partenaires"),
        "Cookie and consent banners.",
        max_chars=700,
    ),
    _rule(
        "read_more_link",
        "line",
        _LEAD
        + _any(
            r"en\s+savoir\s+plus",
            r"lire\s+plus",
            r"voir\s+plus",
            r"afficher\s+plus",
            r"lire\s+l" + _APOS + r"article(?:\s+complet)?",
            r"voir\s+la\s+vidéo",
            r"continuer\s+(?:la\s+lecture|à\s+lire(?:\s+ici)?)",
            r"retour\s+au\s+début\s+de\s+la\s+liste",
            r"fin\s+de\s+la\s+liste",
            r"(?:retour\s+en\s+)?haut\s+de\s+(?:la\s+)?page",
        )
        + _TRAIL,
        (
            "savoir plus",
            "lire plus",
            "voir plus",
            "afficher plus",
            "article",
            "vidéo",
            "continuer",
            "liste",
            "haut de",
        ),
        'Link labels: "En savoir plus", "Lire l’article", "Continuer la lecture".',
        max_chars=60,
    ),
    _rule(
        "related_heading",
        "line",
        _LEAD
        + _any(
            r"sur\s+le\s+même\s+(?:sujet|thème)",
            r"(?:les\s+)?(?:articles?\s+)?(?:les\s+)?plus\s+(?:lus|partagés|commentés)",
            r"vous\s+aimerez\s+(?:aussi|également|peut-être\s+aussi)",
            r"à\s+découvrir(?:\s+aussi|\s+également)?",
            r"dans\s+la\s+même\s+rubrique",
            r"(?:articles?|contenus?)\s+(?:associés|liés|similaires|recommandés)",
            r"recommandé\s+pour\s+vous",
            r"nos\s+(?:dernières\s+)?(?:vidéos|articles)",
            r"pour\s+approfondir",
            r"pour\s+aller\s+plus\s+loin",
            r"(?:les\s+)?dernières\s+actualités",
            r"l" + _APOS + r"actu",
            r"toute\s+l" + _APOS + r"actu(?:alité)?",
            r"tous\s+nos\s+derniers\s+[\w-]+",
            r"en\s+ce\s+moment",
        )
        + _TRAIL,
        (
            "même",
            "plus lus",
            "plus partagés",
            "plus commentés",
            "aimerez",
            "découvrir",
            "rubrique",
            "associé",
            "liés",
            "similaires",
            "recommandé",
            "nos ",
            "approfondir",
            "plus loin",
            "actu",
            "derniers",
            "en ce moment",
        ),
        'Related-content headings: "Sur le même sujet", "Les plus lus", "Vous aimerez aussi".',
        max_chars=60,
    ),
    _rule(
        "comment_prompt",
        "line",
        _LEAD
        + _any(
            r"votre\s+commentaire",
            r"laiss(?:er|ez)\s+un\s+commentaire",
            r"ajouter\s+un\s+commentaire",
            r"réagissez(?:\s+à\s+cet\s+article)?",
            r"\d+\s+commentaires?",
            r"commentaires?(?:\s*\(\d+\))?",
            r"votre\s+(?:nom|pseudo|(?:adresse\s+)?(?:e-?mail|électronique|courriel))",
            r"écrire\s+un\s+commentaire",
            r"le\s+contenu\s+de\s+ce\s+champ\s+(?:sera|restera)\b.*",
            r"les\s+champs\s+obligatoires\s+sont\s+(?:indiqués|marqués).*",
            r"connectez-vous\s+pour\s+(?:commenter|réagir).*",
        )
        + _TRAIL_FORM,
        (
            "comment",
            "réagissez",
            "votre nom",
            "votre pseudo",
            "votre e",
            "votre adresse",
            "votre courriel",
            "champs obligatoires",
            "connectez",
            "ce champ",
        ),
        'Comment forms: "Votre commentaire", "3 commentaires", "Votre adresse e-mail".',
        max_chars=160,
    ),
    _rule(
        "chrome_label",
        "line",
        _LEAD + _any(*(_label(label) for label in CHROME_LABELS)) + _TRAIL,
        tuple(sorted({label.lower() for label in CHROME_LABELS})),
        'One-line page chrome from the shared list (``newsbot.text.chrome``): "Fermer", "Lire plus tard"….',
        max_chars=60,
    ),
    _rule(
        "opinion_disclaimer",
        "line",
        _LEAD
        + r"(?:les\s+)?(?:opinions|propos|articles|tribunes|textes|contributions)\s+(?:[\w’'-]+\s+){0,12}"
        + r"n"
        + _APOS
        + r"engagent\s+que\s+leurs\s+auteur(?:e)?s\b.*$",
        ("engagent que",),
        '"Les opinions exprimées n’engagent que leurs auteurs."',
        max_chars=200,
    ),
)

RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in BOILERPLATE_RULES}

__all__ = ["BOILERPLATE_RULES", "RULES_BY_NAME", "Rule", "Scope"]
