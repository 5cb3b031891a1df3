"""The embedded server's stable address: the preferred port when free, the next free one when taken (with a
clear warning), the project's data folder from any sub-folder, and read commands that never start a server.

27017 is the default, but other test runs share this machine: each test picks its own free port and goes
through the same code (``NEWSBOT_DB_PORT`` / ``MongoConfig.db_port``) that 27017 goes through.
"""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

import pytest

from newsbot.env import project_path, project_root
from newsbot.storage.embedded import ensure_server, find_running, free_port, pick_port, port_free
from tests.support.cli import run_newsbot

REPO = Path(__file__).resolve().parents[2]


def test_the_preferred_port_is_used_when_free(tmp_path: Path) -> None:
    port = free_port()
    server = ensure_server(tmp_path / "mongo", port=port)
    try:
        assert server.port == port
        assert server.uri.startswith(f"mongodb://127.0.0.1:{port}/")
        assert find_running(tmp_path / "mongo") == server
    finally:
        server.stop()


def test_a_taken_port_gives_the_next_free_one_and_one_warning(tmp_path: Path, caplog) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        taken = holder.getsockname()[1]
        assert not port_free("127.0.0.1", taken)
        expected = pick_port("127.0.0.1", taken)
        assert expected != taken
        with caplog.at_level(logging.WARNING, logger="newsbot.storage.embedded"):
            server = ensure_server(tmp_path / "mongo", port=taken)
        try:
            assert server.port != taken and server.port > taken
            warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
            assert len(warnings) == 1
            assert f"Port {taken} on 127.0.0.1 is taken" in warnings[0] and str(server.port) in warnings[0]
            assert "newsbot db uri" in warnings[0]
            assert find_running(tmp_path / "mongo").port == server.port, "recorded for `newsbot db uri`"
        finally:
            server.stop()


def test_project_root_is_found_upward_or_from_newsbot_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("NEWSBOT_HOME", raising=False)
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = newsbot.settings\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert project_root(deep) == tmp_path.resolve()
    assert project_path(".newsbot", deep) == tmp_path.resolve() / ".newsbot"
    assert project_path("/abs/data", deep) == Path("/abs/data")
    monkeypatch.setenv("NEWSBOT_HOME", str(deep))
    assert project_root(tmp_path) == deep.resolve()


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A folder holding scrapy.cfg, and an environment without MONGO_URI whose server port is free."""
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = newsbot.settings\n")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "MONGO_", "NEWSBOT_"))}
    env.update(NEWSBOT_DB_PORT=str(free_port()), PYTHONPATH=str(REPO))
    return tmp_path, env


def test_read_commands_never_start_a_server(project) -> None:
    root, env = project
    for command in (["stats"], ["stories"], ["export", "--quiet"]):
        result = run_newsbot(*command, cwd=root / "sub", env=env)
        assert result.returncode != 0, command
        assert "no embedded server is running" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    assert find_running(root / ".newsbot" / "mongo") is None
    assert not (root / "sub" / ".newsbot").exists(), "nothing created in the sub-folder"


def test_db_commands_work_from_any_folder_of_the_project(project) -> None:
    root, env = project
    port = env["NEWSBOT_DB_PORT"]
    start = run_newsbot("db", "start", cwd=root, env=env)
    try:
        assert start.returncode == 0, start.stderr
        uri = run_newsbot("db", "uri", cwd=root / "sub" / "deeper", env=env)
        assert (
            uri.returncode == 0 and uri.stdout.strip() == f"mongodb://127.0.0.1:{port}/?directConnection=true"
        )
        stats = run_newsbot("stats", cwd=root / "sub", env=env)
        assert stats.returncode == 0 and "0 articles" in stats.stdout, stats.stderr
        stop = run_newsbot("db", "stop", cwd=root / "sub", env=env)
        assert stop.returncode == 0 and "stopped" in stop.stdout
        assert find_running(root / ".newsbot" / "mongo") is None
        missing = run_newsbot("db", "uri", cwd=root, env=env)
        assert missing.returncode == 1 and "no embedded server running" in missing.stderr
    finally:
        server = find_running(root / ".newsbot" / "mongo")
        if server is not None:
            server.stop()
