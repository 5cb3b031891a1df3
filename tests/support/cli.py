"""The one way tests run a command of this checkout in a child process (``python -m newsbot``, any
``python`` invocation, a docs block's ``bash``): text output captured, a timeout, never ``check``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TypedDict, Unpack

REPO = Path(__file__).resolve().parents[2]


def run(
    argv: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``argv`` from ``cwd`` (default: the repository root), in ``env`` (default: the test's environment)."""
    return subprocess.run(
        list(argv),
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class Options(TypedDict, total=False):
    """What ``run`` takes besides the command, passed on unchanged by the narrower runners."""

    env: Mapping[str, str] | None
    cwd: Path
    timeout: float


def run_python(args: Sequence[str], **options: Unpack[Options]) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` with this venv's interpreter."""
    return run([sys.executable, *args], **options)


def run_newsbot(*args: str, **options: Unpack[Options]) -> subprocess.CompletedProcess[str]:
    """``newsbot ARGS`` as a user types it, through ``python -m newsbot`` so no entry point is needed."""
    return run_python(["-m", "newsbot", *args], **options)
