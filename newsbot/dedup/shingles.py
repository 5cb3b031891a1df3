"""Stable 64-bit hashes of word shingles (runs of consecutive words).

Hashes must agree across processes and machines (Python's ``hash`` is salted per process), so
each word is hashed once with BLAKE2b (memoised in a bounded dictionary: news vocabulary repeats) and the
words of a shingle are combined with a polynomial over 2**64 and the splitmix64 finaliser,
vectorised with numpy (≈6x faster than the same arithmetic in pure Python; see the README).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

_U64 = np.uint64
_BASE = _U64(0x9E3779B97F4A7C15)
_MIX_1 = _U64(0xBF58476D1CE4E5B9)
_MIX_2 = _U64(0x94D049BB133111EB)


WORD_CACHE_SIZE = 1 << 16
_word_cache: dict[str, int] = {}


def word_hash(word: str) -> int:
    """64-bit BLAKE2b of one word."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def word_hashes(words: Sequence[str]) -> np.ndarray:
    """:func:`word_hash` of each word, as a uint64 array (memoised in a bounded dictionary)."""
    cache = _word_cache
    if len(cache) > WORD_CACHE_SIZE:
        cache.clear()  # bounded: a full cache starts afresh (cheaper per lookup than an LRU)
    values = list(map(cache.get, words))
    if None in values:  # words not seen yet
        for position, value in enumerate(values):
            if value is None:
                word = words[position]
                value = cache.get(word)  # None unless the word came earlier in this text
                if value is None:
                    value = cache[word] = word_hash(word)
                values[position] = value
    return np.array(values, dtype=_U64)


def shingle_hashes(hashed_words: np.ndarray, size: int) -> np.ndarray:
    """Hashes of every run of ``size`` consecutive words, in text order (uint64 array).

    ``hashed_words`` comes from :func:`word_hashes`. A text shorter than ``size`` words yields one
    shingle of all its words; an empty text none.
    """
    if size < 1:
        raise ValueError("shingle size must be at least 1")
    if hashed_words.size == 0:
        return np.empty(0, dtype=_U64)
    size = min(size, hashed_words.size)
    count = hashed_words.size - size + 1
    combined = np.full(count, size, dtype=_U64)
    for offset in range(size):  # in place: the same arithmetic modulo 2**64, no temporaries
        combined *= _BASE
        combined += hashed_words[offset : offset + count]
    combined ^= combined >> _U64(30)
    combined *= _MIX_1
    combined ^= combined >> _U64(27)
    combined *= _MIX_2
    combined ^= combined >> _U64(31)
    return combined


def distinct_sorted(values: np.ndarray) -> np.ndarray:
    """The distinct values of an already sorted array (what ``np.unique`` returns, without its sort)."""
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def smallest_distinct(hashes: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` smallest distinct values, ascending (``np.unique(hashes)[:count]``)."""
    return distinct_sorted(np.sort(hashes))[:count]
