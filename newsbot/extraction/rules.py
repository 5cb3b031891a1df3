"""Names of the extraction rules added for misses on given sites, and a switch to turn them off.

The extractor is not tuned automatically; each rule added for a site's miss has a name here so the
benchmark can measure that site with the rules its pages motivated switched off (leave-one-site-out).
Production code never switches anything off: :func:`active` is ``True`` unless inside
:func:`without`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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

_DISABLED: ContextVar[frozenset[str]] = ContextVar("newsbot_disabled_rules", default=frozenset())


def active(name: str) -> bool:
    """The rule ``name`` applies (always, outside a :func:`without` block)."""
    return name not in _DISABLED.get()


@contextmanager
def without(names: Iterable[str]) -> Iterator[None]:
    """Extract with the rules ``names`` switched off (benchmarks only)."""
    token = _DISABLED.set(_DISABLED.get() | frozenset(names))
    try:
        yield
    finally:
        _DISABLED.reset(token)


def rules_motivated_by(site: str) -> list[str]:
    """Names of the rules a site's misses motivated."""
    return [name for name, sites in RULE_SITES.items() if site in sites]


def rules_only_from(site: str) -> list[str]:
    """Rules that exist only because of ``site``: those to switch off when it is left out (a rule
    several sites motivated would have been written from the others' misses alone)."""
    return [name for name, sites in RULE_SITES.items() if set(sites) == {site}]
