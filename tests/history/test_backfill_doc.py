"""Every runnable ```bash block of docs/backfill.md runs as written, from the repository root."""

from __future__ import annotations

import os

import pytest

from tests.support.docblocks import REPO, read_blocks, run_block

DOC = REPO / "docs" / "backfill.md"
BLOCKS = read_blocks(DOC, ("bash",))

pytestmark = pytest.mark.integration


def test_the_doc_has_runnable_and_skipped_blocks() -> None:
    runnable = [block.skip is None for block in BLOCKS]
    assert sum(runnable) >= 2 and runnable.count(False) >= 2


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_block_runs_as_written(number: int, mongo_uri: str, mongo_db_name: str, mongo_db) -> None:
    block = BLOCKS[number]
    if block.skip is not None:
        pytest.skip(block.skip)
    code = block.code
    completed = run_block(code, {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": mongo_db_name})
    assert completed.returncode == 0, completed.stdout[-2000:] + completed.stderr[-3000:]
    if "paths=.newsbot/sample.warc.gz" in code:
        runs = list(mongo_db.runs.find({"spider": "warc"}).sort("finished_at", 1))
        assert len(runs) == 2
        assert (
            runs[0]["stored"]["inserted"] > 0
            and runs[1]["newsbot_stats"]["newsbot/warc/files/skipped/done"] == 1
        )
