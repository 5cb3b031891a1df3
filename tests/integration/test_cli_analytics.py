"""The ``newsbot stats``, ``export`` and ``stories`` commands on a known database."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.support.analytics_data import Dataset, populate
from tests.support.cli import run_newsbot

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def dataset(mongo_db) -> Dataset:
    return populate(mongo_db)


def newsbot(*args: str, mongo_uri: str, database: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database}
    return run_newsbot(*args, env=env, timeout=120)


def test_export_jsonl_with_date_range_and_outlets(dataset, mongo_uri, mongo_db_name, tmp_path) -> None:
    since = (dataset.now - timedelta(hours=40)).isoformat()
    until = (dataset.now - timedelta(hours=1, minutes=30)).isoformat()
    out = tmp_path / "export.jsonl"
    done = newsbot(
        "export",
        "--since",
        since,
        "--until",
        until,
        "--source",
        "lefigaro",
        "--source",
        "lemonde",
        "-o",
        str(out),
        mongo_uri=mongo_uri,
        database=mongo_db_name,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = sorted(
        d["url"]
        for d in dataset.documents
        if d["source"] in {"lefigaro", "lemonde"}
        and dataset.now - timedelta(hours=40)
        <= d["published_at"]
        < dataset.now - timedelta(hours=1, minutes=30)
    )
    assert sorted(row["url"] for row in rows) == expected and len(expected) == 4
    published = [row["published_at"] for row in rows]
    assert published == sorted(published), "streamed in publication order"
    assert f"exported {len(expected)}/{len(expected)}" in done.stderr, "progress shown"


def test_export_csv_to_stdout_without_body(dataset, mongo_uri, mongo_db_name) -> None:
    done = newsbot(
        "export", "--format", "csv", "--no-body", "--quiet", mongo_uri=mongo_uri, database=mongo_db_name
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == len(dataset.documents)
    assert all(row["body"] == "" for row in rows)
    senegal = next(row for row in rows if row["title"] == "Présidentielle au Sénégal")
    assert senegal["tags"] == "Sénégal | Afrique"
    assert done.stderr == ""


def test_stats_lists_outlets_per_day_and_runs(dataset, mongo_uri, mongo_db_name, mongo_db) -> None:
    mongo_db.runs.insert_one(
        {
            "spider": "rfi",
            "finished_at": dataset.now,
            "finish_reason": "finished",
            "stored": {"inserted": 4},
            "dropped_total": 1,
        }
    )
    done = newsbot("stats", "--days", "2", mongo_uri=mongo_uri, database=mongo_db_name)
    assert done.returncode == 0, done.stderr
    assert f"{len(dataset.documents)} articles" in done.stdout
    latest_rfi = max(d["published_at"] for d in dataset.documents if d["source"] == "rfi")
    day = latest_rfi.astimezone(PARIS).strftime("%Y-%m-%d")  # Paris days, whatever hour the test runs
    assert any(line.split()[:2] == [day, "rfi"] for line in done.stdout.splitlines())
    assert "(days in Europe/Paris)" in done.stdout
    runs = done.stdout.split("last 10 runs (times in Europe/Paris):")[1]
    assert "rfi" in runs and "inserted 4" in runs


def test_stats_counts_paris_days_and_shows_each_runs_health(mongo_uri, mongo_db_name, mongo_db) -> None:
    march_14 = datetime(2024, 3, 14, tzinfo=PARIS)  # a date-only article: Paris midnight, 23:00 UTC the 13th
    mongo_db.articles.insert_many(
        [
            {"url": "https://www.rfi.fr/fr/a", "source": "rfi", "published_at": march_14.astimezone(UTC)},
            {
                "url": "https://www.rfi.fr/fr/b",
                "source": "rfi",
                "published_at": datetime(2024, 3, 14, 23, 30, tzinfo=UTC),
            },
        ]
    )
    failed = {"status": "failed", "failed": ["feeds_read"], "checks": []}
    mongo_db.runs.insert_many(
        [
            {
                "spider": "rfi",
                "finished_at": datetime(2024, 3, 14, 9, tzinfo=UTC),
                "finish_reason": "finished",
                "health": failed,
            },
            {
                "spider": "lemonde",
                "finished_at": datetime(2024, 3, 14, 8, tzinfo=UTC),
                "finish_reason": "finished",
                "health": {"status": "ok", "failed": [], "checks": []},
            },
        ]
    )
    days = str((datetime.now(UTC) - datetime(2024, 3, 1, tzinfo=UTC)).days + 1)
    done = newsbot("stats", "--days", days, mongo_uri=mongo_uri, database=mongo_db_name)
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.strip().startswith("2024-03")]
    assert ["2024-03-14", "rfi", "1"] in rows and ["2024-03-15", "rfi", "1"] in rows
    assert not any(row[0] == "2024-03-13" for row in rows)
    runs = [
        line.split() for line in done.stdout.split("runs (times in Europe/Paris):")[1].splitlines() if line
    ]
    assert runs[0][:5] == ["2024-03-14", "10:00", "rfi", "FAILED", "(feeds_read)"], runs
    assert runs[1][:4] == ["2024-03-14", "09:00", "lemonde", "ok"], runs


def test_stories_shows_the_largest_clusters(dataset, mongo_uri, mongo_db_name) -> None:
    done = newsbot(
        "stories", "--days", "4", "--min-outlets", "3", mongo_uri=mongo_uri, database=mongo_db_name
    )
    assert done.returncode == 0, done.stderr
    blocks = [line for line in done.stdout.splitlines() if "outlets," in line]
    assert len(blocks) == 2
    assert blocks[0].startswith("4 outlets, 4 articles") and blocks[1].startswith("3 outlets, 3 articles")


def test_mongo_down_is_a_clear_error(tmp_path) -> None:
    done = newsbot(
        "stats", mongo_uri="mongodb://u:secret@127.0.0.1:9/?serverSelectionTimeoutMS=300", database="x"
    )
    assert done.returncode == 2
    assert "unreachable" in done.stderr and "secret" not in done.stderr and "Traceback" not in done.stderr
