"""``collapsed_longer_than`` answers exactly what collapsing and measuring would."""

from __future__ import annotations

import random

import pytest

from newsbot.extraction.textnorm import collapse_spaces, collapsed_longer_than
from newsbot.text.chars import INVISIBLE

ALPHABET = [
    "a",
    "é",
    "Z",
    ".",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\u3000",
    *INVISIBLE,
]


def _texts(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(count)]


@pytest.mark.parametrize("limit", [0, 1, 5, 10, 20, 40])
def test_same_answer_as_collapsing(limit: int) -> None:
    for text in _texts(3000):
        assert collapsed_longer_than(text, limit) == (len(collapse_spaces(text)) > limit), repr(text)


def test_whitespace_padding_does_not_count() -> None:
    text = "Titre" + " \n\t\u00a0" * 200 + "court"
    assert not collapsed_longer_than(text, 20)
    assert collapsed_longer_than("x" * 301, 300)
    assert not collapsed_longer_than("\u200b" * 400 + "x" * 300, 300)
