"""Paywall status from ``isAccessibleForFree``, ``article:content_tier`` and outlet markers."""

from __future__ import annotations

from typing import Any

from lxml.html import HtmlElement

from newsbot.extraction import jsonld
from newsbot.extraction.document import select
from newsbot.extraction.metatags import MetaTags

_LOCKED_TIERS = {"locked", "metered", "premium", "subscriber", "paid"}


def detect_paywall(
    node: dict[str, Any] | None, meta: MetaTags, root: HtmlElement, outlet_markers: tuple[str, ...] = ()
) -> bool | None:
    """``True`` paywalled, ``False`` declared free, ``None`` when the page says nothing."""
    declared = jsonld.accessible_for_free(node) if node else None
    if declared is not None:
        return not declared
    tier = (meta.first("article:content_tier", "og:article:content_tier") or "").strip().lower()
    if tier:
        return tier in _LOCKED_TIERS
    free_meta = meta.first("isaccessibleforfree")
    if free_meta and free_meta.strip().lower() in {"true", "false"}:
        return free_meta.strip().lower() == "false"
    if any(select(root, selector) for selector in outlet_markers):
        return True
    return None


def paywall_marker_present(
    root: HtmlElement, outlet_markers: tuple[str, ...], node: dict[str, Any] | None
) -> bool:
    """An outlet paywall element, or an empty element the JSON-LD declares as the locked part."""
    if any(select(root, selector) for selector in outlet_markers):
        return True
    for selector in jsonld.paywalled_part_selectors(node) if node else []:
        elements = select(root, selector)
        if elements and all(len(element.text_content().strip()) < 200 for element in elements):
            return True
    return False
