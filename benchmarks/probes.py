"""Benchmark-only instruments, installed by :mod:`benchmarks.crawlrun`, never by the project settings.

* :class:`CrawlProbe` (an extension): wall time, process CPU and RSS of the crawl, sampled every
  ``BENCH_SAMPLE_EVERY`` responses, written as JSON to ``BENCH_RESULT_FILE`` when the spider closes.
* :func:`timed_pipeline`: wraps an item pipeline class so that the CPU each item costs it is
  recorded: the pipeline's own steps on the reactor thread (``time.thread_time`` around each step
  of its coroutine, so concurrent items are not mixed up) plus the work it hands to worker threads
  (``deferToThread``), attributed to the item through a context variable.
* :func:`timed_function`: CPU time of a plain function (the spider's ``extract_article``).
"""

from __future__ import annotations

import contextvars
import functools
import json
import resource
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Coroutine, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.utils.misc import build_from_crawler

_CURRENT: contextvars.ContextVar[tuple[int, str] | None] = contextvars.ContextVar("bench_item", default=None)
"""(item key, pipeline name) of the pipeline step running now, for work it sends to threads."""

BATCH_PIPELINES = frozenset({"MongoPipeline", "DedupPipeline"})
"""Pipelines whose thread work is batch work, spread evenly over the items: the writer's bulk writes,
and the dedup pipeline's batch lookup (one query and one insert for up to 64 items), which would
otherwise be charged whole to the item that happened to fill the batch."""


@dataclass
class PipelineClock:
    """CPU seconds per item and pipeline; thread work by pipeline; work attributable to no item."""

    own: dict[int, dict[str, float]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))
    thread: dict[int, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    finished: list[dict[str, float]] = field(default_factory=list)
    """One entry per item that left the pipelines: ``{pipeline: own seconds, "thread:<p>": seconds}``."""
    unattributed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_own(self, key: int, pipeline: str, seconds: float) -> None:
        self.own[key][pipeline] += seconds

    def add_thread(self, owner: tuple[int, str] | None, seconds: float) -> None:
        with self.lock:
            if owner is None:
                self.unattributed += seconds
            else:
                self.thread[owner[0]][owner[1]] += seconds

    def finish(self, item: Any) -> None:
        key = id(item)
        with self.lock:
            costs = dict(self.own.pop(key, {}))
            costs.update({f"thread:{name}": value for name, value in self.thread.pop(key, {}).items()})
        self.finished.append(costs)

    def summary(self) -> dict[str, Any]:
        """Per-item CPU in ms: median/mean/p95 of the total and per pipeline (batch work amortised)."""
        items = self.finished
        if not items:
            return {"items": 0}
        batch = self.unattributed + sum(
            value for costs in items for name, value in costs.items() if _is_batch(name)
        )
        share = batch / len(items)
        totals = [sum(v for n, v in costs.items() if not _is_batch(n)) + share for costs in items]
        names = sorted({name.removeprefix("thread:") for costs in items for name in costs})
        per_pipeline = {}
        for name in names:
            values = [costs.get(name, 0.0) + costs.get(f"thread:{name}", 0.0) for costs in items]
            if name in BATCH_PIPELINES:
                values = [costs.get(name, 0.0) for costs in items]
            per_pipeline[name] = _ms_stats(values)
        return {
            "items": len(items),
            "total": _ms_stats(totals),
            "batch_ms_per_item": share * 1000,
            "pipelines": per_pipeline,
        }


def _is_batch(name: str) -> bool:
    return name.startswith("thread:") and name.removeprefix("thread:") in BATCH_PIPELINES


def _ms_stats(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered) * 1000,
        "mean": statistics.fmean(ordered) * 1000,
        "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
    }


_CLOCKS: dict[int, PipelineClock] = {}


def clock_for(crawler: Crawler) -> PipelineClock:
    """The crawler's clock, created (with its signal handlers and thread hook) on first use."""
    clock = _CLOCKS.get(id(crawler))
    if clock is None:
        clock = _CLOCKS[id(crawler)] = PipelineClock()
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(_finisher(clock), signal=signal, weak=False)
        _hook_thread_pool(clock)
    return clock


def _finisher(clock: PipelineClock) -> Callable[..., None]:
    def finish(item: Any, **_: Any) -> None:
        clock.finish(item)

    return finish


def _hook_thread_pool(clock: PipelineClock) -> None:
    """Time every function the reactor's thread pool runs, charged to the item that sent it."""
    from twisted.internet import reactor  # the crawl's reactor, installed by then

    pool = reactor.getThreadPool()  # type: ignore[attr-defined]
    submit = pool.callInThreadWithCallback

    def timed_submit(on_result: Any, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        owner = _CURRENT.get()

        def run() -> Any:
            start = time.thread_time()
            try:
                return function(*args, **kwargs)
            finally:
                clock.add_thread(owner, time.thread_time() - start)

        submit(on_result, run)

    pool.callInThreadWithCallback = timed_submit


class _TimedCoroutine:
    """Drives a coroutine, adding the reactor-thread CPU of each of its steps to ``record``."""

    def __init__(self, coroutine: Coroutine[Any, Any, Any], record: Callable[[float], None]) -> None:
        self.coroutine = coroutine
        self.record = record

    def __await__(self) -> Generator[Any, Any, Any]:
        send_value: Any = None
        error: BaseException | None = None
        while True:
            start = time.thread_time()
            try:
                yielded = self.coroutine.send(send_value) if error is None else self.coroutine.throw(error)
            except StopIteration as stop:
                return stop.value
            finally:
                self.record(time.thread_time() - start)
            try:
                send_value, error = (yield yielded), None
            except BaseException as exc:  # delivered into the wrapped coroutine
                send_value, error = None, exc


def timed_pipeline(cls: type) -> type:
    """A pipeline class that runs ``cls`` and records each item's CPU cost under ``cls.__name__``."""
    name = cls.__name__

    class TimedPipeline:
        def __init__(self, inner: Any, clock: PipelineClock) -> None:
            self.inner = inner
            self.clock = clock

        @classmethod
        def from_crawler(cls_, crawler: Crawler) -> Any:
            return cls_(build_from_crawler(cls, crawler), clock_for(crawler))

        def __getattr__(self, attribute: str) -> Any:  # open_spider, close_spider…
            return getattr(self.inner, attribute)

        async def process_item(self, item: Any) -> Any:
            key = id(item)
            token = _CURRENT.set((key, name))
            start = time.thread_time()
            try:
                result = self.inner.process_item(item)
            finally:
                self.clock.add_own(key, name, time.thread_time() - start)
            try:
                if isinstance(result, Coroutine):
                    return await _TimedCoroutine(result, lambda s: self.clock.add_own(key, name, s))
                return result
            finally:
                _CURRENT.reset(token)

    TimedPipeline.__name__ = TimedPipeline.__qualname__ = f"Timed{name}"
    return TimedPipeline


@dataclass
class FunctionClock:
    calls: int = 0
    seconds: list[float] = field(default_factory=list)


FUNCTION_CLOCKS: dict[str, FunctionClock] = defaultdict(FunctionClock)


def timed_function(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    """``function`` with its CPU time per call recorded in ``FUNCTION_CLOCKS[label]``."""
    clock = FUNCTION_CLOCKS[label]

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            clock.seconds.append(time.thread_time() - start)

    return wrapper


class CrawlProbe:
    """Extension: wall/CPU time, pages, items and RSS samples of one crawl, dumped as JSON at the end."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.output = Path(crawler.settings.get("BENCH_RESULT_FILE"))
        self.sample_every = crawler.settings.getint("BENCH_SAMPLE_EVERY", 200)
        self.process = psutil.Process()
        self.responses = 0
        self.items = 0
        self.samples: list[tuple[int, int]] = []
        self.started = self.cpu_started = 0.0
        self.last_event = self.cpu_last_event = 0.0
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.response, signal=signals.response_received)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(self.item, signal=signal)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProbe:
        return cls(crawler)

    def _mark(self) -> None:
        self.last_event, self.cpu_last_event = time.perf_counter(), time.process_time()

    def opened(self) -> None:
        self.started, self.cpu_started = time.perf_counter(), time.process_time()
        self.samples.append((0, self.process.memory_info().rss))

    def response(self) -> None:
        self.responses += 1
        self._mark()
        if self.responses % self.sample_every == 0:
            self.samples.append((self.responses, self.process.memory_info().rss))

    def item(self) -> None:
        self.items += 1
        self._mark()

    def closed(self, reason: str) -> None:
        clock = _CLOCKS.get(id(self.crawler))
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        result = {
            "reason": reason,
            "pages": self.responses,
            "items": self.items,
            "seconds": self.last_event - self.started,
            "cpu_seconds": self.cpu_last_event - self.cpu_started,
            "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "rss_samples": self.samples,
            "pipelines": clock.summary() if clock else None,
            "functions": {
                label: _ms_stats(c.seconds) | {"calls": len(c.seconds)}
                for label, c in FUNCTION_CLOCKS.items()
                if c.seconds
            },
            "stats": {
                k: v for k, v in stats.items() if isinstance(v, int | float) and not isinstance(v, bool)
            },
        }
        self.output.write_text(json.dumps(result, indent=1))
