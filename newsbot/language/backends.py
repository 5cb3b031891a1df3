"""Language detectors behind one small interface: ``detect(text) -> (language, score)``.

Each backend is built lazily on first use (loading a model costs ~0.1-1 s) and then cached.
Language codes are the primary subtag in lower case ("zh-cn" -> "zh") so that backends agree.
``auto`` (selectable, not the default) routes each text: py3langid for short texts, langdetect-rs
for long ones unless its random trials disagree (see :class:`RoutedDetector`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from types import ModuleType
from typing import Protocol

# langdetect's walk is random: a fixed seed makes every call give the same answer.
LANGDETECT_SEED = 0


class Detector(Protocol):
    """Anything that names the most probable language of a text, with its probability (0..1)."""

    def detect(self, text: str) -> tuple[str | None, float]:
        """Return ``(language, score)``, or ``(None, 0.0)`` when the text has nothing to judge."""
        ...


def primary_subtag(code: str) -> str:
    """``"zh-cn"`` -> ``"zh"``, ``"pt-BR"`` -> ``"pt"``, ``"FR"`` -> ``"fr"``."""
    return code.split("-", 1)[0].split("_", 1)[0].lower()


class LangdetectDetector:
    """langdetect's naive Bayes random walk, from langdetect itself or from langdetect-rs.

    Both packages expose the same API and give bit-identical results; each detector owns a
    factory seeded with :data:`LANGDETECT_SEED`, so no global state is touched.
    """

    def __init__(self, package: ModuleType) -> None:
        self._errors = package.LangDetectException
        self._factory = package.DetectorFactory()
        self._factory.load_profile(package.PROFILES_DIRECTORY)
        self._factory.set_seed(LANGDETECT_SEED)

    def detect(self, text: str) -> tuple[str | None, float]:
        detector = self._factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (self._errors, IndexError):  # "No features in text", or no language above 0.1
            return None, 0.0
        return primary_subtag(best.lang), float(best.prob)


class Py3langidDetector:
    """py3langid's byte n-gram naive Bayes (97 languages, Occitan and Walloon among them).

    Scores are normalised probabilities, so they compare with langdetect's.
    """

    def __init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)

    def detect(self, text: str) -> tuple[str | None, float]:
        if not any(map(str.isalpha, text)):  # no features: py3langid would answer a uniform guess
            return None, 0.0
        language, score = self._identifier.classify(text)
        return primary_subtag(language), float(score)


class RoutedDetector:
    """A long-text detector for texts of ``long_chars`` characters or more when it is sure of itself
    (score at least ``min_long_score``), the short-text detector for everything else.

    ``auto`` pairs py3langid (short titles, close languages) with langdetect-rs (≈3x cheaper on
    articles, no wrong decision on texts of 200 characters or more). langdetect's score is the
    share of its seven random trials that agree: below 0.99 they disagreed (a text repeating a few
    words, mixed languages) and py3langid decides. ``python -m benchmarks.language --sweep``.
    """

    def __init__(self, short: Detector, long: Detector, long_chars: int, min_long_score: float) -> None:
        self.short = short
        self.long = long
        self.long_chars = long_chars
        self.min_long_score = min_long_score

    def detect(self, text: str) -> tuple[str | None, float]:
        if len(text) >= self.long_chars:
            language, score = self.long.detect(text)
            if score >= self.min_long_score:
                return language, score
        return self.short.detect(text)


# The ``auto`` backend: langdetect-rs for texts this long or longer, when its trials agree.
AUTO_LONG_CHARS = 200
AUTO_MIN_LONG_SCORE = 0.99


def _auto() -> Detector:
    return RoutedDetector(
        get_detector("py3langid"), get_detector("langdetect-rs"), AUTO_LONG_CHARS, AUTO_MIN_LONG_SCORE
    )


def _langdetect() -> Detector:
    import langdetect

    return LangdetectDetector(langdetect)


def _langdetect_rs() -> Detector:
    import langdetect_rs

    return LangdetectDetector(langdetect_rs)


BACKENDS: dict[str, Callable[[], Detector]] = {
    "auto": _auto,
    "langdetect": _langdetect,
    "langdetect-rs": _langdetect_rs,
    "py3langid": Py3langidDetector,
}


@cache
def get_detector(name: str) -> Detector:
    """The detector registered under ``name`` in :data:`BACKENDS`, built once per process."""
    try:
        build = BACKENDS[name]
    except KeyError:
        raise ValueError(f"unknown language backend {name!r}; choose one of {sorted(BACKENDS)}") from None
    return build()
