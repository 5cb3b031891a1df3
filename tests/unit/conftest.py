"""Fixtures shared by the storage tests: a real articles collection and a writer on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile
from newsbot.storage.writer import ArticleWriter


@pytest.fixture
def articles(mongo_db):
    """The articles collection of a fresh database, with the real validator and indexes."""
    return ensure_articles_collection(mongo_db, "articles")


@pytest.fixture
def writer(articles, tmp_path: Path) -> ArticleWriter:
    return ArticleWriter(articles, SpillFile(tmp_path / "spill.jsonl"), retry_budget=2.0, first_backoff=0.05)
