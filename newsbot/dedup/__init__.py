"""Deduplication layers: exact text (normalised-body hash) and near-duplicate stories (sketches)."""

from newsbot.dedup.index import StoryIndex, StoryMatch, StoryRequest
from newsbot.dedup.normalize import content_hash, normalize_for_hash
from newsbot.dedup.sketch import Similarity, SketchParams, TextSketch, similarity, sketch_text

__all__ = [
    "Similarity",
    "SketchParams",
    "StoryIndex",
    "StoryMatch",
    "StoryRequest",
    "TextSketch",
    "content_hash",
    "normalize_for_hash",
    "similarity",
    "sketch_text",
]
