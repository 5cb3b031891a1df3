"""The runnable ``bash`` blocks of a Markdown document, read at test time (never copied into tests).

A block preceded by ``<!-- walkthrough: skip — <reason> -->`` is listed with its reason instead of
being run (it needs the internet or takes many minutes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FENCE = re.compile(r"(?P<before>(?:^[^\n]*\n)?)^```bash\n(?P<code>(?:(?!^```).*\n)*?)^```", re.MULTILINE)
_SKIP = re.compile(r"<!--\s*walkthrough:\s*skip\s*[—-]\s*(?P<reason>.+?)\s*-->")


@dataclass(frozen=True)
class Block:
    """One ``bash`` block: its code, its line in the document, and why it is skipped (if it is)."""

    code: str
    line: int
    skip_reason: str | None = None


def bash_blocks(path: Path) -> list[Block]:
    """Every ```` ```bash ```` block of ``path``, in order."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for match in _FENCE.finditer(text):
        skip = _SKIP.search(match.group("before") or "")
        line = text.count("\n", 0, match.start("code"))
        blocks.append(Block(match.group("code"), line, skip.group("reason") if skip else None))
    return blocks
