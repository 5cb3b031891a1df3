"""One parsed page, computed once and handed to every field function (title, dates, authors…).

Each field reader used to re-derive the same things from ``(root, meta, node, nodes, url)``: the
JSON-LD ``@id`` index, the ``<h1>`` list, the article's scope. :class:`Page` holds them, computed
lazily and at most once per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsbot.extraction import jsonld
from newsbot.extraction.authors import name_key
from newsbot.extraction.document import attribute_tokens, tag_name
from newsbot.extraction.metatags import MetaTags
from newsbot.outlets import OutletProfile

_NO_OUTLET = OutletProfile(id="", name="", domains=())
CONTENT_TAGS = frozenset({"article", "main"})


@dataclass
class Page:
    """A parsed document with its meta tags, JSON-LD nodes, main node and outlet profile."""

    root: HtmlElement
    url: str
    meta: MetaTags
    nodes: list[dict[str, Any]] = field(default_factory=list)
    node: dict[str, Any] | None = None
    outlet: OutletProfile = _NO_OUTLET

    @classmethod
    def from_root(cls, root: HtmlElement, url: str, outlet: OutletProfile | None = None) -> Page:
        """Read meta tags and JSON-LD of ``root`` and pick the node describing ``url``."""
        nodes = jsonld.parse_blocks(root)
        return cls(
            root=root,
            url=url,
            meta=MetaTags.from_document(root),
            nodes=nodes,
            node=jsonld.main_node(nodes, url),
            outlet=outlet or _NO_OUTLET,
        )

    @cached_property
    def id_index(self) -> dict[str, dict[str, Any]]:
        """JSON-LD nodes by ``@id`` (authors and publishers are often references)."""
        return jsonld.id_index(self.nodes)

    @cached_property
    def named(self) -> list[tuple[HtmlElement, tuple[str, ...]]]:
        """Elements with a ``class``/``id`` and its word tokens, in document order: the byline, date
        and standfirst finders all look elements up by name, from this one pass."""
        return [(element, tokens) for element in self.root.iter() if (tokens := attribute_tokens(element))]

    @cached_property
    def h1s(self) -> list[HtmlElement]:
        """Every ``<h1>`` in document order."""
        return list(self.root.iter("h1"))

    @cached_property
    def articles(self) -> list[HtmlElement]:
        """``<article>`` elements, outermost first (the article's own scope when there is one)."""
        return list(self.root.iter("article"))

    def in_content(self, element: HtmlElement) -> bool:
        """``element`` sits inside an ``<article>`` or ``<main>``."""
        return any(tag_name(ancestor) in CONTENT_TAGS for ancestor in element.iterancestors())

    @cached_property
    def own_name_keys(self) -> set[str]:
        """:func:`name_key` forms of the site's own names: ``og:site_name``, publisher, outlet, host."""
        names = [self.meta.first("og:site_name"), self.outlet.name]
        if self.node:
            names.append(jsonld.publisher_name(self.node, self.nodes))
        host = (urlsplit(self.url).hostname or "").lower()
        host = re.sub(r"^(?:www|m|amp|fr)\.", "", host)
        names += [host, host.rsplit(".", 1)[0]]
        return {key for key in (name_key(name) for name in names if name) if len(key) >= 3}

    @cached_property
    def og_type(self) -> str | None:
        return self.meta.first("og:type")
