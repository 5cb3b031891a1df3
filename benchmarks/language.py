"""Language filter benchmark: accuracy on real pages and short titles, cost per article, per backend.

Run ``python -m benchmarks.language`` (add ``--sweep`` for the cap / short-text / quotation /
``auto`` routing sweeps that chose the defaults). Texts are read at run time from ``../shared/corpus``
(gold JSON, saved HTML, saved RSS; nothing is copied) and from ``data/lang_*.tsv`` (texts the team
wrote itself).

Four text sets:
- pages: title + body of every corpus page; the body is the gold body when there is one, else
  the page's ``<p>`` paragraphs extracted with lxml (its longer text nodes when it has no paragraphs);
- passages: 200-400 character slices of gold bodies cut at paragraph ends, and RSS items
  (title + description) of at least 200 characters, labelled by the feed's ``<language>``;
- short: titles alone (gold titles of the corpus, RSS item titles, the team's own titles in French
  and in close languages);
- quoted: the team's own French texts quoting foreign speakers, foreign texts quoting French
  speakers, and French titles that are mostly a French quotation;
- close languages, long: the team's own titles in each close language (Occitan, Walloon, Catalan…)
  joined into texts as long as the detector's cap (an article's length), for the detectors that do
  not know every one of them.

Costs are printed twice: with the detector's tables in the CPU caches (back-to-back calls), and with
the caches evicted before each call, as in a crawl where a page is parsed between two decisions.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from lxml import etree, html

from newsbot.language import (
    BACKENDS,
    DEFAULT_BACKEND,
    DETECTED,
    FRENCH,
    MAX_CHARS,
    LanguageDecision,
    detect_language,
)
from newsbot.language.backends import AUTO_LONG_CHARS, AUTO_MIN_LONG_SCORE, primary_subtag
from tests.support.corpus import REPO_ROOT, CorpusPage, iter_feeds, iter_pages

DATA = Path(__file__).with_name("data")
OWN_TITLES = DATA / "lang_short_titles.tsv"
OWN_QUOTED_TEXTS = DATA / "lang_quoted_texts.tsv"
LONG_TEXT_CHARS = 200
PASSAGE_MAX_CHARS = 400
PASSAGES_PER_PAGE = 8
MIN_PARAGRAPH_CHARS = 40
CACHE_EVICTION_BYTES = 32 * 2**20  # more than this machine's last-level cache
AUTO_LONG_CHARS_SWEEP = (50, 100, 150, 200, 300, 400, 500)
AUTO_MIN_LONG_SCORE_SWEEP = (0.0, 0.8, 0.9, 0.99, 0.9999)
CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figcaption")
DECLARED_CHARSET = re.compile(rb"""charset=["']?([\w-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Sample:
    """One labelled text, split the way the pipeline sees it."""

    source: str
    language: str
    title: str | None = None
    body: str | None = None

    @property
    def is_french(self) -> bool:
        return self.language == FRENCH

    @property
    def length(self) -> int:
        return len(self.title or "") + len(self.body or "")


# --- text sets -------------------------------------------------------------------------------


def decode_html(raw: bytes) -> str:
    """UTF-8 when valid, else the declared charset (invalid bytes replaced)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        declared = DECLARED_CHARSET.search(raw[:8192])
        encoding = declared.group(1).decode("ascii") if declared else "utf-8"
        try:
            return raw.decode(encoding, errors="replace")
        except LookupError:
            return raw.decode("utf-8", errors="replace")


def html_text(raw: bytes) -> str:
    """The page's ``<p>`` texts of at least ``MIN_PARAGRAPH_CHARS`` characters outside page chrome,
    or its longer text nodes when paragraphs hold under ``LONG_TEXT_CHARS`` characters."""
    tree = html.document_fromstring(decode_html(raw))
    etree.strip_elements(tree, *CHROME_TAGS, etree.Comment, with_tail=False)
    paragraphs = long_lines(node.text_content() for node in tree.iter("p"))
    if len(paragraphs) >= LONG_TEXT_CHARS:
        return paragraphs
    return long_lines(tree.xpath("//body//text()"))


def long_lines(texts: Iterable[str]) -> str:
    """Texts of at least ``MIN_PARAGRAPH_CHARS`` characters, whitespace collapsed, one per line."""
    collapsed = (" ".join(text.split()) for text in texts)
    return "\n".join(text for text in collapsed if len(text) >= MIN_PARAGRAPH_CHARS)


def page_sample(page: CorpusPage) -> Sample:
    body = page.gold.get("body") or html_text(page.html)
    language = primary_subtag(page.language or "")
    return Sample(f"{page.folder}/{page.name}", language, page.gold.get("title") or None, body)


def passages(body: str) -> Iterator[str]:
    """Consecutive paragraphs grouped into slices of 200-400 characters."""
    current = ""
    for paragraph in (line.strip() for line in body.splitlines()):
        current = f"{current}\n{paragraph}".strip()
        if len(current) >= LONG_TEXT_CHARS:
            if len(current) <= PASSAGE_MAX_CHARS:
                yield current
            current = ""


@dataclass(frozen=True)
class FeedItem:
    feed: str
    position: int
    language: str
    title: str
    description: str


def feed_items() -> Iterator[FeedItem]:
    """Items of the saved RSS feeds, labelled by the channel's ``<language>``; markup removed."""
    for path in iter_feeds():
        channel = etree.parse(str(path)).find("channel")
        if channel is None:
            continue
        language = primary_subtag((channel.findtext("language") or "").strip())
        for position, item in enumerate(channel.iter("item")):
            title = " ".join((item.findtext("title") or "").split())
            description_html = (item.findtext("description") or "").strip()
            description = html.fromstring(description_html).text_content() if description_html else ""
            yield FeedItem(path.name, position, language, title, " ".join(description.split()))


def page_samples() -> list[Sample]:
    return [page_sample(page) for page in iter_pages()]


def passage_samples() -> list[Sample]:
    samples = []
    for page in iter_pages():
        gold_body = page.gold.get("body")
        if gold_body:
            language = primary_subtag(page.language or "")
            for index, passage in enumerate(passages(gold_body)):
                if index == PASSAGES_PER_PAGE:
                    break
                samples.append(Sample(f"{page.folder}/{page.name}#{index}", language, None, passage))
    for item in feed_items():
        sample = Sample(f"{item.feed}#{item.position}", item.language, item.title, item.description)
        if sample.length >= LONG_TEXT_CHARS:
            samples.append(sample)
    return samples


def own_texts(path: Path) -> list[Sample]:
    """The team's own labelled texts: ``language<TAB>text`` lines, ``#`` comments."""
    samples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            language, title = line.split("\t", 1)
            samples.append(Sample(f"{path.name}:{number}", language, title.strip()))
    return samples


def joined_by_language(samples: Iterable[Sample], min_chars: int = MAX_CHARS) -> list[Sample]:
    """Consecutive non-French titles of one language joined (". ") into texts of ``min_chars`` or more."""
    texts: list[Sample] = []
    pending: dict[str, list[str]] = {}
    for sample in samples:
        if sample.is_french or not sample.title:
            continue
        titles = pending.setdefault(sample.language, [])
        titles.append(sample.title.rstrip(" .?!"))
        joined = ". ".join(titles) + "."
        if len(joined) >= min_chars:
            source = f"{sample.source} (+{len(titles) - 1} before)"
            texts.append(Sample(source, sample.language, None, joined))
            titles.clear()
    return texts


def short_samples() -> list[Sample]:
    corpus_titles = [
        Sample(f"{page.folder}/{page.name}:title", primary_subtag(page.language or ""), page.gold["title"])
        for page in iter_pages()
        if (page.gold.get("title") or "").strip()
    ]
    feed_titles = [
        Sample(f"{item.feed}#{item.position}:title", item.language, item.title)
        for item in feed_items()
        if item.title
    ]
    return corpus_titles + feed_titles + own_texts(OWN_TITLES)


# --- evaluation ------------------------------------------------------------------------------

Decide = Callable[[Sample], LanguageDecision]


def decider(backend: str, **options: int) -> Decide:
    def decide(sample: Sample) -> LanguageDecision:
        return detect_language(sample.title, None, sample.body, backend=backend, **options)

    return decide


@dataclass
class Evaluation:
    """French decisions against the gold labels."""

    total: int = 0
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    labels_right: int = 0
    too_short: int = 0
    wrong: list[str] = field(default_factory=list)
    kept_by_language: Counter[str] = field(default_factory=Counter)

    @property
    def wrong_decisions(self) -> int:
        return self.false_positives + self.false_negatives

    @property
    def precision(self) -> float:
        kept = self.true_positives + self.false_positives
        return self.true_positives / kept if kept else 1.0

    @property
    def recall(self) -> float:
        french = self.true_positives + self.false_negatives
        return self.true_positives / french if french else 1.0

    @property
    def label_accuracy(self) -> float:
        return self.labels_right / self.total if self.total else 1.0


def evaluate(samples: Iterable[Sample], decide: Decide) -> Evaluation:
    result = Evaluation()
    for sample in samples:
        decision = decide(sample)
        result.total += 1
        result.labels_right += decision.language == sample.language
        result.too_short += decision.reason != DETECTED
        if decision.is_french and sample.is_french:
            result.true_positives += 1
        elif decision.is_french != sample.is_french:
            result.false_positives += decision.is_french
            result.false_negatives += sample.is_french
            result.kept_by_language[sample.language] += decision.is_french
            result.wrong.append(f"{sample.source} gold={sample.language} got={decision.language}")
    return result


def cost_per_article_ms(
    samples: list[Sample], decide: Decide, repeats: int, *, cold: bool = False
) -> tuple[float, float]:
    """Median and 95th percentile of the wall time of one decision, over every sample and repeat.

    ``cold``: the CPU caches are evicted (a buffer larger than them is written) before each call,
    outside the timed span, as a crawl's page parsing does between two decisions.
    """
    evictor = np.zeros(CACHE_EVICTION_BYTES if cold else 0, dtype=np.uint8)
    timings = []
    for _ in range(repeats):
        for sample in samples:
            if cold:
                evictor[::64] += 1  # one write per cache line
            start = time.perf_counter()
            decide(sample)
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(0.95 * (len(timings) - 1))]


FIRST_CALL_SCRIPT = """
import json, sys, time
start = time.perf_counter()
from newsbot.language import detect_language
imported = time.perf_counter()
detect_language("Grève à la SNCF", None, "Le trafic sera très perturbé jeudi sur tout le réseau.",
                backend=sys.argv[1])
done = time.perf_counter()
print(json.dumps({"import_ms": (imported - start) * 1000, "first_call_ms": (done - imported) * 1000}))
"""


def first_call_cost_ms(backend: str) -> dict[str, float]:
    """Import of ``newsbot.language`` and first decision (model loading), in a fresh interpreter."""
    completed = subprocess.run(
        [sys.executable, "-c", FIRST_CALL_SCRIPT, backend],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO_ROOT,
    )
    return json.loads(completed.stdout)


# --- report ----------------------------------------------------------------------------------


def long_only(samples: list[Sample]) -> list[Sample]:
    return [sample for sample in samples if sample.length >= LONG_TEXT_CHARS]


def report_backend(backend: str, sets: dict[str, list[Sample]], repeats: int, verbose: bool) -> None:
    decide = decider(backend)
    pages = evaluate(long_only(sets["pages"]), decide)
    passages_ = evaluate(sets["passages"], decide)
    short = evaluate(sets["short"], decide)
    quoted = evaluate(sets["quoted"], decide)
    close = evaluate(sets["close"], decide)
    median, p95 = cost_per_article_ms(sets["pages"], decide, repeats)
    cold_median, cold_p95 = cost_per_article_ms(sets["pages"], decide, repeats, cold=True)
    first = first_call_cost_ms(backend)
    print(f"\n## {backend}")
    print(
        f"  pages ≥{LONG_TEXT_CHARS} chars: {pages.wrong_decisions} wrong French decisions / {pages.total}"
        f"  (language label right: {pages.label_accuracy:.1%})"
    )
    print(
        f"  passages 200-400 chars: {passages_.wrong_decisions} wrong / {passages_.total}"
        f"  (language label right: {passages_.label_accuracy:.1%})"
    )
    print(
        f"  short titles: French precision {short.precision:.1%}, recall {short.recall:.1%}"
        f"  ({short.total} titles, {short.true_positives + short.false_negatives} French,"
        f" {short.false_positives} FP, {short.false_negatives} FN, {short.too_short} too short to judge)"
    )
    kept = ", ".join(
        f"{language} {count}" for language, count in short.kept_by_language.most_common() if count
    )
    print(f"  short titles taken for French, by true language: {kept or 'none'}")
    print(f"  quoted texts: {quoted.wrong_decisions} wrong / {quoted.total}")
    taken = ", ".join(
        f"{language} {count}" for language, count in close.kept_by_language.most_common() if count
    )
    print(
        f"  close languages, own titles joined to ≥{MAX_CHARS} chars: {close.wrong_decisions} wrong"
        f" / {close.total} (taken for French: {taken or 'none'})"
    )
    timed = f"{len(sets['pages'])} pages x {repeats}"
    print(
        f"  cost per article: median {median:.3f} ms, p95 {p95:.3f} ms;"
        f" caches evicted before each call: median {cold_median:.3f} ms, p95 {cold_p95:.3f} ms  ({timed})"
    )
    print(f"  import {first['import_ms']:.0f} ms, first call {first['first_call_ms']:.0f} ms")
    if verbose:
        for line in pages.wrong + passages_.wrong + short.wrong + quoted.wrong + close.wrong:
            print(f"    wrong: {line}")


def routed(
    samples: list[Sample],
    short: list[LanguageDecision],
    long: list[LanguageDecision],
    long_chars: int,
    min_long_score: float,
) -> Decide:
    """The decisions of the ``auto`` backend routing at ``long_chars`` and ``min_long_score``, from
    both detectors' decisions (preparation does not depend on the detector, so ``chars_used`` is
    the length ``auto`` routes by)."""
    chosen = {
        sample: b if a.chars_used >= long_chars and b.score >= min_long_score else a
        for sample, a, b in zip(samples, short, long, strict=True)
    }
    return chosen.__getitem__


def report_auto_sweep(sets: dict[str, list[Sample]]) -> None:
    """The measurements behind AUTO_LONG_CHARS and AUTO_MIN_LONG_SCORE."""
    print(
        f"\n## sweep of the auto backend's routing: langdetect-rs from {AUTO_LONG_CHARS} chars when its"
        f" score is ≥ {AUTO_MIN_LONG_SCORE}, py3langid otherwise"
    )
    named = {
        "long": long_only(sets["pages"]) + sets["passages"],
        "short": sets["short"],
        "quoted": sets["quoted"],
        "close": sets["close"],
    }
    decisions = {
        backend: {name: [decider(backend)(sample) for sample in samples] for name, samples in named.items()}
        for backend in ("py3langid", "langdetect-rs")
    }
    settings = [(chars, AUTO_MIN_LONG_SCORE) for chars in AUTO_LONG_CHARS_SWEEP]
    scores = [score for score in AUTO_MIN_LONG_SCORE_SWEEP if score != AUTO_MIN_LONG_SCORE]
    settings += [(AUTO_LONG_CHARS, score) for score in scores]
    for long_chars, min_score in settings:
        short_decisions, long_decisions = decisions["py3langid"], decisions["langdetect-rs"]
        result = {
            name: evaluate(
                samples,
                routed(samples, short_decisions[name], long_decisions[name], long_chars, min_score),
            )
            for name, samples in named.items()
        }
        pairs = zip(short_decisions["long"], long_decisions["long"], strict=True)
        to_rs = sum(a.chars_used >= long_chars and b.score >= min_score for a, b in pairs)
        print(
            f"  langdetect-rs from {long_chars:>3} chars, score ≥ {min_score:<6}:"
            f" {result['long'].wrong_decisions} wrong / {result['long'].total} long texts"
            f" ({to_rs} decided by langdetect-rs),"
            f" short P {result['short'].precision:.1%} R {result['short'].recall:.1%},"
            f" {result['quoted'].wrong_decisions} wrong quoted,"
            f" {result['close'].wrong_decisions} wrong / {result['close'].total} close-language long texts"
        )


def report_sweeps(backend: str, sets: dict[str, list[Sample]]) -> None:
    """The measurements behind MAX_CHARS, MIN_CHARS and the quotation rule."""
    long_texts = long_only(sets["pages"]) + sets["passages"]
    print(f"\n## sweeps ({backend})")
    for max_chars in (200, 300, 500, 1000, 2000, 10_000):
        decide = decider(backend, max_chars=max_chars)
        result = evaluate(long_texts, decide)
        median, p95 = cost_per_article_ms(sets["pages"], decide, repeats=3)
        print(
            f"  max_chars={max_chars:>6}: {result.wrong_decisions} wrong / {result.total} long texts,"
            f" label right {result.label_accuracy:.1%}, median {median:.3f} ms, p95 {p95:.3f} ms"
        )
    for min_chars in (0, 10, 20, 30, 40):
        result = evaluate(sets["short"], decider(backend, min_chars=min_chars))
        print(
            f"  min_chars={min_chars:>3}: short precision {result.precision:.1%}, recall {result.recall:.1%},"
            f" {result.too_short} too short"
        )
    for min_letters in (20, 30, 40, 60, 10**9):
        decide = decider(backend, min_letters_without_quotes=min_letters)
        long_result = evaluate(long_texts, decide)
        quoted_result = evaluate(sets["quoted"], decide)
        short_result = evaluate(sets["short"], decide)
        label = "never" if min_letters == 10**9 else f"≥{min_letters} letters left"
        print(
            f"  remove quotes when {label:>17}: {long_result.wrong_decisions} wrong long,"
            f" {quoted_result.wrong_decisions} wrong quoted,"
            f" short P {short_result.precision:.1%} R {short_result.recall:.1%}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", action="append", choices=sorted(BACKENDS), help="default: all")
    parser.add_argument("--repeats", type=int, default=5, help="timing passes over the pages")
    parser.add_argument(
        "--sweep", action="store_true", help="also sweep the cap, min_chars and quotation rule"
    )
    parser.add_argument("--verbose", action="store_true", help="list every wrong decision")
    args = parser.parse_args(argv)
    sets = {
        "pages": page_samples(),
        "passages": passage_samples(),
        "short": short_samples(),
        "quoted": own_texts(OWN_QUOTED_TEXTS),
        "close": joined_by_language(own_texts(OWN_TITLES)),
    }
    if not sets["pages"]:
        print("../shared/corpus is not available: nothing to measure")
        return 0
    print(
        f"# language filter benchmark: {len(sets['pages'])} pages"
        f" ({len(long_only(sets['pages']))} ≥{LONG_TEXT_CHARS} chars), {len(sets['passages'])} passages,"
        f" {len(sets['short'])} short titles ({sum(s.is_french for s in sets['short'])} French),"
        f" {len(sets['quoted'])} quoted texts, {len(sets['close'])} close-language long texts;"
        f" default backend {DEFAULT_BACKEND}"
    )
    for backend in args.backend or list(BACKENDS):
        report_backend(backend, sets, args.repeats, args.verbose)
    if args.sweep:
        report_sweeps(DEFAULT_BACKEND, sets)
        report_auto_sweep(sets)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
