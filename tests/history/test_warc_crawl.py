"""End to end: ``scrapy crawl warc`` on WARC files written here, through every pipeline into MongoDB."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbot.history.ledger import file_digest
from tests.support.crawl import run_crawl
from tests.support.mirror import MirrorServer
from tests.support.pages import article_page
from tests.support.warcs import Rec, record_offsets, write_arc, write_warc

pytestmark = pytest.mark.integration

RFI = "https://www.rfi.fr/fr/france/2024031{}-conseil-municipal-{}"
LOCAL = "https://www.journal-des-communes.test/actualites/{}"
ENGLISH = [
    "The city council voted on Tuesday evening for a budget increase for schools and transport, "
    "and the residents said that they had been waiting for the decision for months."
] * 6


def page(
    key: int, *, lang: str = "fr", published: str = "2024-03-15T09:00:00+01:00", paragraphs=None
) -> bytes:
    return article_page(
        f"Le conseil municipal numéro {key} vote", published, key, lang=lang, paragraphs=paragraphs
    ).encode()


def mixed_records() -> list[Rec]:
    return [
        Rec(RFI.format(1, "a"), page(1)),
        Rec(LOCAL.format("b"), page(2)),
        Rec(LOCAL.format("b"), kind="request"),
        Rec(LOCAL.format("b"), kind="revisit"),
        Rec(LOCAL.format("m"), b'{"a": 1}', kind="metadata", content_type="application/json"),
        Rec(LOCAL.format("img.jpg"), b"\xff\xd8\xff", content_type="image/jpeg"),
        Rec(LOCAL.format("gone"), page(3), status=404),
        Rec("https://www.city-news.test/story", page(4, lang="en", paragraphs=ENGLISH)),
        Rec("https://www.zeitung.de/artikel", page(5)),
        Rec("https://www.other.test/en-tete", page(6), headers=[("Content-Language", "en-GB")]),
        Rec(LOCAL.format("c"), page(7)),
    ]


def crawl(mongo_uri: str, db: str, settings: dict[str, str] | None = None, **args: str):
    result = run_crawl(
        "warc",
        mongo_uri=mongo_uri,
        database=db,
        args=args,
        settings={"NEWSBOT_PROGRESS_INTERVAL": "0.2", **(settings or {})},
    )
    assert result.returncode == 0, result.log[-4000:]
    return result


def last_run(mongo_db) -> dict:
    return mongo_db.runs.find_one({"spider": "warc"}, sort=[("finished_at", -1)])


def stored_urls(mongo_db) -> set[str]:
    return {doc["url"] for doc in mongo_db.articles.find({}, {"url": 1})}


@pytest.mark.parametrize("processes", ["1", "2"])
def test_gzip_file_keeps_french_html_responses_and_counts_every_skip(
    processes, tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    warc = write_warc(tmp_path / "mixed.warc.gz", mixed_records())
    result = crawl(mongo_uri, mongo_db_name, {"NEWSBOT_WARC_PROCESSES": processes}, paths=str(warc))

    assert stored_urls(mongo_db) == {RFI.format(1, "a"), LOCAL.format("b"), LOCAL.format("c")}
    rfi = mongo_db.articles.find_one({"url": RFI.format(1, "a")})
    assert rfi["source"] == "rfi" and rfi["fetched_url"] == RFI.format(1, "a")
    assert rfi["crawled_at"].isoformat().startswith("2024-03-15T10:00:00")  # WARC-Date is the crawl time
    assert mongo_db.articles.find_one({"url": LOCAL.format("b")})["source"] == "journal-des-communes.test"
    run = last_run(mongo_db)
    stats = run["newsbot_stats"]
    assert {
        key.removeprefix("newsbot/warc/skipped/"): value
        for key, value in stats.items()
        if key.startswith("newsbot/warc/skipped/")
    } == {
        "warcinfo": 1,
        "request": 1,
        "revisit": 1,
        "metadata": 1,
        "not_html": 1,
        "not_200": 1,
        "not_french_lang": 1,
        "not_french_host": 1,
        "not_french_header": 1,
    }
    assert stats["newsbot/warc/records"] == 12 and stats["newsbot/warc/files/done"] == 1
    assert run["progress"]["records"] == 12 and run["progress"]["stored"] == 3
    assert run["progress"]["bytes_done"] == run["progress"]["bytes_total"] == warc.stat().st_size
    assert "Progress: 12 records, 3 articles stored" in result.log
    ledger = mongo_db.warc_files.find_one()
    assert ledger["state"] == "done" and ledger["records_done"] == 12 and ledger["path"] == str(warc)
    assert ledger["size"] == warc.stat().st_size and ledger["offset"] == warc.stat().st_size


def test_plain_file_then_a_rerun_stores_nothing(tmp_path, mongo_uri, mongo_db, mongo_db_name) -> None:
    plain = write_warc(
        tmp_path / "plain.warc", [Rec(LOCAL.format(k), page(10 + k)) for k in range(3)], gzip=False
    )
    gz = write_warc(tmp_path / "more.warc.gz", [Rec(LOCAL.format(10 + k), page(20 + k)) for k in range(2)])
    # Checkpoints every 2 records, extraction in 2 worker processes: the same 5 articles.
    workers = {"NEWSBOT_WARC_CHECKPOINT_RECORDS": "2", "NEWSBOT_WARC_PROCESSES": "2"}
    crawl(mongo_uri, mongo_db_name, workers, paths=str(tmp_path / "*.warc*"))
    assert len(stored_urls(mongo_db)) == 5
    assert {doc["records_done"] for doc in mongo_db.warc_files.find()} == {4, 3}
    first = {doc["url"]: doc["crawled_at"] for doc in mongo_db.articles.find()}

    crawl(mongo_uri, mongo_db_name, paths=f"{plain},{gz}")
    stats = last_run(mongo_db)["newsbot_stats"]
    assert stats["newsbot/warc/files/skipped/done"] == 2 and "newsbot/warc/records" not in stats
    assert stats.get("newsbot/stored/inserted", 0) == 0
    assert {doc["url"]: doc["crawled_at"] for doc in mongo_db.articles.find()} == first


def test_arc_files_are_read_as_warc(tmp_path, mongo_uri, mongo_db, mongo_db_name) -> None:
    arc = write_arc(
        tmp_path / "old-crawl.arc",
        [
            Rec(LOCAL.format("arc-a"), page(70)),
            Rec(LOCAL.format("arc-img"), b"GIF89a", content_type="image/gif"),
        ],
    )
    crawl(mongo_uri, mongo_db_name, paths=str(arc))
    assert stored_urls(mongo_db) == {LOCAL.format("arc-a")}
    doc = mongo_db.articles.find_one()
    assert doc["crawled_at"].isoformat().startswith("2024-03-15T10:00:00")  # the ARC date
    stats = last_run(mongo_db)["newsbot_stats"]
    assert stats["newsbot/warc/skipped/not_html"] == 1 and stats["newsbot/warc/skipped/warcinfo"] == 1


def test_truncated_file_keeps_the_records_before_and_goes_on(
    tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    full = write_warc(tmp_path / "full.warc.gz", [Rec(LOCAL.format(f"t{k}"), page(30 + k)) for k in range(4)])
    kinds = record_offsets(full)
    _, third_offset, third_length = kinds[3]  # warcinfo, t0, t1, t2, t3
    cut = tmp_path / "a-cut.warc.gz"
    cut.write_bytes(full.read_bytes()[: third_offset + third_length // 2])
    after = write_warc(tmp_path / "b-after.warc.gz", [Rec(LOCAL.format("after"), page(40))])
    result = crawl(mongo_uri, mongo_db_name, paths=f"{cut},{after}")

    assert stored_urls(mongo_db) == {LOCAL.format("t0"), LOCAL.format("t1"), LOCAL.format("after")}
    stats = last_run(mongo_db)["newsbot_stats"]
    assert stats["newsbot/warc/files/damaged"] == 1 and stats["newsbot/warc/files/done"] == 2
    assert f"WARC file {cut} is damaged after record 3" in result.log
    damaged = mongo_db.warc_files.find_one({"path": str(cut)})
    assert damaged["records_done"] == 3 and damaged["damage"]


def test_half_done_file_resumes_at_its_checkpoint(tmp_path, mongo_uri, mongo_db, mongo_db_name) -> None:
    warc = write_warc(tmp_path / "half.warc.gz", [Rec(LOCAL.format(f"h{k}"), page(50 + k)) for k in range(5)])
    offsets = record_offsets(warc)
    boundary = offsets[3][1]  # after warcinfo, h0 and h1: a worker died there, its lease expired
    digest = file_digest(warc.stat().st_size, warc.read_bytes()[: 64 * 1024])
    mongo_db.warc_files.insert_one(
        {"_id": digest, "path": str(warc), "state": "running", "owner": "dead", "offset": boundary,
         "records_done": 3, "stored": 2, "lease_until": datetime(2020, 1, 1, tzinfo=UTC)}
    )  # fmt: skip
    result = crawl(mongo_uri, mongo_db_name, paths=str(warc))
    assert stored_urls(mongo_db) == {LOCAL.format(f"h{k}") for k in (2, 3, 4)}
    assert "resumed at record 3" in result.log
    ledger = mongo_db.warc_files.find_one({"_id": digest})
    assert ledger["state"] == "done" and ledger["records_done"] == 6 and ledger["stored"] == 5


def test_streamed_url_with_host_filter_and_cc_news_name_filter(
    tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    served = tmp_path / "served"
    served.mkdir()
    write_warc(served / "CC-NEWS-20240315100000-00001.warc.gz", mixed_records())
    write_warc(served / "CC-NEWS-20231201100000-00002.warc.gz", [Rec(RFI.format(2, "old"), page(60))])
    with MirrorServer(served) as mirror:
        result = crawl(
            mongo_uri,
            mongo_db_name,
            paths=",".join(
                mirror.url(f"/CC-NEWS-{n}.warc.gz") for n in ("20240315100000-00001", "20231201100000-00002")
            ),
            outlets="rfi",
            since="2024-03-01",
        )
        assert mirror.hits == {"/CC-NEWS-20240315100000-00001.warc.gz": 1}
    assert stored_urls(mongo_db) == {RFI.format(1, "a")}
    stats = last_run(mongo_db)["newsbot_stats"]
    assert stats["newsbot/warc/files/skipped/out_of_window"] == 1
    assert stats["newsbot/warc/skipped/host"] == 5  # every 200 HTML response of another host
    assert "Progress:" in result.log


def test_a_file_that_cannot_be_opened_is_counted_and_the_run_goes_on(
    tmp_path, mongo_uri, mongo_db, mongo_db_name
) -> None:
    good = write_warc(tmp_path / "good.warc.gz", [Rec(LOCAL.format("ok"), page(80))])
    with MirrorServer(tmp_path) as mirror:
        result = crawl(mongo_uri, mongo_db_name, paths=f"{mirror.url('/missing.warc.gz')},{good}")
    assert stored_urls(mongo_db) == {LOCAL.format("ok")}
    assert last_run(mongo_db)["newsbot_stats"]["newsbot/warc/files/failed"] == 1
    assert "missing.warc.gz could not be opened: HTTP Error 404" in result.log


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"paths": "/nonexistent/*.warc.gz"}, "no WARC file at"),
        ({"paths": "x", "outlets": "nope"}, "unknown outlet"),
    ],
)
def test_bad_arguments_exit_2(tmp_path, args, message, mongo_uri, mongo_db_name) -> None:
    if args["paths"] == "x":
        args = {**args, "paths": str(write_warc(tmp_path / "x.warc.gz", []))}
    result = run_crawl("warc", mongo_uri=mongo_uri, database=mongo_db_name, args=args)
    assert result.returncode == 2 and message in result.log and "Traceback" not in result.log
