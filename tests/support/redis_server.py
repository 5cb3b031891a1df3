"""Start a throwaway ``redis-server`` (Debian package) on a free 127.0.0.1 port, for tests and benchmarks.

No persistence, own session (a Ctrl-C on the parent does not kill it mid-test), stopped with
:meth:`LocalRedis.stop`.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import redis

from newsbot.storage.embedded import free_port


class RedisUnavailable(RuntimeError):
    """``redis-server`` is not installed or did not start."""


@dataclass
class LocalRedis:
    process: subprocess.Popen
    port: int
    log_path: Path

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout)


def redis_server_path() -> str | None:
    return shutil.which("redis-server") or next(
        (str(p) for p in (Path("/usr/bin/redis-server"), Path("/usr/sbin/redis-server")) if p.is_file()), None
    )


def start_redis(workdir: Path | str, *, wait: float = 20.0) -> LocalRedis:
    """Start ``redis-server`` with its files in ``workdir``; raises :class:`RedisUnavailable`."""
    executable = redis_server_path()
    if executable is None:
        raise RedisUnavailable("redis-server is not installed (Debian: apt-get install redis-server)")
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = workdir / "redis.log"
    arguments = ["--bind", "127.0.0.1", "--port", str(port), "--dir", str(workdir)]
    arguments += ["--save", "", "--appendonly", "no"]  # nothing kept: a scratch server
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [executable, *arguments],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = LocalRedis(process, port, log_path)
    deadline = time.monotonic() + wait
    while True:
        try:
            if server.client().ping():
                return server
        except redis.ConnectionError:
            pass
        if process.poll() is not None:
            raise RedisUnavailable(f"redis-server exited with code {process.returncode}; see {log_path}")
        if time.monotonic() > deadline:
            server.stop()
            raise RedisUnavailable(
                f"redis-server did not answer on port {port} in {wait:.0f}s; see {log_path}"
            )
        time.sleep(0.05)
