"""``chrome_in`` scans for the closer phrase once per text: its verdicts are those of the
paragraph-by-paragraph scan without that shortcut."""

from __future__ import annotations

import random

from newsbot.text import chrome_guard as chrome
from newsbot.text.aggregator import CLOSER, MARKER, MARKER_MAX_CHARS, source_line

FRAGMENTS = [
    "Le conseil municipal a voté le budget mardi soir.",
    "Il faudra lire la suite du rapport avant de conclure.",
    "Lire la suite »",
    "Voir l'article",
    "La séance a été levée. Lire la suite",
    "[Lire l’article]",
    "LIRE LA SUITE…",
    "Similar News",
    "Vous pouvez également lire des articles sur ce sujet",
    "Paris Dernières Nouvelles, Paris Actualités",
    "Le Monde · il y a 2 heures",
    "Le maire a dit : « voir la suite » au conseil.",
    "> Voir la suite de l'article",
    "",
]


def _reference(text: str, source_lines: bool = True) -> str | None:
    """The per-paragraph scan, every pattern on every paragraph."""
    for paragraph in text.split("\n\n"):
        stripped = paragraph.strip()
        if not stripped:
            continue
        if CLOSER.match(stripped) or chrome.EMBEDDED_CLOSER.search(stripped):
            return "closer"
        if chrome.EMBEDDED_MARKER.search(stripped) or (
            len(stripped) <= MARKER_MAX_CHARS and MARKER.match(stripped)
        ):
            return "marker"
        if chrome._TAGLINE.match(stripped) or chrome._TAGLINE_ANYWHERE.search(stripped):
            return "tagline"
        if source_lines and source_line(stripped) is not None:
            return "source_line"
    return None


def test_same_verdicts_as_the_full_scan() -> None:
    rng = random.Random(5)
    found = set()
    for _ in range(3000):
        parts = [rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 5))]
        text = rng.choice(["\n\n", " ", "\n"]).join(parts)
        for source_lines in (True, False):
            expected = _reference(text, source_lines)
            assert chrome.chrome_in(text, source_lines=source_lines) == expected, repr(text)
            found.add(expected)
    assert {"closer", "marker", "tagline", "source_line", None} <= found  # every verdict was exercised
