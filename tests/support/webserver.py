"""nginx (Debian's ``nginx-light`` or ``nginx``) serving generated sites on 127.0.0.1 for benchmarks.

One server block answers every host name from ``root/<host>/`` (``root $host``), with keep-alive
and sendfile, and no access log: static files cost nginx a few microseconds of CPU each, far from
being the crawl's bottleneck (the benchmark prints nginx's CPU time to show it). ``latency_ms``
delays every response (ngx_echo's ``echo_sleep``, Debian's ``libnginx-mod-http-echo``) to model
the round trip and server time of a remote site.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psutil

from newsbot.storage.embedded import free_port, port_open

CONFIG = """\
{load_modules}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
    types {{ text/html html; application/xml xml; text/plain txt; }}
    default_type application/octet-stream;
    charset utf-8;
    charset_types text/html application/xml text/plain;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    access_log off;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root}/$host;
{locations}
    }}
}}
"""


STATIC = "try_files $uri $uri.html $uri.xml $uri/index.html =404;"
ECHO_MODULE = Path("/usr/lib/nginx/modules/ngx_http_echo_module.so")


def locations(latency_ms: float) -> str:
    """Static files, optionally each answered after ``latency_ms`` (ngx_echo's ``echo_sleep``)."""
    if latency_ms <= 0:
        return f"        location / {{ {STATIC} }}"
    return (
        f"        location / {{ echo_sleep {latency_ms / 1000:.3f}; echo_exec @static; }}\n"
        f"        location @static {{ {STATIC} }}"
    )


class NginxServer:
    """``with NginxServer(root) as server: server.port``; ``cpu_seconds()`` is nginx's CPU so far."""

    def __init__(self, root: Path, port: int | None = None, *, latency_ms: float = 0) -> None:
        executable = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
        if executable is None:
            raise RuntimeError("nginx is not installed: apt-get install -y nginx-light")
        self.executable = executable
        self.root = Path(root).resolve()
        self.port = port or free_port()
        self.latency_ms = latency_ms
        if latency_ms > 0 and not ECHO_MODULE.exists():
            raise RuntimeError("simulated latency needs ngx_echo: apt-get install -y libnginx-mod-http-echo")
        self._prefix = Path(tempfile.mkdtemp(prefix="newsbot-nginx-"))
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> NginxServer:
        config = self._prefix / "nginx.conf"
        config.write_text(
            CONFIG.format(
                load_modules=f"load_module {ECHO_MODULE};\n" if self.latency_ms > 0 else "",
                prefix=self._prefix,
                port=self.port,
                root=self.root,
                locations=locations(self.latency_ms),
            )
        )
        self._process = subprocess.Popen(
            [self.executable, "-p", str(self._prefix), "-c", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while not port_open("127.0.0.1", self.port):
            if self._process.poll() is not None:
                error = self._process.stderr.read().decode() if self._process.stderr else ""
                raise RuntimeError(f"nginx exited: {error.strip()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("nginx did not start listening within 10 s")
            time.sleep(0.02)
        return self

    def cpu_seconds(self) -> float:
        """User + system CPU of the nginx master and workers so far."""
        if self._process is None:
            return 0.0
        try:
            master = psutil.Process(self._process.pid)
            processes = [master, *master.children()]
            return sum(sum(p.cpu_times()[:2]) for p in processes)
        except psutil.Error:
            return 0.0

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        shutil.rmtree(self._prefix, ignore_errors=True)

    def __enter__(self) -> NginxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
