"""Language filter: is this article French? Deterministic, backend-agnostic, ≤ 1 ms per article.

>>> decision = detect_language("Grève à la SNCF", "Le trafic sera très perturbé jeudi.", None)
>>> decision.language, decision.is_french
('fr', True)
"""

from newsbot.language.backends import BACKENDS, Detector, get_detector
from newsbot.language.decision import (
    DEFAULT_BACKEND,
    DETECTED,
    FRENCH,
    MAX_CHARS,
    MIN_CHARS,
    TOO_SHORT,
    LanguageDecision,
    detect_language,
)

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "DETECTED",
    "FRENCH",
    "MAX_CHARS",
    "MIN_CHARS",
    "TOO_SHORT",
    "Detector",
    "LanguageDecision",
    "detect_language",
    "get_detector",
]
