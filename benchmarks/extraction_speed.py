"""Benchmark: extraction time per page, this tree against the extractor of another git revision.

    python -m benchmarks.extraction_speed [--baseline-rev REV] [--rounds 5] [--limit N]

The baseline is ``newsbot/extraction`` as committed at ``REV`` (default ``main``), copied into a
temporary package and imported beside the current one, so both run in the same process on the
same pages, interleaved page by page (machine load hits both alike). Pages are the saved corpus
(``../shared/corpus``, every language). Time is the process's CPU time (``time.process_time``: other
processes on a shared machine do not inflate it), a page's time its fastest run. Prints the median
and p95 CPU ms/page of each and their ratio.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from newsbot.extraction import extract_article
from newsbot.outlets import profile_for_url
from tests.support.corpus import REPO_ROOT, corpus_dir, iter_pages

PACKAGE = "newsbot/extraction"
BASELINE_NAME = "baseline_extraction"


def load_baseline(revision: str, into: Path) -> Callable[..., object]:
    """``extract_article`` of ``revision``'s ``newsbot/extraction``, imported as its own package."""
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{revision}:{PACKAGE}"],
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    package = into / BASELINE_NAME
    package.mkdir()
    for name in listing:
        if not name.endswith(".py"):
            continue
        source = subprocess.run(
            ["git", "show", f"{revision}:{PACKAGE}/{name}"],
            cwd=REPO_ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (package / name).write_text(source.replace("newsbot.extraction", BASELINE_NAME), encoding="utf-8")
    sys.path.insert(0, str(into))
    return importlib.import_module(BASELINE_NAME).extract_article


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline-rev", default="main", help="git revision of the baseline extractor")
    parser.add_argument(
        "--rounds", type=int, default=5, help="timed runs per page and extractor (median kept)"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    args = parser.parse_args(argv)
    if corpus_dir() is None:
        print("../shared/corpus not found (set NEWSBOT_CORPUS): nothing to measure.")
        return 1
    pages = list(iter_pages())
    if args.limit:
        pages = pages[: args.limit]
    with tempfile.TemporaryDirectory() as temp:
        try:
            baseline = load_baseline(args.baseline_rev, Path(temp))
        except (subprocess.CalledProcessError, ImportError) as error:
            print(f"cannot load the baseline extractor at {args.baseline_rev!r}: {error}")
            return 1
        runners = {"this tree": extract_article, f"baseline ({args.baseline_rev})": baseline}
        timings: dict[str, list[float]] = {name: [] for name in runners}
        for page in pages:
            html, url, profile = page.html, page.url, profile_for_url(page.url)
            samples: dict[str, list[float]] = {name: [] for name in runners}
            for _ in range(args.rounds):
                for name, run in runners.items():
                    started = time.process_time()
                    run(html, url, profile=profile)
                    samples[name].append(time.process_time() - started)
            for name, values in samples.items():
                timings[name].append(min(values) * 1000)
    print(f"CPU ms/page over {len(pages)} corpus pages (fastest of {args.rounds} interleaved runs per page):")
    for name, values in timings.items():
        print(f"  {name:<24} median {statistics.median(values):7.1f}   p95 {_percentile(values, 0.95):7.1f}")
    names = list(timings)
    ratio = statistics.median(timings[names[0]]) / statistics.median(timings[names[1]])
    print(f"  ratio this tree / baseline (medians): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
