"""clean_text on the real French pages of ../shared/corpus: no gold sentence lost, Le Figaro's chrome gone."""

from pathlib import Path

import pytest

from benchmarks.text import ArticleText, corpus_texts, json_ld_bodies, loose
from newsbot.text import clean_text, normalize_text
from tests.support.corpus import iter_pages

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def texts(corpus: Path) -> list[ArticleText]:
    return corpus_texts()


def _lost(item: ArticleText) -> list[str]:
    source, cleaned = loose(normalize_text(item.text)), loose(clean_text(item.text).text)
    wanted = [loose(normalize_text(snippet)) for snippet in item.snippets]
    return [snippet for snippet in wanted if snippet and snippet in source and snippet not in cleaned]


def test_gold_bodies_come_out_whole_with_no_rule_fired(texts: list[ArticleText]) -> None:
    gold = [item for item in texts if item.kind == "gold body"]
    assert gold
    for item in gold:
        result = clean_text(item.text)
        assert _lost(item) == [], item.page
        assert result.rules_fired == (), item.page


def test_no_gold_snippet_is_lost_from_json_ld_bodies_or_page_text(texts: list[ArticleText]) -> None:
    checked = [item for item in texts if item.kind != "gold body" and item.snippets]
    assert checked
    for item in checked:
        assert _lost(item) == [], f"{item.page} ({item.kind})"


def test_le_figaro_inline_read_also_lines_are_removed(corpus: Path) -> None:
    bodies = [
        body
        for page in iter_pages(french=True)
        if "Figaro" in page.name
        for body in json_ld_bodies(page.html)
    ]
    assert any("LIRE AUSSI" in body for body in bodies)
    for body in bodies:
        result = clean_text(body)
        assert "LIRE AUSSI" not in result.text
        assert "LIRE AUSSI" not in body or "read_also_inline" in result.rules_fired
