"""``docs/failures.md`` as written: its bash blocks run from the repository root, and its table of
drop reasons is the one in ``newsbot.drops``."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from newsbot.crawl.drops import DROP_REASONS
from tests.support.crawl import REPO_ROOT

pytestmark = pytest.mark.integration

DOC = REPO_ROOT / "docs" / "failures.md"
SKIP = "<!-- walkthrough: skip"


def bash_blocks(text: str) -> list[str]:
    """The doc's ```bash blocks, except those marked ``<!-- walkthrough: skip — reason -->``."""
    blocks: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.strip() != "```bash" or (number and lines[number - 1].startswith(SKIP)):
            continue
        end = lines.index("```", number + 1)
        blocks.append("\n".join(lines[number + 1 : end]) + "\n")
    return blocks


def test_the_doc_has_runnable_blocks() -> None:
    assert len(bash_blocks(DOC.read_text(encoding="utf-8"))) >= 2


@pytest.mark.parametrize("number", range(len(bash_blocks(DOC.read_text(encoding="utf-8")))))
def test_bash_block_runs_as_written(number: int, tmp_path: Path) -> None:
    code = bash_blocks(DOC.read_text(encoding="utf-8"))[number]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MONGO_", "SCRAPY_", "NEWSBOT_"))}
    env["NEWSBOT_DATA_DIR"] = str(tmp_path / "data")
    result = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    assert output.count("exit code 2") == code.count('echo "exit code $?"'), output[-3000:]


def test_the_table_of_drop_reasons_is_the_code_s() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Drop reasons", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"(?m)^\| `([a-z_]+)` \|", section))
    assert documented == DROP_REASONS
