"""Crawl benchmark: newsbot against a bare Scrapy spider, on generated news sites served by nginx.

    python -m benchmarks.crawl [--pages 2000] [--runs 3] [--latency-ms 0]
                                  [--modes bare,newsbot,replay] [--sample-every 200] [--json FILE]

Generates ``--pages`` article pages over three outlets (RFI-like, Le Figaro-like, a generic
regional site; see :mod:`tests.support.sitegen`) with their RSS feeds, news sitemap indexes and
robots.txt, serves them with nginx on 127.0.0.1, starts a SecantusDB, then crawls everything in
every run, each crawl in a fresh process:

* ``bare`` (a): :class:`~benchmarks.barespider.BareSpider`, Scrapy's default settings; yields
  the raw HTML length only;
* ``newsbot`` (b): the ``news`` spider (outlet profiles picked from the URLs), every pipeline,
  MongoDB writes into a fresh database;
* ``replay`` (c): the same as (b) from Scrapy's HTTP cache (filled once by a bare crawl before the
  runs, not timed): a CPU-bound backfill.

Both spiders get the same local-benchmark settings (no AutoThrottle, no download delay, 32
requests in flight, 16 per host, robots.txt obeyed and served; see ``crawlrun.LOCAL_BENCH_SETTINGS``).
``--latency-ms`` makes nginx answer each request after that delay, as a remote site would, and
``--set NAME=VALUE`` passes a Scrapy setting to every crawl (e.g. newsbot's default concurrency).
``--profile DIR`` records the newsbot crawls with py-spy and prints where their CPU goes
(:mod:`benchmarks.profile`); profiled crawls are slowed by the sampling, time them apart.

Figures per crawl: pages (responses, robots.txt, feeds and sitemaps included) per second from the
spider's opening to its last response or item; CPU ms per page of the crawl process over the same
span (all its threads); peak RSS; newsbot's pipelines' CPU per item (each pipeline wrapped, batch
writes spread over their items; ``probes.timed_pipeline``); ``extract_article`` CPU per page (spider
CPU, reported apart). Ratios b/a and c/a compare throughput within each run; medians of the runs
are printed. With ``--pages`` ≥ 4,000 the RSS samples of the newsbot crawl are checked for growth
after the first 2,000 pages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

from benchmarks.barespider import BareSpider
from benchmarks.profile import record_command
from benchmarks.profile import summarise as summarise_profile
from newsbot.storage.embedded import EmbeddedServer, free_port, start_server
from spiders.news import GenericNewsSpider
from tests.support.corpus import REPO_ROOT
from tests.support.sitegen import GeneratedSites, PageStats, generate_sites
from tests.support.webserver import NginxServer

MODES = ("bare", "newsbot", "replay")
LABELS = {"bare": "a bare Scrapy", "newsbot": "b newsbot", "replay": "c newsbot replay"}
MEMORY_BASELINE_PAGES = 2000
MEMORY_TOLERANCE = 0.10
PIPELINE_TARGET_MS = 1.5
THROUGHPUT_TARGET = 0.80


@dataclass
class CrawlFigures:
    mode: str
    run: int
    result: dict[str, Any]
    database_cpu: float
    server_cpu: float

    @property
    def pages(self) -> int:
        return self.result["pages"]

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.result["seconds"] if self.result["seconds"] else 0.0

    @property
    def cpu_ms_per_page(self) -> float:
        return 1000 * self.result["cpu_seconds"] / self.pages if self.pages else 0.0

    @property
    def peak_rss_mb(self) -> float:
        return self.result["peak_rss"] / 2**20

    def pipeline_ms(self, key: str = "median") -> float | None:
        summary = self.result.get("pipelines") or {}
        return summary["total"][key] if summary.get("total") else None

    def extraction_ms(self) -> float | None:
        stats = (self.result.get("functions") or {}).get("extract_article")
        return stats["median"] if stats else None


def _cpu(pid: int) -> float:
    try:
        process = psutil.Process(pid)
        return sum(process.cpu_times()[:2]) + sum(sum(c.cpu_times()[:2]) for c in process.children(True))
    except psutil.Error:
        return 0.0


def run_crawl(
    mode: str,
    run: int,
    *,
    sites: GeneratedSites,
    port: int,
    work: Path,
    mongo: EmbeddedServer,
    server: NginxServer,
    sample_every: int,
    fill_cache: bool = False,
    profile_dir: Path | None = None,
    overrides: tuple[str, ...] = (),
) -> CrawlFigures:
    """One crawl in a fresh ``python -m benchmarks.crawlrun`` process."""
    result_file = work / f"result-{mode}-{run}.json"
    command = [
        sys.executable, "-m", "benchmarks.crawlrun",
        "--spider", "bare" if mode == "bare" else "newsbot",
        "--feeds", ",".join(sites.start_urls(port)),
        "--result", str(result_file),
        "-s", f"BENCH_SAMPLE_EVERY={sample_every}",
    ]  # fmt: skip
    for override in overrides:
        command += ["-s", override]
    if fill_cache or mode == "replay":
        command += ["--http-cache", str(work / "httpcache")]
    if mode == "replay":
        command.append("--cache-only")
    if profile_dir is not None and mode != "bare":
        command = record_command(profile_dir / f"{mode}-{run}.txt") + command
    environment = {
        **os.environ,
        "MONGO_URI": mongo.uri,
        "MONGO_DATABASE": f"bench_{mode}_{run}",
        "NEWSBOT_DATA_DIR": str(work / f"data-{mode}-{run}"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    database_cpu, server_cpu = _cpu(mongo.pid), server.cpu_seconds()
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=environment, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0 or not result_file.exists():
        raise RuntimeError(f"{mode} crawl failed ({completed.returncode}):\n{completed.stderr[-4000:]}")
    return CrawlFigures(
        mode,
        run,
        json.loads(result_file.read_text()),
        _cpu(mongo.pid) - database_cpu,
        server.cpu_seconds() - server_cpu,
    )


def memory_growth(
    samples: list[list[int]], baseline_pages: int = MEMORY_BASELINE_PAGES
) -> dict[str, Any] | None:
    """RSS at the first sample at or after ``baseline_pages`` against the largest later sample."""
    later = [(pages, rss) for pages, rss in samples if pages >= baseline_pages]
    if len(later) < 2:
        return None
    baseline = later[0][1]
    peak_pages, peak = max(later[1:], key=lambda sample: sample[1])
    final = later[-1][1]
    return {
        "baseline_pages": later[0][0],
        "baseline_mb": baseline / 2**20,
        "peak_mb": peak / 2**20,
        "peak_pages": peak_pages,
        "final_mb": final / 2**20,
        "growth": peak / baseline - 1,
    }


def _fmt(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def print_row(figures: CrawlFigures) -> None:
    stats = figures.result["stats"]
    print(
        f"  run {figures.run} {LABELS[figures.mode]:<17} pages {figures.pages:>6}  "
        f"{figures.pages_per_second:>7.1f} pages/s  CPU {figures.cpu_ms_per_page:>6.2f} ms/page  "
        f"peak RSS {figures.peak_rss_mb:>6.1f} MB  pipelines {_fmt(figures.pipeline_ms())} ms/item "
        f"(mean {_fmt(figures.pipeline_ms('mean'))})  extraction {_fmt(figures.extraction_ms())} ms  "
        f"items {figures.result['items']} stored {stats.get('newsbot/stored/inserted', '-')}  "
        f"SecantusDB CPU {figures.database_cpu:.1f} s  nginx CPU {figures.server_cpu:.2f} s",
        flush=True,
    )


def summarise(results: list[CrawlFigures], modes: list[str]) -> dict[str, Any]:
    by_mode = {mode: [f for f in results if f.mode == mode] for mode in modes}
    summary: dict[str, Any] = {}
    for mode, crawls in by_mode.items():
        summary[mode] = {
            "pages": statistics.median(f.pages for f in crawls),
            "pages_per_second": statistics.median(f.pages_per_second for f in crawls),
            "cpu_ms_per_page": statistics.median(f.cpu_ms_per_page for f in crawls),
            "peak_rss_mb": statistics.median(f.peak_rss_mb for f in crawls),
        }
        if mode != "bare":
            summary[mode]["pipelines_ms_median"] = statistics.median(f.pipeline_ms() or 0 for f in crawls)
            summary[mode]["pipelines_ms_mean"] = statistics.median(f.pipeline_ms("mean") or 0 for f in crawls)
            summary[mode]["extraction_ms_median"] = statistics.median(f.extraction_ms() or 0 for f in crawls)
            per_pipeline: dict[str, list[float]] = {}
            for crawl in crawls:
                for name, values in (crawl.result["pipelines"] or {}).get("pipelines", {}).items():
                    per_pipeline.setdefault(name, []).append(values["median"])
            summary[mode]["per_pipeline_ms_median"] = {
                n: statistics.median(v) for n, v in per_pipeline.items()
            }
            summary[mode]["batch_writes_ms_per_item"] = statistics.median(
                (crawl.result["pipelines"] or {}).get("batch_ms_per_item", 0.0) for crawl in crawls
            )
    if "bare" in by_mode:
        runs = sorted({f.run for f in results})
        for mode in ("newsbot", "replay"):
            if mode not in by_mode:
                continue
            ratios = []
            for run in runs:
                base = next(f for f in by_mode["bare"] if f.run == run)
                other = next(f for f in by_mode[mode] if f.run == run)
                ratios.append(other.pages_per_second / base.pages_per_second)
            summary[f"ratio_{mode}_over_bare"] = {"per_run": ratios, "median": statistics.median(ratios)}
    return summary


def print_summary(summary: dict[str, Any], runs: int) -> None:
    print(f"\nMedians of {runs} run(s):")
    for mode in MODES:
        if mode not in summary:
            continue
        figures = summary[mode]
        line = (
            f"  {LABELS[mode]:<17} {figures['pages_per_second']:>7.1f} pages/s  "
            f"CPU {figures['cpu_ms_per_page']:>6.2f} ms/page  peak RSS {figures['peak_rss_mb']:>6.1f} MB"
        )
        if mode != "bare":
            line += (
                f"  pipelines {figures['pipelines_ms_median']:.2f} ms/item median "
                f"(mean {figures['pipelines_ms_mean']:.2f})  "
                f"extraction {figures['extraction_ms_median']:.2f} ms/page"
            )
        print(line)
        if mode != "bare":
            parts = ", ".join(
                f"{name} {value:.2f}" for name, value in figures["per_pipeline_ms_median"].items()
            )
            print(
                f"      per pipeline (median ms/item): {parts}; "
                f"batch work (bulk writes, dedup lookups) spread over all items"
                f" +{figures['batch_writes_ms_per_item']:.2f}"
            )
    for mode, label in (("newsbot", "b/a"), ("replay", "c/a")):
        ratio = summary.get(f"ratio_{mode}_over_bare")
        if ratio:
            runs_text = ", ".join(f"{value:.2f}" for value in ratio["per_run"])
            print(f"  throughput {label}: {ratio['median']:.2f} (runs: {runs_text})")
    newsbot = summary.get("newsbot")
    if newsbot:
        value = newsbot["pipelines_ms_median"]
        verdict = "meets" if value <= PIPELINE_TARGET_MS else "misses"
        print(f"  pipelines CPU per item {value:.2f} ms: {verdict} the {PIPELINE_TARGET_MS} ms target")
    ratio = summary.get("ratio_newsbot_over_bare")
    if ratio:
        verdict = "meets" if ratio["median"] >= THROUGHPUT_TARGET else "misses"
        print(f"  throughput b/a {ratio['median']:.2f}: {verdict} the {THROUGHPUT_TARGET} target")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=2000, help="article pages to generate (default 2000)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--modes", default=",".join(MODES), help="comma-separated subset of bare,newsbot,replay"
    )
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="delay every response (remote-site model)"
    )
    parser.add_argument("--sample-every", type=int, default=200, help="RSS sample every N responses")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="NAME=VALUE",
        help="a Scrapy setting for every crawl (e.g. CONCURRENT_REQUESTS_PER_DOMAIN=4)",
    )  # fmt: skip
    parser.add_argument("--json", help="also write every figure to this file")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites and databases")
    parser.add_argument(
        "--profile", type=Path, help="record newsbot crawls with py-spy into this folder (slows them)"
    )
    options = parser.parse_args(argv)
    modes = [mode for mode in MODES if mode in options.modes.split(",")]
    if options.profile:
        options.profile.mkdir(parents=True, exist_ok=True)

    work = Path(tempfile.mkdtemp(prefix="newsbot-bench-crawl-"))
    work.chmod(0o755)  # nginx workers run as an unprivileged user when started by root
    port = free_port()
    try:
        started = time.perf_counter()
        stats = PageStats.from_corpus()
        sites = generate_sites(work / "sites", options.pages, port, seed=options.seed, stats=stats)
        print(
            f"Generated {sites.articles} article pages + feeds/sitemaps, "
            f"{sites.bytes_written / 2**20:.0f} MB, "
            f"in {time.perf_counter() - started:.0f} s ({stats.describe()}); work dir {work}",
            flush=True,
        )
        mongo = start_server(work / "mongo")
        try:
            with NginxServer(work / "sites", port, latency_ms=options.latency_ms) as server:
                print(
                    f"nginx on 127.0.0.1:{port} (latency {options.latency_ms:g} ms), "
                    f"SecantusDB at {mongo.uri}; "
                    f"{options.runs} run(s) of {', '.join(modes)}",
                    flush=True,
                )
                common = {
                    "sites": sites,
                    "port": port,
                    "work": work,
                    "mongo": mongo,
                    "server": server,
                    "overrides": tuple(options.overrides),
                }
                if "replay" in modes:
                    fill = run_crawl("bare", 0, fill_cache=True, sample_every=options.sample_every, **common)
                    # Scrapy's cache folders are per spider name: hand the bare crawl's to the news spider.
                    cache = work / "httpcache"
                    (cache / BareSpider.name).rename(cache / GenericNewsSpider.name)
                    print(f"  HTTP cache filled by a bare crawl: {fill.pages} pages", flush=True)
                results: list[CrawlFigures] = []
                for run in range(1, options.runs + 1):
                    for mode in modes:
                        figures = run_crawl(
                            mode,
                            run,
                            sample_every=options.sample_every,
                            profile_dir=options.profile,
                            **common,
                        )
                        print_row(figures)
                        results.append(figures)
                        recorded = options.profile / f"{mode}-{run}.txt" if options.profile else None
                        if recorded and recorded.exists():
                            print(summarise_profile(recorded), flush=True)
        finally:
            mongo.stop()
        summary = summarise(results, modes)
        print_summary(summary, options.runs)
        memory = [
            (f.run, memory_growth(f.result["rss_samples"]))
            for f in results
            if f.mode in ("newsbot", "replay")
        ]
        for run, growth in memory:
            if growth:
                verdict = "flat" if abs(growth["growth"]) <= MEMORY_TOLERANCE else "GROWS"
                print(
                    f"  memory run {run}: {growth['baseline_mb']:.1f} MB at {growth['baseline_pages']} "
                    f"pages, peak {growth['peak_mb']:.1f} MB at {growth['peak_pages']}, "
                    f"final {growth['final_mb']:.1f} MB: "
                    f"{growth['growth']:+.1%} ({verdict}, tolerance ±{MEMORY_TOLERANCE:.0%})"
                )
        if options.json:
            Path(options.json).write_text(
                json.dumps(
                    {"summary": summary, "crawls": [f.__dict__ for f in results], "memory": memory},
                    indent=1,
                    default=str,
                )
            )
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
