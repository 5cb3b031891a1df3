"""Does a paragraph hold any of a set of cue substrings? The pre-check run on every paragraph.

Only the shortest cues matter (a text holds "abonné" only if it holds "abonn"). A few cues are
fastest as that many ``in`` scans; from about two dozen on, one search with the cues merged into
a trie-shaped regex ("a(?:bonn|ctu|pp)|…", one branch per first letter) is up to six times faster
(``python -m benchmarks.text`` times cleaning; the crossover was measured on the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TRIE_FROM_CUES = 20


def shortest_cues(cues: Iterable[str]) -> tuple[str, ...]:
    """The cues that hold no other cue, sorted: a text holds one of ``cues`` exactly when it
    holds one of these."""
    unique = set(cues)
    return tuple(sorted(cue for cue in unique if not any(other != cue and other in cue for other in unique)))


def trie_pattern(words: Iterable[str]) -> str:
    """A regex matching exactly the ``words``, factored by common prefixes."""
    branches: dict[str, list[str]] = {}
    ends_here = False
    for word in sorted(set(words)):
        if word:
            branches.setdefault(word[0], []).append(word[1:])
        else:
            ends_here = True
    alternatives = [re.escape(first) + trie_pattern(tails) for first, tails in branches.items()]
    if not alternatives:
        return ""
    pattern = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{pattern})?" if ends_here else pattern


@dataclass(frozen=True)
class CueSet:
    """Cue substrings and the fastest way found to look for them."""

    cues: tuple[str, ...]
    pattern: re.Pattern[str] | None = None

    @classmethod
    def of(cls, cues: Iterable[str]) -> CueSet:
        shortest = shortest_cues(cues)
        if len(shortest) < TRIE_FROM_CUES:
            return cls(shortest)
        return cls(shortest, re.compile(trie_pattern(shortest)))

    def found_in(self, lowered: str) -> bool:
        """True when ``lowered`` holds at least one of the cues."""
        if self.pattern is not None:
            return self.pattern.search(lowered) is not None
        return any(map(lowered.__contains__, self.cues))
