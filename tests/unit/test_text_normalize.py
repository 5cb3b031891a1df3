"""normalize_text: entities, NFC, French no-break spacing, collapsed whitespace, paragraphs."""

import pytest

from newsbot.dates.text import canonical
from newsbot.extraction.textnorm import collapse_spaces
from newsbot.text import normalize_text
from newsbot.text.chars import INVISIBLE

NBSP, NARROW = "\u00a0", "\u202f"


def test_html_entities_are_decoded_even_when_double_encoded() -> None:
    assert normalize_text("qu&#039;il a dit &quot;non&quot;") == 'qu\'il a dit "non"'
    assert normalize_text("la&nbsp;Russie") == "la Russie"
    assert normalize_text("la&amp;nbsp;Russie") == "la Russie"


def test_decomposed_accents_become_nfc() -> None:
    decomposed = "e\u0301le\u0300ve"  # é and è written as letter + combining accent
    assert normalize_text(decomposed) == "élève"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Vraiment ?", f"Vraiment{NARROW}?"),
        ("Attention !", f"Attention{NARROW}!"),
        ("deux points ; et puis", f"deux points{NARROW}; et puis"),
        ("Il a dit : oui", f"Il a dit{NBSP}: oui"),
        ("« Non »", f"«{NBSP}Non{NBSP}»"),
        (f"Vraiment{NBSP}?", f"Vraiment{NARROW}?"),
        ("«\u2009Non\u2009»", f"«{NBSP}Non{NBSP}»"),
    ],
)
def test_french_no_break_spaces(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_no_space_is_invented_where_the_source_wrote_none() -> None:
    assert normalize_text("un «jour férié», à 10:15") == "un «jour férié», à 10:15"


def test_spaces_collapse_and_stray_space_before_comma_or_period_goes() -> None:
    assert normalize_text("  le   merlu\t est  sauvé .  ") == "le merlu est sauvé."
    assert normalize_text('"du merlu" , déclare-t-il') == '"du merlu", déclare-t-il'
    assert normalize_text("le site .NET reste") == "le site .NET reste"


def test_paragraphs_are_separated_by_exactly_one_blank_line() -> None:
    raw = "Premier paragraphe.\r\n\r\n\r\n   \nDeuxième paragraphe.\nTroisième bloc."
    assert normalize_text(raw) == "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième bloc."


def test_soft_wrapped_lines_are_joined() -> None:
    raw = "Le conseil municipal a voté\nle budget mardi soir.\nLa séance a duré trois heures."
    assert (
        normalize_text(raw)
        == "Le conseil municipal a voté le budget mardi soir.\n\nLa séance a duré trois heures."
    )


def test_invisible_characters_are_removed_and_unicode_separators_kept_as_breaks() -> None:
    assert normalize_text("pho\u00adto\u200b graphe\ufeff") == "photo graphe"
    assert normalize_text("Un.\u2029Deux.\u2028Trois.") == "Un.\n\nDeux.\n\nTrois."


def test_normalisation_is_idempotent() -> None:
    raw = "« Oui » ; non ? &nbsp;Peut-être :\n\nle  merlu ."
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_empty_text_stays_empty() -> None:
    assert normalize_text("") == ""
    assert normalize_text(" \n\t\n ") == ""


@pytest.mark.parametrize("char", list(INVISIBLE))
def test_every_stage_removes_the_same_invisible_characters(char: str) -> None:
    """One table: extraction, text normalisation and the date reader drop the same characters."""
    assert normalize_text(f"Emmanuel{char} Macron") == "Emmanuel Macron"
    assert collapse_spaces(f"Emmanuel{char} Macron") == "Emmanuel Macron"
    assert canonical(f"12{char} mars 2024") == "12 mars 2024"
