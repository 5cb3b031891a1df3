"""Quality floor of the extractor on the real saved pages of ../shared/corpus (skipped when absent).

The floors are the figures measured by ``python -m benchmarks.extraction`` (see the README's
"Quality" section); a change that lowers one of them fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.extraction import (
    Summary,
    default_date_reader,
    run_newsbot,
    score_page,
    summarise,
    token_prf,
    trafilatura_runner,
)
from newsbot.extraction import extract_article
from newsbot.outlets import OUTLETS, profile_for_url
from tests.support.corpus import CorpusPage, iter_pages

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def french_pages(corpus: Path) -> list[CorpusPage]:
    return list(iter_pages(corpus, french=True))


def overall(pages: list[CorpusPage], *, use_profile: bool) -> Summary:
    read_date = default_date_reader()
    scores = [
        score_page(
            page, run_newsbot(page, use_profile=use_profile)[0], lead_is_separate=True, read_date=read_date
        )
        for page in pages
    ]
    return summarise(scores)["ALL"]


@pytest.mark.parametrize("use_profile", [True, False], ids=["outlet-profiles", "generic"])
def test_quality_floor_on_french_pages(french_pages: list[CorpusPage], use_profile: bool) -> None:
    summary = overall(french_pages, use_profile=use_profile)
    f1 = summary.mean_f1()
    assert f1 is not None and len(summary.f1) >= 5
    assert f1[0] >= 0.95
    assert summary.ratio("contain") >= 0.97
    assert summary.ratio("avoid") >= 0.97
    assert summary.ratio("start") == 1.0
    assert summary.ratio("title") >= 18 / 19
    assert summary.ratio("published") >= 27 / 29
    assert summary.ratio("authors") >= 15 / 17


def test_body_beats_trafilatura_where_full_gold_exists(french_pages: list[CorpusPage]) -> None:
    run_trafilatura = trafilatura_runner()
    if run_trafilatura is None:
        pytest.skip("trafilatura (benchmark-only dependency) is not installed")
    with_gold = [page for page in french_pages if page.gold.get("body")]
    read_date = default_date_reader()
    ours = [
        score_page(p, run_newsbot(p)[0], lead_is_separate=True, read_date=read_date).f1[0] for p in with_gold
    ]
    theirs = [token_prf(run_trafilatura(page).body, page.gold["body"])[0] for page in with_gold]
    assert sum(ours) / len(ours) > sum(theirs) / len(theirs)


def test_every_corpus_page_extracts_without_error(corpus: Path) -> None:
    pages = list(iter_pages(corpus))
    assert len(pages) >= 90
    for page in pages:
        article = extract_article(page.html, page.url, profile=profile_for_url(page.url))
        assert article.url == page.url
        assert article.body is None or "\n\n\n" not in article.body


def page_named(pages: list[CorpusPage], name: str) -> CorpusPage:
    found = [page for page in pages if page.name == name]
    if not found:
        pytest.skip(f"{name} is not in this corpus")
    return found[0]


def test_real_lefigaro_page(french_pages: list[CorpusPage]) -> None:
    page = page_named(french_pages, "LeFigaro_2024_11_22")
    article = extract_article(page.html, page.url, profile=OUTLETS["lefigaro"])
    assert article.extraction_method == "profile"
    assert article.authors == ["Le Figaro et AFP"]
    assert article.paywalled is False and article.body_truncated is False
    assert article.lead is not None and article.lead.startswith("LE POINT SUR LA SITUATION - ")
    assert "LIRE AUSSI" not in (article.body or "")


def test_real_lemonde_paywalled_page(french_pages: list[CorpusPage]) -> None:
    page = page_named(french_pages, "LeMonde_2023_09_01")
    article = extract_article(page.html, page.url, profile=OUTLETS["lemonde"])
    assert article.paywalled is True and article.body_truncated is True
    assert article.lead and article.title and article.published_raw
    assert "Il vous reste" not in (article.body or "")


def test_real_france_medias_monde_template(corpus: Path) -> None:
    page = page_named(list(iter_pages(corpus, french=False)), "mc_observers_france24_com")
    article = extract_article(page.html, page.url, profile=profile_for_url(page.url))
    assert profile_for_url(page.url) is OUTLETS["france24"]
    assert article.extraction_method == "profile"
    assert article.title == page.gold["title"]
    assert article.authors == ["Chloé Lauvergnier"]
    assert article.body is not None and len(article.body) > 5000
    assert "Advertising" not in article.body and "Read more" not in article.body
