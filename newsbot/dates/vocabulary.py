"""French date words, in canonical form (lower case, accents folded; see :mod:`newsbot.dates.text`)."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "janvier": 1,
    "janv": 1,
    "jan": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "mar": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "sep": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "lundi": 0,
    "lun": 0,
    "mardi": 1,
    "mar": 1,
    "mercredi": 2,
    "mer": 2,
    "jeudi": 3,
    "jeu": 3,
    "vendredi": 4,
    "ven": 4,
    "samedi": 5,
    "sam": 5,
    "dimanche": 6,
    "dim": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
}

# Units of "il y a N <unit>", mapped to a canonical unit name.
UNITS: dict[str, str] = {
    "secondes": "seconds",
    "seconde": "seconds",
    "sec": "seconds",
    "s": "seconds",
    "minutes": "minutes",
    "minute": "minutes",
    "mins": "minutes",
    "min": "minutes",
    "mn": "minutes",
    "heures": "hours",
    "heure": "hours",
    "hrs": "hours",
    "h": "hours",
    "jours": "days",
    "jour": "days",
    "j": "days",
    "semaines": "weeks",
    "semaine": "weeks",
    "sem": "weeks",
    "mois": "months",
    "annees": "years",
    "annee": "years",
    "ans": "years",
    "an": "years",
}

# Byline labels. The first date after a "published" label is the publication date.
PUBLISHED_LABELS: tuple[str, ...] = (
    "date de publication",
    "publie",
    "publiee",
    "publication",
    "mis en ligne",
    "mise en ligne",
    "cree",
    "creee",
    "poste",
    "postee",
    "edition",
    "published",
    "posted",
)
MODIFIED_LABELS: tuple[str, ...] = (
    "derniere mise a jour",
    "derniere modification",
    "mis a jour",
    "mise a jour",
    "maj",
    "modifie",
    "modifiee",
    "modification",
    "actualise",
    "actualisee",
    "last updated",
    "updated",
    "modified",
)

DAY_WORDS: dict[str, int] = {
    "aujourd'hui": 0,
    "aujourd hui": 0,
    "aujourdhui": 0,
    "hier": -1,
    "avant-hier": -2,
    "avant hier": -2,
}

NOW_WORDS: tuple[str, ...] = ("maintenant", "a l'instant", "a l instant")

TIME_WORDS: dict[str, int] = {"midi": 12, "minuit": 0}

# Zone words printed after a time: French time, the outlet's own clock, or UTC.
PARIS_ZONE_WORDS: tuple[str, ...] = ("heure de paris", "heure francaise", "paris", "cest", "cet", "hec")
LOCAL_ZONE_WORDS: tuple[str, ...] = ("heure locale",)
UTC_WORDS: tuple[str, ...] = ("utc", "gmt", "tu")
