"""``decode_html_utf8`` hands the parser the page's own bytes only when they are the text's UTF-8."""

from __future__ import annotations

import codecs
from dataclasses import asdict

import pytest

from newsbot.extraction import extract_article
from newsbot.extraction.decoding import decode_html, decode_html_utf8

PAGE = "<html><head><title>Été à Paris</title></head><body><p>Le café coûte 2 €.</p></body></html>"


@pytest.mark.parametrize(
    ("body", "encoding", "reused"),
    [
        (PAGE.encode("utf-8"), "utf-8", True),
        (PAGE.encode("utf-8"), None, True),
        (codecs.BOM_UTF8 + PAGE.encode("utf-8"), "utf-8", False),  # the BOM is not in the text
        (PAGE.encode("utf-8").replace(b"caf\xc3\xa9", b"caf\xe9"), "utf-8", False),  # a replaced byte
        (PAGE.encode("cp1252"), "cp1252", False),
        (PAGE.encode("utf-8"), "cp1252", False),  # a legacy label on UTF-8 bytes
        (PAGE.encode("utf-16"), "utf-16", False),
        (PAGE, None, False),
    ],
)
def test_bytes_are_reused_only_when_they_encode_the_text(
    body: bytes | str, encoding: str | None, reused: bool
) -> None:
    text, utf8 = decode_html_utf8(body, encoding)
    assert text == decode_html(body, encoding)
    assert (utf8 is not None) == reused
    if utf8 is not None:
        assert utf8 == text.encode("utf-8")


def test_the_article_is_the_same_either_way() -> None:
    body = PAGE.encode("utf-8")
    from_bytes = asdict(extract_article(body, "https://example.org/a", encoding="utf-8"))
    from_text = asdict(extract_article(decode_html(body, "utf-8"), "https://example.org/a"))
    from_bytes.pop("crawled_at"), from_text.pop("crawled_at")  # the clock, not the page
    assert from_bytes == from_text
    assert from_bytes["title"] == "Été à Paris"
