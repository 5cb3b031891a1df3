"""newsbot.dates on the real French pages of ../shared/corpus (read in place, skipped when absent)."""

import re
from datetime import UTC, timedelta

import pytest

from benchmarks.dates import byline_checks, page_text, time_element_checks
from newsbot.dates import parse_date
from newsbot.dates.iso import parse_iso
from tests.support.corpus import CorpusPage, iter_pages

pytestmark = pytest.mark.corpus

_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"(?P<value>[^"]+)"')
_META_PUBLISHED = re.compile(
    r'<meta[^>]+(?:property|name)="article:published_time"[^>]+content="(?P<value>[^"]+)"'
    r'|<meta[^>]+content="(?P<value2>[^"]+)"[^>]+(?:property|name)="article:published_time"',
    re.I,
)


@pytest.fixture(scope="module")
def french_pages(corpus) -> list[CorpusPage]:
    return list(iter_pages(corpus, french=True))


def test_printed_dates_and_times_match_their_machine_values(french_pages: list[CorpusPage]) -> None:
    checks = time_element_checks(french_pages)
    assert len(checks) >= 5
    assert [check for check in checks if not check.agrees] == []


def test_first_publication_byline_matches_the_gold_date(french_pages: list[CorpusPage]) -> None:
    checks = byline_checks(french_pages)
    assert len(checks) >= 8
    assert [check for check in checks if not check.agrees] == []


def test_published_metadata_matches_gold_instants(french_pages: list[CorpusPage]) -> None:
    """JSON-LD datePublished and article:published_time against gold given to the second."""
    compared = 0
    for page in french_pages:
        gold = page.gold.get("published") or ""
        if len(gold) <= len("2024-01-01"):
            continue
        expected = parse_iso(gold, "Europe/Paris")
        assert expected is not None, f"{page.name}: unreadable gold {gold!r}"
        markup = page_text(page)
        values = [m["value"] for m in _JSON_LD_PUBLISHED.finditer(markup)][:1]
        values += [m["value"] or m["value2"] for m in _META_PUBLISHED.finditer(markup)][:1]
        for value in values:
            result = parse_date(value, now=expected + timedelta(days=1))
            assert result == expected, f"{page.name}: {value!r} gave {result}, gold {gold}"
            assert result.tzinfo is UTC
            compared += 1
    assert compared >= 5
