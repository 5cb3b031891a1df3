"""docs/aggregators.md: every ```bash block runs as written from the repository root, offline.

A block preceded by ``<!-- walkthrough: skip — <reason> -->`` is not run (it needs the internet).
"""

from __future__ import annotations

import pytest

from tests.support.docblocks import REPO, Block, read_blocks, run_block

pytestmark = pytest.mark.integration

DOC = REPO / "docs" / "aggregators.md"
BLOCKS = read_blocks(DOC, ("bash",))


def test_the_doc_has_runnable_blocks_and_marks_the_others() -> None:
    assert [block.skip is not None for block in BLOCKS] == [False, False, True]


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.skip is None], ids=lambda block: block.name)
def test_block_runs_as_written(block: Block) -> None:
    result = run_block(block.code, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{block.name}\n{output[-3000:]}"
    assert "Traceback" not in output
    assert "| **all** |" in result.stdout  # the benchmark printed its figures
