"""Strip aggregator and publisher chrome from title, lead and body (``newsbot.text``), then make
sure none is left (``newsbot.text.chrome_guard``): chrome still there is cut off or the item dropped."""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler

from newsbot.crawl.drops import drop
from newsbot.text import clean_text, warm_up
from newsbot.text.chrome_guard import guard_fields

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "lead", "body")


class BoilerplatePipeline:
    """Cleans the text fields; records the rules that fired; repairs or drops (``chrome_title``,
    ``chrome_text``) items still holding chrome; drops items left with no text at all."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerplatePipeline:
        warm_up()  # load the French lexicon at start-up, not on the first item
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        stats = self.crawler.stats
        fired: list[str] = list(adapter.get("boilerplate_rules") or [])
        title = adapter.get("title")
        for field in TEXT_FIELDS:
            value = adapter.get(field)
            if not value:
                adapter[field] = None
                continue
            result = clean_text(value, field=field, title=title if field != "title" else None)
            adapter[field] = result.text or None
            if field == "title":
                title = adapter[field]
            if field == "body" and result.truncated:
                adapter["body_truncated"] = True
            for rule in result.rules_fired:
                stats.inc_value(f"newsbot/boilerplate/{rule}")
                if rule not in fired:
                    fired.append(rule)
        adapter["boilerplate_rules"] = fired
        self.guard(adapter)
        if not any(adapter.get(field) for field in TEXT_FIELDS):
            raise drop(self.crawler, "empty", f"no title, lead or body left on {adapter.get('url')}")
        return item

    def guard(self, adapter: ItemAdapter) -> None:
        """The last line of defence: a title that is no headline, a closer or marker left in a text."""
        outcome = guard_fields(
            adapter.get("title"),
            adapter.get("lead"),
            adapter.get("body"),
            excerpt=adapter.get("kind") == "excerpt",
        )
        for repair in outcome.repairs:
            self.crawler.stats.inc_value(f"newsbot/chrome_guard/{repair}")
        if outcome.drop_reason is not None:
            raise drop(self.crawler, outcome.drop_reason, f"chrome left in {adapter.get('url')}")
        if outcome.repairs:
            logger.info("Chrome cut from %s: %s", adapter.get("url"), ", ".join(outcome.repairs))
            adapter["title"], adapter["lead"], adapter["body"] = outcome.title, outcome.lead, outcome.body
