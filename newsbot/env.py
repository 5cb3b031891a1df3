"""Typed reads of environment overrides for Scrapy settings.

``newsbot.settings`` reads these when it is imported, inside Scrapy's own start-up, before any newsbot
command could catch an exception: a malformed value therefore prints one line naming the variable and
what it expects, and exits 2 (a usage error) instead of a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    """The variable's value, or ``default`` when unset or empty."""
    return os.environ.get(name) or default


class EnvironmentSettingError(SystemExit):
    """A malformed environment variable (``str(error)`` is the message; the exit code is 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(2)
        self.message = message

    def __str__(self) -> str:
        return self.message


def _invalid(name: str, expected: str, raw: str) -> NoReturn:
    error = EnvironmentSettingError(f"error: environment variable {name}: expected {expected}, got {raw!r}")
    print(error, file=sys.stderr)
    raise error


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        _invalid(name, "an integer", raw)


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        _invalid(name, "a number", raw)


def env_bool(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    _invalid(name, "a boolean (1/0, true/false, yes/no, on/off)", raw)


def project_root(start: Path | str | None = None) -> Path:
    """The newsbot checkout: ``$NEWSBOT_HOME``, else the nearest folder holding ``scrapy.cfg`` from
    ``start`` (the current directory) upward, else the current directory (a scrapyd job's).

    Relative paths such as ``NEWSBOT_DATA_DIR=.newsbot`` are taken from here, so ``newsbot db status``
    run in a sub-folder finds the server a crawl at the top started.
    """
    home = os.environ.get("NEWSBOT_HOME")
    if home:
        return Path(home).expanduser().resolve()
    here = Path(start or os.getcwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "scrapy.cfg").is_file():
            return folder
    return here


def project_path(value: str | Path, start: Path | str | None = None) -> Path:
    """``value`` as an absolute path, relative ones taken from :func:`project_root`."""
    path = Path(value).expanduser()
    return path if path.is_absolute() else project_root(start) / path
