"""Deduplication layers: exact text (normalised-body hash) and near-duplicate stories (sketches)."""

from newsbot.dedup.index import StoryIndex, StoryMatch
from newsbot.dedup.normalize import content_hash, normalize_for_hash
from newsbot.dedup.sketch import Similarity, SketchParams, TextSketch, similarity, sketch_text

__all__ = [
    "Similarity",
    "SketchParams",
    "StoryIndex",
    "StoryMatch",
    "TextSketch",
    "content_hash",
    "normalize_for_hash",
    "similarity",
    "sketch_text",
]
