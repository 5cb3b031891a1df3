"""WARC backfill benchmark: newsbot's full path against what a user would write instead, in one run.

    python -m benchmarks.warc [--records 2000] [--runs 1] [--stages 300] [--json FILE] [--write FILE]

Writes one gzip WARC of ``--records`` article response records built by the crawl benchmark's page
generator (:mod:`tests.support.sitegen`: RFI-like, Le Figaro-like and generic pages of realistic size),
then, on that same file:

* ``bare``: a ``warcio`` iteration plus an ``lxml.html`` parse of each record (the floor: reading and
  parsing, no extraction);
* ``trafilatura``: ``warcio`` plus ``trafilatura.extract`` of each record (no storage), what a user
  would write instead;
* ``newsbot``: ``scrapy crawl warc`` into a fresh database of a SecantusDB started here: extraction,
  cleaning, dates, language, dedup, MongoDB writes; timed by the spider from its first record to its
  last write (``progress.elapsed_s`` of the run document), process start-up shown apart.

Articles/s = articles obtained (a non-empty text for the loops, stored for newsbot) per second; the
ratios newsbot/trafilatura (target ≥ 1.5) and bare/newsbot (target ≤ 3) compare runs of the same
invocation. The newsbot crawl's RSS is sampled every 0.5 s; with ``--records`` ≥ 20,000 its growth
after the first quarter shows whether memory stays flat. ``--stages N`` times each step of newsbot's
path in-process on N records (decoding, the French check, extraction, cleaning, dates, language, dedup
sketch), so the remainder of the full path is the pipeline plumbing and the writes.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
import pymongo
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsbot.storage.embedded import start_server
from tests.support.sitegen import TEMPLATES, PageStats, iter_articles

REPO_ROOT = Path(__file__).resolve().parents[1]


def write_benchmark_warc(path: Path, records: int, seed: int = 7) -> tuple[int, int]:
    """``records`` article responses of generated pages; returns (records, bytes of HTML)."""
    stats = PageStats.from_corpus()
    rng = random.Random(seed + 1)
    html_bytes = 0
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsbot benchmark"}))
        for article in iter_articles(records, seed, stats):
            base = f"https://{article.outlet.host}"
            body = TEMPLATES[article.outlet.template](article, base, rng).encode()
            html_bytes += len(body)
            http = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                base + article.path,
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": article.modified.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            writer.write_record(record)
    return records, html_bytes


def iter_html(path: Path):
    """(url, body) of every HTML response record, as a user's loop reads them."""
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            yield record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read()


def run_bare(path: Path) -> dict[str, Any]:
    import lxml.html

    started, articles = time.perf_counter(), 0
    for _url, body in iter_html(path):
        if lxml.html.fromstring(body) is not None:
            articles += 1
    return {"articles": articles, "seconds": time.perf_counter() - started}


def run_trafilatura(path: Path) -> dict[str, Any]:
    import trafilatura

    started, articles = time.perf_counter(), 0
    for url, body in iter_html(path):
        if trafilatura.extract(body, url=url):
            articles += 1
    return {"articles": articles, "seconds": time.perf_counter() - started}


def run_newsbot(path: Path, mongo_uri: str, database: str, settings: list[str] = ()) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "scrapy", "crawl", "warc", "-a", f"paths={path}",
        "-s", "LOG_LEVEL=INFO", "-s", "NEWSBOT_PROGRESS_INTERVAL=10", "-s", "NEWSBOT_HEALTH_ENABLED=0",
    ]  # fmt: skip
    for setting in settings:
        command += ["-s", setting]
    env = {**os.environ, "MONGO_URI": mongo_uri, "MONGO_DATABASE": database}
    log = Path(tempfile.mkstemp(prefix="newsbot-warc-bench-", suffix=".log")[1])
    started = time.perf_counter()
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        watched = psutil.Process(process.pid)
        samples: list[tuple[float, float]] = []
        while process.poll() is None:
            try:
                samples.append((time.perf_counter() - started, watched.memory_info().rss / 1e6))
            except psutil.Error:
                break
            time.sleep(0.5)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"the newsbot crawl failed ({process.returncode}); log: {log}")
    client: pymongo.MongoClient = pymongo.MongoClient(mongo_uri)
    run = client[database].runs.find_one({"spider": "warc"})
    stored = client[database].articles.count_documents({})
    client.close()
    progress = run["progress"]
    log.unlink()
    quarter = [rss for at, rss in samples if at >= wall / 4]
    return {
        "articles": stored,
        "seconds": progress["elapsed_s"],
        "wall_seconds": wall,
        "records": progress["records"],
        "rss_peak_mb": max((rss for _, rss in samples), default=0.0),
        "rss_after_first_quarter_mb": quarter[0] if quarter else None,
        "rss_last_mb": samples[-1][1] if samples else None,
    }


def time_stages(path: Path, limit: int) -> dict[str, float]:
    """Median ms per record of each step of newsbot's path, run in-process on ``limit`` records."""
    from newsbot.dates import parse_date
    from newsbot.dedup import sketch_text
    from newsbot.extraction import extract_article
    from newsbot.history.records import language_rejection
    from newsbot.language import DEFAULT_BACKEND, detect_language, get_detector
    from newsbot.outlets import profile_for_url
    from newsbot.text import clean_text, warm_up

    warm_up()
    get_detector(DEFAULT_BACKEND)
    steps: dict[str, list[float]] = {
        name: [] for name in ("read", "french_check", "extract", "clean", "dates", "language", "dedup_sketch")
    }
    with open(path, "rb") as handle:
        iterator = iter(ArchiveIterator(handle))
        count = 0
        while count < limit:
            t0 = time.perf_counter()
            try:
                record = next(iterator)
            except StopIteration:
                break
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            t1 = time.perf_counter()
            profile = profile_for_url(url)
            language_rejection(None, body, trusted_host=profile is not None)
            t2 = time.perf_counter()
            article = extract_article(body, url, encoding="utf-8", profile=profile)
            t3 = time.perf_counter()
            title = clean_text(article.title or "", field="title").text
            lead = clean_text(article.lead or "", field="lead", title=title).text if article.lead else None
            text = clean_text(article.body or "", field="body", title=title).text if article.body else None
            t4 = time.perf_counter()
            parse_date(article.published_raw) if article.published_raw else None
            t5 = time.perf_counter()
            detect_language(title, lead, text, backend=DEFAULT_BACKEND)
            t6 = time.perf_counter()
            sketch_text(text or "")
            t7 = time.perf_counter()
            for name, (a, b) in zip(
                steps, ((t0, t1), (t1, t2), (t2, t3), (t3, t4), (t4, t5), (t5, t6), (t6, t7)), strict=True
            ):
                steps[name].append((b - a) * 1000)
            count += 1
    return {name: round(statistics.mean(values), 3) for name, values in steps.items() if values}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--records", type=int, default=2000, help="article records in the WARC (default 2000)"
    )
    parser.add_argument("--runs", type=int, default=1, help="runs of each contender (medians are printed)")
    parser.add_argument("--stages", type=int, default=300, help="records for the per-step timing (0: none)")
    parser.add_argument("--modes", default="bare,trafilatura,newsbot")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", help="also write every figure to this file")
    parser.add_argument("--write", metavar="FILE", help="only write the benchmark's WARC to FILE, then stop")
    parser.add_argument(
        "--warc", metavar="FILE", help="use this WARC (one --write made) instead of writing one"
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="a setting for newsbot"
    )
    args = parser.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if args.write:
        Path(args.write).parent.mkdir(parents=True, exist_ok=True)
        count, html_bytes = write_benchmark_warc(Path(args.write), args.records, args.seed)
        print(f"Wrote {count:,} article records ({html_bytes / 1e6:.1f} MB of HTML) to {args.write}")
        return

    with tempfile.TemporaryDirectory(prefix="newsbot-warc-bench-") as tmp:
        if args.warc:
            warc = Path(args.warc)
            sizes = [len(body) for _, body in iter_html(warc)]
            records, html_bytes = len(sizes), sum(sizes)
        else:
            warc = Path(tmp) / "bench.warc.gz"
            records, html_bytes = write_benchmark_warc(warc, args.records, args.seed)
        print(
            f"WARC: {records:,} article records, {html_bytes / records / 1000:.0f} kB HTML on average, "
            f"{warc.stat().st_size / 1e6:.1f} MB gzip"
        )
        server = start_server(Path(tmp) / "mongo") if "newsbot" in modes else None
        results: dict[str, list[dict[str, Any]]] = {mode: [] for mode in modes}
        try:
            for run in range(args.runs):
                for mode in modes:
                    if mode == "bare":
                        figures = run_bare(warc)
                    elif mode == "trafilatura":
                        figures = run_trafilatura(warc)
                    else:
                        assert server is not None
                        figures = run_newsbot(warc, server.uri, f"bench_{run}", args.set)
                    figures["articles_per_s"] = figures["articles"] / figures["seconds"]
                    results[mode].append(figures)
                    extra = ""
                    if mode == "newsbot":
                        quarter, last = (
                            figures["rss_after_first_quarter_mb"] or 0,
                            figures["rss_last_mb"] or 0,
                        )
                        extra = (
                            f", wall {figures['wall_seconds']:.1f} s with start-up, RSS peak "
                            f"{figures['rss_peak_mb']:.0f} MB (after first quarter {quarter:.0f} MB, "
                            f"last {last:.0f} MB)"
                        )
                    print(
                        f"run {run + 1} {mode:12s} {figures['articles']:>6,} articles in "
                        f"{figures['seconds']:7.2f} s = {figures['articles_per_s']:8.1f} articles/s{extra}",
                        flush=True,
                    )
            stages = time_stages(warc, args.stages) if args.stages and "newsbot" in modes else {}
        finally:
            if server is not None:
                server.stop()

    medians = {
        mode: statistics.median(r["articles_per_s"] for r in runs) for mode, runs in results.items() if runs
    }
    summary: dict[str, Any] = {
        "records": records,
        "articles_per_s": medians,
        "runs": results,
        "stages_ms": stages,
    }
    print("\nmedian articles/s: " + ", ".join(f"{mode} {value:.1f}" for mode, value in medians.items()))
    if "newsbot" in medians and "trafilatura" in medians:
        ratio = medians["newsbot"] / medians["trafilatura"]
        summary["newsbot_over_trafilatura"] = ratio
        print(f"newsbot / trafilatura = {ratio:.2f}  (target ≥ 1.5: {'met' if ratio >= 1.5 else 'missed'})")
    if "newsbot" in medians and "bare" in medians:
        ratio = medians["bare"] / medians["newsbot"]
        summary["bare_over_newsbot"] = ratio
        print(f"bare warcio+lxml / newsbot = {ratio:.2f}  (target ≤ 3: {'met' if ratio <= 3 else 'missed'})")
    if stages:
        total = sum(stages.values())
        print(f"\nnewsbot steps, mean ms per record over {args.stages} records (in-process):")
        for name, ms in stages.items():
            print(f"  {name:14s} {ms:7.2f} ms  {ms / total:5.1%}")
        if "newsbot" in medians:
            full = 1000 / medians["newsbot"]
            print(
                f"  {'(full path)':14s} {full:7.2f} ms per stored article; steps above sum to {total:.2f} ms"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2, default=str))


if __name__ == "__main__":
    main()
