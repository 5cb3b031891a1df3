"""Access to the saved real pages in ``../shared/corpus`` (read in place, never copied).

The folder is located by ``NEWSBOT_CORPUS`` or, by default, ``../shared/corpus`` next to the
repository. Callers skip cleanly when :func:`corpus_dir` returns ``None``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]


def corpus_dir() -> Path | None:
    """Return the corpus folder, or ``None`` when it is not available on this machine."""
    configured = os.environ.get("NEWSBOT_CORPUS")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "corpus"
    return path if (path / "index.json").is_file() else None


@dataclass(frozen=True)
class CorpusPage:
    """One saved page and its ground truth."""

    folder: str
    name: str
    html_path: Path
    gold: dict[str, Any]

    @cached_property
    def html(self) -> bytes:
        """Raw bytes as saved (encoding is the extractor's business)."""
        return self.html_path.read_bytes()

    @property
    def language(self) -> str | None:
        return self.gold.get("language")

    @property
    def is_french(self) -> bool:
        return (self.language or "").lower().startswith("fr")

    @property
    def url(self) -> str:
        return self.gold.get("url") or f"https://example.invalid/{self.name}"


def iter_pages(root: Path | None = None, *, french: bool | None = None) -> Iterator[CorpusPage]:
    """Yield every page with ground truth, optionally only French (``True``) or only non-French."""
    root = root or corpus_dir()
    if root is None:
        return
    for gold_path in sorted(root.glob("*/*.json")):
        html_path = gold_path.with_suffix(".html")
        if not html_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        page = CorpusPage(gold_path.parent.name, gold_path.stem, html_path, gold)
        if french is None or page.is_french == french:
            yield page


def iter_feeds(root: Path | None = None) -> Iterator[Path]:
    """Yield the saved RSS files in ``corpus/feeds``."""
    root = root or corpus_dir()
    if root is None:
        return
    yield from sorted((root / "feeds").glob("*.xml"))
