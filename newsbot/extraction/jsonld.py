"""JSON-LD: tolerant parsing of ``<script type="application/ld+json">`` and reading the article node.

Real pages hold lists, ``@graph`` containers, invalid JSON (trailing commas, raw control characters,
HTML comments), huge blocks and wrong-typed values; none of that may raise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from newsbot.extraction.textnorm import clean_inline

MAX_BLOCK_CHARS = 3_000_000
MAX_NODES = 2_000

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "asknewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "blogposting",
        "liveblogposting",
        "report",
        "techarticle",
        "scholarlyarticle",
    }
)
MEDIA_TYPES = frozenset(
    {"videoobject", "audioobject", "podcastepisode", "radioepisode", "episode", "clip", "imagegallery"}
)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_HTML_COMMENT = re.compile(r"^\s*<!--|-->\s*$")
_CDATA = re.compile(r"^\s*(//\s*)?<!\[CDATA\[|(//\s*)?\]\]>\s*$")


def parse_blocks(root: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, flattened out of lists and ``@graph`` containers."""
    nodes: list[dict[str, Any]] = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").strip().lower()
        if not kind.startswith("application/ld+json"):
            continue
        data = _loads(script.text or "")
        if data is None:
            continue
        for node in _flatten(data):
            nodes.append(node)
            if len(nodes) >= MAX_NODES:
                return nodes
    return nodes


def _loads(text: str) -> Any:
    if not text.strip() or len(text) > MAX_BLOCK_CHARS:
        return None
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        pass
    repaired = _CDATA.sub("", _HTML_COMMENT.sub("", text.strip()))
    repaired = _TRAILING_COMMA.sub(r"\1", repaired)
    try:
        return json.loads(repaired, strict=False)
    except (ValueError, RecursionError):
        return _loads_first_value(repaired)


def _loads_first_value(text: str) -> Any:
    """Several objects pasted one after another: keep what decodes."""
    decoder = json.JSONDecoder(strict=False)
    values: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n;,":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values or None


def _flatten(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item, depth + 1)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, (list, dict)):
            yield from _flatten(graph, depth + 1)
        if "@type" in data:
            yield data
            main = data.get("mainEntity")
            if isinstance(main, dict) and types_of(main) & (ARTICLE_TYPES | MEDIA_TYPES):
                yield from _flatten(main, depth + 1)


def types_of(node: Any) -> set[str]:
    """Lower-cased schema.org type names of a node (``"schema:NewsArticle"`` → ``"newsarticle"``)."""
    if not isinstance(node, dict):
        return set()
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    names = set()
    for value in values:
        if isinstance(value, str) and value.strip():
            names.add(re.split(r"[/:#]", value.strip())[-1].lower())
    return names


def main_node(nodes: list[dict[str, Any]], page_url: str | None = None) -> dict[str, Any] | None:
    """The node describing the page's main content: an article type, else a media type."""
    best: tuple[float, int] | None = None
    chosen = None
    for index, node in enumerate(nodes):
        score = _node_score(node, page_url)
        if score <= 0:
            continue
        key = (score, -index)
        if best is None or key > best:
            best, chosen = key, node
    return chosen


def _node_score(node: dict[str, Any], page_url: str | None) -> float:
    kinds = types_of(node)
    if kinds & ARTICLE_TYPES:
        score = 10.0
    elif kinds & MEDIA_TYPES:
        score = 5.0
    else:
        return 0.0
    if text(node.get("headline")) or text(node.get("name")):
        score += 2
    body = node.get("articleBody")
    if isinstance(body, str) and body.strip():
        score += 2 + min(len(body) / 5000, 2)
    if page_url and _same_page(url_of(node), page_url):
        score += 3
    return score


def _same_page(candidate: str | None, page_url: str) -> bool:
    if not candidate:
        return False
    strip = lambda value: re.sub(r"^https?://(www\.)?|[?#].*$|/$", "", value.strip().lower())  # noqa: E731
    return strip(candidate) == strip(page_url)


def text(value: Any) -> str | None:
    """A string out of a JSON-LD value: a string, a ``{"@value"}``/``{"name"}`` object, a list's first."""
    if isinstance(value, str):
        return clean_inline(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        for key in ("@value", "name", "text"):
            if key in value:
                return text(value[key])
        return None
    if isinstance(value, list):
        for item in value:
            found = text(item)
            if found:
                return found
    return None


def texts(value: Any) -> list[str]:
    """All strings of a value that may be a string, an object or a list of either."""
    items = value if isinstance(value, list) else [value]
    found = []
    for item in items:
        value_text = text(item)
        if value_text:
            found.append(value_text)
    return found


def url_of(node: dict[str, Any]) -> str | None:
    """The node's own URL (``url``, else ``mainEntityOfPage``/``@id`` when they look like URLs)."""
    for key in ("url", "mainEntityOfPage", "@id"):
        value = node.get(key)
        if isinstance(value, dict):
            value = value.get("@id") or value.get("url")
        if isinstance(value, list):
            value = next((item for item in value if isinstance(item, str)), None)
        if isinstance(value, str) and value.strip().lower().startswith(("http://", "https://", "/")):
            return value.strip().split("#", 1)[0] or None
    return None


def id_index(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Nodes by ``@id``, to follow references such as ``"author": {"@id": "#/schema/person/1"}``."""
    return {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str)}


def resolve(value: Any, index: dict[str, dict[str, Any]]) -> Any:
    """The referenced node for a bare ``{"@id": ...}`` reference, else ``value`` unchanged."""
    if isinstance(value, dict) and set(value) <= {"@id", "@type"} and isinstance(value.get("@id"), str):
        return index.get(value["@id"], value)
    return value


def author_names(node: dict[str, Any], index: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Names of ``author`` (or ``creator``) entries, persons and organisations alike, in order."""
    for key in ("author", "creator"):
        value = node.get(key)
        if value:
            names = []
            for item in value if isinstance(value, list) else [value]:
                item = resolve(item, index or {})
                if isinstance(item, dict):
                    name = text(item.get("name"))
                    if not name and (item.get("givenName") or item.get("familyName")):
                        name = " ".join(
                            filter(None, (text(item.get("givenName")), text(item.get("familyName"))))
                        )
                    if name:
                        names.append(name)
                else:
                    names.extend(texts(item))
            if names:
                return names
    return []


def image_url(node: dict[str, Any]) -> str | None:
    """First image URL of ``image``/``thumbnailUrl`` (string, ImageObject or list)."""
    for key in ("image", "thumbnailUrl", "thumbnail"):
        found = _first_url(node.get(key))
        if found:
            return found
    return None


def _first_url(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _first_url(value.get("url") or value.get("contentUrl") or value.get("@id"))
    if isinstance(value, list):
        for item in value:
            found = _first_url(item)
            if found:
                return found
    return None


def accessible_for_free(node: dict[str, Any]) -> bool | None:
    """``isAccessibleForFree`` as a boolean (``true``, ``"True"``, ``"false"``...), else ``None``."""
    value = node.get("isAccessibleForFree")
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return bool(value)
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in {"true", "yes", "1"}:
            return True
        if lowered in {"false", "no", "0"}:
            return False
    return None


def paywalled_part_selectors(node: dict[str, Any]) -> list[str]:
    """CSS selectors of ``hasPart`` elements declared not free (Google's paywall markup)."""
    parts = node.get("hasPart")
    selectors = []
    for part in parts if isinstance(parts, list) else [parts]:
        if isinstance(part, dict) and accessible_for_free(part) is False:
            selector = part.get("cssSelector")
            if isinstance(selector, str) and selector.strip():
                selectors.append(selector.strip())
    return selectors


def keywords(node: dict[str, Any]) -> list[str]:
    """``keywords`` as a list, splitting comma-separated strings."""
    value = node.get("keywords")
    found: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str):
            found.extend(part for part in (clean_inline(piece) for piece in item.split(",")) if part)
        else:
            found.extend(texts(item))
    return found


def live_updates(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``liveBlogUpdate`` entries of a LiveBlogPosting."""
    value = node.get("liveBlogUpdate")
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def breadcrumb_names(nodes: list[dict[str, Any]]) -> list[str]:
    """Item names of the first BreadcrumbList, in position order."""
    for node in nodes:
        if "breadcrumblist" not in types_of(node):
            continue
        elements = node.get("itemListElement")
        entries = []
        for position, item in enumerate(elements if isinstance(elements, list) else []):
            if not isinstance(item, dict):
                continue
            name = text(item.get("name")) or (
                text(item["item"].get("name")) if isinstance(item.get("item"), dict) else None
            )
            order = item.get("position")
            entries.append((order if isinstance(order, (int, float)) else position, name))
        return [name for _, name in sorted(entries, key=lambda entry: entry[0]) if name]
    return []


def publisher_name(node: dict[str, Any], nodes: list[dict[str, Any]]) -> str | None:
    """Name of the node's publisher, else of the page's WebSite/Organization node."""
    publisher = resolve(node.get("publisher"), id_index(nodes))
    name = text(publisher.get("name")) if isinstance(publisher, dict) else text(publisher)
    if name:
        return name
    for other in nodes:
        if "website" in types_of(other):
            name = text(other.get("name"))
            if name:
                return name
    return None
