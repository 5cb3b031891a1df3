"""Compact fingerprints of an article body and the similarity estimates they support.

A :class:`TextSketch` holds, for one body:

* ``content_hash``: the exact-text layer (:func:`~newsbot.dedup.normalize.content_hash`);
* ``minima``: a bottom-k sketch — the ``k`` smallest hashes of the body's word 3-shingles. Two
  sketches give consistent samples of both shingle sets below a common threshold, hence unbiased
  estimates of Jaccard similarity *and* of containment (the share of the shorter text found in the
  longer one), which is what an aggregator excerpt has with its full article;
* ``keys``: lookup keys — the ``m`` smallest hashes of longer word shingles. Long shingles are
  almost never shared by unrelated texts, so a stored key shared with a new body is a strong hint
  of copying; an excerpt keeps its full article's smallest hashes that fall inside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsbot.dedup.normalize import hash_normal_form, normal_words
from newsbot.dedup.shingles import distinct_sorted, shingle_hashes, smallest_distinct, word_hashes


@dataclass(frozen=True)
class SketchParams:
    """How bodies are fingerprinted; every worker sharing one index must use the same values."""

    shingle_words: int = 3
    sketch_size: int = 128
    key_shingle_words: int = 6
    key_count: int = 10

    def __post_init__(self) -> None:
        if min(self.shingle_words, self.sketch_size, self.key_shingle_words, self.key_count) < 1:
            raise ValueError("sketch parameters must be positive")


DEFAULT_PARAMS = SketchParams()


@dataclass(frozen=True, eq=False)
class TextSketch:
    """Fingerprints of one body (see module docstring)."""

    content_hash: str
    word_count: int
    minima: np.ndarray  # sorted uint32: top 32 bits of the smallest shingle hashes
    complete: bool  # True when the body has fewer distinct shingles than the sketch size
    keys: tuple[int, ...]  # sorted 64-bit key-shingle hashes

    def minima_bytes(self) -> bytes:
        """The minima as little-endian uint32 bytes, for storage."""
        return self.minima.astype("<u4").tobytes()

    @staticmethod
    def minima_from_bytes(data: bytes) -> np.ndarray:
        """Inverse of :meth:`minima_bytes`."""
        return np.frombuffer(data, dtype="<u4").astype(np.uint32)


@dataclass(frozen=True)
class Similarity:
    """Estimated resemblance of two bodies."""

    jaccard: float
    containment: float  # share of the shorter body's shingles found in the longer one
    common: int  # sampled shingles in common (the estimates' support)

    @property
    def score(self) -> float:
        """The decision score: containment, which is at least the Jaccard similarity."""
        return self.containment


def sketch_text(text: str, params: SketchParams = DEFAULT_PARAMS) -> TextSketch:
    """Fingerprint one body (pure; ≈0.2 ms for a 500-word article)."""
    words = normal_words(text)
    normal_form = " ".join(words)
    hashed = word_hashes(words)
    shingles = smallest_distinct(shingle_hashes(hashed, params.shingle_words), params.sketch_size)
    minima = distinct_sorted((shingles >> np.uint64(32)).astype(np.uint32))  # ascending, as shingles
    key_hashes = smallest_distinct(shingle_hashes(hashed, params.key_shingle_words), params.key_count)
    return TextSketch(
        content_hash=hash_normal_form(normal_form),
        word_count=len(words),
        minima=minima,
        complete=shingles.size < params.sketch_size,
        keys=tuple(key_hashes.tolist()),
    )


def estimate_similarity(
    a_minima: np.ndarray, a_complete: bool, b_minima: np.ndarray, b_complete: bool
) -> Similarity:
    """Jaccard and containment estimated from two bottom-k sketches.

    Below the smaller of the two sketches' largest values both samples are complete, so the
    estimates compare like with like; a complete sketch (short body) is exact.
    """
    if a_minima.size == 0 or b_minima.size == 0:
        return Similarity(0.0, 0.0, 0)
    limits = [int(m[-1]) for m, complete in ((a_minima, a_complete), (b_minima, b_complete)) if not complete]
    if limits:
        threshold = min(limits)
        a_minima = a_minima[a_minima <= threshold]
        b_minima = b_minima[b_minima <= threshold]
    common = int(np.intersect1d(a_minima, b_minima, assume_unique=True).size)
    smaller = min(a_minima.size, b_minima.size)
    union = a_minima.size + b_minima.size - common
    return Similarity(
        jaccard=common / union if union else 0.0,
        containment=common / smaller if smaller else 0.0,
        common=common,
    )


def similarity(a: TextSketch, b: TextSketch) -> Similarity:
    """:func:`estimate_similarity` of two sketches."""
    return estimate_similarity(a.minima, a.complete, b.minima, b.complete)
