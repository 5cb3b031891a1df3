"""Outlet profiles: domains, feeds, sitemaps and extraction hints of the outlets newsbot crawls."""

from __future__ import annotations

from newsbot.outlets.catalog import OUTLETS
from newsbot.outlets.profile import OutletProfile

__all__ = ["OUTLETS", "OutletProfile", "profile_for_url"]


def profile_for_url(url: str) -> OutletProfile | None:
    """The outlet whose domain serves ``url`` (the most specific domain wins), or ``None``."""
    best: tuple[int, OutletProfile] | None = None
    for profile in OUTLETS.values():
        domain = profile.matched_domain(url)
        if domain and (best is None or len(domain) > best[0]):
            best = (len(domain), profile)
    return best[1] if best else None
