"""Title choice among OpenGraph, JSON-LD ``headline``, ``<h1>`` and ``<title>``.

``og:title`` is the title the publisher declares for the page; JSON-LD ``headline`` is often cut
to 110 characters and ``<h1>`` sometimes carries a kicker. The declared title is then checked
against the visible ``<h1>``: when they say the same thing the ``<h1>`` typography is kept, and
when the declared title merely decorates the visible one ("Pétition : …", "… - Site") the visible
one wins. Site-name prefixes and suffixes are removed.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsbot.extraction.textnorm import clean_inline, comparable

_SEPARATORS = re.compile(r"\s+[|–—\-:·•»/]\s+|\s*\|\s*")
_SEPARATOR_CHARS = "|–—-:·•»/ "
MIN_CONTAINED_CHARS = 15
_DECORATION = re.compile(r"^\s*[»›►▶•|]+\s*(?=\S)|\s+[«‹◄•|]+\s*$")


def choose_title(
    headline: str | None,
    og_title: str | None,
    h1: str | None,
    html_title: str | None,
    *,
    site_names: list[str],
    url: str,
    authors: list[str] | None = None,
) -> str | None:
    """The page title (see the module docstring for the order and the checks); ``authors`` are
    stripped like site names ("Title | Author Name")."""
    site_names = [*site_names, *(name for name in authors or [] if len(name.split()) >= 2)]
    names = _site_name_keys(site_names, url)
    declared = [strip_site_name(value, names, site_names) for value in (og_title, headline) if value]
    visible = strip_site_name(h1, names, site_names) if h1 else None
    fallback = strip_site_name(html_title, names, site_names) if html_title else None
    candidates = [value for value in (*declared, visible, fallback) if value]
    if not candidates:
        return None
    chosen = candidates[0]
    for other in (visible, *declared[1:]):
        if other and other is not chosen:
            refined = _refine(chosen, other)
            if refined is not chosen:
                return refined
    if visible and visible is not chosen and _same_story(visible, chosen):
        return visible
    return chosen


_CONTENT_WORD = re.compile(r"\w{4,}")
MIN_HEADLINE_WORDS = 4


def _same_story(visible: str, declared: str) -> bool:
    """The visible ``<h1>`` is the article's headline, worded differently from the declared (SEO/social)
    title: a real sentence sharing content words with it, not a logo, kicker or section name."""
    if len(visible.split()) < MIN_HEADLINE_WORDS:
        return False
    seen = set(_CONTENT_WORD.findall(comparable(visible)))
    said = set(_CONTENT_WORD.findall(comparable(declared)))
    if not seen or not said:
        return False
    shared = len(seen & said)
    return shared >= 2 and shared * 3 >= min(len(seen), len(said))


def _refine(chosen: str, other: str) -> str:
    """``other`` when it is the same title as ``chosen`` (typography), its undecorated or untruncated form."""
    chosen_key, other_key = comparable(chosen), comparable(other)
    if chosen_key == other_key:
        return other
    stem = chosen_key.rstrip(".… ")
    if chosen.endswith(("...", "…")) and len(stem) >= 20 and other_key.startswith(stem):
        return other
    if (
        len(other_key) >= MIN_CONTAINED_CHARS
        and other_key in chosen_key
        and len(other_key) >= 0.5 * len(chosen_key)
    ):
        return other
    return chosen


def strip_site_name(
    title: str | None, site_keys: set[str], site_names: list[str] | None = None
) -> str | None:
    """Remove a leading/trailing " - Site name" part; never return an empty title."""
    title = _DECORATION.sub("", clean_inline(title) or "")
    if not title:
        return None
    title = _strip_whole_names(title, site_names or [])
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    while len(parts) > 1 and _is_site_name(parts[-1], site_keys):
        parts = parts[:-1]
    while len(parts) > 1 and _is_site_name(parts[0], site_keys):
        parts = parts[1:]
    if len(parts) == len(_SEPARATORS.split(title)):
        return title
    return _rejoin(title, parts) or title


def _strip_whole_names(title: str, site_names: list[str]) -> str:
    """Remove a full site name (which may itself contain separators) at either end."""
    for name in sorted((clean_inline(name) or "" for name in site_names), key=len, reverse=True):
        if len(name) < 3 or len(name) >= len(title):
            continue
        lowered, key = title.casefold(), name.casefold()
        if lowered.endswith(key):
            head = title[: -len(name)]
            if head.rstrip() != head and head.rstrip(_SEPARATOR_CHARS) != head.rstrip():
                return head.rstrip(_SEPARATOR_CHARS) or title
        if lowered.startswith(key):
            tail = title[len(name) :]
            if tail.lstrip() != tail and tail.lstrip(_SEPARATOR_CHARS) != tail.lstrip():
                return tail.lstrip(_SEPARATOR_CHARS) or title
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " - ".join(parts)


def _is_site_name(part: str, site_keys: set[str]) -> bool:
    key = _key(part)
    return bool(key) and any(
        key == name or (key.startswith(name) and len(key) - len(name) <= 4) for name in site_keys
    )


def _site_name_keys(site_names: list[str], url: str) -> set[str]:
    keys = {_key(name) for name in site_names if name}
    host = urlsplit(url).hostname or ""
    host = re.sub(r"^(www|m|amp|fr)\.", "", host)
    if host:
        keys.add(_key(host))
        keys.add(_key(host.rsplit(".", 1)[0]))
    return {key for key in keys if len(key) >= 2}


def _key(value: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", comparable(value).replace("é", "e").replace("è", "e").replace("à", "a"))
