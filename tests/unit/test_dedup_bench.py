"""The benchmark's controlled edits and pair labels (newsbot's own fixtures only)."""

from __future__ import annotations

import random

from benchmarks import dedup as bench
from newsbot.dedup import content_hash


def base(story_id: str = "tempete-coupures") -> bench.BaseText:
    return next(b for b in bench.fixture_bases() if b.key == story_id)


def words(text: str) -> int:
    return len(text.split())


def test_excerpt_keeps_about_forty_percent_and_ends_like_an_aggregator() -> None:
    text = bench.full_text(base())
    excerpt = bench.excerpt(text, random.Random(1))
    assert 0.3 < words(excerpt) / words(text) < 0.55
    assert "Lire la suite »" in excerpt
    assert excerpt.startswith(base().title)


def test_cut_paragraphs_keeps_the_lead_and_drops_about_a_quarter() -> None:
    text = bench.full_text(base())
    cut = bench.cut_paragraphs(text, random.Random(2))
    assert cut.split("\n\n")[:2] == text.split("\n\n")[:2]
    assert 0.55 < words(cut) / words(text) < 0.9


def test_boilerplate_lines_do_not_change_the_normalised_text() -> None:
    text = bench.full_text(base())
    assert content_hash(bench.add_boilerplate(text, random.Random(3))) == content_hash(text)


def test_word_edits_touch_a_few_words() -> None:
    text = bench.full_text(base())
    edited = bench.word_edits(text, random.Random(4))
    kept = set(edited.split()) & set(text.split())
    assert edited != text and abs(words(edited) - words(text)) < 0.05 * words(text)
    assert len(kept) > 0.9 * len(set(text.split()))


def test_pairs_are_labelled_by_story_and_topic() -> None:
    docs = bench.build_docs(bench.fixture_bases())
    pairs = bench.build_pairs(docs, easy_negatives=50)
    assert any(p.same_story and p.a.base.key != p.b.base.key for p in pairs)  # afp-port / outlet-port
    hard = [p for p in pairs if p.hard_negative]
    assert hard and all(p.a.base.topic == p.b.base.topic and not p.same_story for p in hard)
    assert sum(not p.same_story and not p.hard_negative for p in pairs) == 50
