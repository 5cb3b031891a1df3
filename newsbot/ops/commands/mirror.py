"""``newsbot mirror DIR``: serve a folder of saved pages on 127.0.0.1 the way a crawl expects them.

Saved sites (``tests/fixtures/sites/<outlet>/`` for instance) hold ``{{BASE}}`` where the site's own
address stood, and files named ``page.html`` / ``rss.xml`` for the URLs ``/page`` and ``/rss``: the
mirror puts its own base URL in place of ``{{BASE}}`` and answers ``/a/b`` from ``a/b``, ``a/b.html``,
``a/b.xml`` or ``a/b/index.html``, with the content type of what it serves. So
``scrapy crawl rfi -a feeds=http://127.0.0.1:8000/fr/rss`` crawls the saved RFI pages offline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsbot.storage.config import MongoConfig

NAME = "mirror"
HELP = "serve a folder of saved pages on 127.0.0.1 for offline crawls ({{BASE}} becomes the mirror's URL)"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".png": "image/png",
}
TEMPLATED = {".html", ".htm", ".xml", ".rss", ".txt", ".json", ""}
"""Text files whose ``{{NAME}}`` placeholders are replaced (no suffix: a saved URL such as ``robots.txt``'s
kin ``/fr/rss``)."""

Route = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


def content_type(path: Path, body: bytes) -> str:
    """By suffix; a file without one by what it starts with (a feed, a page, else bytes)."""
    if path.suffix in CONTENT_TYPES:
        return CONTENT_TYPES[path.suffix]
    head = body[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<urlset", b"<sitemapindex")):
        return "application/xml; charset=utf-8"
    if head.startswith((b"<!doctype html", b"<html")):
        return "text/html; charset=utf-8"
    return "application/octet-stream"


class MirrorServer:
    """Threaded HTTP server over ``root``; use as a context manager or call ``start``/``stop``.

    ``routes`` answers chosen paths by code; ``hits`` counts every request (tests count what a crawl
    fetched); ``substitutions`` adds ``{{NAME}}`` placeholders beside ``{{BASE}}``.
    """

    def __init__(
        self,
        root: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        substitutions: dict[str, str] | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.substitutions = dict(substitutions or {})
        self.hits: Counter[str] = Counter()
        self.routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._answer(send_body=True)

            def do_HEAD(self) -> None:
                self._answer(send_body=False)

            def _answer(self, send_body: bool) -> None:
                path = urlsplit(self.path).path
                with mirror._lock:
                    mirror.hits[path] += 1
                route = mirror.routes.get(path)
                status, headers, body = route(self) if route else mirror.respond(path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # quiet: a crawl logs its fetches
                return

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def resolve(self, path: str) -> Path | None:
        """The saved file answering ``path``, or ``None`` (never a file outside ``root``)."""
        relative = unquote(path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        for option in (
            candidate,
            candidate.with_name(candidate.name + ".html"),
            candidate.with_name(candidate.name + ".xml"),
            candidate / "index.html",
        ):
            if option.is_file():
                return option
        return None

    def respond(self, path: str) -> tuple[int, dict[str, str], bytes]:
        found = self.resolve(path)
        if found is None:
            return 404, {"Content-Type": "text/plain; charset=utf-8"}, b"not found"
        body = found.read_bytes()
        if found.suffix in TEMPLATED:
            body = body.replace(b"{{BASE}}", self.base_url.encode())
            for name, value in self.substitutions.items():
                body = body.replace(b"{{" + name.encode() + b"}}", value.encode())
        return 200, {"Content-Type": content_type(found, body)}, body

    def fetched(self, prefix: str = "/") -> int:
        """How many requests were made for paths starting with ``prefix``."""
        with self._lock:
            return sum(count for path, count in self.hits.items() if path.startswith(prefix))

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def close(self) -> None:
        """Release the socket of a server that never started serving (a parent after a fork)."""
        self._server.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", nargs="?", help="folder of saved pages (e.g. tests/fixtures/sites/rfi)")
    parser.add_argument(
        "--port", type=int, default=8000, help="port on 127.0.0.1 (default 8000; 0: any free)"
    )
    parser.add_argument(
        "--detach",
        action="store_true",
        help="serve in the background once listening (stop it with `newsbot mirror --stop --port N`)",
    )
    parser.add_argument("--stop", action="store_true", help="stop the detached mirror on --port")


def _pid_file(config: MongoConfig, port: int) -> Path:
    return config.data_dir / "mirror" / f"{port}.json"


def run(args: argparse.Namespace, config: MongoConfig) -> int:
    if args.stop:
        return _stop(_pid_file(config, args.port), args.port)
    if not args.folder:
        print("error: newsbot mirror needs the FOLDER of saved pages to serve", file=sys.stderr)
        return 2
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"error: {folder} is not a folder of saved pages", file=sys.stderr)
        return 2
    if not 0 <= args.port <= 65535:
        print(f"error: --port must be a TCP port (0 for any free one), got {args.port}", file=sys.stderr)
        return 2
    try:
        mirror = MirrorServer(folder, port=args.port)
    except OSError as exc:
        print(
            f"error: cannot listen on 127.0.0.1:{args.port} ({exc.strerror}); choose another --port",
            file=sys.stderr,
        )
        return 1
    if args.detach:
        return _detach(mirror, folder, _pid_file(config, mirror.port))
    print(f"serving {folder} at {mirror.base_url} (Ctrl-C to stop)", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        mirror.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        mirror.close()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM stops a foreground mirror like Ctrl-C does."""
    raise KeyboardInterrupt


def _detach(mirror: MirrorServer, folder: Path, pid_file: Path) -> int:
    """Fork a child that serves; the parent returns once the socket listens, so the next command can
    fetch at once (no race)."""
    pid_file.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    pid = os.fork()
    if pid:
        mirror.close()
        pid_file.write_text(json.dumps({"pid": pid, "port": mirror.port, "folder": str(folder.resolve())}))
        print(
            f"serving {folder} at {mirror.base_url} (pid {pid}); "
            f"stop it with `newsbot mirror --stop --port {mirror.port}`"
        )
        return 0
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    try:
        mirror.serve_forever()
    finally:
        os._exit(0)


def _stop(pid_file: Path, port: int) -> int:
    try:
        pid = int(json.loads(pid_file.read_text())["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        print(f"no detached mirror recorded for port {port} ({pid_file})", file=sys.stderr)
        return 1
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    pid_file.unlink(missing_ok=True)
    print(f"stopped the mirror on port {port} (pid {pid})")
    return 0
