"""The ``auto`` backend (py3langid for short texts, langdetect-rs for long ones) and the letter count."""

from __future__ import annotations

import random

from benchmarks.language import OWN_TITLES, joined_by_language, own_texts
from newsbot.language import DEFAULT_BACKEND, detect_language, get_detector
from newsbot.language.backends import AUTO_LONG_CHARS, RoutedDetector
from newsbot.language.text import count_letters

LONG_FRENCH = (
    "Le conseil municipal a adopté mardi soir le budget de la ville pour l'année prochaine, malgré "
    "l'opposition qui dénonce une hausse des impôts locaux et réclame un audit des comptes publics. "
    "Le maire a promis de présenter les résultats de cet audit avant la fin du mois de juin."
)


class Fixed:
    def __init__(self, name: str, score: float = 1.0) -> None:
        self.name = name
        self.score = score

    def detect(self, text: str) -> tuple[str | None, float]:
        return self.name, self.score


def test_routing_is_by_length_then_by_the_long_detectors_confidence():
    detector = RoutedDetector(Fixed("short"), Fixed("long"), long_chars=10, min_long_score=0.99)
    assert detector.detect("x" * 9) == ("short", 1.0)
    assert detector.detect("x" * 10) == ("long", 1.0)
    unsure = RoutedDetector(Fixed("short"), Fixed("long", 5 / 7), long_chars=10, min_long_score=0.99)
    assert unsure.detect("x" * 10) == ("short", 1.0)


def test_a_title_repeated_past_the_cap_is_left_to_py3langid():
    """langdetect's trials disagree on "Titre interminable Titre interminable…" (5 of 7 say English)."""
    title = "Titre interminable " * 530
    assert get_detector("langdetect-rs").detect(title[:499])[1] < 0.99
    assert detect_language(title, None, "Le maire a présenté son budget mardi.").is_french


def test_auto_answers_like_the_backend_it_routes_to():
    assert DEFAULT_BACKEND == "py3langid", "the default keeps close languages apart"
    auto, short, long = (get_detector(name) for name in ("auto", "py3langid", "langdetect-rs"))
    title = "Li Fiesse del Walonreye a ratrossé bråmint des djins"
    assert len(title) < AUTO_LONG_CHARS <= len(LONG_FRENCH)
    assert auto.detect(title) == short.detect(title) == ("wa", short.detect(title)[1])
    assert auto.detect(LONG_FRENCH) == long.detect(LONG_FRENCH)


def test_a_long_walloon_text_is_taken_for_french_by_auto_but_not_by_py3langid():
    """The trade-off of ``auto``: langdetect-rs does not know Walloon (see the language benchmark)."""
    walloon = [sample.body for sample in joined_by_language(own_texts(OWN_TITLES)) if sample.language == "wa"]
    assert walloon and all(len(text) >= AUTO_LONG_CHARS for text in walloon)
    assert all(detect_language(None, None, text, backend="auto").is_french for text in walloon)
    assert all(detect_language(None, None, text, backend="py3langid").language == "wa" for text in walloon)


def test_count_letters_counts_what_str_isalpha_accepts():
    rng = random.Random(4)
    alphabet = [*"aZ09 ,.é", "\u00a0", "\u202f", "ß", "Σ", "東", "²", "½", "\u0301", "\ud800", "\U0001d400"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        text += "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(0, 3)))
        assert count_letters(text) == sum(map(str.isalpha, text)), repr(text)
