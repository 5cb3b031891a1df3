"""The one way tests run a command of this checkout in a child process (``python -m newsbot`` or any
``python`` invocation): the test's interpreter, text output captured, a timeout, never ``check``."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_python(
    args: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` with this venv's interpreter, from ``cwd``, in ``env`` (default: the test's)."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_newsbot(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: Path = REPO,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """``newsbot ARGS`` as a user types it, through ``python -m newsbot`` so no entry point is needed."""
    return run_python(["-m", "newsbot", *args], env=env, cwd=cwd, timeout=timeout)
