"""The boilerplate pipeline's last check: chrome left after cleaning is cut off, or the item dropped."""

from __future__ import annotations

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from newsbot.items import ArticleItem
from pipelines.boilerplate import BoilerplatePipeline


@pytest.fixture
def pipeline() -> BoilerplatePipeline:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    return BoilerplatePipeline.from_crawler(crawler)


def test_a_source_line_left_in_an_excerpt_is_cut_and_counted(pipeline: BoilerplatePipeline) -> None:
    item = ArticleItem(
        url="https://www.courrierduval.example/a",
        source="courrierduval.example",
        title="Crue de la Loire : Nantes sous surveillance",
        lead="La Loire a atteint son plus haut niveau depuis vingt ans.\n\nlemonde.fr · il y a 2 heures",
        kind="excerpt",
    )
    pipeline.process_item(item)
    assert item.lead == "La Loire a atteint son plus haut niveau depuis vingt ans."
    assert pipeline.crawler.stats.get_value("newsbot/chrome_guard/chrome_line_removed") == 1


def test_a_dateline_in_an_article_is_not_touched(pipeline: BoilerplatePipeline) -> None:
    item = ArticleItem(
        url="https://www.rfi.fr/a", source="rfi", title="Un titre", body="Paris, 12 mars 2024\n\nLe texte."
    )
    pipeline.process_item(item)
    assert item.body == "Paris, 12 mars 2024\n\nLe texte."


def test_a_whole_page_as_title_is_dropped_with_a_reason(pipeline: BoilerplatePipeline) -> None:
    title = "Crue de la Loire à Nantes, " * 12 + "la préfecture reste en alerte"
    item = ArticleItem(url="https://agg.example/p", source="agg.example", title=title, kind="excerpt")
    with pytest.raises(DropItem, match="chrome_title"):
        pipeline.process_item(item)
    assert pipeline.crawler.stats.get_value("newsbot/dropped/chrome_title") == 1


def test_an_articles_endless_title_is_cut_at_a_word(pipeline: BoilerplatePipeline) -> None:
    item = ArticleItem(
        url="https://www.rfi.fr/b", source="rfi", title="Titre interminable " * 530, body="Texte."
    )
    pipeline.process_item(item)
    assert item.title is not None and 200 < len(item.title) <= 250 and item.title.endswith("interminable")
    assert pipeline.crawler.stats.get_value("newsbot/chrome_guard/title_cut") == 1
