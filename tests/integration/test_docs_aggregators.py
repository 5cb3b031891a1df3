"""docs/aggregators.md: every ```bash block runs as written from the repository root, offline.

A block preceded by ``<!-- walkthrough: skip — <reason> -->`` is not run (it needs the internet).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "aggregators.md"
SKIP = re.compile(r"^<!--\s*walkthrough:\s*skip\s*[—–-]+\s*.+-->$")


def bash_blocks(text: str) -> list[tuple[int, str, bool]]:
    """(line of the fence, code, skipped) for every ```bash block."""
    lines = text.splitlines()
    blocks = []
    index = 0
    while index < len(lines):
        if lines[index].strip() != "```bash":
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        skipped = index > 0 and SKIP.match(lines[index - 1].strip()) is not None
        blocks.append((index + 1, "\n".join(lines[index + 1 : end]) + "\n", skipped))
        index = end + 1
    return blocks


BLOCKS = bash_blocks(DOC.read_text(encoding="utf-8"))


def test_the_doc_has_runnable_blocks_and_marks_the_others() -> None:
    assert [skipped for _line, _code, skipped in BLOCKS] == [False, False, True]


@pytest.mark.parametrize(("line", "code"), [(line, code) for line, code, skipped in BLOCKS if not skipped])
def test_block_runs_as_written(line: int, code: str) -> None:
    result = subprocess.run(
        ["bash", "-e", "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300, check=False
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"docs/aggregators.md:{line}\n{output[-3000:]}"
    assert "Traceback" not in output
    assert "| **all** |" in result.stdout  # the benchmark printed its figures
