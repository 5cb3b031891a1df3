"""``newsbot mirror``: saved pages served the way a crawl expects ({{BASE}}, extension-less URLs, content types)."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from newsbot.ops.commands.mirror import MirrorServer, content_type
from newsbot.storage.embedded import free_port, port_open
from tests.support.cli import run_newsbot

REPO = Path(__file__).resolve().parents[2]
RFI = REPO / "tests" / "fixtures" / "sites" / "rfi"
ARTICLE = "/fr/france/20240313-greve-a-la-sncf-le-trafic-fortement-perturbe-jeudi"


def fetch(url: str, method: str = "GET") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def test_feed_and_pages_are_served_with_the_mirror_address() -> None:
    with MirrorServer(RFI) as mirror:
        status, kind, body = fetch(mirror.url("/fr/rss"))
        assert status == 200 and kind.startswith("application/xml")
        assert b"{{BASE}}" not in body and f"{mirror.base_url}/fr/".encode() in body
        status, kind, body = fetch(mirror.url(ARTICLE))
        assert status == 200 and kind.startswith("text/html") and b"{{BASE}}" not in body
        assert fetch(mirror.url("/robots.txt"))[1].startswith("text/plain")
        status, _, body = fetch(mirror.url(ARTICLE), method="HEAD")
        assert status == 200 and body == b""
        assert fetch(mirror.url("/nothing/here"))[0] == 404
        assert fetch(mirror.url("/../../setup.py"))[0] == 404, "never a file outside the folder"
        assert mirror.fetched("/fr/") == 3


def test_content_type_of_a_file_without_suffix_comes_from_its_start() -> None:
    assert content_type(Path("rss"), b"  <?xml version='1.0'?><rss/>").startswith("application/xml")
    assert content_type(Path("page"), b"<!DOCTYPE html><html>").startswith("text/html")
    assert content_type(Path("blob"), b"\x00\x01") == "application/octet-stream"


def test_detached_mirror_listens_when_the_command_returns_and_stops(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSBOT_DATA_DIR": str(tmp_path / "data")}
    port = free_port()
    started = run_newsbot("mirror", str(RFI), "--port", str(port), "--detach", env=env)
    try:
        assert started.returncode == 0, started.stderr
        assert port_open("127.0.0.1", port), "listening before the command returned: no race"
        status, _, body = fetch(f"http://127.0.0.1:{port}/fr/rss")
        assert status == 200 and f"http://127.0.0.1:{port}/fr/".encode() in body
    finally:
        stopped = run_newsbot("mirror", "--stop", "--port", str(port), env=env)
    assert stopped.returncode == 0, stopped.stderr
    assert not port_open("127.0.0.1", port)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/no/such/folder"], "is not a folder"),
        ([], "needs the FOLDER"),
        (["--stop", "--port", "1"], "no detached mirror"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(args: list[str], message: str, tmp_path: Path) -> None:
    result = run_newsbot("mirror", *args, env={**os.environ, "NEWSBOT_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0 and message in result.stderr
    assert "Traceback" not in result.stderr
