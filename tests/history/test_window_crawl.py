"""A backfill of a local mirror with a sitemap index of monthly sitemaps: exactly the right URLs fetched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.crawl import REPO_ROOT, run_crawl
from tests.support.mirror import MirrorServer
from tests.support.pages import article_page

pytestmark = pytest.mark.integration

ARTICLES = {
    # path: (sitemap, <lastmod>, <news:publication_date>, datePublished on the page)
    "/fr/france/20240101-a": ("2024-01", "2024-01-01T00:30:00+01:00", None, "2024-01-01T00:30:00+01:00"),
    "/fr/france/20240131-b": ("2024-01", None, "2024-01-31T23:30:00+01:00", "2024-01-31T23:30:00+01:00"),
    "/fr/france/20231231-c": ("2024-01", None, "2023-12-31T23:30:00+01:00", "2023-12-31T23:30:00+01:00"),
    "/fr/france/20240229-d": ("2024-02", "2024-02-29T23:59:00+01:00", None, "2024-02-29T23:59:00+01:00"),
    "/fr/france/20240302-e": ("2024-02", "2024-03-15T10:00:00+01:00", None, "2024-03-02T10:00:00+01:00"),
    "/fr/france/20240304-f": ("latest", None, "2024-03-04T08:00:00+01:00", "2024-03-04T08:00:00+01:00"),
    "/fr/france/20231001-g": ("latest", "2023-10-01T08:00:00+02:00", None, "2023-10-01T08:00:00+02:00"),
    "/fr/france/20231210-h": ("2023-12", "2023-12-10T08:00:00+01:00", None, "2023-12-10T08:00:00+01:00"),
    "/fr/france/20240310-i": ("2024-03", "2024-03-10T08:00:00+01:00", None, "2024-03-10T08:00:00+01:00"),
}
CHILDREN = {  # child sitemap: its <lastmod> in the index
    "2023-12": "2024-01-02",
    "2024-01": "2024-02-01",
    "2024-02": "2024-03-15",
    "2024-03": "2024-04-01",
    "tags": "2023-06-01",
    "latest": "2024-03-05",
}


def _sitemap(paths: list[str]) -> str:
    rows = []
    for path in paths:
        _, lastmod, published, _ = ARTICLES[path]
        row = f"<url><loc>{{{{BASE}}}}{path}</loc>"
        row += f"<lastmod>{lastmod}</lastmod>" if lastmod else ""
        if published:
            row += f"<news:news><news:publication_date>{published}</news:publication_date></news:news>"
        rows.append(row + "</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' + "".join(rows) + "</urlset>"
    )


@pytest.fixture
def archive_site(tmp_path: Path):
    root = tmp_path / "site"
    (root / "sitemaps").mkdir(parents=True)
    index = "".join(
        f"<sitemap><loc>{{{{BASE}}}}/sitemaps/{name}.xml</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for name, lastmod in CHILDREN.items()
    )
    (root / "sitemap_index.xml").write_text(
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + index + "</sitemapindex>"
    )  # fmt: skip
    for name in CHILDREN:
        paths = [path for path, (sitemap, *_) in ARTICLES.items() if sitemap == name]
        (root / "sitemaps" / f"{name}.xml").write_text(_sitemap(paths))
    for key, (path, (*_, date_published)) in enumerate(ARTICLES.items()):
        page = root / (path.lstrip("/") + ".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(article_page(f"Article {path[-1].upper()} du conseil municipal", date_published, key))
    (root / "robots.txt").write_text("User-agent: *\nDisallow:\n")
    with MirrorServer(root) as mirror:
        yield mirror


def test_window_fetches_only_the_months_and_entries_of_the_window(
    archive_site, mongo_uri, mongo_db, mongo_db_name
) -> None:
    result = run_crawl(
        "rfi",
        mongo_uri=mongo_uri,
        database=mongo_db_name,
        args={"feeds": archive_site.url("/sitemap_index.xml"), "since": "2024-01-01", "until": "2024-02-29"},
    )
    assert result.returncode == 0, result.log[-3000:]
    fetched = {path for path in archive_site.hits if path != "/robots.txt"}
    assert fetched == {
        "/sitemap_index.xml",
        "/sitemaps/2024-01.xml",
        "/sitemaps/2024-02.xml",
        "/sitemaps/latest.xml",  # undated, changed after the window opened
        "/fr/france/20240101-a",
        "/fr/france/20240131-b",
        "/fr/france/20240229-d",
        "/fr/france/20240302-e",  # lastmod after the window proves nothing: fetched, then its date decides
    }
    stored = {doc["url"].removeprefix(archive_site.base_url) for doc in mongo_db.articles.find()}
    assert stored == {"/fr/france/20240101-a", "/fr/france/20240131-b", "/fr/france/20240229-d"}
    stats = mongo_db.runs.find_one({"spider": "rfi"})["newsbot_stats"]
    # c and f by their publication date, g by its lastmod
    assert stats["newsbot/skipped/out_of_window"] == 3
    assert stats["newsbot/sitemaps/skipped/out_of_window"] == 3  # 2023-12, 2024-03, tags
    assert stats["newsbot/dropped/out_of_window"] == 1  # e
    assert "Date window 2023-12-31T23:00:00+00:00" in result.log


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-a", "since=2024-13-01"], "since='2024-13-01' is not a date"),
        (["-a", "since=2024-03-01", "-a", "until=2024-01-01"], "is before since"),
    ],
)
def test_bad_window_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "rfi", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2, completed.stderr[-2000:]
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr
    ours = [line for line in completed.stderr.splitlines() if line.startswith("scrapy crawl: error:")]
    assert len(ours) == 1 and message in ours[0]  # Scrapy's start-up log lines aside, one line says it
