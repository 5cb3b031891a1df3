"""The issue's targets for the language filter, on the real pages of ../shared/corpus.

Skipped when the corpus is absent. Costs are measured by ``python -m benchmarks.language``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.language import (
    Sample,
    decider,
    evaluate,
    long_only,
    page_samples,
    passage_samples,
    short_samples,
)
from newsbot.language import DEFAULT_BACKEND, get_detector

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def long_texts(corpus: Path) -> list[Sample]:
    samples = long_only(page_samples()) + passage_samples()
    assert len(samples) > 250
    return samples


@pytest.fixture(scope="module")
def short_texts(corpus: Path) -> list[Sample]:
    samples = short_samples()
    assert sum(sample.is_french for sample in samples) > 150
    return samples


def test_no_wrong_decision_on_texts_of_200_characters_or_more(long_texts: list[Sample]):
    result = evaluate(long_texts, decider(DEFAULT_BACKEND))
    assert result.wrong == []


def test_short_titles_reach_98_percent_french_recall_at_98_percent_precision(short_texts: list[Sample]):
    result = evaluate(short_texts, decider(DEFAULT_BACKEND))
    assert result.recall >= 0.98, result.wrong
    assert result.precision >= 0.98, result.wrong


def test_langdetect_rs_agrees_with_langdetect_on_real_titles(short_texts: list[Sample]):
    reference, fast = get_detector("langdetect"), get_detector("langdetect-rs")
    titles = [sample.title or "" for sample in short_texts]
    assert [fast.detect(title) for title in titles] == [reference.detect(title) for title in titles]
