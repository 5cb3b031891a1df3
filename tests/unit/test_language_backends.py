"""The three detector backends behind one interface: labels, determinism, agreement, failures."""

from __future__ import annotations

import pytest

from newsbot.language import BACKENDS, get_detector
from newsbot.language.backends import primary_subtag

FRENCH_TEXT = (
    "Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine, "
    "malgré l'opposition qui dénonce une hausse des impôts locaux."
)
ENGLISH_TEXT = (
    "The city council approved next year's budget on Tuesday evening, although the opposition "
    "denounced a rise in local taxes."
)
ITALIAN_TEXT = (
    "Il consiglio comunale ha approvato martedì sera il bilancio della città per il prossimo anno, "
    "nonostante l'opposizione denunci un aumento delle tasse locali."
)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
@pytest.mark.parametrize(
    ("text", "language"), [(FRENCH_TEXT, "fr"), (ENGLISH_TEXT, "en"), (ITALIAN_TEXT, "it")]
)
def test_each_backend_names_the_language_of_a_clear_sentence(backend: str, text: str, language: str):
    detected, score = get_detector(backend).detect(text)
    assert detected == language
    assert 0.5 < score <= 1.0


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_each_backend_answers_none_for_a_text_without_letters(backend: str):
    assert get_detector(backend).detect("2024 — 12/03, 18:40 !") == (None, 0.0)


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_each_backend_is_deterministic_on_an_ambiguous_title(backend: str):
    detector = get_detector(backend)
    answers = {detector.detect("Procès des attentats : le verdict attendu mercredi") for _ in range(10)}
    assert len(answers) == 1


def test_langdetect_rs_gives_langdetect_results_bit_for_bit():
    texts = [FRENCH_TEXT, ENGLISH_TEXT, ITALIAN_TEXT, "Li Moûze a monté tote li nute", "La voix des nuls"]
    reference, fast = get_detector("langdetect"), get_detector("langdetect-rs")
    assert [fast.detect(text) for text in texts] == [reference.detect(text) for text in texts]


def test_py3langid_knows_walloon_and_occitan_which_langdetect_calls_french():
    walloon = "Li burgmaisse di Nameur a dné ene novele aidance ås scoles"
    occitan = "Lo conselh municipal de Tolosa a votat lo budget de l'annada"
    assert get_detector("py3langid").detect(walloon)[0] == "wa"
    assert get_detector("py3langid").detect(occitan)[0] == "oc"
    assert get_detector("langdetect").detect(walloon)[0] == "fr"


def test_chinese_labels_are_reduced_to_the_primary_subtag():
    text = "中国政府今天宣布了新的经济政策，以促进国内消费和就业。"
    assert get_detector("langdetect").detect(text)[0] == "zh"  # langdetect says "zh-cn"
    assert get_detector("py3langid").detect(text)[0] == "zh"


def test_get_detector_builds_each_backend_once():
    assert get_detector("py3langid") is get_detector("py3langid")


def test_get_detector_rejects_an_unknown_backend():
    with pytest.raises(ValueError, match="unknown language backend 'cld3'"):
        get_detector("cld3")


@pytest.mark.parametrize(
    ("code", "expected"), [("zh-cn", "zh"), ("pt-BR", "pt"), ("fr_FR", "fr"), ("FR", "fr")]
)
def test_primary_subtag(code: str, expected: str):
    assert primary_subtag(code) == expected
