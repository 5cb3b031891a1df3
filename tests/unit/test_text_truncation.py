"""Truncated endings: a cut word, a dangling function word, a trailing ellipsis; complete texts are not."""

import pytest

from newsbot.text import clean_text, is_truncated
from newsbot.text.truncation import truncation_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Les deux pays veulent ensemble contrer l’hégémo", "truncated_word"),
        ("Le chantier doit durer jusqu'à la fin de l'anné", "truncated_word"),
        ("Les élus ont voté la motion présentée par la", "truncated_dangling"),
        ("Les élus ont voté la motion présentée par les représentants de", "truncated_dangling"),
        ("La ministre a rencontré les familles...", "truncated_ellipsis"),
        ("La ministre a rencontré les familles…", "truncated_ellipsis"),
        ("Les prix flambent [...]", "truncated_ellipsis"),
    ],
)
def test_cut_endings_are_named(text: str, kind: str) -> None:
    assert truncation_kind(text) == kind
    result = clean_text(text, field="lead")
    assert result.truncated and kind in result.rules_fired


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a démissionné.",
        "Faut-il s'inquiéter ?",
        "« Nous tiendrons bon »",
        "Les deux blocs ne forment pas une alliance face à l’UE",
        "Le bilan fait état de 12 blessés",
        "Les députés ont voté contre",
        "Il n'en reste qu'un",
        "Répète-le",
        "Les pompiers sont intervenus ➡️",
    ],
)
def test_complete_endings_are_not_truncated(text: str) -> None:
    assert not is_truncated(text)
    assert not clean_text(text).truncated


def test_a_title_is_only_truncated_by_an_ellipsis() -> None:
    assert not clean_text("Visite d'État en Russie pour la", field="title").truncated
    assert clean_text("Visite d'État en Russie pour la...", field="title").truncated
