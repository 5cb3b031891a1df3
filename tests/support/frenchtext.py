"""Varied French news prose for synthetic pages: seeded, combinatorial, written for this project.

Sentences are assembled from slots (actors, actions, noun phrases, places, numbers, quotes), many
filled with content words of pyspellchecker's French word list, so that two articles share words
and short phrases but practically never a run of six words, like real articles on different
stories (the near-duplicate layer then sees new stories). Nothing here is taken from the corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

FIRST_NAMES = (
    "Awa", "Camille", "Thomas", "Léa", "Mathieu", "Chloé", "Nicolas", "Inès", "Julien", "Manon",
    "Karim", "Sophie", "Antoine", "Fatou", "Hugo", "Claire", "Mehdi", "Élise", "Olivier", "Aïcha",
    "Pierre", "Nadia", "Lucas", "Hélène", "Yann", "Margaux", "Samir", "Agnès", "Rémi", "Zoé",
)  # fmt: skip
LAST_NAMES = (
    "Ndiaye", "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Garnier", "Diallo", "Rousseau",
    "Fontaine", "Chevalier", "Benali", "Girard", "Lambert", "Mercier", "Faure", "Blanchard", "Traoré",
    "Perrin", "Morel", "Guerin", "Boyer", "Roux", "Caron", "Kone", "Renaud", "Leclerc", "Barbier",
)  # fmt: skip
CITIES = (
    "Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Strasbourg", "Bordeaux", "Lille", "Rennes",
    "Montpellier", "Grenoble", "Dijon", "Brest", "Limoges", "Amiens", "Metz", "Rouen", "Nice", "Caen",
    "Dakar", "Abidjan", "Bamako", "Kinshasa", "Tunis", "Alger", "Beyrouth", "Genève", "Bruxelles",
    "Montréal", "Niamey", "Ouagadougou", "Yaoundé", "Libreville", "Cotonou", "Lomé", "Conakry",
)  # fmt: skip
INSTITUTIONS = (
    "le ministère de l'Intérieur", "la préfecture", "l'Assemblée nationale", "le Sénat", "la mairie",
    "le conseil régional", "la Commission européenne", "l'Union africaine", "la Banque de France",
    "l'Insee", "la SNCF", "l'Agence régionale de santé", "le Conseil constitutionnel", "Météo-France",
    "la Cour des comptes", "l'Organisation mondiale de la santé", "le tribunal administratif",
    "la chambre de commerce", "l'université", "le parquet", "la CGT", "la CFDT", "le Medef",
)  # fmt: skip
ROLES = (
    "porte-parole", "directrice", "président", "secrétaire générale", "économiste", "chercheur",
    "maire adjoint", "procureure", "représentant syndical", "responsable régional", "ministre",
    "analyste", "médecin", "avocat", "enseignante", "agricultrice", "ingénieur", "sociologue",
)  # fmt: skip
ACTORS = (
    "Le gouvernement", "La ministre de la Santé", "Le Premier ministre", "Les syndicats",
    "Les élus locaux", "Le président de la République", "Les associations de riverains",
    "Les enquêteurs", "La direction de l'entreprise", "Les agriculteurs", "Les pompiers",
    "Les chercheurs", "L'opposition", "Les organisations patronales", "Les habitants",
    "Le conseil municipal", "Les autorités sanitaires", "Les observateurs", "La justice",
    "Les transporteurs", "Les professeurs", "Les commerçants du centre-ville", "Les députés",
)  # fmt: skip
ACTIONS = (
    ("a annoncé", "ont annoncé"), ("a présenté", "ont présenté"), ("a dénoncé", "ont dénoncé"),
    ("prévoit", "prévoient"), ("souhaite renforcer", "souhaitent renforcer"),
    ("a confirmé", "ont confirmé"), ("a rejeté", "ont rejeté"), ("envisage", "envisagent"),
    ("réclame", "réclament"), ("a obtenu", "ont obtenu"), ("conteste", "contestent"),
    ("a lancé", "ont lancé"), ("étudie", "étudient"), ("a repoussé", "ont repoussé"),
    ("devrait adopter", "devraient adopter"), ("a suspendu", "ont suspendu"), ("défend", "défendent"),
    ("critique", "critiquent"), ("salue", "saluent"), ("propose", "proposent"), ("a voté", "ont voté"),
    ("a mis en garde contre", "ont mis en garde contre"), ("a promis", "ont promis"),
    ("examine", "examinent"),
)  # fmt: skip
SUBJECTS = (
    "la réforme des retraites", "le plan de relance", "la hausse des prix de l'énergie",
    "la fermeture de l'usine", "le projet de loi sur l'immigration", "le budget de l'État",
    "la rénovation du réseau ferroviaire", "la réouverture du marché", "l'accord commercial",
    "la campagne de vaccination", "la sécheresse", "les inondations", "la grève des contrôleurs",
    "le prix du cacao", "la construction du nouvel hôpital", "l'extension de la ligne de tramway",
    "la pénurie de médecins", "le chômage des jeunes", "la hausse des loyers", "le festival d'été",
    "le sommet régional", "la réforme de l'assurance-chômage", "le plan climat",
    "la sécurité dans les transports", "la dette publique", "les élections municipales",
    "la filière laitière", "la protection des forêts", "le recrutement d'enseignants",
    "la couverture en fibre optique", "le traitement des déchets", "la qualité de l'air",
)  # fmt: skip
ADJECTIVES = (
    "inédit", "contesté", "ambitieux", "attendu", "fragile", "historique", "provisoire", "coûteux",
    "discret", "massif", "progressif", "décisif", "limité", "durable", "symbolique", "tardif",
)  # fmt: skip
NOUNS = (
    "dispositif", "projet", "calendrier", "compromis", "financement", "bilan", "chantier",
    "programme", "accord", "rapport", "recours", "débat", "scrutin", "mouvement", "plan", "budget",
)  # fmt: skip
WHEN = (
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "ce matin",
    "dans la soirée", "en fin de semaine", "la semaine prochaine", "d'ici à la fin de l'année",
    "au printemps", "avant l'été", "à l'automne", "depuis plusieurs mois", "en début d'après-midi",
)  # fmt: skip
CONNECTORS = (
    "Par ailleurs,", "En outre,", "Dans le même temps,", "Selon nos informations,", "De son côté,",
    "Pour autant,", "À l'inverse,", "Au total,", "Dans un communiqué,", "D'après les premiers chiffres,",
    "Sur le terrain,", "Pour l'heure,", "Quoi qu'il en soit,", "En attendant,", "Autre point sensible :",
)  # fmt: skip
DEMANDS = ("des réponses", "un geste fort", "des moyens", "plus de clarté", "un calendrier précis")
UNITS = (
    "millions d'euros", "milliards d'euros", "personnes", "emplois", "kilomètres", "habitants",
    "communes", "entreprises", "lits", "agents", "tonnes", "logements", "classes", "familles",
)  # fmt: skip
SECTIONS = (
    "France", "Afrique", "Europe", "Économie", "Politique", "Société", "Sciences", "Culture",
    "Sports", "International", "Environnement", "Santé", "Justice", "Éducation",
)  # fmt: skip
TAGS = (
    "Gouvernement", "Réforme", "Transports", "Santé", "Climat", "Économie", "Éducation", "Justice",
    "Élections", "Énergie", "Agriculture", "Logement", "Emploi", "Sécurité", "Europe", "Afrique",
)  # fmt: skip


@cache
def _content_words() -> tuple[str, ...]:
    """pyspellchecker's French word list (a runtime dependency), most frequent first, sliced."""
    from spellchecker import SpellChecker

    frequencies = SpellChecker(language="fr", distance=1).word_frequency.dictionary
    ranked = sorted(frequencies, key=lambda word: (-frequencies[word], word))
    return tuple(word for word in ranked[300:20_000] if len(word) >= 4 and word.isalpha())


@dataclass(frozen=True)
class Story:
    """One synthetic article's text and metadata."""

    title: str
    lead: str
    paragraphs: tuple[str, ...]
    subheads: tuple[str, ...]
    authors: tuple[str, ...]
    section: str
    tags: tuple[str, ...]
    city: str


class FrenchWriter:
    """Writes French news prose from a seeded random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def action(self, actor: str) -> str:
        """A verb agreeing with ``actor`` (plural subjects start with "Les")."""
        singular, plural = self.rng.choice(ACTIONS)
        return plural if actor.lower().startswith("les ") else singular

    def actor_action(self) -> tuple[str, str]:
        actor = self.rng.choice(ACTORS)
        return actor, self.action(actor)

    def number(self) -> str:
        value = self.rng.choice((self.rng.randint(2, 99), self.rng.randint(100, 9999)))
        return f"{value:,}".replace(",", "\u202f")

    def _thing(self) -> str:
        return (
            f"un {self.rng.choice(NOUNS)} {self.rng.choice(ADJECTIVES)} de {self.number()} "
            f"{self.rng.choice(UNITS)}"
        )

    def word(self) -> str:
        """A French content word from the lexicon (frequency ranks 300-20,000)."""
        return self.rng.choice(_content_words())

    def noun_phrase(self) -> str:
        rng = self.rng
        form = rng.randrange(5)
        if form == 0:
            return rng.choice(SUBJECTS)
        if form == 1:
            return self._thing()
        if form == 2:
            return f"le dossier « {self.word()} »"
        if form == 3:
            return f"la question {rng.choice(('du', 'de la', 'des'))} {self.word()} {self.word()}"
        return f"{rng.choice(('un', 'le'))} {rng.choice(NOUNS)} {self.word()}"

    def complement(self, city: str) -> str:
        rng = self.rng
        form = rng.randrange(7)
        if form == 0:
            return f"à {rng.choice((city, rng.choice(CITIES)))}"
        if form == 1:
            return rng.choice(WHEN)
        if form == 2:
            return f"selon {rng.choice(INSTITUTIONS)}"
        if form == 3:
            return f"en matière de {self.word()}"
        if form == 4:
            return f"face à {self.word()} et {self.word()}"
        if form == 5:
            return f"pour {self.number()} {rng.choice(UNITS)}"
        return f"d'après {self.person()}, {rng.choice(ROLES)}"

    def sentence(self, city: str) -> str:
        rng = self.rng
        form = rng.randrange(8)
        if form <= 2:
            actor, action = self.actor_action()
            head = f"{actor} {action}"
        elif form <= 4:
            head = f"{self.person()}, {rng.choice(ROLES)}, {self.action(self.person())}"
        elif form <= 6:
            actor, action = self.actor_action()
            head = f"{rng.choice(CONNECTORS)} {actor[0].lower()}{actor[1:]} {action}"
        else:
            quote = f"{self.word()} {self.word()} {rng.choice(('reste', 'devient', 'semble'))} {self.word()}"
            return (
                f"« {quote[0].upper()}{quote[1:]} », a déclaré {self.person()}, {rng.choice(ROLES)} "
                f"{self.complement(city)}."
            )
        complements = " ".join(self.complement(city) for _ in range(rng.randint(1, 3)))
        return f"{head} {self.noun_phrase()} {complements}."

    def paragraph(self, city: str, sentences: int) -> str:
        return " ".join(self.sentence(city) for _ in range(sentences))

    def story(self, paragraphs: int) -> Story:
        rng = self.rng
        city = rng.choice(CITIES)
        subject = rng.choice(SUBJECTS)
        actor, action = self.actor_action()
        title = f"{city} : {actor.lower()} {action} {subject} ({self.number()} {rng.choice(UNITS)})"
        title = title[0].upper() + title[1:]
        actor, action = self.actor_action()
        lead = (
            f"{actor} {action} {rng.choice(WHEN)} {self._thing()}, "
            f"un {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)} pour {subject}."
        )
        body = tuple(self.paragraph(city, rng.randint(2, 5)) for _ in range(paragraphs))
        subheads = tuple(
            f"Un {rng.choice(NOUNS)} {rng.choice(ADJECTIVES)} à {rng.choice(CITIES)}"
            for _ in range(max(1, paragraphs // 4))
        )
        authors = tuple(self.person() for _ in range(rng.choice((1, 1, 1, 2))))
        tags = tuple(dict.fromkeys(rng.choice(TAGS) for _ in range(rng.randint(1, 4))))
        return Story(title, lead, body, subheads, authors, rng.choice(SECTIONS), tags, city)
