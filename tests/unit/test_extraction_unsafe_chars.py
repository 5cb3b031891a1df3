"""Characters lxml refuses in strings, reaching the tree through character references.

Raw C0 control bytes are deleted before parsing, but libxml2 decodes a numeric reference such as
``&#1;`` or ``&#xFFFF;`` into the text. lxml reads it back fine and then raises ``ValueError: All
strings must be XML compatible`` as soon as that text is set again: ``drop_tree`` moves the dropped
element's tail onto its neighbour, so pruning a ``<script>`` or a chrome block in front of such a
reference crashed ``extract_article`` (the fuzz test's intermittent failure).
"""

from __future__ import annotations

import re

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction.document import parse_html
from newsbot.outlets import OUTLETS

UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
PROSE = "Une phrase de prose française assez longue pour compter dans le corps. " * 6

# Decimal and hex, with and without the semicolon (HTML does not require it), leading zeros, the two
# noncharacters by reference and as raw UTF-8.
UNSAFE_REFERENCES = [
    "&#1;",
    "&#8;",
    "&#11;",
    "&#x1b;",
    "&#X1F",
    "&#0011",
    "&#x0C;",
    "&#65534;",
    "&#xFFFF;",
    "\ufffe",
    "\uffff",
]


def _texts(root) -> list[str]:
    values: list[str] = []
    for node in root.iter():
        values += [node.text or "", node.tail or "", *node.attrib.values()]
    return values


def _page(reference: str) -> str:
    return (
        "<html><head><title>Un titre</title></head><body><article><h1>Un titre assez long</h1>"
        f"<p>{PROSE}</p><script>var x = 1;</script>{reference} suite du texte"
        f'<p class="a{reference} b">{PROSE}</p></article></body></html>'
    )


@pytest.mark.parametrize("reference", UNSAFE_REFERENCES)
def test_parsed_tree_holds_no_character_lxml_refuses(reference: str) -> None:
    root = parse_html(_page(reference))
    assert root is not None
    assert not any(UNSAFE.search(value) for value in _texts(root))
    script = root.find(".//script")
    script.drop_tree()  # raised ValueError: the tail " suite du texte" moves onto the <p>
    assert "suite du texte" in root.find(".//p").tail
    assert root.findall(".//p")[1].get("class") == "a b"


@pytest.mark.parametrize("reference", UNSAFE_REFERENCES)
@pytest.mark.parametrize("profile", [None, OUTLETS["rfi"]])
def test_extract_article_survives_unsafe_references(reference: str, profile) -> None:
    article = extract_article(_page(reference).encode("utf-8"), "http://127.0.0.1:8000/x", profile=profile)
    assert article.body is not None and "suite du texte" in article.body
    assert not UNSAFE.search(article.body)


def test_reference_as_first_text_of_a_parent_whose_child_is_dropped() -> None:
    """``drop_tree`` of a first child appends its tail to the parent's text: the other setter."""
    root = parse_html("<html><body><div>&#2;avant<script>x</script>&#x1e;après</div></body></html>")
    div = root.find(".//div")
    div.find("script").drop_tree()
    assert div.text == "avantaprès"


@pytest.mark.parametrize(
    ("reference", "kept"),
    [
        ("&#9;", "\t"),
        ("&#13;", "\r"),
        ("&#x7f;", "\x7f"),
        ("&#x1F600;", "\U0001f600"),
        ("&#12345;", "\u3039"),
    ],
)
def test_allowed_references_are_kept(reference: str, kept: str) -> None:
    root = parse_html(f"<html><body><p>a{reference}b</p></body></html>")
    assert root.find(".//p").text == f"a{kept}b"


def test_unsafe_reference_next_to_allowed_ones_strips_only_the_unsafe() -> None:
    root = parse_html("<html><body><p>&#x1F600;&#1;&#x7f;&#xFFFE;é</p></body></html>")
    assert root.find(".//p").text == "\U0001f600\x7fé"
