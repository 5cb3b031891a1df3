"""The ```bash and ```python blocks of a Markdown file, as written, with their skip markers, and the one
way every docs test runs a bash block as written.

A block is skipped when the line right above its fence is ``<!-- walkthrough: skip — <reason> -->``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.support.cli import REPO, run

VENV_BIN = Path(sys.executable).parent

SKIP = re.compile(r"^<!--\s*walkthrough:\s*skip\s*[—–-]+\s*(?P<reason>.+?)\s*-->$")
FENCE = re.compile(r"^```(?P<language>[\w+-]*)\s*$")


@dataclass(frozen=True)
class Block:
    path: Path
    line: int
    """1-based line of the opening fence."""
    language: str
    code: str
    skip: str | None
    """The reason given by a skip marker, else ``None``."""

    @property
    def name(self) -> str:
        return f"{self.path.name}:{self.line}"


def read_blocks(path: Path, languages: tuple[str, ...] = ("bash", "python")) -> list[Block]:
    """Every fenced block of ``path`` in one of ``languages``, in document order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not lines[end].startswith("```"):
            end += 1
        if opening.group("language") in languages:
            marker = SKIP.match(lines[index - 1].strip()) if index else None
            blocks.append(
                Block(
                    path=path,
                    line=index + 1,
                    language=opening.group("language"),
                    code="\n".join(lines[index + 1 : end]) + "\n",
                    skip=marker.group("reason") if marker else None,
                )
            )
        index = end + 1
    return blocks


def run_block(
    code: str, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``code`` as a reader types it: ``bash -euo pipefail`` from the repository root, the venv's bin first on
    PATH (so ``newsbot`` and ``scrapy`` are this checkout's), in ``env`` (default: the test's environment)."""
    environment = dict(os.environ if env is None else env)
    environment["PATH"] = f"{VENV_BIN}{os.pathsep}{environment.get('PATH', '')}"
    return run(["bash", "-euo", "pipefail", "-c", code], env=environment, cwd=REPO, timeout=timeout)


def failure(name: str, code: str, result: subprocess.CompletedProcess[str]) -> str:
    """The assertion message of a block that failed: where, what, and the end of both outputs."""
    return (
        f"{name} exited {result.returncode}\n--- code\n{code}--- stdout\n{result.stdout[-3000:]}"
        f"\n--- stderr\n{result.stderr[-3000:]}"
    )
