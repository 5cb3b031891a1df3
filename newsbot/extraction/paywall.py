"""Paywall status from ``isAccessibleForFree``, ``article:content_tier`` and outlet markers."""

from __future__ import annotations

from newsbot.extraction import jsonld
from newsbot.extraction.document import select
from newsbot.extraction.page import Page

_LOCKED_TIERS = {"locked", "metered", "premium", "subscriber", "paid"}


def detect_paywall(page: Page) -> bool | None:
    """``True`` paywalled, ``False`` declared free, ``None`` when the page says nothing."""
    node, meta, root, outlet_markers = page.node, page.meta, page.root, page.outlet.paywall_selectors
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


def paywall_marker_present(page: Page) -> bool:
    """An outlet paywall element, or an empty element the JSON-LD declares as the locked part."""
    root, outlet_markers, node = page.root, page.outlet.paywall_selectors, page.node
    if any(select(root, selector) for selector in outlet_markers):
        return True
    for selector in jsonld.paywalled_part_selectors(node) if node else []:
        elements = select(root, selector)
        if elements and all(len(element.text_content().strip()) < 200 for element in elements):
            return True
    return False
