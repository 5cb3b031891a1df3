"""Typed reads of environment overrides for Scrapy settings."""

from __future__ import annotations

import os
from pathlib import Path

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_str(name: str, default: str) -> str:
    """The variable's value, or ``default`` when unset or empty."""
    return os.environ.get(name) or default


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"environment variable {name} must be an integer, got {raw!r}") from exc


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ValueError(f"environment variable {name} must be a number, got {raw!r}") from exc


def env_bool(name: str, default: bool) -> bool:
    raw = (os.environ.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"environment variable {name} must be a boolean (1/0, true/false), got {raw!r}")


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
