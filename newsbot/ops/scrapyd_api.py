"""A small client for the scrapyd JSON API (standard library only): schedule jobs and follow them."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class ScrapydError(RuntimeError):
    """scrapyd is unreachable or answered an error; the message says which call and why."""


@dataclass(frozen=True)
class ScrapydClient:
    """One scrapyd server. A trailing slash is removed from ``url``; credentials in it
    (``http://user:secret@host:6800``) move to ``username``/``password``, so messages never show them."""

    url: str
    username: str = ""
    password: str = ""
    timeout: float = 30.0

    def __post_init__(self) -> None:
        parts = urllib.parse.urlsplit(self.url.rstrip("/"))
        if parts.username is not None:
            host = parts.hostname or ""
            netloc = f"{host}:{parts.port}" if parts.port else host
            object.__setattr__(self, "username", urllib.parse.unquote(parts.username))
            object.__setattr__(self, "password", urllib.parse.unquote(parts.password or ""))
            parts = parts._replace(netloc=netloc)
        object.__setattr__(self, "url", urllib.parse.urlunsplit(parts))

    def call(
        self,
        endpoint: str,
        *,
        query: Mapping[str, str] | None = None,
        form: list[tuple[str, str]] | None = None,
    ) -> dict[str, Any]:
        """GET (``query``) or POST (``form``) ``endpoint``; the decoded answer when its status is ``ok``."""
        address = f"{self.url}/{endpoint}"
        if query:
            address += "?" + urllib.parse.urlencode(query)
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(address, data=data)
        if self.username:
            token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            raise ScrapydError(f"scrapyd {endpoint} at {self.url}: HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise ScrapydError(f"scrapyd at {self.url} unreachable for {endpoint}: {exc}") from exc
        if answer.get("status") != "ok":
            raise ScrapydError(f"scrapyd {endpoint}: {answer.get('message', answer)}")
        return answer

    def list_spiders(self, project: str) -> list[str]:
        return list(self.call("listspiders.json", query={"project": project})["spiders"])

    def schedule(
        self,
        project: str,
        spider: str,
        *,
        args: Mapping[str, str] | None = None,
        settings: Mapping[str, Any] | None = None,
    ) -> str:
        """Queue one job; returns its job id. ``args`` are spider arguments, ``settings`` Scrapy settings."""
        form = [("project", project), ("spider", spider)]
        form += [("setting", f"{name}={value}") for name, value in (settings or {}).items()]
        form += [(name, str(value)) for name, value in (args or {}).items()]
        return str(self.call("schedule.json", form=form)["jobid"])

    def list_jobs(self, project: str) -> dict[str, list[dict[str, Any]]]:
        answer = self.call("listjobs.json", query={"project": project})
        return {state: answer.get(state, []) for state in ("pending", "running", "finished")}
