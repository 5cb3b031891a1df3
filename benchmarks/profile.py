"""Where a crawl spends its CPU: py-spy's collapsed stacks summarised by function and by area.

``python -m benchmarks.crawl --profile DIR`` records every newsbot crawl with
``py-spy record --format raw`` (all threads, idle samples excluded) and prints this summary; the
raw files stay in ``DIR`` for flame graphs (e.g. speedscope.app loads them). Samples of threads
that wait (on a lock, a socket, a MongoDB reply) are counted apart; busy samples are grouped by
area, the innermost newsbot module first, so "dedup" holds the MongoDB calls the dedup pipeline
makes, and the benchmark's own probes show as "benchmark probes".
"""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

_FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^():]+)(?::\d+)?\)$")

AREAS = (  # (label, path fragment), innermost match wins; order breaks ties
    ("extraction", "newsbot/extraction/"),
    ("feeds", "newsbot/crawl/feeds.py"),
    ("text cleaning", "newsbot/text/"),
    ("language", "newsbot/language/"),
    ("dates", "newsbot/dates/"),
    ("dedup", "newsbot/dedup/"),
    ("dedup", "pipelines/dedup.py"),
    ("urls", "newsbot/crawl/urls.py"),
    ("storage", "newsbot/storage/"),
    ("storage", "pipelines/mongo.py"),
    ("pipelines (other)", "pipelines/"),
    ("spider", "spiders/"),
    ("benchmark probes", "benchmarks/"),
    ("newsbot (other)", "newsbot/"),
)


IDLE = (  # (function, file ending) of frames where a thread waits rather than computes
    ("Condition.wait", "threading.py"),
    ("Event.wait", "threading.py"),
    ("recv_into", "network_layer.py"),  # pymongo waiting for the server's reply
    ("PeriodicExecutor._run", "periodic_executor.py"),  # pymongo's monitors sleeping
    ("select", "selectors.py"),  # the reactor waiting for sockets
    ("poll", "selectors.py"),
)


def is_idle(frames: list[tuple[str, str]]) -> bool:
    """py-spy cannot always tell a blocked thread from a busy one in a VM: judge by the innermost frame."""
    if not frames:
        return True
    function, file = frames[-1]
    return any(function.endswith(name) and file.endswith(ending) for name, ending in IDLE)


def py_spy() -> str | None:
    """py-spy from this interpreter's environment (a venv's ``bin``), else from ``PATH``."""
    return shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")


def record_command(output: Path, rate: int = 200) -> list[str]:
    """The py-spy prefix that records the command after it into ``output``."""
    executable = py_spy()
    if executable is None:
        raise RuntimeError("py-spy is not installed (pip install -r requirements-dev.txt)")
    return [executable, "record", "--format", "raw", "--rate", str(rate), "--output", str(output), "--"]


def parse_collapsed(lines: Iterable[str]) -> list[tuple[list[tuple[str, str]], int]]:
    """``[(frames outermost first as (function, file)), samples)]`` from py-spy's raw output."""
    stacks = []
    for line in lines:
        line = line.rstrip("\n")
        if not line:
            continue
        stack, _, count = line.rpartition(" ")
        frames = []
        for frame in stack.split(";"):
            match = _FRAME.match(frame)
            frames.append((match["function"], match["file"]) if match else (frame, ""))
        stacks.append((frames, int(count)))
    return stacks


RUNNER = "benchmarks/crawlrun.py"
"""The benchmark's process entry point: every stack passes through it, it is no area."""


def area_of(frames: list[tuple[str, str]]) -> str:
    for _function, path in reversed(frames):
        if RUNNER in path:
            continue
        for label, fragment in AREAS:
            if fragment in path:
                return label
    innermost = frames[-1][1] if frames else ""
    for library in (
        "lxml",
        "pymongo",
        "bson",
        "scrapy",
        "twisted",
        "asyncio",
        "py3langid",
        "numpy",
        "logging",
    ):
        if f"/{library}/" in innermost or f"{library}/" in innermost:
            return library
    return "other"


def summarise(path: Path, top: int = 20) -> str:
    """Share of busy samples per area and the newsbot functions with the most inclusive samples."""
    stacks = parse_collapsed(path.read_text(encoding="utf-8", errors="replace").splitlines())
    everything = sum(count for _, count in stacks) or 1
    busy = [(frames, count) for frames, count in stacks if not is_idle(frames)]
    total = sum(count for _, count in busy) or 1
    areas: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    for frames, count in busy:
        areas[area_of(frames)] += count
        seen = set()
        for function, file in frames:
            known = RUNNER not in file and any(fragment in file for _, fragment in AREAS)
            if known and (function, file) not in seen:
                seen.add((function, file))
                inclusive[f"{function} ({_short(file)})"] += count
    lines = [
        f"  {everything} samples, {1 - total / everything:.0%} of them waiting (threads blocked on locks, "
        f"sockets, MongoDB replies); of the {total} busy ones, by area "
        "(innermost newsbot module, else library):"
    ]
    lines += [f"    {label:<20} {count / total:6.1%}" for label, count in areas.most_common()]
    lines.append("  newsbot functions by inclusive share of busy samples:")
    lines += [f"    {count / total:6.1%}  {name}" for name, count in inclusive.most_common(top)]
    return "\n".join(lines)


def _short(file: str) -> str:
    for marker in ("newsbot/", "pipelines/", "spiders/"):
        if marker in file:
            return file[file.index(marker) :]
    return file
