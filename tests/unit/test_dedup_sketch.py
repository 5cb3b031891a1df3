"""Shingle hashes, bottom-k sketches and their similarity estimates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from newsbot.dedup import SketchParams, TextSketch, normalize_for_hash, similarity, sketch_text
from newsbot.dedup.shingles import shingle_hashes, word_hash, word_hashes
from newsbot.dedup.sketch import estimate_similarity

STORIES_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "dedup_stories.json"
STORIES = {s["id"]: s for s in json.loads(STORIES_FILE.read_text(encoding="utf-8"))["stories"]}


def text_of(story_id: str) -> str:
    story = STORIES[story_id]
    return f"{story['title']}\n\n{story['body']}"


def leading_excerpt(text: str, share: float = 0.4) -> str:
    return text[: int(len(text) * share)] + "…\nLire la suite »"


def test_hashes_agree_across_processes() -> None:
    code = "from newsbot.dedup import sketch_text; import sys; print(sketch_text(sys.stdin.read()).keys)"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(STORIES_FILE.parents[3])}
    out = subprocess.run(
        [sys.executable, "-c", code], input=text_of("greve-trafic"), capture_output=True, text=True,
        env=env, check=True,
    )  # fmt: skip
    assert out.stdout.strip() == str(sketch_text(text_of("greve-trafic")).keys)


def test_shingles_cover_every_run_of_words() -> None:
    words = ["la", "tempete", "a", "prive", "de", "courant", "des", "milliers", "de", "foyers"]
    hashed = word_hashes(words)
    assert hashed.tolist() == [word_hash(w) for w in words]
    assert shingle_hashes(hashed, 3).size == len(words) - 2
    assert len(set(shingle_hashes(hashed, 3).tolist())) == len(words) - 2
    assert shingle_hashes(hashed[:2], 3).size == 1  # shorter than a shingle: one shingle
    assert shingle_hashes(hashed[:0], 3).size == 0
    with pytest.raises(ValueError):
        shingle_hashes(hashed, 0)


def test_shingle_hash_depends_on_word_order() -> None:
    a = shingle_hashes(word_hashes(["a", "b", "c"]), 3)
    b = shingle_hashes(word_hashes(["c", "b", "a"]), 3)
    assert a.tolist() != b.tolist()


def test_sketch_fields() -> None:
    params = SketchParams()
    sketch = sketch_text(text_of("budget-senat"), params)
    assert sketch.word_count == len(normalize_for_hash(text_of("budget-senat")).split())
    assert sketch.minima.size == params.sketch_size
    assert not sketch.complete
    assert np.all(np.diff(sketch.minima.astype(np.int64)) > 0)
    assert len(sketch.keys) == params.key_count
    assert list(sketch.keys) == sorted(sketch.keys)
    restored = TextSketch.minima_from_bytes(sketch.minima_bytes())
    assert restored.tolist() == sketch.minima.tolist()
    assert len(sketch.minima_bytes()) == 4 * params.sketch_size


def test_empty_text_has_an_empty_sketch() -> None:
    sketch = sketch_text("  \n ")
    assert sketch.word_count == 0 and sketch.minima.size == 0 and sketch.keys == ()
    assert similarity(sketch, sketch_text(text_of("grippe-pic"))).score == 0.0


def test_complete_sketches_give_exact_similarity() -> None:
    short_a = "le porte conteneurs s est echoue a l entree du port du havre jeudi matin"
    short_b = "jeudi matin un porte conteneurs s est echoue a l entree du port du havre"
    a, b = sketch_text(short_a), sketch_text(short_b)
    assert a.complete and b.complete

    def shingles(text: str) -> set[int]:
        return {int(h) >> 32 for h in shingle_hashes(word_hashes(text.split()), 3)}

    sa, sb = shingles(short_a), shingles(short_b)
    found = similarity(a, b)
    assert found.common == len(sa & sb)
    assert found.jaccard == pytest.approx(len(sa & sb) / len(sa | sb))
    assert found.containment == pytest.approx(len(sa & sb) / min(len(sa), len(sb)))


def test_an_excerpt_is_contained_in_its_article() -> None:
    full = text_of("tempete-coupures")
    found = similarity(sketch_text(leading_excerpt(full)), sketch_text(full))
    assert found.containment >= 0.8
    assert found.jaccard < 0.6  # Jaccard alone would undersell an excerpt
    assert set(sketch_text(leading_excerpt(full)).keys) & set(sketch_text(full).keys)


def test_a_wire_copy_with_another_headline_is_similar() -> None:
    found = similarity(sketch_text(text_of("afp-port")), sketch_text(text_of("outlet-port")))
    assert found.containment >= 0.6
    assert set(sketch_text(text_of("afp-port")).keys) & set(sketch_text(text_of("outlet-port")).keys)


def test_same_topic_same_day_stories_are_not_similar() -> None:
    by_topic: dict[str, list[str]] = {}
    for story_id, story in STORIES.items():
        by_topic.setdefault(story["topic"], []).append(story_id)
    checked = 0
    for members in by_topic.values():
        for a, b in combinations(members, 2):
            if STORIES[a]["story"] == STORIES[b]["story"]:
                continue
            sa, sb = sketch_text(text_of(a)), sketch_text(text_of(b))
            assert similarity(sa, sb).containment < 0.2, (a, b)
            assert similarity(sketch_text(leading_excerpt(text_of(a))), sb).containment < 0.2, (a, b)
            assert not set(sa.keys) & set(sb.keys), (a, b)
            checked += 1
    assert checked >= 8


def test_estimate_is_symmetric() -> None:
    a, b = sketch_text(text_of("foot-match")), sketch_text(leading_excerpt(text_of("foot-match")))
    assert estimate_similarity(a.minima, a.complete, b.minima, b.complete) == estimate_similarity(
        b.minima, b.complete, a.minima, a.complete
    )


def test_invalid_params_are_rejected() -> None:
    with pytest.raises(ValueError):
        SketchParams(key_count=0)
