"""The French-or-not decision for one article, from its title, lead and body."""

from __future__ import annotations

from dataclasses import dataclass

from newsbot.language.backends import get_detector, primary_subtag
from newsbot.language.text import is_mostly_latin, prepare_text

FRENCH = "fr"
# py3langid: the only backend meeting every accuracy target, close languages included; ``auto``
# (py3langid + langdetect-rs) is ~5x cheaper but takes long Walloon texts for French (language bench).
DEFAULT_BACKEND = "py3langid"
# Below this many letters a Latin-script text is not judged (see ``detect_language``).
MIN_CHARS = 20
# Only the first characters are fed to the detector: on the corpus, decisions are the same from
# 500 characters on (one long text goes wrong at 300), and the cost grows with the length
# (python -m benchmarks.language --sweep).
MAX_CHARS = 500
# Quotations are removed only when this many letters (about five words) remain without them.
MIN_LETTERS_WITHOUT_QUOTES = 30

DETECTED = "detected"
TOO_SHORT = "too_short"


@dataclass(frozen=True)
class LanguageDecision:
    """What the detector said and what follows for the French filter.

    ``reason`` is ``"detected"`` when the detector decided; ``"too_short"`` when the text was too
    short to judge, ``language`` is then the outlet's language (French when unknown) and ``score`` 0.
    """

    language: str | None
    score: float
    is_french: bool
    backend: str
    chars_used: int
    quotes_removed: bool
    reason: str = DETECTED


def detect_language(
    title: str | None,
    lead: str | None,
    body: str | None,
    *,
    backend: str = DEFAULT_BACKEND,
    min_chars: int = MIN_CHARS,
    max_chars: int = MAX_CHARS,
    outlet_language: str | None = None,
    min_letters_without_quotes: int = MIN_LETTERS_WITHOUT_QUOTES,
) -> LanguageDecision:
    """Decide whether an article is French from the top language of its title + lead + body.

    Quoted spans are removed first when at least ``min_letters_without_quotes`` letters remain
    without them; at most ``max_chars`` characters are fed to the detector.

    A Latin-script text with fewer than ``min_chars`` letters (a short title alone) is too short
    to judge: the detector guesses at random there ("Match en direct" -> Dutch). The decision then
    follows ``outlet_language``, the language the outlet publishes in; when it is unknown the text
    is taken as French, since newsbot crawls French outlets. The score is 0.0 and ``reason`` says
    ``"too_short"``. Texts in other scripts are always judged: a few Cyrillic or CJK letters are
    enough to tell they are not French.
    """
    detector = get_detector(backend)  # an unknown backend fails even on a text too short to judge
    prepared = prepare_text(
        title, lead, body, max_chars=max_chars, min_letters_without_quotes=min_letters_without_quotes
    )
    language, score = None, 0.0
    if prepared.letters >= min_chars or not is_mostly_latin(prepared.text):
        language, score = detector.detect(prepared.text)
    if language is None:
        return _too_short(prepared.text, prepared.quotes_removed, backend, outlet_language)
    return LanguageDecision(
        language=language,
        score=score,
        is_french=language == FRENCH,
        backend=backend,
        chars_used=len(prepared.text),
        quotes_removed=prepared.quotes_removed,
    )


def _too_short(
    text: str, quotes_removed: bool, backend: str, outlet_language: str | None
) -> LanguageDecision:
    language = primary_subtag(outlet_language) if outlet_language else FRENCH
    return LanguageDecision(
        language=language,
        score=0.0,
        is_french=language == FRENCH,
        backend=backend,
        chars_used=len(text),
        quotes_removed=quotes_removed,
        reason=TOO_SHORT,
    )
