"""Every document fits below MongoDB's 16 MB limit, and what was cut is named."""

from __future__ import annotations

from datetime import UTC, datetime

import bson
import pytest

from newsbot.items import ArticleItem
from newsbot.storage.documents import prepare_document, to_document
from newsbot.storage.limits import (
    DEFAULT_LIST_CAP,
    DEFAULT_STRING_CAP,
    LIST_CAPS,
    MAX_DOCUMENT_BYTES,
    MONGO_MAX_BSON_BYTES,
    STRING_CAPS,
    DocumentTooLarge,
    cap_document,
)

WIDE = "😀"  # 4 bytes in UTF-8: the worst case per character


def test_a_document_with_every_field_at_its_cap_fits() -> None:
    item = ArticleItem(url="https://www.example.fr/" + "a" * 4000, source="x", crawled_at=datetime.now(UTC))
    doc = to_document(item)
    for key in list(doc):
        value = doc[key]
        if key == "url":
            continue
        if isinstance(value, str) or value is None:
            doc[key] = WIDE * STRING_CAPS.get(key, DEFAULT_STRING_CAP)
        elif isinstance(value, list):
            count, chars = LIST_CAPS.get(key, DEFAULT_LIST_CAP)
            doc[key] = [WIDE * chars] * count
    doc["raw_dates"] = {"published": WIDE * DEFAULT_STRING_CAP, "modified": WIDE * DEFAULT_STRING_CAP}
    assert cap_document(doc) == []
    size = len(bson.encode(doc))
    assert size < MAX_DOCUMENT_BYTES < MONGO_MAX_BSON_BYTES, size


def test_huge_fields_are_cut_and_named() -> None:
    item = ArticleItem(
        url="https://www.example.fr/a",
        source="test",
        title="T" * 10_000,
        lead="L" * 100_000,
        body="B" * 3_000_000,
        tags=[f"tag{i}" for i in range(100_000)],
        authors=["X" * 1000],
        seen_on=["agg"],
        published_raw="12 mars " * 2000,
    )
    doc, cut = prepare_document(item)
    assert sorted(cut) == ["authors", "body", "lead", "raw_dates", "tags", "title"]
    assert len(doc["title"]) == 2_000 and len(doc["lead"]) == 20_000 and len(doc["body"]) == 1_000_000
    assert doc["body_truncated"] is True
    assert doc["tags"] == [f"tag{i}" for i in range(500)]
    assert doc["authors"] == ["X" * 300]
    assert doc["seen_on"] == ["agg"]
    assert len(doc["raw_dates"]["published"]) == DEFAULT_STRING_CAP
    assert len(bson.encode(doc)) < MAX_DOCUMENT_BYTES


def test_a_normal_document_is_left_alone() -> None:
    doc, cut = prepare_document(
        ArticleItem(url="https://www.example.fr/a", source="t", title="Titre", tags=["a"])
    )
    assert cut == [] and doc["title"] == "Titre" and doc["tags"] == ["a"] and doc["body_truncated"] is False


def test_an_over_long_alternate_url_is_dropped_not_cut() -> None:
    doc = {
        "url": "https://www.example.fr/a",
        "alternate_urls": ["https://www.example.fr/b", "https://x.fr/" + "c" * 5000],
    }
    assert cap_document(doc) == ["alternate_urls"]
    assert doc["alternate_urls"] == ["https://www.example.fr/b"]


def test_the_article_url_is_never_cut() -> None:
    url = "https://www.example.fr/" + "u" * 20_000
    doc, cut = prepare_document(ArticleItem(url=url, source="t"))
    assert doc["url"] == url and cut == []


def test_unknown_fields_that_cannot_fit_raise() -> None:
    doc = {"url": "https://www.example.fr/a", **{f"extra{i}": "x" * DEFAULT_STRING_CAP for i in range(5000)}}
    with pytest.raises(DocumentTooLarge):
        cap_document(doc)
