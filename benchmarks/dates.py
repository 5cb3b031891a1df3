"""Benchmark: French dates → UTC (``newsbot.dates``) against dateparser alone.

Reads the hand-labelled case set ``benchmarks/data/dates_cases.tsv`` (outlet formats seen
in ../shared/corpus, dateparser's own French cases, the issue's examples, garbage), parses every
string with a fixed crawl time and prints: accuracy on valid strings (right to the minute, both
the Paris wall time and the UTC instant), garbage rejected, parses per second (median of several
runs), the share answered without dateparser, and the same figures for dateparser alone.

    python -m benchmarks.dates [--runs 5] [--passes 20] [--show-failures]
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsbot.dates import parse_byline, parse_date, parse_date_traced
from newsbot.dates.byline import find_expressions, split_byline
from newsbot.dates.grammar import scan_expression
from newsbot.dates.iso import parse_iso
from newsbot.dates.parts import Shape
from newsbot.dates.rfc822 import parse_js_date
from newsbot.dates.text import canonical
from newsbot.dates.zones import local_wall
from tests.support.corpus import CorpusPage, iter_pages

CASES_PATH = Path(__file__).with_name("data") / "dates_cases.tsv"
CRAWL_TIME = datetime(2025, 3, 30, 10, 0, tzinfo=UTC)  # 12:00 in Paris, the day clocks went forward
TZ = "Europe/Paris"
GARBAGE = "garbage"
TARGET_VALID = 0.97
TARGET_GARBAGE = 0.95
TARGET_RATE = 5000.0

Parser = Callable[[str], datetime | None]


@dataclass(frozen=True)
class Case:
    """One benchmark string and what it must give (``utc is None`` means garbage)."""

    text: str
    wall: datetime | None
    utc: datetime | None
    family: str
    source: str

    @property
    def is_garbage(self) -> bool:
        return self.utc is None


@dataclass
class Score:
    """Right answers, split between valid strings and garbage, with the cases that failed."""

    valid_right: int = 0
    valid_total: int = 0
    garbage_rejected: int = 0
    garbage_total: int = 0
    failures: list[tuple[Case, datetime | None]] = field(default_factory=list)

    @property
    def valid_rate(self) -> float:
        return self.valid_right / self.valid_total if self.valid_total else 0.0

    @property
    def garbage_rate(self) -> float:
        return self.garbage_rejected / self.garbage_total if self.garbage_total else 0.0


def load_cases(path: Path = CASES_PATH) -> list[Case]:
    """Read the case set, checking that each expected wall time is the Paris time of its UTC instant."""
    cases: list[Case] = []
    rows = path.read_text(encoding="utf-8").splitlines()
    lines = [line for line in rows if line and not line.startswith("#")]
    for number, line in enumerate(lines[1:], start=2):
        text, wall, utc, family, source = line.split("\t")
        if wall == GARBAGE:
            cases.append(Case(text, None, None, family, source))
            continue
        expected_wall = datetime.fromisoformat(wall)
        expected_utc = datetime.fromisoformat(utc)
        if local_wall(expected_utc, TZ) != expected_wall:
            raise ValueError(f"case {number} ({text!r}): {wall} is not the Paris wall time of {utc}")
        cases.append(Case(text, expected_wall, expected_utc, family, source))
    return cases


def to_minute(instant: datetime) -> datetime:
    return instant.replace(second=0, microsecond=0)


def is_right(case: Case, answer: datetime | None) -> bool:
    """Garbage must give ``None``; a valid string its instant to the minute, in UTC and on the Paris clock."""
    if case.is_garbage or answer is None:
        return case.is_garbage and answer is None
    return to_minute(answer.astimezone(UTC)) == case.utc and to_minute(local_wall(answer, TZ)) == case.wall


def score(cases: Sequence[Case], parser: Parser) -> Score:
    result = Score()
    for case in cases:
        answer = parser(case.text)
        right = is_right(case, answer)
        if case.is_garbage:
            result.garbage_total += 1
            result.garbage_rejected += right
        else:
            result.valid_total += 1
            result.valid_right += right
        if not right:
            result.failures.append((case, answer))
    return result


def parses_per_second(cases: Sequence[Case], parser: Parser, *, passes: int, runs: int) -> list[float]:
    """Throughput of ``runs`` timed runs, each parsing the whole set ``passes`` times."""
    texts = [case.text for case in cases]
    for text in texts:  # warm-up: lazy imports, regex and locale caches
        parser(text)
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for _ in range(passes):
            for text in texts:
                parser(text)
        rates.append(passes * len(texts) / (time.perf_counter() - started))
    return rates


def newsbot_parser(text: str) -> datetime | None:
    return parse_date(text, now=CRAWL_TIME, tz=TZ)


def dateparser_alone_settings() -> dict[str, Any]:
    """dateparser's best plain configuration for French news: explicit zone, day first, the past."""
    return {
        "RELATIVE_BASE": local_wall(CRAWL_TIME, TZ),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "TIMEZONE": TZ,
        "TO_TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": True,
    }


def dateparser_parser() -> Parser:
    import dateparser

    settings = dateparser_alone_settings()

    def parse(text: str) -> datetime | None:
        try:
            return dateparser.parse(text, languages=["fr"], settings=settings)
        except (ValueError, OverflowError):  # e.g. year 9999 shifted out of range: no date
            return None

    return parse


def print_report(cases: Sequence[Case], runs: int, passes: int, show_failures: bool) -> bool:
    valid = sum(not case.is_garbage for case in cases)
    print(f"newsbot.dates benchmark — {len(cases)} strings ({valid} valid, {len(cases) - valid} garbage)")
    print(f"crawl time {CRAWL_TIME.isoformat()}, zone {TZ}")
    print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs")
    print(f"sources: {dict(Counter(case.source for case in cases))}")

    ours = score(cases, newsbot_parser)
    paths = Counter(parse_date_traced(case.text, now=CRAWL_TIME, tz=TZ).path for case in cases)
    fast_share = 1 - paths["dateparser"] / len(cases)
    our_rates = parses_per_second(cases, newsbot_parser, passes=passes, runs=runs)
    our_rate = statistics.median(our_rates)

    baseline = dateparser_parser()
    theirs = score(cases, baseline)
    their_rate = statistics.median(parses_per_second(cases, baseline, passes=max(1, passes // 10), runs=runs))

    print()
    print(f"{'':24}{'valid right':>14}{'garbage rejected':>18}{'parses/s (median)':>20}")
    _row("newsbot.dates", ours, our_rate)
    _row("dateparser alone (fr)", theirs, their_rate)
    print()
    print(f"newsbot.dates runs (parses/s): {', '.join(f'{rate:,.0f}' for rate in our_rates)}")
    print(f"fast-path share (answered without dateparser): {fast_share:.1%}")
    print(f"paths: {dict(paths.most_common())}")
    print("valid right by family:")
    for family, (right, total) in sorted(_by_family(cases, ours).items()):
        print(f"  {family:14} {right:3d}/{total:<3d}")

    targets = [
        (f"valid strings right to the minute >= {TARGET_VALID:.0%}", ours.valid_rate >= TARGET_VALID),
        (f"garbage rejected >= {TARGET_GARBAGE:.0%}", ours.garbage_rate >= TARGET_GARBAGE),
        (f"parses/s >= {TARGET_RATE:,.0f}", our_rate >= TARGET_RATE),
    ]
    print()
    for label, met in targets:
        print(f"target {label}: {'met' if met else 'NOT MET'}")
    if show_failures:
        _print_failures("newsbot.dates", ours)
        _print_failures("dateparser alone", theirs)
    return all(met for _, met in targets)


def _row(name: str, result: Score, rate: float) -> None:
    print(
        f"{name:24}{result.valid_right:>5}/{result.valid_total:<3} {result.valid_rate:6.1%}"
        f"{result.garbage_rejected:>8}/{result.garbage_total:<3} {result.garbage_rate:6.1%}{rate:>16,.0f}"
    )


def _by_family(cases: Sequence[Case], result: Score) -> dict[str, tuple[int, int]]:
    failed = {id(case) for case, _ in result.failures}
    totals: Counter[str] = Counter()
    rights: Counter[str] = Counter()
    for case in cases:
        if not case.is_garbage:
            totals[case.family] += 1
            rights[case.family] += id(case) not in failed
    return {family: (rights[family], totals[family]) for family in totals}


def _print_failures(name: str, result: Score) -> None:
    print(f"\n{name} failures ({len(result.failures)}):")
    for case, answer in result.failures:
        expected = "None (garbage)" if case.is_garbage else f"{case.utc:%Y-%m-%dT%H:%MZ}"
        got = "None" if answer is None else f"{answer.astimezone(UTC):%Y-%m-%dT%H:%MZ}"
        print(f"  {case.text!r}: expected {expected}, got {got}")


# --- Checks on the real pages of ../shared/corpus (read in place; skipped when absent) ---------

_TIME_ELEMENT = re.compile(r"<time\b(?P<attributes>[^>]*)>(?P<label>.*?)</time>", re.S | re.I)
_MACHINE_ATTRIBUTE = re.compile(r'\b(?:datetime|data-timeutc)\s*=\s*"(?P<value>[^"]+)"', re.I)
_INVISIBLE = re.compile(r"<(script|style|noscript)\b.*?</\1>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
_MACHINE_TIME = re.compile(r"\d[T ]\d\d:\d\d")
_PUBLISHED_WORD = re.compile(r"(?<![a-z])publiee?(?![a-z])")
BYLINE_WINDOW = 120  # characters read from a "Publié" label


@dataclass(frozen=True)
class Check:
    """One comparison of our reading of a page's text with a machine value or the gold date."""

    page: str
    text: str
    expected: str
    got: str
    agrees: bool


def page_text(page: CorpusPage) -> str:
    return page.html.decode("utf-8", errors="replace")


def visible_text(markup: str) -> str:
    """Page text without scripts, styles, comments or tags, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", markup))).split())


def time_element_checks(pages: Sequence[CorpusPage]) -> list[Check]:
    """``<time datetime=…>20/03/2023 à 10:15</time>``: a printed full date and time against its own
    machine value (itself given to the minute), to the minute. Year-less, date-only and relative
    labels are left out: their reading needs the crawl time, which the corpus does not keep, and
    listing templates often reuse one machine value for several printed days."""
    checks = []
    for page in pages:
        for element in _TIME_ELEMENT.finditer(page_text(page)):
            attribute = _MACHINE_ATTRIBUTE.search(element["attributes"])
            label = " ".join(html.unescape(_TAG.sub(" ", element["label"])).split())
            if attribute is None or not label:
                continue
            value = attribute["value"].strip()
            machine = parse_iso(value, TZ) or parse_js_date(value)
            scanned = scan_expression(canonical(label))
            if machine is None or not _MACHINE_TIME.search(value):
                continue  # no machine value to the minute
            if scanned is None or scanned.parts.shape is not Shape.ABSOLUTE or not scanned.parts.has_time:
                continue
            got = parse_date(label, now=machine, tz=TZ)
            agrees = got is not None and to_minute(got) == to_minute(machine)
            checks.append(Check(page.name, label, f"{machine:%Y-%m-%dT%H:%MZ}", _show(got), agrees))
    return checks


def byline_checks(pages: Sequence[CorpusPage]) -> list[Check]:
    """The first "Publié …" byline of each page with a gold publication date, against that date:
    to the minute when both give a time, else the printed day against the gold day."""
    checks = []
    for page in pages:
        gold = page.gold.get("published")
        text = canonical(visible_text(page_text(page)))
        label = _PUBLISHED_WORD.search(text)
        if not gold or label is None:
            continue
        window = text[label.start() : label.start() + BYLINE_WINDOW]
        published, _ = split_byline(find_expressions(window))
        if published is None or published.parts.shape in (Shape.AGO, Shape.NOW):
            continue  # no date, or one that needs the unknown crawl time
        gold_has_time = len(gold) > len("2024-01-01")
        gold_instant = parse_iso(gold, TZ)
        assert gold_instant is not None, f"unreadable gold date {gold!r} in {page.name}"
        crawl = gold_instant + timedelta(days=1)
        got = parse_byline(window, now=crawl, tz=TZ).published
        if got is None:
            agrees = False
        elif published.parts.has_time and gold_has_time:
            agrees = to_minute(got) == to_minute(gold_instant)
        else:
            agrees = local_wall(got, TZ).date().isoformat() == gold[:10]
        shown = window[published.start : published.end]
        checks.append(Check(page.name, shown, gold, _show(got), agrees))
    return checks


def _show(instant: datetime | None) -> str:
    return "None" if instant is None else f"{instant.astimezone(UTC):%Y-%m-%dT%H:%MZ}"


def print_corpus_report(show_failures: bool) -> None:
    pages = list(iter_pages(french=True))
    print()
    if not pages:
        print("corpus checks: ../shared/corpus not available, skipped")
        return
    for name, checks in (
        ("<time> full date+time vs its datetime attribute", time_element_checks(pages)),
        ('first "Publié" byline vs gold publication date', byline_checks(pages)),
    ):
        agreeing = sum(check.agrees for check in checks)
        print(f"corpus: {name}: {agreeing}/{len(checks)} agree ({len({c.page for c in checks})} pages)")
        if show_failures:
            for check in checks:
                if not check.agrees:
                    print(f"  {check.page}: {check.text!r} expected {check.expected}, got {check.got}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="timed runs (the median is reported)")
    parser.add_argument("--passes", type=int, default=20, help="passes over the set per timed run")
    parser.add_argument("--show-failures", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)
    ok = print_report(load_cases(), args.runs, args.passes, args.show_failures)
    print_corpus_report(args.show_failures)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
