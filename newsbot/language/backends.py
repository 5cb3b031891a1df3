"""Language detectors behind one small interface: ``detect(text) -> (language, score)``.

Each backend is built lazily on first use (loading a model costs ~0.1-1 s) and then cached.
Language codes are the primary subtag in lower case ("zh-cn" -> "zh") so that backends agree.
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


def _langdetect() -> Detector:
    import langdetect

    return LangdetectDetector(langdetect)


def _langdetect_rs() -> Detector:
    import langdetect_rs

    return LangdetectDetector(langdetect_rs)


BACKENDS: dict[str, Callable[[], Detector]] = {
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
