"""The README walkthrough: every ```bash and ```python block of README.md and of the docs the operations
engineer writes is run as written, in document order, from the repository root, offline.

It runs against the embedded server and a local mirror (``newsbot mirror``), like a new user would. Only
the ports and scratch paths change, because other test runs share this machine: the documented
``127.0.0.1:27017`` (the embedded server) and ``127.0.0.1:8000`` (the mirror) become free ports chosen
here (through ``NEWSBOT_DB_PORT`` and the same code path that picks 27017 by default), and
``/tmp/newsbot-deploy`` becomes a scratch folder. Blocks marked ``<!-- walkthrough: skip — reason -->``
are not run; the README's first block is run by ``.ci/run`` itself (install, test) and its crawl needs the
internet.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from newsbot.storage.embedded import find_running, free_port
from tests.support.docblocks import REPO, Block, failure, read_blocks, run_block

pytestmark = pytest.mark.integration

DOCUMENTS = [
    REPO / "README.md",
    *(
        REPO / "docs" / name
        for name in (
            "analysts.md",
            "operations.md",
            "settings.md",
            "benchmarks.md",
            "cleaning.md",
            "dedup.md",
            "dependencies.md",
            "spiders.md",
        )
    ),
]
FIRST_README_BLOCK = (
    ".ci/run runs the install and test lines as written; the crawl of rfi.fr needs the internet"
)
BLOCK_TIMEOUT = 180


def all_blocks() -> list[Block]:
    blocks = []
    for path in DOCUMENTS:
        if path.exists():
            blocks.extend(read_blocks(path))
    return blocks


BLOCKS = all_blocks()


@dataclass
class Walk:
    """What the blocks share: the environment, the ports and one Python namespace per document."""

    env: dict[str, str]
    db_port: int
    mirror_port: int
    scratch: Path
    namespaces: dict[Path, dict[str, Any]] = field(default_factory=dict)

    def adapt(self, code: str) -> str:
        code = code.replace("127.0.0.1:27017", f"127.0.0.1:{self.db_port}")
        code = re.sub(r"(127\.0\.0\.1:|--port )8000\b", rf"\g<1>{self.mirror_port}", code)
        return code.replace("/tmp/newsbot-deploy", str(self.scratch / "deploy"))


@pytest.fixture(scope="module")
def walk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    scratch = tmp_path_factory.mktemp("walkthrough")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SCRAPY_", "SCRAPYD_", "MONGO_"))}
    env.pop("NEWSBOT_HOME", None)
    walk = Walk(env, free_port(), free_port(), scratch)
    env.update(
        NEWSBOT_DATA_DIR=str(scratch / "data"),
        NEWSBOT_DB_PORT=str(walk.db_port),
        TMPDIR=str(scratch),
    )
    try:
        yield walk
    finally:
        newsbot = [sys.executable, "-m", "newsbot"]
        subprocess.run(
            [*newsbot, "mirror", "--stop", "--port", str(walk.mirror_port)],
            cwd=REPO,
            env=env,
            capture_output=True,
            check=False,
            timeout=30,
        )
        server = find_running(scratch / "data" / "mongo")
        if server is not None:
            server.stop()


def test_the_documents_have_runnable_blocks() -> None:
    runnable = [block for block in BLOCKS if block.skip is None]
    readme = [block for block in runnable if block.path.name == "README.md"]
    assert len(readme) >= 3, "the README's mirror crawl, its look at the data and its Python snippet"
    assert any(block.path.name == "analysts.md" and block.language == "python" for block in runnable)


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_block_runs_as_written(block: Block, walk: Walk) -> None:
    if block.skip is not None:
        pytest.skip(block.skip)
    if block.path.name == "README.md" and block is BLOCKS[0]:
        pytest.skip(FIRST_README_BLOCK)
    code = walk.adapt(block.code)
    if block.language == "python":
        namespace = walk.namespaces.setdefault(block.path, {"__name__": "__walkthrough__"})
        exec(compile(code, str(block.path), "exec"), namespace)  # the documentation's own code
        return
    result = run_block(code, walk.env, timeout=BLOCK_TIMEOUT)
    assert result.returncode == 0, failure(block.name, code, result)


def test_db_stop_as_documented_stops_the_walkthrough_server(walk: Walk) -> None:
    """Last: the README's `.venv/bin/newsbot db stop`, typed in a sub-folder of the checkout (its time is
    measured by ``python -m benchmarks.db_stop``, not here)."""
    if find_running(walk.scratch / "data" / "mongo") is None:
        pytest.skip("no walkthrough block started the embedded server")
    stop = subprocess.run(
        [str(REPO / ".venv" / "bin" / "newsbot"), "db", "stop"],
        cwd=REPO / "docs",
        env=walk.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert stop.returncode == 0 and "stopped the embedded server" in stop.stdout, stop.stdout + stop.stderr
    assert find_running(walk.scratch / "data" / "mongo") is None
