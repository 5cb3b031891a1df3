"""Text preparation for the language filter: joining, quotation removal, letters, script, cap."""

from __future__ import annotations

import pytest

from newsbot.language.text import (
    cap,
    count_letters,
    is_mostly_latin,
    join_fields,
    normalise_space,
    prepare_text,
    remove_addresses,
    remove_quotes,
)


def test_normalise_space_collapses_spaces_and_keeps_single_line_breaks():
    assert normalise_space("  Le\u00a0 maire\t a parlé.\n\n\n  Puis il est parti.  ") == (
        "Le maire a parlé.\nPuis il est parti."
    )


def test_join_fields_skips_missing_fields_and_puts_one_per_line():
    assert join_fields("Titre", None, "", " Corps de l'article. ") == "Titre\nCorps de l'article."


def test_remove_addresses_drops_urls_and_emails_only():
    text = "Écrivez à redaction@example.org ou lisez https://example.org/a?b=1 et www.example.fr aujourd'hui"
    assert remove_addresses(text).split() == ["Écrivez", "à", "ou", "lisez", "et", "aujourd'hui"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a dit « we will win » hier.", "Il a dit hier."),
        ("Il a dit “we will win” hier.", "Il a dit hier."),
        ('Il a dit "we will win" hier.', "Il a dit hier."),
        ("« Un » et « deux » puis trois", "et puis trois"),
    ],
)
def test_remove_quotes_drops_each_quoted_span(text: str, expected: str):
    assert remove_quotes(text) == expected


def test_remove_quotes_never_crosses_a_paragraph_break():
    text = "Un guillemet « ouvert jamais fermé.\nLe paragraphe suivant » reste entier."
    assert remove_quotes(text) == text


def test_count_letters_ignores_digits_punctuation_and_spaces():
    assert count_letters("Été 2024 : 3 à 0 !") == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Grève à la SNCF", True),
        ("Légkij: Легкий троннинг", False),
        ("東京で地震", False),
        ("2024 — 10/10", True),
    ],
)
def test_is_mostly_latin(text: str, expected: bool):
    assert is_mostly_latin(text) is expected


def test_cap_cuts_at_a_space_and_keeps_short_texts_whole():
    assert cap("un deux trois quatre", 100) == "un deux trois quatre"
    assert cap("un deux trois quatre", 12) == "un deux"
    assert cap("x" * 30, 10) == "x" * 10  # no space to cut at: a hard cut


def test_prepare_text_removes_quotes_when_enough_letters_remain():
    prepared = prepare_text(
        "Le président a déclaré devant les députés réunis mardi",
        None,
        "« We will never surrender » a-t-il ajouté.",
        max_chars=500,
        min_letters_without_quotes=30,
    )
    assert prepared.quotes_removed
    assert "surrender" not in prepared.text
    assert prepared.letters == count_letters(prepared.text)


def test_prepare_text_keeps_quotes_when_too_little_would_remain():
    prepared = prepare_text(
        "Grève : « On ne nous écoute plus depuis des mois »",
        None,
        None,
        max_chars=500,
        min_letters_without_quotes=30,
    )
    assert not prepared.quotes_removed
    assert "écoute" in prepared.text


def test_prepare_text_caps_what_the_detector_sees():
    body = "Le conseil municipal a voté le budget. " * 200
    prepared = prepare_text("Titre", "Chapô", body, max_chars=300, min_letters_without_quotes=30)
    assert len(prepared.text) <= 300
    assert prepared.text.startswith("Titre\nChapô\nLe conseil")
