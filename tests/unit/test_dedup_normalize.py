"""The exact-text layer: normal form and content hash."""

from __future__ import annotations

import pytest

from newsbot.dedup import content_hash, normalize_for_hash

BODY = (
    "Le Sénat a adopté mardi le projet de budget, par 198 voix contre 112.\n\n"
    "« C'est un budget plus sincère », a déclaré le rapporteur général."
)


@pytest.mark.parametrize(
    "variant",
    [
        BODY,
        BODY.upper(),
        BODY.replace(" ", "\u00a0"),  # NBSP
        BODY.replace(" ", "\u202f"),  # narrow NBSP
        BODY.replace("\n\n", "\n"),
        BODY.replace("\n\n", " "),
        "  " + BODY.replace(" ", "   ") + "\n\n\n",
        BODY.replace("é", "e").replace("É", "E"),  # capitals and words written without accents
        BODY.replace("e\u0301", "é").replace("é", "e\u0301"),  # decomposed accents
        BODY.replace("'", "\u2019").replace("« ", '"').replace(" »", '"'),
        BODY.replace(",", "").replace(".", " . "),
        "» LIRE AUSSI - Budget : ce qui change\n" + BODY,
        BODY + "\nLire la suite »",
        "Publicité\n"
        + BODY
        + "\nÀ lire aussi : les autres votes\nFrance Dernières Nouvelles, France Actualités",
        BODY + "\nSimilar News:Vous pouvez également lire des articles d'actualité similaires.",
    ],
)
def test_prints_of_one_text_share_the_hash(variant: str) -> None:
    assert normalize_for_hash(variant) == normalize_for_hash(BODY)
    assert content_hash(variant) == content_hash(BODY)


@pytest.mark.parametrize(
    "other",
    [
        BODY.replace("198", "189"),
        BODY.replace("mardi", "mercredi"),
        BODY.replace("adopté", "rejeté"),
        BODY + "\nLe texte part en commission mixte paritaire.",
        BODY.split("\n\n")[0],
    ],
)
def test_a_changed_word_changes_the_hash(other: str) -> None:
    assert content_hash(other) != content_hash(BODY)


def test_normal_form_is_lowercase_unaccented_single_spaced_words() -> None:
    assert normalize_for_hash("  L'Été\u00a0—  À   Paris !\n\nÇa va ") == "l ete a paris ca va"


def test_boilerplate_is_dropped_only_as_whole_lines() -> None:
    sentence = "Il faut lire aussi les petites lignes du contrat, a-t-il dit."
    assert normalize_for_hash(sentence) == "il faut lire aussi les petites lignes du contrat a t il dit"


def test_non_latin_scripts_are_kept() -> None:
    assert normalize_for_hash("Москва, 27 марта") == "москва 27 марта"
    assert normalize_for_hash("東京 の ニュース") != ""


def test_hash_is_a_128_bit_hex_digest() -> None:
    digest = content_hash(BODY)
    assert len(digest) == 32
    int(digest, 16)
    assert content_hash("") != digest
