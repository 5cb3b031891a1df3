"""The ```bash and ```python blocks of a Markdown file, as written, with their skip markers.

A block is skipped when the line right above its fence is ``<!-- walkthrough: skip — <reason> -->``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

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
