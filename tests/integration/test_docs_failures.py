"""``docs/failures.md`` as written: its bash blocks run from the repository root, and its table of
drop reasons is the one in ``newsbot.drops``."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from newsbot.crawl.drops import DROP_REASONS
from tests.support.docblocks import REPO, Block, read_blocks, run_block

pytestmark = pytest.mark.integration

DOC = REPO / "docs" / "failures.md"
RUNNABLE = [block for block in read_blocks(DOC, ("bash",)) if block.skip is None]


def test_the_doc_has_runnable_blocks() -> None:
    assert len(RUNNABLE) >= 2


@pytest.mark.parametrize("block", RUNNABLE, ids=lambda block: block.name)
def test_bash_block_runs_as_written(block: Block, tmp_path: Path) -> None:
    code = block.code
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MONGO_", "SCRAPY_", "NEWSBOT_"))}
    env["NEWSBOT_DATA_DIR"] = str(tmp_path / "data")
    result = run_block(code, env, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert output.count("exit code 2") == code.count('echo "exit code $?"'), output[-3000:]


def test_the_table_of_drop_reasons_is_the_code_s() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Drop reasons", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"(?m)^\| `([a-z_]+)` \|", section))
    assert documented == DROP_REASONS
