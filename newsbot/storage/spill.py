"""A local JSON Lines file that keeps the writes MongoDB could not take, for a later replay.

Safe with several crawler processes on one machine (one data directory): appends and claims take
an exclusive ``flock`` on a lock file next to the spill file, so no append can land in a file
that a replay has already claimed. A claim renames the file aside and holds a lock on it while it is
replayed; a replayer that dies leaves the claimed file unlocked, and the next claim adopts it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from bson import json_util

from newsbot.storage.config import MongoConfig
from newsbot.storage.documents import WRITE_MODES, PendingWrite

logger = logging.getLogger(__name__)

_JSON_OPTIONS = json_util.JSONOptions(json_mode=json_util.JSONMode.CANONICAL, tz_aware=True)
_CLAIM_MARK = ".replaying-"


def spill_path(config: MongoConfig) -> Path:
    """Where a database/collection's unwritten articles wait for ``newsbot replay``."""
    return config.data_dir / "spill" / f"{config.database}.{config.collection}.jsonl"


def encode_record(write: PendingWrite) -> str:
    """One JSON line (Extended JSON keeps dates exact)."""
    return json_util.dumps({"mode": write.mode, "doc": write.doc}, json_options=_JSON_OPTIONS) + "\n"


def decode_record(line: str) -> PendingWrite:
    """The pending write of one line; ``ValueError`` when the line is not one."""
    try:
        record = json_util.loads(line, json_options=_JSON_OPTIONS)
        doc, mode = record["doc"], record["mode"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a spill record: {exc}") from exc
    if mode not in WRITE_MODES or not isinstance(doc, dict) or not isinstance(doc.get("url"), str):
        raise ValueError(
            f"not a spill record: mode {mode!r}, url {doc.get('url') if isinstance(doc, dict) else doc!r}"
        )
    return PendingWrite(doc, mode)


def read_records(path: Path) -> Iterator[PendingWrite]:
    """The records of a spill file; unreadable lines (a torn last line after a crash) are logged."""
    if not path.exists():
        return
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield decode_record(line)
            except ValueError as exc:
                logger.warning("Skipping unreadable line %d of %s: %s", number, path, exc)


@dataclass
class Claim:
    """Spill files taken for replay by this process; each stays locked until released."""

    spill: SpillFile
    paths: list[Path] = field(default_factory=list)
    _handles: list[IO[bytes]] = field(default_factory=list, repr=False)

    def records(self) -> Iterator[PendingWrite]:
        for path in self.paths:
            yield from read_records(path)

    def finish(self) -> None:
        """Delete the claimed files (everything in them is written, rejected or spilled again)."""
        with self.spill.locked():
            for path in self.paths:
                path.unlink(missing_ok=True)
            self.release()

    def release(self) -> None:
        """Unlock without deleting: a later claim replays them again (writes are idempotent)."""
        for handle in self._handles:
            handle.close()
        self._handles.clear()

    def __bool__(self) -> bool:
        return bool(self.paths)


class SpillFile:
    """Append-only, fsynced JSON Lines of pending writes, shared safely between processes."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Exclusive lock shared by every process using this spill file."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def append(self, writes: Iterable[PendingWrite]) -> int:
        """Append the writes durably; returns how many were written."""
        lines = [encode_record(w) for w in writes]
        if not lines:
            return 0
        with self.locked(), open(self.path, "a+b") as handle:
            if handle.tell() > 0:  # a crash may have left a torn last line: never glue a record to it
                handle.seek(-1, os.SEEK_END)
                if handle.read(1) != b"\n":
                    handle.write(b"\n")
            handle.write("".join(lines).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        return len(lines)

    def __iter__(self) -> Iterator[PendingWrite]:
        return read_records(self.path)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def pending(self) -> bool:
        """True when there is something to replay (a cheap check: no lock, no read)."""
        try:
            if self.path.stat().st_size > 0:
                return True
        except FileNotFoundError:
            pass
        return any(self.path.parent.glob(self.path.stem + _CLAIM_MARK + "*"))

    def claim(self) -> Claim:
        """Take the spill file and any file a dead replayer left, for this process to replay.

        New spills go to a fresh file; the claimed files stay locked until the claim is finished or
        released, so two processes never replay the same file at once.
        """
        claim = Claim(self)
        if not self.path.parent.exists():
            return claim
        with self.locked():
            for orphan in sorted(self.path.parent.glob(self.path.stem + _CLAIM_MARK + "*")):
                self._take(orphan, claim)
            if self.path.exists() and self.path.stat().st_size > 0:
                claimed = self.path.with_name(
                    f"{self.path.stem}{_CLAIM_MARK}{os.getpid()}-{os.urandom(4).hex()}.jsonl"
                )
                os.replace(self.path, claimed)
                self._take(claimed, claim)
        return claim

    @staticmethod
    def _take(path: Path, claim: Claim) -> None:
        try:
            handle = open(path, "rb")  # noqa: SIM115 - held open (locked) until the claim ends
        except FileNotFoundError:
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # another live process is replaying it
            handle.close()
            return
        claim.paths.append(path)
        claim._handles.append(handle)
