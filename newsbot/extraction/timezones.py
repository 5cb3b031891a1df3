"""The time zone a page's local times are written in, when the page says or implies it.

French-language news is not all written in Paris: a Québec page's "2017-01-24" or "19h18" is
Montreal time, a Swiss one Zurich time. Signals, most explicit first: the ``og:locale`` or
``<html lang>`` region (``fr_CA``, ``fr-BE``), the country of the domain (``.qc.ca``, ``.be``), the
UTC offsets the page's own machine dates carry. ``None`` when nothing says: the crawl's default
zone (``NEWSBOT_TIMEZONE``) applies.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsbot.extraction import jsonld
from newsbot.extraction.page import Page

COUNTRY_ZONES = {
    "fr": "Europe/Paris", "be": "Europe/Brussels", "ch": "Europe/Zurich", "lu": "Europe/Luxembourg",
    "mc": "Europe/Monaco", "ca": "America/Toronto", "qc": "America/Toronto", "ma": "Africa/Casablanca",
    "dz": "Africa/Algiers", "tn": "Africa/Tunis", "sn": "Africa/Dakar", "ci": "Africa/Abidjan",
    "cm": "Africa/Douala", "ml": "Africa/Bamako", "bf": "Africa/Ouagadougou", "gn": "Africa/Conakry",
    "cd": "Africa/Kinshasa", "cg": "Africa/Brazzaville", "ga": "Africa/Libreville", "bj": "Africa/Porto-Novo",
    "tg": "Africa/Lome", "ne": "Africa/Niamey", "mg": "Indian/Antananarivo", "ht": "America/Port-au-Prince",
    "re": "Indian/Reunion", "gp": "America/Guadeloupe", "mq": "America/Martinique", "nc": "Pacific/Noumea",
    "pf": "Pacific/Tahiti",
}  # fmt: skip
"""Countries (ISO 3166 / ccTLD) with French-language press, to the zone of their capital or main city."""
_REGION = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})\b", re.IGNORECASE)
_OFFSET = re.compile(r"(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)([+-])(\d{2}):?(\d{2})$")
OFFSET_ZONES = {-5: "America/Toronto", -4: "America/Toronto", 1: "Europe/Paris", 2: "Europe/Paris"}
"""A UTC offset French-language pages use, to a zone that has it (winter and summer time)."""


def page_time_zone(page: Page) -> str | None:
    """The IANA zone of the page's local times, or ``None`` when the page gives no sign.

    A declared region other than France wins; ``fr_FR`` is many templates' default, so the
    domain's country and the page's own offsets are heard before it."""
    declared = None
    for value in (page.meta.first("og:locale"), page.root.get("lang")):
        match = _REGION.match((value or "").strip())
        if match and match.group(1).lower() in COUNTRY_ZONES:
            declared = match.group(1).lower()
            break
    if declared and declared != "fr":
        return COUNTRY_ZONES[declared]
    host = (urlsplit(page.url).hostname or "").lower().rstrip(".")
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2:] == ["qc", "ca"]:
        return COUNTRY_ZONES["qc"]
    if len(labels) >= 2 and labels[-1] in COUNTRY_ZONES:
        return COUNTRY_ZONES[labels[-1]]
    return _zone_of_offsets(page) or (COUNTRY_ZONES[declared] if declared else None)


def _zone_of_offsets(page: Page) -> str | None:
    """The zone the page's own machine dates point to (JSON-LD, then ``article:*`` meta)."""
    values = []
    if page.node:
        values += [jsonld.text(page.node.get(key)) for key in ("datePublished", "dateModified")]
    values += [page.meta.first("article:published_time"), page.meta.first("article:modified_time")]
    for value in values:
        match = _OFFSET.search((value or "").strip())
        if not match:
            continue
        hours = int(match.group(2)) * (-1 if match.group(1) == "-" else 1)
        if hours == 0 and match.group(3) == "00":
            continue  # UTC says nothing about where the page is written
        zone = OFFSET_ZONES.get(hours)
        if zone:
            return zone
    return None
