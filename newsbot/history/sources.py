"""WARC sources: local files (globs) or ``http(s)://`` URLs streamed without keeping the file."""

from __future__ import annotations

import glob
import os
import urllib.request
from dataclasses import dataclass
from typing import BinaryIO

from newsbot.history.ledger import HEAD_BYTES

CHUNK = 1024 * 1024


def is_url(name: str) -> bool:
    return name.startswith(("http://", "https://"))


def expand_paths(spec: str | None) -> list[str]:
    """``"a.warc.gz,dir/*.warc.gz,https://…"`` -> the files, globs expanded and sorted, URLs kept.

    A pattern matching nothing is an error (a typo must not look like an empty archive)."""
    names: list[str] = []
    for part in (p.strip() for p in (spec or "").split(",")):
        if not part:
            continue
        if is_url(part):
            names.append(part)
            continue
        matches = sorted(glob.glob(os.path.expanduser(part))) if glob.has_magic(part) else [part]
        files = [m for m in matches if os.path.isfile(m)]
        if not files:
            raise ValueError(f"paths: no WARC file at {part!r}")
        names.extend(files)
    if not names:
        raise ValueError("the warc spider needs -a paths=FILE_OR_GLOB_OR_URL[,…]")
    return list(dict.fromkeys(names))


class Reader:
    """A byte stream that knows its position (warcio reads record offsets from ``tell()``), with the
    bytes already read for the digest served again first."""

    def __init__(self, raw: BinaryIO, prefix: bytes = b"", position: int = 0) -> None:
        self.raw = raw
        self.prefix = prefix
        self.position = position

    def read(self, size: int = -1) -> bytes:
        if self.prefix:
            if size < 0 or size >= len(self.prefix):
                data, self.prefix = self.prefix, b""
                rest = self.raw.read(-1 if size < 0 else size - len(data))
                data += rest or b""
            else:
                data, self.prefix = self.prefix[:size], self.prefix[size:]
        else:
            data = self.raw.read(size) or b""
        self.position += len(data)
        return data

    def tell(self) -> int:
        return self.position

    def skip(self, count: int) -> None:
        """Read and drop ``count`` bytes (resuming a stream that cannot seek)."""
        while count > 0:
            data = self.read(min(count, CHUNK))
            if not data:
                break
            count -= len(data)

    def close(self) -> None:
        self.raw.close()


@dataclass
class OpenedSource:
    name: str
    size: int | None
    head: bytes
    reader: Reader


def open_source(name: str, *, timeout: float, user_agent: str) -> OpenedSource:
    """Open a file or start a download; the first 64 KiB are read for the digest and served again."""
    if is_url(name):
        request = urllib.request.Request(name, headers={"User-Agent": user_agent})
        response = urllib.request.urlopen(request, timeout=timeout)
        length = response.headers.get("Content-Length")
        size = int(length) if length and length.isdigit() else None
        head = response.read(HEAD_BYTES)
        return OpenedSource(name, size, head, Reader(response, head))
    handle = open(name, "rb")  # noqa: SIM115 - closed by the caller through the reader
    head = handle.read(HEAD_BYTES)
    handle.seek(0)
    return OpenedSource(name, os.fstat(handle.fileno()).st_size, head, Reader(handle))


def seek(source: OpenedSource, offset: int) -> None:
    """Position the source at ``offset`` (a record boundary saved by the ledger)."""
    if offset <= 0:
        return
    raw = source.reader.raw
    if not is_url(source.name):
        raw.seek(offset)
        source.reader.position = offset
        return
    source.reader.skip(offset)
