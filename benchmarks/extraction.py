"""Benchmark: newsbot's extractor against the ground truth of ../shared/corpus, trafilatura alongside.

    python -m benchmarks.extraction [--runs 3] [--all-languages] [--show-pages]

Every page of the corpus is extracted (timings cover all of them); quality is printed per folder
and overall for the French pages. Metric definitions (printed with the tables):

* text tokens: Unicode word tokens (``\\w+``) of the lower-cased text, counted as a bag of words
  (multiset). token-F1 = 2PR/(P+R) with P = |cand ∩ gold| / |cand| and R = |cand ∩ gold| / |gold|,
  ∩ the multiset intersection. Measured where the gold has a full body. newsbot's text is its
  ``body``, preceded by its ``lead`` when the gold body opens with the standfirst (fundus gold
  with a non-empty ``summary``); trafilatura's is its main text. "lead+body F1" always prepends
  newsbot's lead (its standfirst or, failing that, the page description), gold scope or not.
* snippets: ``body_must_contain`` found / ``body_must_not_contain`` absent / ``body_must_start_with``
  a prefix, after whitespace normalisation, in ``lead + body`` (start: ``body`` or ``lead + body``).
* title: equal after whitespace normalisation. authors: equal sets after whitespace
  normalisation, case folding and removal of a leading "Par"/"By" (applied to both sides).
* published: same minute (UTC) where the gold has a time, same day (Europe/Paris) otherwise.
  Raw strings are read with ``newsbot.dates`` (``parse_byline`` for visible bylines).

Rows: ``newsbot`` (outlet profile from the URL, as the outlet spiders run), ``newsbot generic``
(no profile, as the ``news`` spider runs), ``newsbot + clean_text`` (the text pipeline applied to
lead and body), ``trafilatura`` (``bare_extraction`` with metadata, default settings).
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from newsbot.extraction import ExtractedArticle, extract_article
from newsbot.outlets import profile_for_url
from tests.support.corpus import CorpusPage, corpus_dir, iter_pages

PARIS = ZoneInfo("Europe/Paris")
TARGETS = {
    "body_f1": 0.95,
    "must_contain": 0.97,
    "must_not_contain": 0.97,
    "title": 0.97,
    "published": 0.95,
    "authors": 0.90,
}
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_BYLINE_PREFIX = re.compile(r"^(?:par|by)\s*:?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Output:
    """What one extractor returned for one page, in the benchmark's neutral shape."""

    title: str | None = None
    lead: str | None = None
    body: str | None = None
    authors: tuple[str, ...] = ()
    published_raw: str | None = None
    date_source: str | None = None
    seconds: float = 0.0


@dataclass
class PageScore:
    """Per-page results; ``None`` where the gold gives nothing to compare."""

    folder: str
    name: str
    f1: tuple[float, float, float] | None = None
    f1_text: tuple[float, float, float] | None = None
    contain: tuple[int, int] = (0, 0)
    avoid: tuple[int, int] = (0, 0)
    start: bool | None = None
    title: bool | None = None
    authors: bool | None = None
    published: bool | None = None
    published_day: bool | None = None


# -- metrics ------------------------------------------------------------------------------------


def tokens(text: str | None) -> Counter[str]:
    """Bag of lower-cased Unicode word tokens."""
    return Counter(_WORD.findall((text or "").lower()))


def token_prf(candidate: str | None, gold: str) -> tuple[float, float, float]:
    """(F1, precision, recall) of two texts' token multisets."""
    produced, expected = tokens(candidate), tokens(gold)
    overlap = sum((produced & expected).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    precision = overlap / sum(produced.values())
    recall = overlap / sum(expected.values())
    return 2 * precision * recall / (precision + recall), precision, recall


def squash(text: str | None) -> str:
    """All whitespace runs to one space, stripped."""
    return _SPACES.sub(" ", text or "").strip()


def author_key(name: str) -> str:
    return _BYLINE_PREFIX.sub("", squash(name)).casefold()


def _gold_has_summary(gold: dict[str, Any]) -> bool:
    structured = gold.get("body_structured")
    return isinstance(structured, dict) and bool(structured.get("summary"))


def _joined(*parts: str | None) -> str:
    return "\n\n".join(part for part in parts if part)


def score_page(
    page: CorpusPage, output: Output, *, lead_is_separate: bool, read_date: DateReader
) -> PageScore:
    """Compare one extractor output with the page's gold values."""
    gold = page.gold
    score = PageScore(page.folder, page.name)
    full_text = _joined(output.lead, output.body) if lead_is_separate else output.body
    if gold.get("body"):
        compared = full_text if (lead_is_separate and _gold_has_summary(gold)) else output.body
        score.f1 = token_prf(compared, gold["body"])
        score.f1_text = token_prf(full_text, gold["body"])
    text = squash(full_text)
    must = [snippet for snippet in gold.get("body_must_contain") or [] if squash(snippet)]
    score.contain = (sum(squash(snippet) in text for snippet in must), len(must))
    avoid = [snippet for snippet in gold.get("body_must_not_contain") or [] if squash(snippet)]
    score.avoid = (sum(squash(snippet) not in text for snippet in avoid), len(avoid))
    if gold.get("body_must_start_with"):
        prefix = squash(gold["body_must_start_with"])
        score.start = squash(output.body).startswith(prefix) or text.startswith(prefix)
    if gold.get("title"):
        score.title = squash(output.title) == squash(gold["title"])
    if gold.get("authors"):
        score.authors = {author_key(name) for name in gold["authors"]} == {
            author_key(n) for n in output.authors
        }
    if gold.get("published"):
        score.published, score.published_day = _date_match(gold, output, read_date)
    return score


# -- dates ---------------------------------------------------------------------------------------

DateReader = Callable[[str, str | None, datetime | None], datetime | None]


def default_date_reader() -> DateReader:
    """``newsbot.dates`` when importable, else ``datetime.fromisoformat`` (naive = Paris time)."""
    try:
        from newsbot.dates import parse_byline, parse_date
    except ImportError:  # pragma: no cover - only before newsbot.dates exists
        return _iso_reader

    def read(raw: str, source: str | None, now: datetime | None) -> datetime | None:
        if source == "byline":
            byline = parse_byline(raw, now=now)
            if byline.published is not None:
                return byline.published
        return parse_date(raw, now=now)

    return read


def _iso_reader(raw: str, source: str | None, now: datetime | None) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=PARIS)).astimezone(UTC)


def _crawl_time(gold: dict[str, Any]) -> datetime | None:
    raw = gold.get("crawl_date")
    if not isinstance(raw, str):
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _date_match(gold: dict[str, Any], output: Output, read_date: DateReader) -> tuple[bool, bool]:
    expected_raw = str(gold["published"])
    now = _crawl_time(gold)
    produced = read_date(output.published_raw, output.date_source, now) if output.published_raw else None
    if produced is None:
        return False, False
    day_only = re.fullmatch(r"\d{4}-\d{2}-\d{2}", expected_raw.strip()) is not None
    if day_only:
        same_day = _local_day(produced) == date.fromisoformat(expected_raw.strip())
        return same_day, same_day
    expected = read_date(expected_raw, None, now)
    if expected is None:
        return False, False
    same_minute = produced.replace(second=0, microsecond=0) == expected.replace(second=0, microsecond=0)
    return same_minute, _local_day(produced) == _local_day(expected)


def _local_day(instant: datetime) -> date:
    return instant.astimezone(PARIS).date()


# -- extractors ----------------------------------------------------------------------------------


def run_newsbot(
    page: CorpusPage, post: Callable[[str], str] | None = None, *, use_profile: bool = True
) -> tuple[Output, ExtractedArticle]:
    """newsbot's extractor, with the outlet profile chosen from the URL as the outlet spiders do
    (``use_profile=False``: the page alone, as the generic ``news`` spider does)."""
    profile = profile_for_url(page.url) if use_profile else None
    started = time.perf_counter()
    article = extract_article(page.html, page.url, profile=profile)
    elapsed = time.perf_counter() - started
    body, lead = article.body, article.lead
    if post is not None:
        body = post(body) if body else body
        lead = post(lead) if lead else lead
    output = Output(
        article.title, lead, body, tuple(article.authors), article.published_raw, article.date_source, elapsed
    )
    return output, article


def trafilatura_runner() -> Callable[[CorpusPage], Output] | None:
    """trafilatura's ``bare_extraction`` with metadata, or ``None`` when it is not installed."""
    try:
        from trafilatura import bare_extraction
    except ImportError:
        return None

    def run(page: CorpusPage) -> Output:
        started = time.perf_counter()
        document = bare_extraction(page.html, url=page.url, with_metadata=True, include_comments=False)
        elapsed = time.perf_counter() - started
        if document is None:
            return Output(seconds=elapsed)
        get = document.get if isinstance(document, dict) else lambda key: getattr(document, key, None)
        authors = tuple(part.strip() for part in (get("author") or "").split(";") if part.strip())
        return Output(get("title"), None, get("text"), authors, get("date"), "trafilatura", elapsed)

    return run


def clean_text_function() -> Callable[[str], str] | None:
    """``newsbot.text.clean_text`` (body field, text of its result) when that module is importable."""
    try:
        from newsbot.text import clean_text
    except ImportError:
        return None

    def clean(text: str) -> str:
        result = clean_text(text, field="body")
        return getattr(result, "text", result)

    return clean


# -- aggregation and printing --------------------------------------------------------------------


@dataclass
class Summary:
    """Aggregated figures for a group of pages."""

    pages: int = 0
    f1: list[tuple[float, float, float]] = field(default_factory=list)
    f1_text: list[tuple[float, float, float]] = field(default_factory=list)
    contain: list[int] = field(default_factory=lambda: [0, 0])
    avoid: list[int] = field(default_factory=lambda: [0, 0])
    start: list[int] = field(default_factory=lambda: [0, 0])
    title: list[int] = field(default_factory=lambda: [0, 0])
    authors: list[int] = field(default_factory=lambda: [0, 0])
    published: list[int] = field(default_factory=lambda: [0, 0])
    published_day: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, score: PageScore) -> None:
        self.pages += 1
        if score.f1 is not None:
            self.f1.append(score.f1)
        if score.f1_text is not None:
            self.f1_text.append(score.f1_text)
        for name in ("contain", "avoid"):
            hit, total = getattr(score, name)
            getattr(self, name)[0] += hit
            getattr(self, name)[1] += total
        for name in ("start", "title", "authors", "published", "published_day"):
            value = getattr(score, name)
            if value is not None:
                getattr(self, name)[0] += int(value)
                getattr(self, name)[1] += 1

    def mean_f1(self, *, always_with_lead: bool = False) -> tuple[float, float, float] | None:
        """Mean (F1, precision, recall); ``always_with_lead`` compares ``lead + body`` on every page."""
        values = self.f1_text if always_with_lead else self.f1
        if not values:
            return None
        return tuple(statistics.fmean(column) for column in zip(*values, strict=True))  # type: ignore[return-value]

    def ratio(self, name: str) -> float | None:
        hit, total = getattr(self, name)
        return hit / total if total else None


def summarise(scores: Iterable[PageScore]) -> dict[str, Summary]:
    """Summaries per folder plus ``"ALL"``."""
    groups: dict[str, Summary] = defaultdict(Summary)
    for score in scores:
        groups[score.folder].add(score)
        groups["ALL"].add(score)
    return dict(groups)


def _fmt_ratio(summary: Summary, name: str) -> str:
    hit, total = getattr(summary, name)
    return f"{hit / total:6.1%} {hit:>3}/{total:<3}" if total else "-"


def _fmt_f1(summary: Summary, *, always_with_lead: bool = False) -> str:
    mean = summary.mean_f1(always_with_lead=always_with_lead)
    if mean is None:
        return "-"
    return f"{mean[0]:.3f} P{mean[1]:.2f} R{mean[2]:.2f}"


COLUMNS = (
    ("body token-F1", _fmt_f1),
    ("lead+body F1", lambda s: _fmt_f1(s, always_with_lead=True)),
    ("must-contain", lambda s: _fmt_ratio(s, "contain")),
    ("must-not-contain", lambda s: _fmt_ratio(s, "avoid")),
    ("starts-with", lambda s: _fmt_ratio(s, "start")),
    ("title exact", lambda s: _fmt_ratio(s, "title")),
    ("authors exact", lambda s: _fmt_ratio(s, "authors")),
    ("published", lambda s: _fmt_ratio(s, "published")),
    ("published (day)", lambda s: _fmt_ratio(s, "published_day")),
)
CELL = 21


def print_tables(results: dict[str, dict[str, Summary]]) -> None:
    """One block per group (folders, then ALL): a metric per line, an extractor per column."""
    folders = sorted({folder for summaries in results.values() for folder in summaries if folder != "ALL"})
    names = list(results)
    for folder in [*folders, "ALL"]:
        summary = results[names[0]].get(folder)
        pages = summary.pages if summary else 0
        with_f1 = len(summary.f1) if summary else 0
        print(f"\n== {folder}: {pages} French pages, {with_f1} with a full gold body")
        print(f"  {'':<17}" + "".join(f"{name:>{CELL}}" for name in names))
        for label, render in COLUMNS:
            cells = [render(results[name][folder]) if folder in results[name] else "-" for name in names]
            print(f"  {label:<17}" + "".join(f"{cell:>{CELL}}" for cell in cells))


def print_targets(summary: Summary, rival: Summary | None) -> None:
    """The issue's targets against the overall French figures."""
    mean = summary.mean_f1()
    rival_mean = rival.mean_f1() if rival else None
    checks = [
        ("body token-F1 >= 0.95", mean is not None and mean[0] >= TARGETS["body_f1"]),
        ("body token-F1 > trafilatura", mean is not None and (rival_mean is None or mean[0] > rival_mean[0])),
        ("must-contain >= 97%", (summary.ratio("contain") or 0) >= TARGETS["must_contain"]),
        ("must-not-contain >= 97%", (summary.ratio("avoid") or 0) >= TARGETS["must_not_contain"]),
        ("titles >= 97%", (summary.ratio("title") or 0) >= TARGETS["title"]),
        ("published >= 95%", (summary.ratio("published") or 0) >= TARGETS["published"]),
        ("authors >= 90%", (summary.ratio("authors") or 0) >= TARGETS["authors"]),
    ]
    print("\nTargets (newsbot, French pages):")
    for label, ok in checks:
        print(f"  [{'x' if ok else ' '}] {label}")


def print_timings(timings: dict[str, list[float]], runs: int) -> None:
    print(f"\nms/page over every corpus page (median of {runs} runs per page):")
    for name, values in timings.items():
        if not values:
            continue
        ordered = sorted(value * 1000 for value in values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"  {name:<22} median {statistics.median(ordered):7.1f}   p95 {p95:7.1f}   (n={len(ordered)})")


def print_failures(scores: dict[str, list[PageScore]]) -> None:
    print("\nPer page (French):")
    for name, page_scores in scores.items():
        for score in page_scores:
            misses = [
                label
                for label, value in (
                    ("title", score.title),
                    ("authors", score.authors),
                    ("published", score.published),
                    ("start", score.start),
                )
                if value is False
            ]
            if score.contain[0] < score.contain[1]:
                misses.append(f"contain {score.contain[0]}/{score.contain[1]}")
            if score.avoid[0] < score.avoid[1]:
                misses.append(f"avoid {score.avoid[0]}/{score.avoid[1]}")
            f1 = f" F1 {score.f1[0]:.3f} P {score.f1[1]:.3f} R {score.f1[2]:.3f}" if score.f1 else ""
            if misses or f1:
                print(f"  {name:<22} {score.folder}/{score.name}:{f1} {' '.join(misses)}")


# -- main ------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="timing runs per page (median kept)")
    parser.add_argument("--show-pages", action="store_true", help="print per-page misses")
    args = parser.parse_args(argv)
    if corpus_dir() is None:
        print("../shared/corpus not found (set NEWSBOT_CORPUS): nothing to measure.")
        return 1
    pages = list(iter_pages())
    french = [page for page in pages if page.is_french]
    traf = trafilatura_runner()
    clean = clean_text_function()
    read_date = default_date_reader()
    print(__doc__.split("\n\n", 2)[2] if __doc__ else "")
    timings: dict[str, list[float]] = {"newsbot": [], "trafilatura": []}
    outputs: dict[str, dict[str, Output]] = defaultdict(dict)
    for page in pages:
        runs = [run_newsbot(page)[0] for _ in range(args.runs)]
        timings["newsbot"].append(statistics.median(run.seconds for run in runs))
        outputs["newsbot"][page.name] = runs[0]
        if page.is_french:
            outputs["newsbot generic"][page.name] = run_newsbot(page, use_profile=False)[0]
        if clean is not None and page.is_french:
            outputs["newsbot + clean_text"][page.name] = run_newsbot(page, clean)[0]
        if traf is not None:
            traf_runs = [traf(page) for _ in range(args.runs)]
            timings["trafilatura"].append(statistics.median(run.seconds for run in traf_runs))
            outputs["trafilatura"][page.name] = traf_runs[0]
    scores = {
        name: [
            score_page(page, by_page[page.name], lead_is_separate=name != "trafilatura", read_date=read_date)
            for page in french
        ]
        for name, by_page in outputs.items()
    }
    results = {name: summarise(page_scores) for name, page_scores in scores.items()}
    if clean is None:
        print("(newsbot.text.clean_text not importable: 'extractor + clean_text' rows skipped)")
    if traf is None:
        print("(trafilatura not installed: pip install trafilatura to compare)")
    print_tables(results)
    rival = results.get("trafilatura", {}).get("ALL")
    print_targets(results["newsbot"]["ALL"], rival)
    print_timings(timings, args.runs)
    if args.show_pages:
        print_failures(scores)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
