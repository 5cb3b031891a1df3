"""Every runnable ```bash block of docs/backfill.md runs as written, from the repository root."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.support.crawl import REPO_ROOT

DOC = REPO_ROOT / "docs" / "backfill.md"
SKIP = "<!-- walkthrough: skip"
BLOCK = re.compile(r"(?P<before>[^\n]*)\n```bash\n(?P<code>.*?)\n```", re.DOTALL)

pytestmark = pytest.mark.integration


def blocks() -> list[tuple[bool, str]]:
    """(runnable, code) of every bash block, in order; a skip marker on the line above makes it not runnable."""
    return [
        (not m.group("before").startswith(SKIP), m.group("code")) for m in BLOCK.finditer(DOC.read_text())
    ]


def test_the_doc_has_runnable_and_skipped_blocks() -> None:
    found = blocks()
    assert sum(runnable for runnable, _ in found) >= 2 and sum(not runnable for runnable, _ in found) >= 2


@pytest.mark.parametrize("number", range(len(blocks())))
def test_block_runs_as_written(number: int, mongo_uri: str, mongo_db_name: str, mongo_db) -> None:
    runnable, code = blocks()[number]
    if not runnable:
        pytest.skip("marked: needs the internet")
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": mongo_db_name}
    completed = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-3000:]
    if "paths=.newsbot/sample.warc.gz" in code:
        runs = list(mongo_db.runs.find({"spider": "warc"}).sort("finished_at", 1))
        assert len(runs) == 2
        assert (
            runs[0]["stored"]["inserted"] > 0
            and runs[1]["newsbot_stats"]["newsbot/warc/files/skipped/done"] == 1
        )
