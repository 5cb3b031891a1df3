"""One spider per outlet. Each is data: its profile in ``newsbot.outlets`` gives domains, feeds,
sitemaps and selectors; the behaviour lives in :class:`spiders.base.NewsSpider`."""

from __future__ import annotations

from spiders.base import NewsSpider


def _outlet_spider(class_name: str, outlet_id: str) -> type[NewsSpider]:
    """The spider of one outlet profile (Scrapy finds it by ``name`` in this module)."""
    return type(
        class_name, (NewsSpider,), {"__module__": __name__, "name": outlet_id, "outlet_id": outlet_id}
    )


RfiSpider = _outlet_spider("RfiSpider", "rfi")
LeFigaroSpider = _outlet_spider("LeFigaroSpider", "lefigaro")
LeMondeSpider = _outlet_spider("LeMondeSpider", "lemonde")
France24Spider = _outlet_spider("France24Spider", "france24")
FranceInfoSpider = _outlet_spider("FranceInfoSpider", "franceinfo")
VingtMinutesSpider = _outlet_spider("VingtMinutesSpider", "20minutes")
LiberationSpider = _outlet_spider("LiberationSpider", "liberation")
OuestFranceSpider = _outlet_spider("OuestFranceSpider", "ouestfrance")
