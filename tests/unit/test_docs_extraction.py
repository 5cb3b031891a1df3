"""docs/extraction.md's commands run as written, from the repository root (blocks read from the doc).

Benchmark blocks read ``../shared/corpus``: they are skipped where it is absent, as the corpus tests are.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.corpus import corpus_dir
from tests.support.walkthrough import bash_blocks

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "extraction.md"
BLOCKS = bash_blocks(DOC)


def test_the_doc_has_runnable_blocks() -> None:
    assert [block for block in BLOCKS if block.skip_reason is None]


@pytest.mark.parametrize("block", BLOCKS, ids=[f"line-{block.line}" for block in BLOCKS])
def test_doc_block_runs(block) -> None:
    if block.skip_reason:
        pytest.skip(block.skip_reason)
    if "bench" in block.code and corpus_dir() is None:
        pytest.skip("../shared/corpus is not available on this machine")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", block.code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, (
        f"{block.code}\n--- stdout\n{done.stdout[-2000:]}\n--- stderr\n{done.stderr[-2000:]}"
    )
