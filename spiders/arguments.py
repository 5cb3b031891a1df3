"""Parsing of spider arguments given with ``-a name=value``."""

from __future__ import annotations

from urllib.parse import urlsplit


def split_urls(value: str | list[str] | tuple[str, ...] | None) -> list[str]:
    """``"u1, u2"`` (or a list) -> ``["u1", "u2"]``; every entry must be an absolute http(s) URL."""
    if not value:
        return []
    parts = value if isinstance(value, list | tuple) else str(value).replace("\n", ",").split(",")
    urls = [part.strip() for part in parts if part and part.strip()]
    for url in urls:
        parts_of_url = urlsplit(url)
        if parts_of_url.scheme not in {"http", "https"} or not parts_of_url.hostname:
            raise ValueError(f"not an absolute http(s) URL: {url!r}")
    return urls


def hosts_of(urls: list[str]) -> set[str]:
    """The host names (no port) of ``urls``, for ``allowed_domains``."""
    return {host for host in (urlsplit(url).hostname for url in urls) if host}


def positive_int(value: str | int | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    number = int(value)
    if number <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return number
