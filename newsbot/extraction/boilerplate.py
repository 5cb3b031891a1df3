"""DOM-level boilerplate: what is never article text (share bars, captions, related links, promos...).

Decisions use element kinds, ARIA roles, ``class``/``id`` tokens and a few French text markers
("LIRE AUSSI", "À lire également"...). Nothing here knows a particular site.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from newsbot.extraction.blocks import Block
from newsbot.extraction.document import attribute_tokens, tag_name
from newsbot.extraction.textnorm import comparable, weighted_length
from newsbot.text.chrome import CHROME_LABELS

NEVER_TEXT_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed",
        "video", "audio", "source", "track", "picture", "img", "map", "button", "input", "select",
        "textarea", "option", "dialog", "link", "meta", "head", "title",
    }
)  # fmt: skip
CHROME_TAGS = frozenset({"nav", "aside", "footer", "figure", "figcaption", "form", "menu", "header"})
CHROME_ROLES = frozenset({"navigation", "banner", "complementary", "contentinfo", "search", "dialog", "menu"})

HARD_NEGATIVE_TOKENS = frozenset(
    {
        "share", "sharing", "sharebar", "sharetools", "social", "socials", "socialbar", "newsletter",
        "newsletters", "related", "relateds", "recommend", "recommended", "recommendation",
        "recommendations", "outbrain", "taboola", "ligatus", "comment", "comments", "commentaire",
        "commentaires", "disqus", "promo", "promotion", "advert", "advertisement", "advertising", "ad",
        "ads", "adv", "pub", "publicite", "dfp", "sponsor", "sponsored", "cookie", "cookies", "consent",
        "breadcrumb", "breadcrumbs", "sidebar", "popup", "modal", "caption", "legende", "legend", "credit",
        "credits", "copyright", "footer", "nav", "navbar", "navigation", "menu", "toolbar", "tags", "tag",
        "keywords", "interstitial", "overlay", "tooltip", "lightbox", "outstream", "rgpd", "gdpr",
        "trending", "readmore", "seealso", "img", "image", "images", "photo", "photos", "picture",
        "illustration", "visuel", "thumbnail", "thumb", "gallery",
    }
)  # fmt: skip
SOFT_NEGATIVE_TOKENS = frozenset(
    {
        "banner", "widget", "widgets", "subscribe", "subscription", "abonnement", "abonnez", "print",
        "skip", "pagination", "pager", "byline", "signature", "rating", "carousel", "slider", "embed",
        "author", "authors", "bio", "teaser", "teasers", "meta", "metas", "contributor",
        "infos", "dates", "date", "login", "signin", "signup", "cta", "popular", "headband", "bandeau",
        "aside", "extra", "supplemental", "community", "header", "masthead", "topbar", "kicker", "slug",
        "surtitre", "overline", "eyebrow",
    }
)  # fmt: skip
NEGATIVE_PHRASES = (
    ("most", "read"), ("plus", "lus"), ("lire", "aussi"), ("read", "more"), ("read", "also"),
    ("voir", "aussi"), ("see", "also"), ("a", "lire"), ("sur", "le", "meme", "sujet"), ("sr", "only"),
    ("visually", "hidden"), ("screen", "reader"), ("in", "read"), ("on", "the", "same", "topic"),
)  # fmt: skip
HIDDEN_CLASSES = frozenset(
    {"hidden", "hide", "d-none", "is-hidden", "visually-hidden", "sr-only", "invisible"}
)
POSITIVE_TOKENS = frozenset(
    {
        "article", "articles", "body", "content", "contenu", "text", "texte", "story", "entry", "post",
        "main", "corps", "paragraph", "paragraphe", "prose", "richtext", "blog", "column", "news",
    }
)  # fmt: skip
STRONG_BODY_TOKEN_PAIRS = (
    ("article", "body"), ("article", "content"), ("article", "text"), ("entry", "content"),
    ("post", "content"), ("story", "body"), ("article", "texte"), ("content", "body"), ("post", "body"),
    ("article", "corps"), ("texte", "article"), ("body", "text"), ("rich", "text"), ("main", "content"),
    ("article", "contenu"), ("contenu", "article"), ("article", "paragraph"),
)  # fmt: skip

READ_ALSO = re.compile(
    r"^\W{0,3}\s*(?:(?:à|a)\s+lire\s+(?:aussi|également|egalement|ensuite|notamment)|lire\s+(?:aussi|également|"
    r"egalement|la suite)|(?:à|a)\s+(?:voir|écouter|ecouter|découvrir)\s+(?:aussi|également)|voir\s+aussi|"
    r"(?:sur|dans)\s+le\s+même\s+(?:sujet|thème)|(?:vidéo|video|podcast|diaporama|infographie|photos?)\s*[-–—:»>]|"
    r"(?:read|see)\s+(?:also|more)|related\s*:|pour\s+aller\s+plus\s+loin|retrouvez\s+(?:aussi|tous|toute)|"
    r"(?:tous|toutes)\s+les\s+(?:articles|infos|actualités)|>>|»|découvrez\s+(?:aussi|également|notre|nos))",
    re.IGNORECASE,
)
CREDIT_LINE = re.compile(
    r"^\W{0,2}(?:crédits?(?:\s+photos?)?|photos?(?:\s*\(cc\))?|illustrations?|copyright|©|\(c\))\s*[:©/-]",
    re.IGNORECASE,
)
LONE_TIME = re.compile(r"^\s*(?:[01]?\d|2[0-3])\s*[:hH]\s*[0-5]\d\s*$")
CHROME_LINES = frozenset(comparable(line) for line in CHROME_LABELS)  # the shared list: newsbot.text.chrome


def has_phrase(tokens: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """``phrase`` occurs as consecutive tokens."""
    if phrase and phrase[0] not in tokens:  # the usual answer, from one C-level scan
        return False
    width = len(phrase)
    return any(tokens[index : index + width] == phrase for index in range(len(tokens) - width + 1))


def negative_attributes(element: HtmlElement) -> bool:
    """The element's class/id mark it as chrome (share bar, promo, related links, byline...).

    Hard negatives (share, related, ad, caption...) always count; soft ones (author, meta, banner...)
    only when no body-like token (article, content, text...) is present, as in Readability.
    """
    tokens = attribute_tokens(element)
    return bool(tokens) and _negative_tokens(tokens)


@lru_cache(maxsize=8192)
def _negative_tokens(tokens: tuple[str, ...]) -> bool:
    """The decision of :func:`negative_attributes` (pure in the tokens: pages repeat class names)."""
    if any(token in HARD_NEGATIVE_TOKENS for token in tokens):
        return True
    if any(has_phrase(tokens, phrase) for phrase in NEGATIVE_PHRASES):
        return True
    if any(token in SOFT_NEGATIVE_TOKENS for token in tokens):
        return not any(token in POSITIVE_TOKENS for token in tokens)
    return False


def positive_weight(element: HtmlElement) -> int:
    """+/- class weight in the spirit of Readability: body-like names up, chrome-like names down."""
    weight = 60 if (element.get("itemprop") or "").lower() == "articlebody" else 0
    tokens = attribute_tokens(element)
    return weight + _token_weight(tokens) if tokens else weight


@lru_cache(maxsize=8192)
def _token_weight(tokens: tuple[str, ...]) -> int:
    weight = 0
    if any(has_phrase(tokens, pair) for pair in STRONG_BODY_TOKEN_PAIRS):
        weight += 40
    elif any(token in POSITIVE_TOKENS for token in tokens):
        weight += 15
    if _negative_tokens(tokens):
        weight -= 40
    return weight


def is_hidden(element: HtmlElement) -> bool:
    """Hidden from readers by attribute or inline style."""
    if element.get("hidden") is not None or element.get("aria-hidden", "").lower() == "true":
        return True
    if HIDDEN_CLASSES.intersection((element.get("class") or "").lower().split()):
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


METADATA_ITEMPROPS = frozenset(
    {"datepublished", "datemodified", "author", "publisher", "headline", "keywords", "articlesection",
     "image"}
)  # fmt: skip


def is_chrome_element(element: HtmlElement) -> bool:
    """Navigation, asides, captions, forms, ARIA landmarks other than main content, chrome classes,
    microdata metadata (dates, author, headline)."""
    tag = tag_name(element)
    if tag in CHROME_TAGS:
        return True
    if not element.attrib:
        return False  # every other test reads an attribute
    if (element.get("itemprop") or "").strip().lower() in METADATA_ITEMPROPS:
        return True
    if (element.get("role") or "").lower() in CHROME_ROLES:
        return True
    return is_hidden(element) or negative_attributes(element)


def prune(root: HtmlElement, *, protect_share: float = 0.5) -> None:
    """Remove never-text elements, then chrome elements, except those holding ``protect_share`` of the prose.

    Prose is the text of paragraphs of at least :data:`PROSE_MIN_CHARS` with few links. The guard
    keeps pages whose content sits in layout wrappers named like chrome
    (``<div class="zen-one-sidebar-second">``, ``<div class="main with-navigation">``).
    """
    for element in list(root.iter(*NEVER_TEXT_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    prose = _prose_per_element(root)
    floor = protect_share * prose.get(root, 0)
    chrome = [
        element
        for element in root.iter()
        if element is not root and tag_name(element) and is_chrome_element(element)
    ]
    keys = [_group_key(element) for element in chrome]
    groups: dict[tuple[HtmlElement | None, str], int] = {}
    for element, key in zip(chrome, keys, strict=True):
        groups[key] = groups.get(key, 0) + prose.get(element, 0)
    for element, key in zip(chrome, keys, strict=True):
        if element.getparent() is None or _is_detached(element, root):
            continue
        protected = (
            floor
            and tag_name(element) != "figure"
            and (prose.get(element, 0) >= floor or groups[key] >= floor)
        ) or (prose.get(element, 0) > 0 and _is_expander(element))
        if not protected:
            element.drop_tree()


_EXPANDER_TOKENS = frozenset({"readmore", "loadmore", "showmore", "seemore", "voirplus", "afficherplus"})


def _is_expander(element: HtmlElement) -> bool:
    """A "Voir plus" wrapper around the last entries of a feed: its prose is the article's (the
    button itself is never text); related-article "read more" boxes hold links, not prose."""
    tokens = attribute_tokens(element)
    joined = {"".join(tokens[index : index + 2]) for index in range(len(tokens))}
    return bool(_EXPANDER_TOKENS.intersection(tokens) or _EXPANDER_TOKENS.intersection(joined))


def _group_key(element: HtmlElement) -> tuple[HtmlElement | None, str]:
    """Elements sharing their first class name (live-blog entries and their parts) are judged together;
    unnamed elements are grouped with their same-tag siblings."""
    classes = (element.get("class") or "").split()
    return (None, classes[0]) if classes else (element.getparent(), f"#{tag_name(element)}")


PROSE_MIN_CHARS = 80
_PROSE_TAGS = frozenset({"p", "pre", "blockquote", "td", "dd", "li"})
_PROSE_WRAPPERS = frozenset({"div", "section", "article", "span", "font"})


def _prose_per_element(root: HtmlElement) -> dict[HtmlElement, int]:
    """Characters of prose paragraphs inside each element (root included)."""
    totals: dict[HtmlElement, int] = {}
    for element in root.iter(*_PROSE_TAGS, *_PROSE_WRAPPERS):
        tag = tag_name(element)
        if tag in _PROSE_TAGS:
            text = element.text_content()
        elif tag in _PROSE_WRAPPERS:
            text = (element.text or "") + "".join(child.tail or "" for child in element)
        else:
            continue
        length = weighted_length(text.strip())
        if length < PROSE_MIN_CHARS:
            continue
        links = sum(len(link.text_content()) for link in element.iter("a")) if tag in _PROSE_TAGS else 0
        if links > 0.3 * length:
            continue
        totals[element] = totals.get(element, 0) + length
        for ancestor in element.iterancestors():
            totals[ancestor] = totals.get(ancestor, 0) + length
    return totals


def _is_detached(element: HtmlElement, root: HtmlElement) -> bool:
    return not any(ancestor is root for ancestor in element.iterancestors())


def is_read_also(block: Block) -> bool:
    """A "LIRE AUSSI"/"À lire également"/"VIDÉO -" style cross-promotion line."""
    if len(block.text) > 300:
        return False
    if READ_ALSO.match(block.text):
        return True
    return block.link_density > 0.5 and len(block.text) < 200 and block.text.rstrip()[-1:] not in ".!?»…"


def is_chrome_line(text: str) -> bool:
    """Known one-line chrome ("Publicité", "Partager sur Facebook"...), a photo credit, a lone clock time."""
    if comparable(text).rstrip(" :.") in CHROME_LINES or LONE_TIME.match(text):
        return True
    return len(text) < 150 and bool(CREDIT_LINE.match(text))
