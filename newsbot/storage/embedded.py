"""Start and find the embedded MongoDB-wire server (SecantusDB) used when no ``MONGO_URI`` is set.

SecantusDB runs as a separate process in its own session (so a Ctrl-C on the crawl does not kill
it), keeps its data in a local folder and writes a small state file so later runs reuse it.
"""

from __future__ import annotations

import ctypes
import errno
import json
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

STATE_FILE = "server.json"
PORT_SEARCH = 100
"""How many ports after the preferred one are tried before letting the system pick one."""

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EmbeddedServer:
    """A running SecantusDB process."""

    host: str
    port: int
    pid: int
    data_dir: Path
    log_path: Path

    @property
    def uri(self) -> str:
        return f"mongodb://{self.host}:{self.port}/?directConnection=true"

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate the server and wait for it to exit.

        SecantusDB stops on SIGTERM, but its accept thread only notices once a connection arrives
        (closing a listening socket does not wake a blocked ``accept``): it then waits 2 s for it.
        A connection right after the signal (repeated every 0.5 s while it runs) wakes it: a stop takes
        well under a second.
        """
        _terminate(self.pid, timeout, wake=(self.host, self.port))
        (self.data_dir / STATE_FILE).unlink(missing_ok=True)


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def port_free(host: str, port: int) -> bool:
    """True when a server could listen on ``host:port`` now (bound the way servers bind: SO_REUSEADDR)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def pick_port(host: str, preferred: int) -> int:
    """``preferred`` when free, else the next free port after it (else any free port)."""
    for port in range(preferred, min(preferred + PORT_SEARCH, 65536)):
        if port_free(host, port):
            return port
    return free_port(host)


def port_open(host: str, port: int, timeout: float = 0.2) -> bool:
    """True when something accepts TCP connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def server_command() -> list[str]:
    """The command line that runs SecantusDB with the current interpreter's installation."""
    exe = shutil.which("secantusd-py", path=str(Path(sys.executable).parent)) or shutil.which("secantusd-py")
    if exe is None:
        raise RuntimeError(
            "SecantusDB is not installed (pip install -r requirements.txt), and no MONGO_URI is set"
        )
    return [exe]


def start_server(
    data_dir: Path | str,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    wait: float = 30.0,
    extra_args: tuple[str, ...] = (),
) -> EmbeddedServer:
    """Start SecantusDB on ``host:port`` with WiredTiger data in ``data_dir``; wait until it answers."""
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port(host)
    log_path = data_dir / "server.log"
    storage = data_dir / "db"
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            [
                *server_command(),
                "--host",
                host,
                "--port",
                str(port),
                "--storage-path",
                str(storage),
                "--log-level",
                "WARNING",
                *extra_args,
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    deadline = time.monotonic() + wait
    while not port_open(host, port):
        if proc.poll() is not None:
            raise RuntimeError(f"SecantusDB exited with code {proc.returncode}; see {log_path}")
        if time.monotonic() > deadline:
            _terminate(proc.pid, 5)
            raise RuntimeError(
                f"SecantusDB did not listen on {host}:{port} within {wait:.0f}s; see {log_path}"
            )
        time.sleep(0.05)
    server = EmbeddedServer(host, port, proc.pid, data_dir, log_path)
    (data_dir / STATE_FILE).write_text(json.dumps({"host": host, "port": port, "pid": proc.pid}))
    return server


def find_running(data_dir: Path | str) -> EmbeddedServer | None:
    """Return the server a previous run left running on ``data_dir``, if it still answers."""
    data_dir = Path(data_dir).resolve()
    try:
        state = json.loads((data_dir / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None
    host, port, pid = state.get("host"), state.get("port"), state.get("pid")
    if not (isinstance(host, str) and isinstance(port, int) and isinstance(pid, int)):
        return None
    if _alive(pid) and port_open(host, port):
        return EmbeddedServer(host, port, pid, data_dir, data_dir / "server.log")
    return None


def ensure_server(
    data_dir: Path | str, *, host: str = "127.0.0.1", port: int | None = None
) -> EmbeddedServer:
    """Reuse the server running on ``data_dir`` or start one.

    ``port`` is the preferred port (``NEWSBOT_DB_PORT``, 27017 by default, so the documented address
    works): when another program holds it, the server takes the next free one and says so; the state
    file records it for ``newsbot db uri``. ``None``: any free port.
    """
    running = find_running(data_dir)
    if running is not None:
        return running
    if port is None:
        return start_server(data_dir, host=host)
    chosen = pick_port(host, port)
    if chosen != port:
        logger.warning(
            "Port %d on %s is taken by another program: the embedded server listens on port %d instead "
            "(`newsbot db uri` prints its address).",
            port,
            host,
            chosen,
        )
    return start_server(data_dir, host=host, port=chosen)


def _alive(pid: int) -> bool:
    """The process exists and has not exited (a zombie waiting for its parent to reap it has)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True  # no /proc: trust kill(0)
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


_TGKILL = {"x86_64": 234, "aarch64": 131}
"""Linux ``tgkill`` syscall numbers: a signal for one thread of a process."""


def _signal_main_thread(pid: int, sig: int) -> None:
    """Send ``sig`` to the main thread of ``pid`` (Linux), else to the process.

    A process-wide signal goes to any thread. SecantusDB's main thread sleeps in ``Event.wait()``
    and only it runs Python signal handlers: when the kernel hands SIGTERM to another thread, the
    handler never runs and the server never stops (1 stop in 5 took 10 s, then SIGKILL). Sent to
    the main thread, the signal interrupts that wait and the handler runs at once.
    """
    number = _TGKILL.get(os.uname().machine)
    if number is not None and sig != signal.SIGKILL:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.syscall(number, pid, pid, sig) == 0:
            return
        if ctypes.get_errno() == errno.ESRCH:
            raise ProcessLookupError(pid)
    os.kill(pid, sig)


def _terminate(pid: int, timeout: float, wake: tuple[str, int] | None = None) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            _signal_main_thread(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + timeout
        next_wake = time.monotonic() + 0.05  # let the signal handler close the socket, then wake accept()
        while time.monotonic() < deadline:
            if wake is not None and sig == signal.SIGTERM and time.monotonic() >= next_wake:
                port_open(*wake, timeout=0.2)  # again later, in case the handler had not run yet
                next_wake = time.monotonic() + 0.5
            try:
                finished, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # not our child: poll for existence instead
                finished = 0 if _alive(pid) else pid
            if finished:
                return
            time.sleep(0.05)
