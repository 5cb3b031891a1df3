"""detect_language: the French-or-not decision the language pipeline stores on each item."""

from __future__ import annotations

import pytest

from benchmarks.language import OWN_QUOTED_TEXTS, decider, evaluate, own_texts
from newsbot.language import (
    BACKENDS,
    DEFAULT_BACKEND,
    DETECTED,
    MAX_CHARS,
    TOO_SHORT,
    LanguageDecision,
    detect_language,
)

TITLE = "Inondations : la préfecture déclenche le plan d'urgence"
LEAD = "Les pluies de la nuit ont fait déborder la rivière dans plusieurs communes du département."
BODY = (
    "Les pompiers sont intervenus plus de deux cents fois depuis dimanche soir. "
    "Plusieurs routes restent fermées et les écoles de la vallée n'ouvriront pas lundi. "
) * 20


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_a_french_article_is_french_with_every_backend(backend: str):
    decision = detect_language(TITLE, LEAD, BODY, backend=backend)
    assert decision.language == "fr"
    assert decision.is_french
    assert decision.backend == backend
    assert decision.reason == DETECTED
    assert 0.5 < decision.score <= 1.0


def test_an_english_article_is_not_french():
    decision = detect_language(
        "Floods: the prefecture triggers its emergency plan",
        "Overnight rain made the river burst its banks in several towns.",
        "Firefighters were called out more than two hundred times since Sunday evening.",
    )
    assert decision == LanguageDecision(
        "en", decision.score, False, DEFAULT_BACKEND, decision.chars_used, False
    )


def test_the_default_backend_tells_walloon_from_french():
    decision = detect_language("Li Fiesse del Walonreye a ratrossé bråmint des djins", None, None)
    assert decision.language == "wa"
    assert not decision.is_french


def test_at_most_max_chars_characters_reach_the_detector():
    assert detect_language(TITLE, LEAD, BODY).chars_used <= MAX_CHARS
    assert detect_language(TITLE, LEAD, BODY, max_chars=200).chars_used <= 200


def test_a_french_text_quoting_an_english_speaker_is_french_once_quotes_are_removed():
    text = (
        "Devant le Congrès, le président américain a déclaré : « We are not going to give up, "
        "we will keep fighting for our workers and our families »."
    )
    decision = detect_language(text, None, None)
    assert decision.quotes_removed
    assert decision.is_french
    kept = detect_language(text, None, None, min_letters_without_quotes=10**9)
    assert not kept.quotes_removed
    assert kept.language == "en"  # what the quotation does when it is left in


def test_quotations_flip_no_decision_on_the_teams_quoted_texts():
    result = evaluate(own_texts(OWN_QUOTED_TEXTS), decider(DEFAULT_BACKEND))
    assert result.total >= 25
    assert result.wrong == []


def test_a_title_that_is_mostly_a_quotation_keeps_it():
    decision = detect_language("Grève : « On ne nous écoute plus depuis des mois »", None, None)
    assert not decision.quotes_removed
    assert decision.is_french


def test_a_latin_text_too_short_to_judge_is_taken_as_french_when_the_outlet_language_is_unknown():
    decision = detect_language("Match en direct", None, None)
    assert decision.reason == TOO_SHORT
    assert decision.is_french
    assert (decision.language, decision.score) == ("fr", 0.0)


@pytest.mark.parametrize(("outlet", "language", "is_french"), [("fr-FR", "fr", True), ("en", "en", False)])
def test_a_text_too_short_to_judge_follows_the_outlet_language(outlet: str, language: str, is_french: bool):
    decision = detect_language("Match en direct", None, None, outlet_language=outlet)
    assert (decision.language, decision.is_french, decision.reason) == (language, is_french, TOO_SHORT)


def test_the_outlet_language_does_not_override_a_text_long_enough_to_judge():
    decision = detect_language("The city council approved the budget", None, None, outlet_language="fr")
    assert decision.reason == DETECTED
    assert decision.language == "en"


def test_a_short_text_in_another_script_is_judged_whatever_its_length():
    decision = detect_language("Москва: пожар", None, None)
    assert decision.reason == DETECTED
    assert not decision.is_french


def test_min_chars_sets_the_length_below_which_texts_are_not_judged():
    assert detect_language("Match en direct", None, None, min_chars=5).reason == DETECTED
    assert detect_language(TITLE, None, None, min_chars=100).reason == TOO_SHORT


def test_an_item_without_text_is_too_short():
    decision = detect_language(None, None, None)
    assert (decision.reason, decision.chars_used) == (TOO_SHORT, 0)


def test_an_unknown_backend_fails_even_on_a_short_text():
    with pytest.raises(ValueError, match="unknown language backend"):
        detect_language("Match", None, None, backend="nope")
