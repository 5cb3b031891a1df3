"""One spider per outlet. Each is data: its profile in ``newsbot.outlets`` gives domains, feeds,
sitemaps and selectors; the behaviour lives in :class:`spiders.base.NewsSpider`."""

from __future__ import annotations

from spiders.base import NewsSpider


class RfiSpider(NewsSpider):
    name = "rfi"
    outlet_id = "rfi"


class LeFigaroSpider(NewsSpider):
    name = "lefigaro"
    outlet_id = "lefigaro"


class LeMondeSpider(NewsSpider):
    name = "lemonde"
    outlet_id = "lemonde"


class France24Spider(NewsSpider):
    name = "france24"
    outlet_id = "france24"


class FranceInfoSpider(NewsSpider):
    name = "franceinfo"
    outlet_id = "franceinfo"


class VingtMinutesSpider(NewsSpider):
    name = "20minutes"
    outlet_id = "20minutes"


class LiberationSpider(NewsSpider):
    name = "liberation"
    outlet_id = "liberation"


class OuestFranceSpider(NewsSpider):
    name = "ouestfrance"
    outlet_id = "ouestfrance"
