"""How long ``newsbot db stop`` takes: ``python -m benchmarks.db_stop``.

Starts the embedded server ``--runs`` times on a scratch folder with ``--documents`` articles written,
and times, from outside, the ``newsbot db stop`` command a user types (interpreter start included),
the stop itself, and the command's start-up alone (``newsbot db uri`` with no server). Baseline in the
same run: the previous stop (SIGTERM, then waiting until ``kill(pid, 0)`` fails), which waits for
SecantusDB's accept thread (2 s join) and counts a zombie server, not yet reaped, as still running.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pymongo

from newsbot.storage.embedded import EmbeddedServer, find_running, free_port


def previous_stop(server: EmbeddedServer, timeout: float = 15.0) -> None:
    """The stop as it was: SIGTERM, then poll ``kill(pid, 0)``."""
    os.kill(server.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(server.pid, os.WNOHANG)
        try:
            os.kill(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def detached(data_dir: Path, port: int, documents: int) -> EmbeddedServer:
    """A server started by another process (as a crawl leaves it), with ``documents`` articles."""
    start = f"from newsbot.storage.embedded import start_server; start_server({str(data_dir)!r}, port={port})"
    subprocess.run([sys.executable, "-c", start], check=True)
    server = find_running(data_dir)
    assert server is not None
    client = pymongo.MongoClient(server.uri, serverSelectionTimeoutMS=10_000)
    if documents:
        client.newsbot.articles.insert_many(
            {"url": f"https://example.org/{i}", "body": "x" * 2000} for i in range(documents)
        )
    client.close()
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args(argv)
    newsbot = Path(sys.executable).parent / "newsbot"
    command = [str(newsbot)] if newsbot.is_file() else [sys.executable, "-m", "newsbot"]
    results: dict[str, list[float]] = {
        "previous stop (baseline)": [],
        "newsbot db stop (command)": [],
        "stop itself": [],
        "command start-up alone": [],
    }
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        port = free_port()
        env = {**os.environ, "NEWSBOT_DATA_DIR": str(data), "NEWSBOT_DB_PORT": str(port), "MONGO_URI": ""}
        for _ in range(args.runs):
            server = detached(data / "mongo", port, args.documents)
            began = time.monotonic()
            previous_stop(server)
            results["previous stop (baseline)"].append(time.monotonic() - began)
            (data / "mongo" / "server.json").unlink(missing_ok=True)

            server = detached(data / "mongo", port, args.documents)
            began = time.monotonic()
            subprocess.run([*command, "db", "stop"], env=env, check=True, capture_output=True)
            results["newsbot db stop (command)"].append(time.monotonic() - began)

            server = detached(data / "mongo", port, args.documents)
            began = time.monotonic()
            server.stop()
            results["stop itself"].append(time.monotonic() - began)

            began = time.monotonic()
            subprocess.run([*command, "db", "uri"], env=env, check=False, capture_output=True)
            results["command start-up alone"].append(time.monotonic() - began)
    print(f"embedded server stop, {args.runs} runs, {args.documents} documents written before each stop")
    print(f"  {'':28} {'median s':>9} {'max s':>7}")
    for name, values in results.items():
        print(f"  {name:28} {statistics.median(values):9.2f} {max(values):7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
