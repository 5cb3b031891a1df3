"""The cleaning fast paths find exactly what the straightforward definitions find."""

from __future__ import annotations

import random
import re

import pytest

from newsbot.text.clean import _BUCKETS, GLUED_TEXT_SPLIT, _split_glued
from newsbot.text.cues import TRIE_FROM_CUES, CueSet, shortest_cues, trie_pattern
from newsbot.text.french import LOWER, UPPER
from newsbot.text.glue import junction_candidates, split_at_glue
from newsbot.text.rules import BOILERPLATE_RULES

ALL_CUES = sorted({cue for rule in BOILERPLATE_RULES for cue in rule.cues})
JUNCTION = re.compile(rf"[{LOWER}0-9?!»”)….{UPPER}](?=[{UPPER}])")  # the definition of a candidate


def texts_around(cues: list[str], rng: random.Random, count: int) -> list[str]:
    """Random texts of cue fragments, whole cues, letters and spaces: near misses and hits."""
    pieces = [*cues, *(cue[: len(cue) // 2] for cue in cues), *(cue[1:] for cue in cues), *"aeiouyé lr /©"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12))) for _ in range(count)]


def test_shortest_cues_drop_the_cues_that_hold_another():
    assert shortest_cues(["abonné", "abonn", "app", "appli", "pub"]) == ("abonn", "app", "pub")


def test_trie_pattern_matches_exactly_its_words():
    words = ["lire aussi", "lire la suite", "lire", "(c)", "/", "abonn", "actu", "a"]
    pattern = re.compile(trie_pattern(words))
    assert all(pattern.fullmatch(word) for word in words)
    assert not any(pattern.fullmatch(other) for other in ["lir", "lire ", "ab", "(c", "actus", ""])


@pytest.mark.parametrize("bucket", _BUCKETS, ids=lambda bucket: f"up to {bucket.max_length}")
def test_each_bucket_finds_a_cue_exactly_when_one_is_in_the_text(bucket):
    cues = sorted({cue for rule in bucket.rules for cue in rule.cues})
    assert (bucket.cues.pattern is not None) == (len(bucket.cues.cues) >= TRIE_FROM_CUES)
    for text in texts_around(cues, random.Random(len(cues)), 3000):
        assert bucket.cues.found_in(text) == any(cue in text for cue in cues), text


def test_both_ways_of_looking_agree_on_every_cue_set():
    rng = random.Random(5)
    for size in (1, 5, 19, 20, 40, len(ALL_CUES)):
        cues = rng.sample(ALL_CUES, size)
        scans, trie = CueSet(tuple(cues)), CueSet(tuple(cues), re.compile(trie_pattern(cues)))
        for text in texts_around(cues, rng, 500):
            assert scans.found_in(text) == trie.found_in(text) == any(cue in text for cue in cues)


def test_junction_candidates_are_the_defined_ones():
    rng = random.Random(3)
    pieces = [*"aéBÉÇŒœ1.)»?!…” \n'’(«-", "RFI", "AFP", "Le", "La", "SNCF", "mondiale", "2024"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        assert junction_candidates(text) == [match.end() for match in JUNCTION.finditer(text)], text


def test_glued_paragraphs_are_split_as_one_by_one():
    rng = random.Random(8)
    sentences = [
        "Le port de Brest rouvre aux ferriesLe trafic reprendra dès lundi.",
        "Budget 2025Le gouvernement présente sa copie.",
        "La SNCF et la CGT se retrouvent jeudi.",
        "Selon l'AFP, rien n'est joué.",
        "Un paragraphe sans majuscule collée.",
        "McDonald et easyJet restent entiers.",
        "  espaces autour  ",
        "Il pleut sur BrestLe",  # a junction at the very end of the paragraph
        "x",
    ]
    for _ in range(500):
        paragraphs = [rng.choice(sentences) for _ in range(rng.randrange(0, 8))]
        fired: list[str] = []
        expected = [piece for paragraph in paragraphs for piece in split_at_glue(paragraph)]
        assert _split_glued(paragraphs, fired) == expected
        glued = sum(len(split_at_glue(paragraph)) > 1 for paragraph in paragraphs)
        assert fired.count(GLUED_TEXT_SPLIT) == glued
