"""Benchmark of the boilerplate and text-repair stage (``newsbot.text``).

Run: ``python -m benchmarks.text [--runs 5]``. Prints:

1. on the labelled cases in ``data/text_cases.json``: per-rule precision/recall, prose kept intact,
   glue splits (and false splits), truncation detection;
2. on the French pages of ``../shared/corpus``: the share of gold sentences and ``body_must_contain``
   snippets that survive ``clean_text`` (gold bodies, JSON-LD ``articleBody`` values and a full-page
   text dump), chrome left over, and the cost per article (median and p95, ms);
3. on ``../shared/samples/aggregator_page.txt``: what is stripped and the parsed items.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbot.text import clean_text, normalize_text, parse_aggregator_text, split_glued_title
from newsbot.text.french import warm_up
from newsbot.text.glue import glue_positions, junction_candidates
from newsbot.text.rules import BOILERPLATE_RULES
from tests.support.corpus import REPO_ROOT, CorpusPage, corpus_dir, iter_pages

CASES_PATH = Path(__file__).with_name("data") / "text_cases.json"
AGGREGATOR_SAMPLE = REPO_ROOT.parent / "shared" / "samples" / "aggregator_page.txt"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[«\"“A-ZÀ-ÖØ-Þ])")
_JSON_LD = re.compile(rb"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.S | re.I)
_BLOCK_TAGS = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "blockquote",
    "figcaption",
    "figure",
    "table",
    "tr",
    "td",
    "th",
    "dt",
    "dd",
    "form",
    "label",
    "button",
    "a",
    "br",
]


def loose(text: str) -> str:
    """Compare texts modulo spacing: no-break spaces are spaces, runs collapse."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@dataclass
class Score:
    """Counts for one detector; precision and recall are None when undefined."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float | None:
        fired = self.true_positives + self.false_positives
        return self.true_positives / fired if fired else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


@dataclass
class CaseReport:
    """Section 1 results."""

    rules: dict[str, Score]
    overall: Score
    prose_total: int
    prose_damaged: list[str]
    glue: Score
    glue_false_splits: list[str]
    truncation: Score
    failures: list[str] = field(default_factory=list)


def load_cases(path: Path = CASES_PATH) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _score_rules(cases: dict[str, Any], report: CaseReport) -> None:
    labelled = [(case["rule"], case["text"], case["expected"]) for case in cases["chrome"]]
    labelled += [(None, text, text) for text in cases["prose"]]
    for label, text, expected in labelled:
        result = clean_text(text)
        correct = loose(result.text) == loose(normalize_text(expected))
        fired = [name for name in result.rules_fired if name in report.rules]
        if label is None:
            report.prose_total += 1
            if not correct:
                report.prose_damaged.append(f"{text!r} -> {result.text!r} {result.rules_fired}")
        elif label in fired and correct:
            report.rules[label].true_positives += 1
            report.overall.true_positives += 1
        else:
            report.rules[label].false_negatives += 1
            report.overall.false_negatives += 1
            report.failures.append(f"[{label}] {text!r} -> {result.text!r} {result.rules_fired}")
        for name in fired:
            if name != label and (label is None or not correct):
                report.rules[name].false_positives += 1
                report.overall.false_positives += 1


def _score_glue(cases: dict[str, Any], report: CaseReport) -> None:
    for case in cases["glued"]:
        split = split_glued_title(case["text"])
        if split == (case["title"], case["summary"]):
            report.glue.true_positives += 1
            continue
        report.glue.false_negatives += 1
        report.glue.false_positives += split is not None
        report.failures.append(f"[glue] {case['text']!r} -> {split!r} {case.get('note', '')}")
    for text in cases["unglued"]:
        split = split_glued_title(text)
        if split is not None:
            report.glue.false_positives += 1
            report.glue_false_splits.append(f"{text!r} -> {split!r}")


def _score_truncation(cases: dict[str, Any], report: CaseReport) -> None:
    for expected, texts in ((True, cases["truncated"]), (False, cases["complete"])):
        for text in texts:
            found = clean_text(text, field="lead").truncated
            if found and expected:
                report.truncation.true_positives += 1
            elif found:
                report.truncation.false_positives += 1
                report.failures.append(f"[truncation] complete text flagged: {text!r}")
            elif expected:
                report.truncation.false_negatives += 1
                report.failures.append(f"[truncation] cut text missed: {text!r}")


def evaluate_cases(cases: dict[str, Any]) -> CaseReport:
    """Score every rule, the glue splitter and the truncation detector on the labelled cases."""
    report = CaseReport(
        {rule.name: Score() for rule in BOILERPLATE_RULES}, Score(), 0, [], Score(), [], Score()
    )
    _score_rules(cases, report)
    _score_glue(cases, report)
    _score_truncation(cases, report)
    return report


# ---- corpus ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleText:
    """One text to clean, with the gold snippets that must survive."""

    page: str
    kind: str  # "gold body", "JSON-LD articleBody", "page text"
    text: str
    snippets: tuple[str, ...]
    banned: tuple[str, ...] = ()


def gold_snippets(page: CorpusPage) -> tuple[str, ...]:
    """Gold sentences of the body and the snippets the body must contain or start with."""
    gold = page.gold
    snippets: list[str] = []
    for paragraph in (gold.get("body") or "").split("\n\n"):
        snippets += [sentence for sentence in _SENTENCE_BREAK.split(paragraph.strip()) if sentence]
    snippets += gold.get("body_must_contain") or []
    for paragraph in (gold.get("body_must_start_with") or "").split("\n\n"):
        snippets += [paragraph.strip()] if paragraph.strip() else []
    return tuple(snippets)


def _article_bodies(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("articleBody"), str):
            yield node["articleBody"]
        for value in node.values():
            yield from _article_bodies(value)
    elif isinstance(node, list):
        for value in node:
            yield from _article_bodies(value)


def json_ld_bodies(html: bytes) -> list[str]:
    """``articleBody`` strings of the page's JSON-LD blocks (blocks that fail to parse are skipped)."""
    bodies: list[str] = []
    for match in _JSON_LD.finditer(html):
        try:
            bodies += _article_bodies(json.loads(match.group(1).decode("utf-8", "replace"), strict=False))
        except json.JSONDecodeError:
            continue
    return bodies


def page_text(html: bytes) -> str:
    """A crude text dump of the whole page, one line per block: article text plus all its chrome."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for element in root.xpath("//script|//style|//noscript|//svg|//template|//iframe|//head"):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def corpus_texts() -> list[ArticleText]:
    """Texts to clean from the French corpus pages, each with its gold snippets."""
    texts: list[ArticleText] = []
    for page in iter_pages(french=True):
        snippets = gold_snippets(page)
        banned = tuple(page.gold.get("body_must_not_contain") or ())
        if page.gold.get("body"):
            texts.append(ArticleText(page.name, "gold body", page.gold["body"], snippets))
        texts += [
            ArticleText(page.name, "JSON-LD articleBody", body, snippets)
            for body in json_ld_bodies(page.html)
        ]
        if page.gold.get("body_must_contain") or page.gold.get("body_must_start_with"):
            texts.append(ArticleText(page.name, "page text", page_text(page.html), snippets, banned))
    return texts


@dataclass
class Survival:
    present: int = 0
    survived: int = 0
    lost: list[str] = field(default_factory=list)


def survival_by_kind(texts: list[ArticleText]) -> dict[str, Survival]:
    """Share of the gold snippets present in each input that are still there after cleaning."""
    by_kind: dict[str, Survival] = {}
    for item in texts:
        score = by_kind.setdefault(item.kind, Survival())
        source = loose(normalize_text(item.text))
        cleaned = loose(clean_text(item.text).text)
        for snippet in item.snippets:
            wanted = loose(normalize_text(snippet))
            if wanted and wanted in source:
                score.present += 1
                if wanted in cleaned:
                    score.survived += 1
                else:
                    score.lost.append(f"{item.page} ({item.kind}): {snippet[:90]!r}")
    return by_kind


def time_per_call(text: str, budget: float) -> float:
    """Mean seconds per ``clean_text`` call, calling it for about ``budget`` seconds (3 calls at least)."""
    calls, start = 0, time.perf_counter()
    while calls < 3 or time.perf_counter() - start < budget:
        clean_text(text)
        calls += 1
    return (time.perf_counter() - start) / calls


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# ---- printing ----------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def print_cases(report: CaseReport, cases: dict[str, Any]) -> None:
    print("== 1. Labelled cases (benchmarks/data/text_cases.json)")
    counts = {name: sum(case["rule"] == name for case in cases["chrome"]) for name in report.rules}
    print(f"{'rule':28} {'cases':>5} {'precision':>9} {'recall':>7}")
    for name, score in report.rules.items():
        print(f"{name:28} {counts[name]:5d} {_pct(score.precision):>9} {_pct(score.recall):>7}")
    intact = report.prose_total - len(report.prose_damaged)
    print(
        f"{'ALL RULES':28} {len(cases['chrome']):5d} {_pct(report.overall.precision):>9} "
        f"{_pct(report.overall.recall):>7}   prose kept intact: {intact}/{report.prose_total}"
    )
    glue, cut = report.glue, report.truncation
    print(
        f"glue split: {glue.true_positives}/{len(cases['glued'])} glued split right "
        f"(recall {_pct(glue.recall)}, precision {_pct(glue.precision)}); false splits on "
        f"{len(cases['unglued'])} unglued strings: {len(report.glue_false_splits)}"
    )
    print(
        f"truncation: recall {_pct(cut.recall)}, precision {_pct(cut.precision)} "
        f"({len(cases['truncated'])} cut, {len(cases['complete'])} complete endings)"
    )
    for line in report.prose_damaged + report.glue_false_splits + report.failures:
        print("  miss:", line)


def print_corpus(runs: int, budget: float) -> None:
    print("\n== 2. French corpus pages (../shared/corpus)")
    if corpus_dir() is None:
        print("corpus not available: skipped")
        return
    texts = corpus_texts()
    for kind, score in survival_by_kind(texts).items():
        inputs = sum(item.kind == kind for item in texts)
        share = score.survived / score.present if score.present else None
        survived = f"{score.survived}/{score.present}"
        print(f"{kind:20} {inputs:2d} texts: {survived} gold snippets survive ({_pct(share)})")
        for lost in score.lost:
            print("  lost:", lost)
    _print_chrome_left(texts)
    _print_false_splits(texts)
    _print_timing(texts, runs, budget)


def _print_chrome_left(texts: list[ArticleText]) -> None:
    fired: dict[str, int] = {}
    for item in texts:
        if item.kind == "gold body":
            for name in clean_text(item.text).rules_fired:
                fired[name] = fired.get(name, 0) + 1
    print(f"rules fired on gold bodies (each a possible false positive): {fired or 'none'}")
    leftovers = [
        (item, text)
        for item in texts
        if item.kind == "JSON-LD articleBody"
        for text in ["LIRE AUSSI", "Lire aussi"]
    ]
    before = sum(item.text.count(text) for item, text in leftovers)
    after = sum(clean_text(item.text).text.count(text) for item, text in leftovers)
    print(f"'LIRE AUSSI' markers in JSON-LD bodies: {before} before cleaning, {after} after")
    banned = [(item, snippet) for item in texts for snippet in item.banned]
    removed = sum(loose(snippet) not in loose(clean_text(item.text).text) for item, snippet in banned)
    present = sum(loose(snippet) in loose(normalize_text(item.text)) for item, snippet in banned)
    print(
        f"body_must_not_contain snippets in page text dumps: {present} present before cleaning, "
        f"{present - (len(banned) - removed)} removed (most are navigation, another stage's job)"
    )


def _print_false_splits(texts: list[ArticleText]) -> None:
    labels = {
        "gold body": "gold bodies",
        "JSON-LD articleBody": "JSON-LD bodies",
        "page text": "page text dumps",
    }
    for kind, label in labels.items():
        candidates = 0
        splits: list[str] = []
        for item in texts:
            if item.kind == kind:
                text = normalize_text(item.text)
                candidates += len(junction_candidates(text))
                splits += [f"{item.page}: {text[max(0, at - 30) : at + 20]!r}" for at in glue_positions(text)]
        verdict = "each a false split" if kind != "page text" else "page chrome: duplicated link texts etc."
        print(f"glue junction candidates in {label}: {candidates}, split: {len(splits)} ({verdict})")
        for split in splits[: 5 if kind == "page text" else None]:
            print("  split:", split)


def _print_timing(texts: list[ArticleText], runs: int, budget: float) -> None:
    groups = {"typical article": ("gold body", "JSON-LD articleBody"), "full page text": ("page text",)}
    for label, kinds in groups.items():
        chosen = [item.text for item in texts if item.kind in kinds]
        per_run = [[1000 * time_per_call(text, budget) for text in chosen] for _ in range(runs)]
        per_text = [statistics.median(costs) for costs in zip(*per_run, strict=True)]
        sizes = sorted(len(text) for text in chosen)
        run_medians = ", ".join(f"{statistics.median(costs):.3f}" for costs in per_run)
        print(
            f"cost per {label} ({len(chosen)} texts, {sizes[0]}-{sizes[-1]} chars, median size "
            f"{statistics.median(sizes):.0f}): median {statistics.median(per_text):.3f} ms, "
            f"p95 {percentile(per_text, 0.95):.3f} ms, max {max(per_text):.3f} ms"
            f"  [median of each run: {run_medians}]"
        )


def print_aggregator(path: Path = AGGREGATOR_SAMPLE) -> None:
    print(f"\n== 3. Aggregator sample ({path})")
    if not path.is_file():
        print("sample not available: skipped")
        return
    page = parse_aggregator_text(path.read_text(encoding="utf-8"))
    print(f"rules fired: {', '.join(page.rules_fired)}")
    for text in page.stripped:
        print(f"  stripped: {text!r}")
    print(
        f"excerpt: {len(page.excerpt)} chars, truncated={page.excerpt_truncated}, ends {page.excerpt[-30:]!r}"
    )
    for number, item in enumerate(page.items, 1):
        print(f"  item {number}: title={item.title!r} (truncated={item.title_truncated})")
        print(
            f"          summary={item.summary[:70]!r}… ends {item.summary[-25:]!r} truncated={item.truncated}"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timing runs (each prints its median)")
    parser.add_argument("--budget", type=float, default=0.05, help="seconds of calls per text and run")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    warm_up()
    lexicon_ms = 1000 * (time.perf_counter() - start)
    cases = load_cases()
    print_cases(evaluate_cases(cases), cases)
    print_corpus(args.runs, args.budget)
    print(f"one-off French lexicon load (first text needing it, once per process): {lexicon_ms:.0f} ms")
    print_aggregator()


if __name__ == "__main__":
    main()
