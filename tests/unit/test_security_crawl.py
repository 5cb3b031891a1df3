"""Security, end to end: real crawls of a local site that tries to lead the crawler astray."""

from __future__ import annotations

import re

import bson
import pytest

from newsbot.storage.embedded import free_port
from tests.support.crawl import SITES, run_crawl
from tests.support.hostile_site import XML, HostileSite, article_html, static
from tests.support.mirror import MirrorServer

pytestmark = pytest.mark.integration

SECRET = "s3cr3t-p4ss"
MONGO_MAX_BSON = 16 * 1024 * 1024


def scrapy_stat(log: str, name: str) -> int:
    """A counter from the "Dumping Scrapy stats" block of a crawl log (0 when absent)."""
    found = re.search(rf"'{re.escape(name)}': (\d+)", log)
    return int(found.group(1)) if found else 0


def test_offsite_redirects_robots_payloads_and_size(tmp_path, mongo_uri, mongo_db, mongo_db_name) -> None:
    marker = tmp_path / "pwned"
    payloads = (
        f"__import__('os').system('touch {marker}') $(touch {marker}) `touch {marker}` "
        f"{{{{ cycler.__init__.__globals__.os.popen('touch {marker}') }}}} <script>alert(1)</script>"
    )
    with MirrorServer(tmp_path / "site") as mirror:
        other_host = mirror.base_url.replace("127.0.0.1", "localhost")  # same server, another host name
        site = HostileSite(mirror.base_url)
        site.articles["/good/1"] = static(article_html(1).encode())
        site.articles["/redirect-away"] = static(b"", {"Location": f"{other_host}/evil"}, status=302)
        site.articles["/redirect-home"] = static(b"", {"Location": f"{mirror.base_url}/good/2"}, status=301)
        site.articles["/private/secret"] = static(article_html(3).encode())  # robots.txt: Disallow /private/
        site.articles["/payload"] = static(article_html(4, body_extra=f"<p>{payloads}</p>").encode())
        site.articles["/huge"] = static(
            article_html(
                5, title="Titre démesuré " * 700, body_extra="<p>" + "Très long. " * 800_000 + "</p>"
            ).encode()
        )
        site.extra["/good/2"] = static(article_html(2).encode())
        site.extra["/evil"] = static(article_html(6).encode())
        mirror.routes.update(site.routes)
        feed = site.rss(sorted(site.articles)).replace(
            b"</channel>", f"<item><link>{other_host}/evil2</link></item></channel>".encode()
        )
        mirror.routes["/feed"] = static(feed, XML)

        result = run_crawl(
            "news", mongo_uri=mongo_uri, database=mongo_db_name, args={"feeds": mirror.url("/feed")}
        )
        assert result.returncode == 0, result.log[-3000:]
        hits = dict(mirror.hits)

    docs = {doc["url"].removeprefix(mirror.base_url): doc for doc in mongo_db.articles.find()}
    assert set(docs) == {"/good/1", "/good/2", "/payload", "/huge"}
    # Offsite: neither the foreign link nor the redirect to a foreign host was fetched or stored.
    assert "/evil" not in hits and "/evil2" not in hits
    assert all("localhost" not in (doc["url"] + doc["fetched_url"]) for doc in docs.values())
    assert scrapy_stat(result.log, "offsite/filtered") == 2
    # A redirect within the site is followed, and the article is stored under where it lives.
    assert docs["/good/2"]["fetched_url"] == f"{mirror.base_url}/good/2"
    # robots.txt is obeyed by default (run_crawl does not set ROBOTSTXT_OBEY).
    assert "/private/secret" not in hits and hits["/robots.txt"] == 1
    assert scrapy_stat(result.log, "robotstxt/forbidden") == 1
    # Page content is text: stored as written, never run.
    assert not marker.exists()
    assert "__import__('os').system" in docs["/payload"]["body"] and "$(touch" in docs["/payload"]["body"]
    # Size caps: a 10,000-character title and an ~9 MB page fit in one document far below 16 MB.
    huge = mongo_db.articles.find_one({"url": f"{mirror.base_url}/huge"}, {"_id": 0})
    assert len(huge["title"]) <= 2000 and len(huge["body"]) <= 1_000_000 and huge["body_truncated"] is True
    assert len(bson.encode(huge)) < MONGO_MAX_BSON


@pytest.mark.parametrize("reachable", [True, False], ids=["server-refuses-credentials", "no-server"])
@pytest.mark.parametrize("given_as", ["environment", "setting"])
def test_mongo_credentials_never_logged(mongo_uri, reachable, given_as) -> None:
    port = int(re.search(r":(\d+)", mongo_uri.split("@")[-1]).group(1)) if reachable else free_port()
    secret_uri = f"mongodb://newsbot:{SECRET}@127.0.0.1:{port}/?directConnection=true&authSource=admin"
    settings = {"MONGO_SERVER_SELECTION_TIMEOUT_MS": "1500", "LOG_LEVEL": "DEBUG"}
    if given_as == "setting":
        settings["MONGO_URI"] = secret_uri
    with MirrorServer(SITES / "rfi") as mirror:
        result = run_crawl(
            "rfi",
            mongo_uri=secret_uri if given_as == "environment" else "",
            database="credentials_test",
            args={"feeds": mirror.url("/fr/rss")},
            settings=settings,
            timeout=120,
        )
    assert SECRET not in result.log
    assert "newsbot:" + SECRET[:3] not in result.log
    assert "mongodb://***@127.0.0.1" in result.log  # the failure is reported, with the URI masked
    assert "Traceback" not in result.log
