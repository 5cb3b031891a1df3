"""Keep French articles only (``newsbot.language``); every other language is dropped and counted."""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newsbot.crawl.drops import drop
from newsbot.language import TOO_SHORT, detect_language, get_detector
from newsbot.language.config import LanguageConfig


class FrenchFilterPipeline:
    """Stores the detected language and its score on the item; drops what is not in NEWSBOT_LANGUAGES."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = LanguageConfig.from_settings(crawler.settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrenchFilterPipeline:
        pipeline = cls(crawler)
        get_detector(pipeline.config.backend)  # load the model (~0.5 s) at start-up, not on the first item
        return pipeline

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        decision = detect_language(
            adapter.get("title"), adapter.get("lead"), adapter.get("body"), backend=self.config.backend
        )
        adapter["language"] = decision.language
        adapter["language_score"] = round(decision.score, 4)
        self.crawler.stats.inc_value(f"newsbot/language/{decision.language or 'unknown'}")
        if decision.reason == TOO_SHORT:
            self.crawler.stats.inc_value("newsbot/language/too_short")
        if decision.language not in self.config.accepted:
            raise drop(
                self.crawler,
                "not_french",
                f"{decision.language or 'unknown'} (score {decision.score:.2f}) on {adapter.get('url')}",
            )
        return item
