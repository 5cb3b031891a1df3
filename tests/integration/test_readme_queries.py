"""The analyst queries of docs/analysts.md, run exactly as written (pymongo and mongosh) on a known database."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from bson import json_util

from tests.support.analytics_data import Dataset, populate

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"```(python|js)\n((?:#|//) query: (\w+)\n.*?)```", re.S)


def readme_queries() -> dict[tuple[str, str], str]:
    """``{(language, name): code}`` for every ``query:`` block of docs/analysts.md."""
    text = (REPO / "docs" / "analysts.md").read_text(encoding="utf-8")
    return {(language, name): code for language, code, name in BLOCK.findall(text)}


QUERIES = readme_queries()
NAMES = sorted({name for _, name in QUERIES})


@pytest.fixture
def dataset(mongo_db) -> Dataset:
    return populate(mongo_db)


def expected(name: str, data: Dataset) -> Any:
    """What each query must return, computed in Python from the inserted documents."""
    docs = data.documents
    day = timedelta(hours=24)
    if name == "last_24h_by_outlet":
        counts: dict[str, int] = {}
        for d in docs:
            if d["published_at"] >= data.now - day:
                counts[d["source"]] = counts.get(d["source"], 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if name == "stories_3_outlets":
        outlets: dict[str, set[str]] = {}
        for d in docs:
            outlets.setdefault(d["story_id"], set()).add(d["source"])
        return sorted(story for story, sources in outlets.items() if len(sources) >= 3)
    if name == "full_text":
        return sorted(d["url"] for d in docs if "grève des contrôleurs" in d["body"].lower())
    if name == "by_tag":
        return [
            d["url"]
            for d in sorted(docs, key=lambda d: d["published_at"], reverse=True)
            if "Sénégal" in d["tags"]
        ]
    if name == "topic_over_time":
        days: dict[str, int] = {}
        for d in docs:
            if "grève" in d["body"].lower():
                key = d["published_at"].astimezone(UTC).strftime("%Y-%m-%d")
                days[key] = days.get(key, 0) + 1
        return sorted(days.items())
    raise AssertionError(f"no expectation for README query {name!r}")


def observed(name: str, result: list[dict[str, Any]]) -> Any:
    """The comparable part of a query's result (works on pymongo and on mongosh's relaxed EJSON)."""
    if name == "last_24h_by_outlet":
        return [(row["_id"], row["articles"]) for row in result]
    if name == "stories_3_outlets":
        return sorted(row["_id"] for row in result)
    if name == "full_text":
        return sorted(row["url"] for row in result)
    if name == "by_tag":
        return [row["url"] for row in result]
    if name == "topic_over_time":
        return [(_day(row["_id"]), row["articles"]) for row in result]
    raise AssertionError(name)


def _day(value: Any) -> str:
    if isinstance(value, dict):  # relaxed EJSON date
        value = datetime.fromisoformat(value["$date"].replace("Z", "+00:00"))
    return value.astimezone(UTC).strftime("%Y-%m-%d")


def test_every_readme_query_has_both_forms() -> None:
    assert NAMES == ["by_tag", "full_text", "last_24h_by_outlet", "stories_3_outlets", "topic_over_time"]
    for name in NAMES:
        assert ("python", name) in QUERIES and ("js", name) in QUERIES, name


@pytest.mark.parametrize("name", NAMES)
def test_pymongo_query(name: str, dataset: Dataset, mongo_db) -> None:
    namespace: dict[str, Any] = {"db": mongo_db, "datetime": datetime, "UTC": UTC, "timedelta": timedelta}
    exec(compile(QUERIES[("python", name)], f"README:{name}", "exec"), namespace)  # the README's own code
    assert observed(name, namespace["result"]) == expected(name, dataset)


def mongosh_binary() -> str | None:
    local = REPO / "tools" / "mongosh" / "node_modules" / ".bin" / "mongosh"
    return str(local) if local.exists() else shutil.which("mongosh")


@pytest.mark.parametrize("name", NAMES)
def test_mongosh_query(name: str, dataset: Dataset, mongo_uri: str, mongo_db_name: str) -> None:
    binary = mongosh_binary()
    if binary is None:
        if os.environ.get("NEWSBOT_REQUIRE_SERVICES"):
            pytest.fail("mongosh is missing: .ci/run installs it with npm ci --prefix tools/mongosh")
        pytest.skip("mongosh not installed (npm ci --prefix tools/mongosh)")
    uri = (
        mongo_uri.replace("/?", f"/{mongo_db_name}?", 1)
        if "/?" in mongo_uri
        else f"{mongo_uri}/{mongo_db_name}"
    )
    code = QUERIES[("js", name)]
    script = f"print(EJSON.stringify(({code.strip()}), {{ relaxed: true }}))"
    completed = subprocess.run(
        [binary, uri, "--quiet", "--norc", "--eval", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "MONGOSH_NO_TELEMETRY": "1", "DO_NOT_TRACK": "1"},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert observed(name, result) == expected(name, dataset)


def test_python_results_are_json_serialisable(dataset: Dataset, mongo_db) -> None:
    """The stories view rows serialise (analysts export them)."""
    rows = list(mongo_db.stories.find())
    assert json.loads(json_util.dumps(rows))
    story = next(row for row in rows if row["_id"] == "story-strike")
    assert story["outlet_count"] == 4 and story["article_count"] == 4
    assert story["representative"]["source"] == "franceinfo", "the earliest published full article"
    assert story["first_published_at"] == min(
        d["published_at"] for d in dataset.documents if d["story_id"] == "story-strike"
    )
