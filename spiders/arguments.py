"""Parsing of spider arguments given with ``-a name=value``.

A bad value raises :class:`SpiderArgumentError` naming the argument and what is expected; the crawl
commands report it in one line and exit 2 (a usage error), before anything is fetched.
"""

from __future__ import annotations

from urllib.parse import urlsplit


class SpiderArgumentError(ValueError):
    """A ``-a name=value`` the spider cannot use; the message names the argument."""


def split_urls(value: str | list[str] | tuple[str, ...] | None, name: str = "urls") -> list[str]:
    """``"u1, u2"`` (or a list) -> ``["u1", "u2"]``; every entry must be an absolute http(s) URL."""
    if not value:
        return []
    parts = value if isinstance(value, list | tuple) else str(value).replace("\n", ",").split(",")
    urls = [part.strip() for part in parts if part and part.strip()]
    for url in urls:
        try:
            parts_of_url = urlsplit(url)
            valid = parts_of_url.scheme in {"http", "https"} and bool(parts_of_url.hostname)
            parts_of_url.port  # noqa: B018 - raises ValueError on a port out of range
        except ValueError:
            valid = False
        if not valid:
            raise SpiderArgumentError(
                f"-a {name}: expected absolute http(s) URLs separated by commas, got {url!r}"
            )
    return urls


def hosts_of(urls: list[str]) -> set[str]:
    """The host names (no port) of ``urls``, for ``allowed_domains``."""
    return {host for host in (urlsplit(url).hostname for url in urls) if host}


def positive_int(value: str | int | None, name: str) -> int | None:
    """``None`` when not given, else a whole number of at least 1."""
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number <= 0:
        raise SpiderArgumentError(f"-a {name}: expected a positive integer, got {value!r}")
    return number
