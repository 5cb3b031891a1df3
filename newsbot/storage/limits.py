"""Keep every article document far below MongoDB's 16 MB limit, and say what was cut.

Each field has a cap (characters for strings, entries for lists, characters per entry); anything
above is cut and the field named in the result, so the pipeline can count it. The caps are chosen
so that a document with every field at its cap, written in 4-byte characters, still encodes below
:data:`MAX_DOCUMENT_BYTES` (``tests/unit/test_storage_limits.py`` builds that document). URLs are
never cut (a cut URL is another URL): lists of URLs drop the over-long entries instead, and an
over-long article URL is left for the schema validator to reject.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import bson

MONGO_MAX_BSON_BYTES = 16 * 1024 * 1024
MAX_DOCUMENT_BYTES = 15 * 1024 * 1024
"""Our ceiling: a margin below MongoDB's limit for the update operators wrapped around a document."""
SAFE_ESTIMATE_BYTES = 8 * 1024 * 1024
"""Below this upper-bound estimate a document is not encoded to measure it (the usual case)."""

MAX_TEXT_CHARS = 1_000_000
"""Bodies above this are cut (and flagged ``body_truncated``)."""

STRING_CAPS: dict[str, int] = {
    "body": MAX_TEXT_CHARS,
    "title": 2_000,  # the schema's maxLength
    "lead": 20_000,
    "section": 500,
    "site_name": 500,
    "source": 200,
    "language": 35,
    "kind": 50,
    "date_source": 100,
    "extraction_method": 100,
    "content_hash": 200,
    "story_id": 200,
}
DEFAULT_STRING_CAP = 4_096
"""Strings not listed above (``image_url``, ``fetched_url``, raw date strings…)."""

LIST_CAPS: dict[str, tuple[int, int]] = {
    "tags": (500, 200),
    "authors": (100, 300),
    "boilerplate_rules": (500, 200),
    "seen_on": (200, 4_096),
    "alternate_urls": (200, 4_096),
}
"""Field -> (maximum entries, maximum characters per entry)."""
DEFAULT_LIST_CAP = (1_000, DEFAULT_STRING_CAP)
URL_LISTS = frozenset({"alternate_urls"})
"""Lists of URLs: an over-long entry is dropped, not cut."""
UNCAPPED = frozenset({"url", "_id"})

MAX_DEPTH = 8
"""Nested mappings deeper than this are dropped (``raw_dates`` is one level)."""


class DocumentTooLarge(ValueError):
    """Even with every cap applied the document would not fit (unknown huge fields)."""


def cap_document(doc: dict[str, Any]) -> list[str]:
    """Cut ``doc`` in place to the caps; returns the names of the fields that were cut.

    Raises :class:`DocumentTooLarge` when the capped document still exceeds :data:`MAX_DOCUMENT_BYTES`.
    """
    cut: list[str] = []
    estimate = 0
    for key, value in doc.items():
        if key in UNCAPPED or value is None or isinstance(value, bool | int | float):
            if isinstance(value, str):
                estimate += 4 * len(value)
            continue
        capped, size = _cap_value(key, value, 0)
        if capped is not value:
            doc[key] = capped
            cut.append(key)
        estimate += size
    if "body" in cut:
        doc["body_truncated"] = True
    if estimate > SAFE_ESTIMATE_BYTES:
        size = len(bson.encode(doc))
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentTooLarge(f"{size} bytes after capping {cut or 'nothing'}")
    return cut


def _cap_value(key: str, value: Any, depth: int) -> tuple[Any, int]:
    """The value within its cap (the same object when nothing was cut) and a byte upper bound."""
    if isinstance(value, str):
        limit = STRING_CAPS.get(key, DEFAULT_STRING_CAP)
        if len(value) > limit:
            return value[:limit], 4 * limit
        return value, 4 * len(value)
    if isinstance(value, list | tuple):
        return _cap_list(key, value)
    if isinstance(value, Mapping):
        if depth >= MAX_DEPTH:
            return {}, 0
        changed, size, out = False, 0, {}
        for name, inner in value.items():
            capped, inner_size = (inner, 16) if inner is None else _cap_value(str(name), inner, depth + 1)
            changed = changed or capped is not inner
            out[name] = capped
            size += inner_size + 4 * len(str(name))
        return (out if changed else value), size
    return value, 64  # dates, numbers, ObjectIds: small and fixed


def _cap_list(key: str, values: list[Any] | tuple[Any, ...]) -> tuple[list[Any] | tuple[Any, ...], int]:
    max_items, max_chars = LIST_CAPS.get(key, DEFAULT_LIST_CAP)
    changed = len(values) > max_items
    kept: list[Any] = []
    size = 0
    for value in values:
        if len(kept) >= max_items:
            break
        if isinstance(value, str) and len(value) > max_chars:
            changed = True
            if key in URL_LISTS:
                continue
            value = value[:max_chars]
        elif not isinstance(value, str | int | float | bool) and value is not None:
            capped, inner = _cap_value(key, value, 1)
            changed = changed or capped is not value
            size += inner
            kept.append(capped)
            continue
        size += 4 * len(value) + 16 if isinstance(value, str) else 16
        kept.append(value)
    return (kept if changed else values), size
