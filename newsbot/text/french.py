"""French lexical knowledge shared by the text repairs: letter classes, sentence starters, a lexicon.

The lexicon is pyspellchecker's French word list (about 140,000 lower-case forms), loaded once on
first use. It answers two questions only: "is this a French word?" and "does a French word start
with this fragment?" (a cut word such as ``hégémo`` is not a word but begins ``hégémonie``).
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache

# Latin-1 letters plus œ/Œ/Ÿ: enough for French and the Spanish/Portuguese names news quotes.
UPPER = "A-ZÀ-ÖØ-ÞŒŸ"
LOWER = "a-zß-öø-ÿœ"
APOSTROPHES = "'’"

# Capitalised words that open a French sentence (articles, pronouns, prepositions, adverbs,
# conjunctions, weekdays). A capital starter right after a word with no space or punctuation
# between them ("mondialeLe", "RFILe") marks two texts fused together.
SENTENCE_STARTERS: frozenset[str] = frozenset(
    """
    Le La Les Un Une Des Du De Au Aux À A Ce Cet Cette Ces Ça Cela Celui Celle Ceux Son Sa Ses
    Leur Leurs Notre Nos Votre Vos Mon Ma Mes Chaque Plusieurs Quelques Tout Toute Tous Toutes Il
    Ils Elle Elles On Nous Vous Je Qui Que Quoi Quel Quelle Quels Quelles En Dans Pour Par Sur Sous
    Avec Sans Selon Depuis Après Avant Pendant Lors Alors Mais Et Ou Or Donc Car Si Quand Comme
    Comment Pourquoi Face Malgré Entre Vers Contre Chez Dès Ainsi Aussi Pourtant Cependant
    Toutefois Enfin Désormais Déjà Encore Hier Demain Ici Là Plus Moins Parmi Voici Voilà Lundi
    Mardi Mercredi Jeudi Vendredi Samedi Dimanche
    """.split()  # noqa: SIM905 - a word list reads better as text
)

# Starters that are complete only with an apostrophe ("L’Occident", "D’après", "Aujourd’hui").
ELIDED_STARTERS: frozenset[str] = frozenset({"L", "D", "C", "J", "Qu", "Jusqu", "Aujourd"})

# Words a French sentence cannot end on: a text stopping on one of them was cut. Words that can
# also be nouns or adverbs at a sentence end ("le son", "voter contre", "qu’un", "à la une") are left out.
DANGLING_WORDS: frozenset[str] = frozenset(
    """
    le la les l de du des d au aux à ce cet cette ces sa ses notre votre mon ma mes et ou mais que qu
    dont pour par sur dans chez dès selon lors
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def is_sentence_starter(word: str, next_char: str) -> bool:
    """True when ``word`` followed by ``next_char`` reads as the first word of a French sentence."""
    if next_char and next_char in APOSTROPHES:
        return word in ELIDED_STARTERS
    return word in SENTENCE_STARTERS and (next_char == "" or next_char.isspace() or next_char == ",")


@cache
def _lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    from spellchecker import SpellChecker

    words = frozenset(SpellChecker(language="fr", distance=1).word_frequency.keys())
    return words, tuple(sorted(words))


def is_french_word(word: str) -> bool:
    """True when the lower-cased ``word`` is in the French lexicon."""
    return word.lower() in _lexicon()[0]


def starts_a_french_word(fragment: str) -> bool:
    """True when some longer French word begins with ``fragment`` (lower-cased)."""
    fragment = fragment.lower()
    ordered = _lexicon()[1]
    index = bisect_left(ordered, fragment)
    while index < len(ordered) and ordered[index].startswith(fragment):
        if len(ordered[index]) > len(fragment):
            return True
        index += 1
    return False


def warm_up() -> None:
    """Load the lexicon now (it is otherwise loaded by the first text that needs it)."""
    _lexicon()
