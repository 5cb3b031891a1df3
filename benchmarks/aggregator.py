"""Aggregator extraction over generated layouts: item recall, precision, title/summary split, chrome.

    python -m benchmarks.aggregator                 # 40 seeds per family, dev and held-out families
    python -m benchmarks.aggregator --seeds 5       # quicker
    python -m benchmarks.aggregator --show-misses   # every missed, spurious or badly split item

Pages come from ``tests/support/aggregator_layouts.py``. Families the extractor was developed on
and families written afterwards (held out) are reported separately, and the seeds measured here
(from 1000 on) are not the ones the tests and development used (below 100). Each page's excerpts
go through what the pipeline does to stored text — ``clean_text`` and the chrome guard — before
chrome is looked for. The baseline, in the same run, is the text parser alone on the page's
visible text (what the spider had to fall back on).

- recall: expected items (main excerpt + related) found with their exact title;
- precision: extracted excerpts that are an expected item;
- split: found items whose title and summary are both exactly right;
- link / outlet / date: found items with the expected link, source outlet and relative date;
- chrome: stored texts holding a closer, marker, tagline, site name or footer line (target 0).
"""

from __future__ import annotations

import argparse
import math
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from lxml.html import fromstring

from newsbot.extraction.aggregator import AggregatedEntry, extract_aggregated_entries
from newsbot.text import clean_text, normalize_text
from newsbot.text.aggregator import parse_aggregator_text
from newsbot.text.chrome_guard import guard_fields
from tests.support.aggregator_layouts import (
    CHROME_PHRASES,
    DEV_FAMILIES,
    HELD_OUT_FAMILIES,
    PROSE_WITH_CLOSER_WORDS,
    SEALED_FAMILIES,
    ExpectedItem,
    Layout,
    generate,
)

MEASURED_SEEDS_FROM = 1000
_SPACES = re.compile(r"\s+")


def canon(text: str | None) -> str:
    """Text compared as a reader would: typography and spacing do not count."""
    text = normalize_text(text or "").replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return _SPACES.sub(" ", text).strip()


_COUNTS = (
    *("expected", "extracted", "found", "correct", "split", "link", "outlet", "outlet_expected"),
    *("date", "date_expected", "chrome_texts", "stored_texts", "pages", "seconds"),
)


@dataclass
class Score:
    expected: int = 0
    extracted: int = 0
    found: int = 0
    correct: int = 0
    split: int = 0
    link: int = 0
    outlet: int = 0
    outlet_expected: int = 0
    date: int = 0
    date_expected: int = 0
    chrome_texts: int = 0
    stored_texts: int = 0
    pages: int = 0
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in _COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses


def stored_texts(entry: AggregatedEntry) -> tuple[str | None, str | None]:
    """Title and lead as the pipeline stores them: cleaned, then through the chrome guard."""
    title = clean_text(entry.title, field="title").text if entry.title else None
    lead = clean_text(entry.summary, field="lead", title=title).text if entry.summary else None
    outcome = guard_fields(title, lead, None)
    if outcome.drop_reason:
        return None, None
    return outcome.title, outcome.lead


def _has_chrome(text: str, layout: Layout) -> bool:
    folded = canon(text.replace(PROSE_WITH_CLOSER_WORDS, "")).casefold()
    phrases = (*CHROME_PHRASES, *layout.chrome[:3], *layout.chrome[3 : -len(layout.items)])
    return any(canon(phrase).casefold() in folded for phrase in phrases if len(phrase) > 3)


def _minutes(raw: str | None) -> int | None:
    match = re.search(r"il\s+y\s+a\s+(\d+)\s*(min|h)", raw or "", re.IGNORECASE)
    if match is None:
        return None
    return int(match.group(1)) * (60 if match.group(2).lower() == "h" else 1)


def score_layout(layout: Layout, entries: Sequence[AggregatedEntry], seconds: float = 0.0) -> Score:
    score = Score(expected=len(layout.items), extracted=len(entries), pages=1, seconds=seconds)
    by_title: dict[str, ExpectedItem] = {canon(item.title): item for item in layout.items}
    matched: set[str] = set()
    for entry in entries:
        title, lead = stored_texts(entry)
        for text in (title, lead):
            if text:
                score.stored_texts += 1
                if _has_chrome(text, layout):
                    score.chrome_texts += 1
                    score.misses.append(f"{layout.family}/{layout.seed} chrome: {text[:120]!r}")
        key = canon(entry.title)
        expected = by_title.get(key)
        if expected is None or key in matched:
            score.misses.append(
                f"{layout.family}/{layout.seed} spurious: {entry.title!r} | {entry.summary!r}"[:300]
            )
            continue
        matched.add(key)
        score.correct += 1
        if canon(entry.summary) == canon(expected.summary):
            score.split += 1
        else:
            score.misses.append(
                f"{layout.family}/{layout.seed} split: {entry.title!r} | got {entry.summary!r} | "
                f"want {expected.summary!r}"[:400]
            )
        score.link += entry.url == expected.url
        if expected.outlet is not None:
            score.outlet_expected += 1
            score.outlet += canon(entry.outlet) == canon(expected.outlet)
        if expected.minutes_ago is not None:
            score.date_expected += 1
            score.date += _minutes(entry.published_raw) == expected.minutes_ago
    score.found = len(matched)
    for key, item in by_title.items():
        if key not in matched:
            score.misses.append(f"{layout.family}/{layout.seed} missed: {item.title!r}")
    return score


def extract_dom(layout: Layout) -> list[AggregatedEntry]:
    return extract_aggregated_entries(layout.html, layout.page_url)


def extract_text_only(layout: Layout) -> list[AggregatedEntry]:
    """Baseline: the page's visible text, one line per block, through the text parser alone."""
    root = fromstring(layout.html)
    for bad in root.xpath("//script|//style|//title"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for element in root.iter():
        if element.tag in ("p", "div", "li", "tr", "dt", "dd", "h1", "h2", "h3", "section", "article"):
            element.tail = "\n" + (element.tail or "")
    page = parse_aggregator_text(root.text_content())
    entries = [AggregatedEntry(None, None, page.excerpt, page.excerpt_truncated, main=True)]
    entries += [AggregatedEntry(i.url, i.title, i.summary, i.truncated) for i in page.items]
    return entries


def run(
    families: Sequence[str], seeds: range, extract: Callable[[Layout], list[AggregatedEntry]]
) -> dict[str, Score]:
    scores: dict[str, Score] = {}
    for family in families:
        total = Score()
        for seed in seeds:
            layout = generate(family, seed)
            started = time.perf_counter()
            entries = extract(layout)
            total.add(score_layout(layout, entries, time.perf_counter() - started))
        scores[family] = total
    return scores


def _pct(part: int, whole: int) -> str:
    """Rounded down: 3225 of 3226 is 99.9 %, never 100.0 %."""
    return f"{math.floor(1000 * part / whole) / 10:.1f}%" if whole else "n/a"


def _row(name: str, s: Score) -> str:
    return (
        f"| {name} | {s.pages} | {s.expected} | {_pct(s.found, s.expected)} | "
        f"{_pct(s.correct, s.extracted)} | "
        f"{_pct(s.split, s.found)} | {_pct(s.link, s.found)} | {_pct(s.outlet, s.outlet_expected)} | "
        f"{_pct(s.date, s.date_expected)} | {s.chrome_texts}/{s.stored_texts} | "
        f"{1000 * s.seconds / max(s.pages, 1):.1f} |"
    )


HEADER = (
    "| layouts | pages | items | recall | precision | split | link | outlet | date "
    "| chrome in stored texts | ms/page |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def report(scores: dict[str, Score], title: str) -> Score:
    print(f"\n{title}\n{HEADER}")
    total = Score()
    for family, score in scores.items():
        print(_row(family, score))
        total.add(score)
    print(_row("**all**", total))
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=40, help="pages per family (default 40)")
    parser.add_argument("--from-seed", type=int, default=MEASURED_SEEDS_FROM)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args(argv)
    seeds = range(args.from_seed, args.from_seed + args.seeds)
    dev = report(
        run(DEV_FAMILIES, seeds, extract_dom), f"Developed-on families, seeds {seeds.start}-{seeds.stop - 1}"
    )
    held = report(
        run(HELD_OUT_FAMILIES, seeds, extract_dom), "Held-out families (written after the extractor)"
    )
    sealed = report(run(SEALED_FAMILIES, seeds, extract_dom), "Sealed families (written last, measured once)")
    if not args.no_baseline:
        families = DEV_FAMILIES + HELD_OUT_FAMILIES + SEALED_FAMILIES
        report(run(families, seeds, extract_text_only), "Baseline: text parser alone on the visible text")
    if args.show_misses:
        for line in dev.misses + held.misses + sealed.misses:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
