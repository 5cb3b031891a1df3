"""Fuzz: extraction and cleaning never raise, and keep their output contracts, on hostile input.

Inputs are real pages and feeds (fixtures, and ``../shared/corpus`` when present) mutated by
truncation, deletion, duplication, byte flips, re-encoding and splices of hostile fragments
(``seeds.HTML_SNIPPETS``: deep nesting, broken/huge/list/@graph/mistyped JSON-LD, years 0 and 9999,
10,000-character titles, invalid UTF-8, a second encoding, PDF bytes...), plus random bytes and
text. The functions under test are the pure ones the spider and pipelines call:
``extract_article``, ``clean_text``, ``parse_date``, ``parse_feed`` and ``detect_language``.

CI runs a fixed set of cases (``derandomize``: the same ones every run, about 2,000 in all and
well under a minute); ``NEWSBOT_FUZZ_SCALE=20`` runs twenty times more, still reproducibly.
"""

from __future__ import annotations

import gzip
import os
from dataclasses import fields
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbot.crawl.feeds import FeedDocument, FeedTooLarge, parse_feed
from newsbot.dates import DEFAULT_WINDOW, parse_date
from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.language import LanguageDecision, detect_language
from newsbot.outlets import OUTLETS
from newsbot.text import CleanResult, clean_text
from tests.robustness.seeds import FEED_SNIPPETS, HTML_SNIPPETS, feed_seeds, page_seeds

SCALE = max(1, int(os.environ.get("NEWSBOT_FUZZ_SCALE", "1")))
KINDS = {"article", "live", "video", "podcast", "gallery", "excerpt"}
ENCODINGS = (None, "utf-8", "iso-8859-1", "windows-1252", "utf-16", "gb2312", "x-bogus", "")
PROFILES = (None, OUTLETS["rfi"], OUTLETS["lefigaro"])
FEED_MAX = 2 * 1024 * 1024


def fuzz_settings(examples: int) -> settings:
    """Reproducible: derandomized, no example database, no deadline (pages take milliseconds)."""
    return settings(
        max_examples=examples * SCALE,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# -- mutations -------------------------------------------------------------------------------------

position = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def _at(data: bytes, where: float) -> int:
    return int(where * len(data))


@st.composite
def mutation(draw: st.DrawFn, snippets: tuple[bytes, ...]) -> tuple:
    kind = draw(st.sampled_from(["truncate", "delete", "duplicate", "splice", "junk", "flip", "recode"]))
    if kind == "splice":
        return (kind, draw(position), draw(st.sampled_from(snippets)))
    if kind == "junk":
        return (kind, draw(position), draw(st.binary(max_size=64)))
    if kind == "recode":
        return (kind, draw(st.sampled_from(["cp1252", "utf-16", "latin-1", "ascii", "utf-32"])))
    return (kind, draw(position), draw(position))


def mutate(data: bytes, operations: list[tuple]) -> bytes:
    for operation in operations:
        kind = operation[0]
        if kind == "truncate":
            data = data[: _at(data, operation[1])]
        elif kind == "delete":
            start = _at(data, operation[1])
            data = data[:start] + data[start + _at(data, operation[2]) // 4 :]
        elif kind == "duplicate":
            start = _at(data, operation[1])
            data = data[:start] + data[start : start + 5000] * 3 + data[start:]
        elif kind in ("splice", "junk"):
            at = _at(data, operation[1])
            data = data[:at] + operation[2] + data[at:]
        elif kind == "flip":
            at = _at(data, operation[1])
            if at < len(data):
                data = data[:at] + bytes([data[at] ^ (1 + int(operation[2] * 254))]) + data[at + 1 :]
        elif kind == "recode":
            data = data.decode("utf-8", errors="replace").encode(operation[1], errors="replace")
    return data


@st.composite
def mutated_page(draw: st.DrawFn) -> tuple[bytes, str]:
    seeds = page_seeds()
    body, url = seeds[draw(st.integers(0, len(seeds) - 1))]
    operations = draw(st.lists(mutation(HTML_SNIPPETS), min_size=1, max_size=4))
    return mutate(body, operations), url


@st.composite
def mutated_feed(draw: st.DrawFn) -> bytes:
    seeds = feed_seeds()
    body = seeds[draw(st.integers(0, len(seeds) - 1))]
    data = mutate(body, draw(st.lists(mutation(FEED_SNIPPETS), min_size=1, max_size=4)))
    return gzip.compress(data) if draw(st.booleans()) else data


tag = st.sampled_from(["p", "div", "h1", "title", "script", "article", "meta", "time", "a", "span", "br"])
random_markup = st.lists(
    st.one_of(
        st.builds(lambda t, s: f"<{t}>{s}", tag, st.text(max_size=30)),
        st.builds(lambda t: f"</{t}>", tag),
        st.text(max_size=40),
    ),
    max_size=40,
).map("".join)


# -- output contracts ------------------------------------------------------------------------------


def check_article(article: ExtractedArticle, url: str) -> None:
    assert isinstance(article, ExtractedArticle)
    assert article.url == url
    assert article.kind in KINDS
    for field in fields(ExtractedArticle):
        value = getattr(article, field.name)
        if field.name in ("authors", "tags", "seen_on", "boilerplate_rules"):
            assert isinstance(value, list) and all(isinstance(v, str) and v for v in value), field.name
        elif field.name == "crawled_at":
            assert isinstance(value, datetime) and value.tzinfo is not None
        elif field.name in ("paywalled",):
            assert value in (None, True, False)
        elif field.name == "body_truncated":
            assert isinstance(value, bool)
        else:
            assert value is None or isinstance(value, str), field.name
    for text in (article.title, article.lead, article.body):
        assert text is None or "\x00" not in text


def check_cleaning(article: ExtractedArticle) -> None:
    title = None
    for name in ("title", "lead", "body"):
        value = getattr(article, name)
        if not value:
            continue
        result = clean_text(value, field=name, title=title)
        assert isinstance(result, CleanResult) and isinstance(result.text, str)
        assert len(result.text) <= 2 * len(value) + 64  # French spacing adds a few; nothing runs away
        if name == "title":
            title = result.text
            assert "\n" not in result.text
    decision = detect_language(article.title, article.lead, article.body)
    assert isinstance(decision, LanguageDecision)
    assert 0.0 <= decision.score <= 1.0
    for raw in (article.published_raw, article.modified_raw):
        if raw:
            check_date(parse_date(raw, now=NOW), raw)


NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def check_date(parsed: datetime | None, raw: str) -> None:
    if parsed is None:
        return
    assert parsed.tzinfo is not None and parsed.utcoffset().total_seconds() == 0, raw
    assert DEFAULT_WINDOW.contains(parsed, NOW), (raw, parsed)


# -- the fuzz tests ---------------------------------------------------------------------------------


@fuzz_settings(500)
@given(page=mutated_page(), encoding=st.sampled_from(ENCODINGS), profile=st.sampled_from(PROFILES))
def test_extraction_and_cleaning_survive_mutated_real_pages(page, encoding, profile) -> None:
    body, url = page
    article = extract_article(body, url, encoding=encoding, profile=profile)
    check_article(article, url)
    check_cleaning(article)


@fuzz_settings(300)
@given(body=st.one_of(st.binary(max_size=4000), random_markup.map(str.encode), random_markup))
def test_extraction_survives_random_bytes_and_markup(body) -> None:
    article = extract_article(body, "http://127.0.0.1:8000/fr/x/20240101-y", encoding=None)
    check_article(article, "http://127.0.0.1:8000/fr/x/20240101-y")
    check_cleaning(article)


@fuzz_settings(300)
@given(
    text=st.text(max_size=2000), field=st.sampled_from(["title", "lead", "body"]), title=st.none() | st.text()
)
def test_clean_text_on_arbitrary_text(text, field, title) -> None:
    result = clean_text(text, field=field, title=title)
    assert isinstance(result.text, str) and isinstance(result.truncated, bool)
    assert all(isinstance(rule, str) for rule in result.rules_fired)


year = st.integers(min_value=-100, max_value=100_000)
date_like = st.one_of(
    st.text(max_size=60),
    st.builds("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:00Z".format, year, st.integers(0, 13), st.integers(0, 32),
              st.integers(0, 25), st.integers(0, 61)),
    st.builds("{} {} {}".format, st.integers(0, 40), st.sampled_from(["janvier", "févr.", "mars", "août", "Décembre"]), year),
    st.builds("{:02d}/{:02d}/{}".format, st.integers(0, 40), st.integers(0, 13), year),
    st.integers(-(10**15), 10**15).map(str),
    st.sampled_from(["0000-00-00", "0001-01-01", "9999-12-31T23:59:59Z", "Thu, 31 Dec 9999 23:59:59 GMT", "Publié le 30/02/2024 à 25h61"]),
)  # fmt: skip


@fuzz_settings(500)
@given(raw=date_like)
def test_parse_date_never_raises_and_stays_in_the_plausible_window(raw) -> None:
    check_date(parse_date(raw, now=NOW), raw)


@fuzz_settings(250)
@given(body=st.one_of(mutated_feed(), st.binary(max_size=2000)))
def test_parse_feed_survives_mutated_feeds(body) -> None:
    try:
        document = parse_feed(body, "http://127.0.0.1:8000/feed", max_size=FEED_MAX)
    except FeedTooLarge:
        assert body.startswith(b"\x1f\x8b")  # only a gzip body can expand past the cap
        return
    assert isinstance(document, FeedDocument)
    assert document.kind in {"rss", "atom", "urlset", "sitemapindex", "unknown"}
    for entry in [*document.entries, *document.sitemaps]:
        assert isinstance(entry.url, str) and entry.url.strip() == entry.url and entry.url
        assert not entry.url.startswith(("javascript:", "data:"))
        assert "root:" not in entry.url  # external entities are never resolved


@fuzz_settings(300)
@given(
    title=st.none() | st.text(max_size=200),
    lead=st.none() | st.text(max_size=400),
    body=st.none() | st.text(max_size=3000),
)
def test_detect_language_on_arbitrary_text(title, lead, body) -> None:
    decision = detect_language(title, lead, body)
    assert isinstance(decision, LanguageDecision)
    assert decision.language is None or isinstance(decision.language, str)
    assert 0.0 <= decision.score <= 1.0
