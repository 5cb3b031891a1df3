"""Generated aggregator pages crawled by the real spider into the real SecantusDB, over local HTTP.

Each excerpt becomes its own document (under the original's URL, the aggregator's item page URL's
original, or the page URL for a link-less item), with its title, its summary in ``lead``, the outlet
and relative date of its source line; the same items shown on a second page stay one document each.
Known outlets' originals are served by a local mirror that answers 404: the excerpt is kept, the run
stays healthy and logs no traceback. A crash in a signal handler or a pipeline fails the run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from benchmarks.aggregator import canon
from newsbot import settings as project_settings
from newsbot.crawl.urls import canonicalize_url
from newsbot.ops.health import EXIT_UNHEALTHY
from spiders.aggregator import linkless_item_url, outlet_id
from tests.support.aggregator_layouts import AGGREGATOR, KNOWN_OUTLETS, ExpectedItem, Layout, generate
from tests.support.crawl import run_crawl
from tests.support.mirror import MirrorServer

pytestmark = pytest.mark.integration


def _pick(family: str, wanted: Callable[[Layout], bool]) -> Layout:
    """The first seed of ``family`` whose page has what the test needs (deterministic)."""
    return next(layout for seed in range(200) if wanted(layout := generate(family, seed)))


LAYOUTS = (
    # Shown twice (see ``sites``): every item has a link, so both copies name the same documents.
    _pick(
        "list", lambda layout: any(i.internal for i in layout.related) and all(i.url for i in layout.items)
    ),
    _pick("cards", lambda layout: any(i.url is None for i in layout.related) and layout.main.url is None),
    _pick("table", lambda layout: any(i.url and not i.internal for i in layout.related)),
)


def _localise(text: str) -> str:
    """Links to the aggregator and to crawled outlets point to the local mirrors instead."""
    text = text.replace(AGGREGATOR, "{{BASE}}")
    for _name, domain, _id, _pattern in KNOWN_OUTLETS:
        text = text.replace(f"https://www.{domain}", "{{OUTLET}}/" + domain)
    return text


@pytest.fixture
def sites(tmp_path: Path):
    root, outlets = tmp_path / "aggregator", tmp_path / "outlets"
    outlets.mkdir()
    for layout in LAYOUTS:
        pages = {layout.page_url: layout.html, **layout.item_pages}
        for url, html in pages.items():
            path = root / (urlsplit(url).path.lstrip("/") + ".html")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_localise(html), encoding="utf-8")
    # The home page shows the first page's items again.
    (root / "une.html").write_text(_localise(LAYOUTS[0].html), encoding="utf-8")
    outlet_mirror = MirrorServer(outlets).start()
    try:
        with MirrorServer(root, substitutions={"OUTLET": outlet_mirror.base_url}) as aggregator:
            yield aggregator, outlet_mirror
    finally:
        outlet_mirror.stop()


def _local(url: str, aggregator: MirrorServer, outlets: MirrorServer) -> str:
    return _localise(url).replace("{{BASE}}", aggregator.base_url).replace("{{OUTLET}}", outlets.base_url)


def _expected_url(
    item: ExpectedItem, page: str, aggregator: MirrorServer, outlets: MirrorServer, main: bool
) -> str:
    if item.url is None:
        return canonicalize_url(page) if main else linkless_item_url(page, item.title, None)
    return canonicalize_url(_local(item.original or item.url, aggregator, outlets))


def _crawl(aggregator: MirrorServer, outlets: MirrorServer, mongo_uri: str, database: str, **settings: str):
    pages = [_local(layout.page_url, aggregator, outlets) for layout in LAYOUTS] + [aggregator.url("/une")]
    return run_crawl(
        "aggregator",
        mongo_uri=mongo_uri,
        database=database,
        args={
            "urls": ",".join(pages),
            "aggregator": "infofil",
            "follow": outlets.base_url.removeprefix("http://"),
        },
        settings=settings,
    )


def test_every_excerpt_is_its_own_clean_document(sites, mongo_uri, mongo_db, mongo_db_name) -> None:
    aggregator, outlets = sites
    result = _crawl(aggregator, outlets, mongo_uri, mongo_db_name)
    assert result.returncode == 0, result.log[-3000:]
    assert "Traceback" not in result.log and "Error caught on signal handler" not in result.log
    docs = {doc["url"]: doc for doc in mongo_db.articles.find()}

    expected: dict[str, tuple[ExpectedItem, bool]] = {}
    for layout in LAYOUTS:
        page = _local(layout.page_url, aggregator, outlets)
        for item in layout.items:
            url = _expected_url(item, page, aggregator, outlets, item is layout.main)
            expected[url] = (item, item is layout.main)
    assert sorted(docs) == sorted(expected)

    for url, (item, _main) in expected.items():
        doc = docs[url]
        assert doc["kind"] == "excerpt" and doc["body"] is None and doc["body_truncated"] is True, url
        assert doc["seen_on"] == ["infofil"]
        assert canon(doc["title"]) == canon(item.title)
        assert canon(doc["lead"]) == canon(item.summary)
        if item.minutes_ago is not None:
            ago = doc["crawled_at"] - doc["published_at"]
            assert abs(ago - timedelta(minutes=item.minutes_ago)) < timedelta(minutes=1), url
        known = outlet_id(item.outlet)
        if known is not None:
            assert doc["source"] == known

    run = mongo_db.runs.find_one({"spider": "aggregator"})
    assert run["health"]["status"] == "ok" and run["handler_errors"] == {}
    stats = run["newsbot_stats"]
    assert stats["newsbot/aggregator/item_pages_followed"] >= 1
    assert stats["newsbot/aggregator/original_unreachable"] >= 1
    assert stats.get("newsbot/dropped/chrome_text", 0) == stats.get("newsbot/dropped/chrome_title", 0) == 0


@pytest.mark.parametrize(
    ("setting", "value", "kind"),
    [
        (
            "EXTENSIONS",
            {**project_settings.EXTENSIONS, "tests.support.raising.RaisingItemScrapedHandler": 600},
            "signal_handler",
        ),
        (
            "ITEM_PIPELINES",
            {**project_settings.ITEM_PIPELINES, "tests.support.raising.RaisingPipeline": 150},
            "pipeline",
        ),
    ],
)
def test_a_crash_in_a_handler_or_pipeline_fails_health(
    sites, mongo_uri, mongo_db, mongo_db_name, setting, value, kind
) -> None:
    aggregator, outlets = sites
    result = _crawl(aggregator, outlets, mongo_uri, mongo_db_name, **{setting: json.dumps(value)})
    assert result.returncode == EXIT_UNHEALTHY, result.log[-3000:]
    assert "Health check failed for aggregator: handler_errors" in result.log
    run = mongo_db.runs.find_one({"spider": "aggregator"})
    assert run["health"]["status"] == "failed" and "handler_errors" in run["health"]["failed"]
    assert run["handler_errors"][kind] > 0
    if kind == "signal_handler":  # raised once per scraped item
        assert run["handler_errors"][kind] == run["items_scraped"]
    else:  # every item lost in the pipeline
        assert run["items_scraped"] == 0
