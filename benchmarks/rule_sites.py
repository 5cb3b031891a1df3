"""Which corpus sites' misses motivated each switchable extraction rule (``newsbot.extraction.rules``).

Evaluation metadata for leave-one-site-out: the extraction benchmark measures a site's pages with the
rules only that site motivated switched off. It lives here, not in the installed package, because no
rule may depend on the site it reads.
"""

from __future__ import annotations

RULE_SITES: dict[str, tuple[str, ...]] = {
    "authors-house-names": ("lemonde.fr", "liberation.fr", "lalibre.be"),
    "authors-desk-label": ("ladepeche.fr",),
    "authors-fall-through": ("lesoir.be",),
    "authors-no-commenters": ("lesoir.be",),
    "authors-dateline-block": ("lesoir.be",),
    "lead-box-label": ("ladepeche.fr",),
    "lead-no-subscribe-prompt": ("lemonde.fr",),
    "lead-article-hat": ("lalibre.be",),
    "dates-page-time-zone": ("ici.radio-canada.ca",),
    "dates-no-comment-times": ("internetactu.net",),
    "body-sponsored-call-outs": ("ladepeche.fr",),
    "body-bracketed-plugs": ("theconversation.com",),
}
"""Rule name → the sites (corpus hosts) whose misses motivated it."""


def rules_motivated_by(site: str) -> list[str]:
    """Names of the rules a site's misses motivated."""
    return [name for name, sites in RULE_SITES.items() if site in sites]


def rules_only_from(site: str) -> list[str]:
    """Rules that exist only because of ``site``: those to switch off when it is left out (a rule
    several sites motivated would have been written from the others' misses alone)."""
    return [name for name, sites in RULE_SITES.items() if set(sites) == {site}]
