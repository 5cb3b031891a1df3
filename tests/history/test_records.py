"""The cheap checks made on a WARC record before extraction, and the file-name date filter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbot.history.records import (
    cc_news_time,
    content_type_of,
    file_in_window,
    host_is_foreign,
    host_matches,
    html_lang,
    language_rejection,
    warc_date,
)
from newsbot.history.window import parse_window
from tests.support.corpus import iter_pages
from tests.support.pages import article_page

FRENCH = article_page("Un titre", "2024-01-01", 1).encode()
ENGLISH = article_page(
    "A title",
    "2024-01-01",
    1,
    lang="en",
    paragraphs=["The council voted on Tuesday for the schools and the roads."] * 30,
).encode()


def test_language_rejection_order() -> None:
    assert language_rejection(None, FRENCH, trusted_host=False) is None
    assert language_rejection("en", FRENCH, trusted_host=False) == "not_french_header"
    assert (
        language_rejection("fr-FR, en", ENGLISH, trusted_host=False) is None
    )  # declared French: pipeline decides
    assert language_rejection(None, ENGLISH, trusted_host=False) == "not_french_lang"
    assert (
        language_rejection(None, ENGLISH.replace(b' lang="en"', b""), trusted_host=False) == "not_french_text"
    )
    # A wrong lang attribute on a French page: the text check overrules the hint.
    assert language_rejection(None, FRENCH.replace(b'lang="fr"', b'lang="en"'), trusted_host=False) is None
    assert language_rejection("de", ENGLISH, trusted_host=True) is None  # an outlet's own host
    stub = b'<html lang="de"><body><p>Kurz.</p></body></html>'
    assert language_rejection(None, stub, trusted_host=False) == "not_french_lang"
    assert language_rejection(None, stub.replace(b' lang="de"', b""), trusted_host=False) is None  # too short


def test_real_pages_french_kept_others_mostly_rejected(corpus) -> None:
    french = [p for p in iter_pages(corpus, french=True)]
    others = [p for p in iter_pages(corpus, french=False)]
    assert french and others
    rejected_french = [
        p.name for p in french if language_rejection(None, p.html_path.read_bytes(), trusted_host=False)
    ]
    assert rejected_french == []
    rejected = sum(
        1 for p in others if language_rejection(None, p.html_path.read_bytes(), trusted_host=False)
    )
    assert rejected / len(others) >= 0.9  # what slips through is dropped later by the language pipeline


def test_small_parsers() -> None:
    assert html_lang(b'<!DOCTYPE html><html class="x" lang="fr-FR">') == "fr"
    assert html_lang(b"<html><body>") is None
    assert content_type_of('text/html; charset="ISO-8859-1"') == ("text/html", "iso-8859-1")
    assert content_type_of(None) == ("", None)
    assert warc_date("2024-03-15T10:00:00Z") == datetime(2024, 3, 15, 10, tzinfo=UTC)
    assert warc_date("20240315100000") == datetime(2024, 3, 15, 10, tzinfo=UTC)  # ARC
    assert warc_date("garbage") is None
    assert host_matches("www.lemonde.fr", ["lemonde.fr"]) and not host_matches(
        "notlemonde.fr", ["lemonde.fr"]
    )
    assert host_is_foreign("www.zeitung.de") and not host_is_foreign("www.lesoir.be")


def test_cc_news_file_names() -> None:
    name = "https://data.example/crawl-data/CC-NEWS/2024/03/CC-NEWS-20240315123456-00042.warc.gz"
    assert cc_news_time(name) == datetime(2024, 3, 15, 12, 34, 56, tzinfo=UTC)
    assert cc_news_time("/data/my-crawl.warc.gz") is None
    window = parse_window("2024-03-01", "2024-03-31")
    slack = timedelta(days=7)
    assert file_in_window("CC-NEWS-20240315123456-00042.warc.gz", window, slack)
    assert not file_in_window("CC-NEWS-20240229225959-00001.warc.gz", window, slack)  # crawled before
    assert file_in_window("CC-NEWS-20240406000000-00001.warc.gz", window, slack)
    assert not file_in_window("CC-NEWS-20240408000000-00001.warc.gz", window, slack)
    assert file_in_window("my-crawl.warc.gz", window, slack)


@pytest.mark.parametrize("value", ["", None])
def test_no_content_type(value) -> None:
    assert content_type_of(value)[0] == ""
