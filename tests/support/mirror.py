"""A local mirror of a news site for offline crawls: serves a fixture folder on 127.0.0.1.

``{{BASE}}`` in served text files becomes the mirror's own base URL, so pages, feeds and sitemaps
link to the mirror (other ``{{NAME}}`` placeholders come from ``substitutions``). A request for ``/a/b`` is answered from ``a/b``, ``a/b.html`` or ``a/b.xml``.
Every request is recorded so tests can count what a crawl fetched.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".gz": "application/gzip",
    ".pdf": "application/pdf",
    ".bin": "application/octet-stream",
}
TEMPLATED = {".html", ".xml", ".txt"}

Route = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class MirrorServer:
    """Threaded HTTP server over ``root``; use as a context manager or call ``start``/``stop``."""

    def __init__(
        self,
        root: Path | str,
        host: str = "127.0.0.1",
        port: int = 0,
        substitutions: dict[str, str] | None = None,
    ) -> None:
        self.root = Path(root).resolve()
        self.substitutions = dict(substitutions or {})
        """Extra ``{{NAME}}`` placeholders (e.g. another mirror's base URL), beside ``{{BASE}}``."""
        self.hits: Counter[str] = Counter()
        self.routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        mirror = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
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
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
                return

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def resolve(self, path: str) -> Path | None:
        """The fixture file answering ``path``, or ``None``."""
        relative = unquote(path).lstrip("/")
        candidate = (self.root / relative).resolve()
        if not candidate.is_relative_to(self.root):
            return None
        for option in (
            candidate,
            candidate.with_name(candidate.name + ".html"),
            candidate.with_name(candidate.name + ".xml"),
        ):
            if option.is_file():
                return option
        return None

    def respond(self, path: str) -> tuple[int, dict[str, str], bytes]:
        found = self.resolve(path)
        if found is None:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        body = found.read_bytes()
        if found.suffix in TEMPLATED:
            body = body.replace(b"{{BASE}}", self.base_url.encode())
            for name, value in self.substitutions.items():
                body = body.replace(b"{{" + name.encode() + b"}}", value.encode())
        return 200, {"Content-Type": CONTENT_TYPES.get(found.suffix, "application/octet-stream")}, body

    def fetched(self, prefix: str = "/") -> int:
        """How many requests were made for paths starting with ``prefix``."""
        with self._lock:
            return sum(count for path, count in self.hits.items() if path.startswith(prefix))

    def start(self) -> MirrorServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
