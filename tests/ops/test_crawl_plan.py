"""Which spiders a scheduled crawl runs, with which feeds and per-outlet concurrency (pure)."""

from __future__ import annotations

import argparse

import pytest

from newsbot.ops.crawl_plan import (
    PlanError,
    SpiderRun,
    add_plan_options,
    outlet_spiders,
    parse_concurrency,
    plan_from_args,
    plan_runs,
)
from newsbot.ops.scrapy_project import project_settings, spider_classes
from newsbot.ops.scrapyd_api import ScrapydClient

KNOWN = ["rfi", "lefigaro", "lemonde", "news"]


def test_outlet_spiders_are_the_project_spiders_with_an_outlet_profile() -> None:
    names = outlet_spiders(spider_classes(project_settings()))
    assert names == [
        "20minutes",
        "france24",
        "franceinfo",
        "lefigaro",
        "lemonde",
        "liberation",
        "ouestfrance",
        "rfi",
    ]


def test_plan_gives_each_spider_its_feeds_and_concurrency() -> None:
    runs = plan_runs(
        ["rfi", "lefigaro"], KNOWN, feeds={"rfi": "http://127.0.0.1:8000/rss"}, concurrency=["3", "rfi=8"]
    )
    assert runs == [
        SpiderRun("rfi", 8, {"feeds": "http://127.0.0.1:8000/rss"}),
        SpiderRun("lefigaro", 3, {}),
    ]
    assert runs[0].settings() == {"CONCURRENT_REQUESTS": 8, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}


def test_configured_concurrency_and_command_line() -> None:
    configured = "2,lemonde=1"
    runs = plan_runs(["rfi", "lemonde"], KNOWN, configured_concurrency=configured)
    assert [(run.name, run.concurrency) for run in runs] == [("rfi", 2), ("lemonde", 1)]
    runs = plan_runs(["rfi", "lemonde"], KNOWN, configured_concurrency=configured, concurrency=["rfi=5"])
    assert [(run.name, run.concurrency) for run in runs] == [("rfi", 5), ("lemonde", 1)]
    runs = plan_runs(["rfi", "lemonde"], KNOWN, configured_concurrency=configured, concurrency=["6"])
    assert [(run.name, run.concurrency) for run in runs] == [("rfi", 6), ("lemonde", 6)], (
        "a CLI default replaces all"
    )
    assert plan_runs(["rfi"], KNOWN)[0].concurrency == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"selected": ["rfi", "nosuch"]}, "unknown spider(s): nosuch"),
        ({"selected": ["rfi"], "feeds": {"lemonde": "http://x.fr/rss"}}, "not in this run: lemonde"),
        ({"selected": ["rfi"], "concurrency": ["lefigaro=2"]}, "not in this run: lefigaro"),
        ({"selected": ["rfi"], "configured_concurrency": "typo=2"}, "unknown spider(s): typo"),
        ({"selected": ["rfi"], "concurrency": ["0"]}, "must be at least 1"),
        ({"selected": ["rfi"], "concurrency": ["rfi=many"]}, "'many' is not an integer"),
        ({"selected": []}, "no spider to run"),
    ],
)
def test_plan_errors_are_clear(kwargs, message) -> None:
    with pytest.raises(PlanError) as error:
        plan_runs(known=KNOWN, **kwargs)
    assert message in str(error.value)


def test_parse_concurrency() -> None:
    assert parse_concurrency(["4, rfi=8", "lefigaro=2", ""]) == (4, {"rfi": 8, "lefigaro": 2})
    assert parse_concurrency([]) == (None, {})


def test_command_line_options() -> None:
    parser = argparse.ArgumentParser()
    add_plan_options(parser)
    classes = {"rfi": type("R", (), {"outlet_id": "rfi"}), "news": type("N", (), {"outlet_id": None})}
    args = parser.parse_args(["--all", "--feeds", "rfi=http://127.0.0.1:1/a,http://127.0.0.1:1/b"])
    assert plan_from_args(args, classes) == [
        SpiderRun("rfi", 4, {"feeds": "http://127.0.0.1:1/a,http://127.0.0.1:1/b"})
    ]
    with pytest.raises(PlanError):
        plan_from_args(parser.parse_args([]), classes)


def test_scrapyd_url_loses_its_trailing_slash_and_credentials_stay_out_of_messages() -> None:
    assert ScrapydClient("http://127.0.0.1:6800/").url == "http://127.0.0.1:6800"
    client = ScrapydClient("http://ops:s3%40cret@scrapyd.example.org:6800/")
    assert (client.url, client.username, client.password) == (
        "http://scrapyd.example.org:6800",
        "ops",
        "s3@cret",
    )
