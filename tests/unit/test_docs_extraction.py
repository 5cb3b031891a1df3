"""docs/extraction.md's commands run as written, from the repository root (blocks read from the doc).

Benchmark blocks read ``../shared/corpus``: they are skipped where it is absent, as the corpus tests are.
"""

from __future__ import annotations

import pytest

from tests.support.corpus import corpus_dir
from tests.support.docblocks import REPO, Block, failure, read_blocks, run_block

DOC = REPO / "docs" / "extraction.md"
BLOCKS = read_blocks(DOC, ("bash",))


def test_the_doc_has_runnable_blocks() -> None:
    assert [block for block in BLOCKS if block.skip is None]


@pytest.mark.parametrize("block", BLOCKS, ids=[f"line-{block.line}" for block in BLOCKS])
def test_doc_block_runs(block: Block) -> None:
    if block.skip:
        pytest.skip(block.skip)
    if "bench" in block.code and corpus_dir() is None:
        pytest.skip("../shared/corpus is not available on this machine")
    done = run_block(block.code, timeout=600)
    assert done.returncode == 0, failure(block.name, block.code, done)
