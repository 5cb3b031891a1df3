"""Benchmark of the deduplication layers: ``python -m benchmarks.dedup [--quick]``.

1. A labelled pair set (same story / different story) from newsbot's own fixture stories
   (``benchmarks/data/dedup_stories.json``) and from the real pages of ``../shared/corpus``
   (gold bodies, plus trafilatura extracts when it is installed, plus Le Monde's RSS summaries),
   with controlled edits: headline swapped, paragraphs cut, boilerplate added, 40 % aggregator
   excerpt, sentence reorder, small word edits and combinations. Hard negatives are different
   stories on the same topic the same day (written for the fixtures; same-topic corpus pages).
2. Recall / precision and the threshold curve of the decision score, compared with SimHash and
   MinHash Jaccard; recall of the lookup keys (candidate generation) against banded MinHash LSH.
3. Cost per article of :meth:`StoryIndex.assign` with 100k synthetic articles already stored in a
   SecantusDB started for the run, memory (RSS) while assigning, and ``canonicalize_url`` throughput.

Corpus texts are read in place and never written anywhere.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pymongo

from newsbot.crawl.urls import canonicalize_url
from newsbot.dedup import StoryIndex, normalize_for_hash, similarity, sketch_text
from newsbot.dedup.records import signature_document
from newsbot.dedup.shingles import shingle_hashes, word_hashes
from newsbot.storage.embedded import start_server
from tests.support.corpus import corpus_dir, iter_pages

DATA_DIR = Path(__file__).resolve().parent / "data"
STORIES_FILE = DATA_DIR / "dedup_stories.json"
MIN_BASE_WORDS = 120

# Same-topic pages of the corpus that are different stories (hard negatives), by page name.
CORPUS_TOPICS = {
    "20minutes.fr-Ciaran": "tempete-ciaran-2023-11-02",
    "leparisien.fr-Ciaran": "tempete-ciaran-2023-11-02",
    "liberation.fr-Gaza": "gaza-2023-11",
    "courrierinternational.com-Hamas": "gaza-2023-11",
    "gala.fr.surnom": "retraites-2019-12",
    "aoc.media.archaisme": "retraites-2019-12",
}
# Le Monde International RSS summaries of 26-27 March 2024 that share a topic (hard negatives).
RSS_TOPICS = {
    "attentat pres de moscou": "moscou-2024-03",
    "crocus city hall": "moscou-2024-03",
    "baltimore": "baltimore-2024-03-26",
    "guerre en ukraine": "ukraine-2024-03-27",
}

# Boilerplate lines as aggregators and outlets insert them (newsbot's own wording).
READ_ALSO = [
    "» LIRE AUSSI - Ce que l'on sait de la situation ce matin",
    "À lire aussi : notre décryptage en cinq points",
    "Lire aussi | Les réactions politiques se multiplient",
]
AGGREGATOR_FOOTER = [
    "Lire la suite »",
    "France Dernières Nouvelles, France Actualités",
    "Similar News:Vous pouvez également lire des articles d'actualité similaires à celui-ci "
    "que nous avons collectés auprès d'autres sources d'information.",
]
FILLER_WORDS = ["ainsi", "également", "notamment", "toutefois", "désormais", "cependant", "encore", "plutôt"]


# --------------------------------------------------------------------------- base texts


@dataclass(frozen=True)
class BaseText:
    """One original article: ``story`` groups prints of one story, ``topic`` groups same-day stories."""

    key: str
    story: str
    topic: str
    title: str
    body: str
    origin: str  # "fixture" | "corpus" | "rss"


def fixture_bases() -> list[BaseText]:
    """newsbot's own fixture stories."""
    stories = json.loads(STORIES_FILE.read_text(encoding="utf-8"))["stories"]
    return [BaseText(s["id"], s["story"], s["topic"], s["title"], s["body"], "fixture") for s in stories]


def _extract(html: bytes) -> str:
    try:
        import trafilatura  # bench-only, optional
    except ImportError:
        return ""
    return trafilatura.extract(html.decode("utf-8", "replace"), favor_precision=True) or ""


def corpus_bases() -> list[BaseText]:
    """Gold bodies of the corpus (and trafilatura extracts of French pages without one)."""
    bases = []
    for page in iter_pages():
        body = page.gold.get("body") or (_extract(page.html) if page.is_french else "")
        if len(body.split()) < MIN_BASE_WORDS:
            continue
        key = f"corpus:{page.folder}/{page.name}"
        topic = CORPUS_TOPICS.get(page.name, key)
        bases.append(BaseText(key, key, topic, page.gold.get("title") or "", body, "corpus"))
    return bases


def rss_bases() -> list[BaseText]:
    """Le Monde International RSS summaries (short texts, several per topic the same day)."""
    root = corpus_dir()
    feed = root / "feeds" / "lemonde_international_rss_full_2024-03-27.xml" if root else None
    if feed is None or not feed.is_file():
        return []
    bases = []
    for number, item in enumerate(ET.parse(feed).findall(".//item")):
        title = (item.findtext("title") or "").strip()
        summary = (item.findtext("description") or "").strip()
        folded = normalize_for_hash(title)
        topic = next((t for marker, t in RSS_TOPICS.items() if marker in folded), f"rss:{number}")
        key = f"rss:{number}"
        bases.append(BaseText(key, key, topic, title, summary, "rss"))
    return bases


# --------------------------------------------------------------------------- controlled edits


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?»])\s+(?=[A-ZÀ-Ý«])", paragraph) if s]


def swap_headline(base: BaseText, rng: random.Random) -> str:
    """Another outlet's headline: a different word selection from the body's first sentence."""
    first = sentences(paragraphs(base.body)[0])[0].split()
    pick = sorted(rng.sample(range(len(first)), k=min(len(first), rng.randint(6, 10))))
    headline = " ".join(first[i] for i in pick).strip(" ,.;:").capitalize()
    return f"{headline}\n\n{base.body}"


def cut_paragraphs(text: str, rng: random.Random, share: float = 0.25) -> str:
    """Drop whole paragraphs (never the first two) until about ``share`` of the words are gone."""
    parts = paragraphs(text)
    total = sum(len(p.split()) for p in parts)
    removable = list(range(2, len(parts)))
    rng.shuffle(removable)
    dropped: set[int] = set()
    removed = 0
    for index in removable:
        if removed >= share * total:
            break
        dropped.add(index)
        removed += len(parts[index].split())
    return "\n\n".join(p for i, p in enumerate(parts) if i not in dropped)


def add_boilerplate(text: str, rng: random.Random) -> str:
    """Insert "read also" lines between paragraphs and an aggregator footer."""
    parts = paragraphs(text)
    for _ in range(2):
        parts.insert(rng.randint(1, max(1, len(parts) - 1)), rng.choice(READ_ALSO))
    return "\n\n".join(["Publicité", *parts, *AGGREGATOR_FOOTER])


def excerpt(text: str, rng: random.Random, share: float = 0.4) -> str:
    """An aggregator excerpt: headline glued to the first ``share`` of the text, cut mid-word."""
    parts = paragraphs(text)
    head, rest = parts[0], " ".join(parts[1:])
    cut = int(len(rest) * share) + rng.randint(-3, 3)
    return f"{head}{rest[:cut]}…\nLire la suite »\n" + AGGREGATOR_FOOTER[1]


def reorder_sentences(text: str, rng: random.Random) -> str:
    """Shuffle the paragraphs after the lead and swap two sentences inside each long paragraph."""
    parts = paragraphs(text)
    lead, rest = parts[:2], parts[2:]
    rng.shuffle(rest)
    reordered = []
    for paragraph in rest:
        found = sentences(paragraph)
        if len(found) > 1:
            i, j = rng.sample(range(len(found)), 2)
            found[i], found[j] = found[j], found[i]
        reordered.append(" ".join(found))
    return "\n\n".join(lead + reordered)


def word_edits(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """Replace, delete or insert about ``rate`` of the words (a copy editor's light touch)."""
    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        edited = []
        for word in words:
            roll = rng.random()
            if roll < rate / 3:
                continue
            if roll < 2 * rate / 3:
                edited.append(rng.choice(FILLER_WORDS))
                continue
            edited.append(word)
            if roll < rate:
                edited.append(rng.choice(FILLER_WORDS))
        out.append(" ".join(edited))
    return "\n".join(out)


def full_text(base: BaseText) -> str:
    return f"{base.title}\n\n{base.body}" if base.title else base.body


Variant = Callable[[BaseText, random.Random], str]
VARIANTS: dict[str, Variant] = {
    "original": lambda b, r: full_text(b),
    "headline_swapped": swap_headline,
    "paragraphs_cut": lambda b, r: cut_paragraphs(full_text(b), r),
    "boilerplate_added": lambda b, r: add_boilerplate(full_text(b), r),
    "excerpt_40": lambda b, r: excerpt(full_text(b), r),
    "sentence_reorder": lambda b, r: reorder_sentences(full_text(b), r),
    "word_edits_3pct": lambda b, r: word_edits(full_text(b), r),
    "headline+edits+boilerplate": lambda b, r: add_boilerplate(word_edits(swap_headline(b, r), r), r),
    "cut+reorder+edits": lambda b, r: word_edits(reorder_sentences(cut_paragraphs(full_text(b), r), r), r),
    "excerpt_of_edited": lambda b, r: excerpt(word_edits(full_text(b), r), r),
}
SHORT_VARIANTS = ("original", "word_edits_3pct")  # RSS summaries are too short to cut or excerpt


@dataclass(frozen=True)
class Doc:
    """One article of the pair set."""

    base: BaseText
    variant: str
    text: str


@dataclass(frozen=True)
class Pair:
    a: Doc
    b: Doc

    @property
    def same_story(self) -> bool:
        return self.a.base.story == self.b.base.story

    @property
    def hard_negative(self) -> bool:
        return not self.same_story and self.a.base.topic == self.b.base.topic

    @property
    def kind(self) -> str:
        if self.same_story:
            names = sorted({self.a.variant, self.b.variant} - {"original"}) or ["identical"]
            return " vs ".join(names) if self.a.base.key == self.b.base.key else "another outlet's print"
        return "hard negative (same topic, same day)" if self.hard_negative else "different story"


def build_docs(bases: Sequence[BaseText], seed: int = 5) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for base in bases:
        names = SHORT_VARIANTS if base.origin == "rss" else VARIANTS
        docs.extend(Doc(base, name, VARIANTS[name](base, rng)) for name in names)
    return docs


def build_pairs(docs: Sequence[Doc], *, easy_negatives: int, seed: int = 5) -> list[Pair]:
    """Every same-story pair, every hard negative, and a sample of other different-story pairs."""
    rng = random.Random(seed)
    pairs, easy = [], []
    for a, b in itertools.combinations(docs, 2):
        pair = Pair(a, b)
        if pair.same_story or pair.hard_negative:
            pairs.append(pair)
        else:
            easy.append(pair)
    return pairs + rng.sample(easy, min(easy_negatives, len(easy)))


def pair_set(*, easy_negatives: int = 20_000) -> tuple[list[Doc], list[Pair]]:
    """The labelled docs and pairs (corpus parts are skipped when the corpus is absent)."""
    docs = build_docs(fixture_bases() + corpus_bases() + rss_bases())
    return docs, build_pairs(docs, easy_negatives=easy_negatives)


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Operating:
    threshold: float
    recall: float
    precision: float
    false_positives: int
    hard_false_positives: int


def operating_point(scores: np.ndarray, pairs: Sequence[Pair], threshold: float) -> Operating:
    labels = np.array([p.same_story for p in pairs])
    hard = np.array([p.hard_negative for p in pairs])
    predicted = scores >= threshold
    tp = int((predicted & labels).sum())
    fp = int((predicted & ~labels).sum())
    return Operating(
        threshold,
        tp / max(1, int(labels.sum())),
        tp / max(1, tp + fp),
        fp,
        int((predicted & hard).sum()),
    )


def best_recall(scores: np.ndarray, pairs: Sequence[Pair], min_precision: float = 0.99) -> Operating:
    """The operating point of highest recall whose precision is at least ``min_precision``."""
    points = [operating_point(scores, pairs, t) for t in np.unique(np.round(scores, 3))]
    eligible = [p for p in points if p.precision >= min_precision]
    return max(eligible, key=lambda p: (p.recall, p.threshold))


def simhash64(text: str) -> int:
    """Charikar's SimHash over word 3-shingles (comparison only)."""
    shingles = np.unique(shingle_hashes(word_hashes(normalize_for_hash(text).split()), 3))
    if shingles.size == 0:
        return 0
    bits = (shingles[:, None] >> np.arange(64, dtype=np.uint64)) & np.uint64(1)
    votes = (2 * bits.astype(np.int64) - 1).sum(axis=0)
    return sum(1 << i for i in range(64) if votes[i] > 0)


class MinHasher:
    """Classic MinHash (``n`` hash functions over word 3-shingles) for the banded-LSH comparison."""

    def __init__(self, n: int = 128, seed: int = 1) -> None:
        rng = np.random.default_rng(seed)
        self.mul = rng.integers(1, 2**63, n, dtype=np.uint64) | np.uint64(1)
        self.add = rng.integers(0, 2**63, n, dtype=np.uint64)

    def signature(self, text: str) -> np.ndarray:
        shingles = np.unique(shingle_hashes(word_hashes(normalize_for_hash(text).split()), 3))
        if shingles.size == 0:
            return np.zeros(self.mul.size, dtype=np.uint64)
        return ((shingles[:, None] * self.mul + self.add) >> np.uint64(32)).min(axis=0)


def band_keys(signature: np.ndarray, bands: int, rows: int) -> set[tuple[int, bytes]]:
    return {(b, signature[b * rows : (b + 1) * rows].tobytes()) for b in range(bands)}


def print_similarity_report(docs: Sequence[Doc], pairs: Sequence[Pair]) -> None:
    positives = sum(p.same_story for p in pairs)
    hard = sum(p.hard_negative for p in pairs)
    print(f"pair set: {len(docs)} articles, {len(pairs)} pairs: {positives} same-story, ", end="")
    print(f"{hard} hard negatives (same topic, same day), {len(pairs) - positives - hard} other negatives")
    sketches = {id(d): sketch_text(d.text) for d in docs}
    found = [similarity(sketches[id(p.a)], sketches[id(p.b)]) for p in pairs]
    containment = np.array([s.containment if s.common >= 5 else 0.0 for s in found])
    jaccard = np.array([s.jaccard for s in found])
    hashes = {id(d): simhash64(d.text) for d in docs}
    simhash = np.array([1 - bin(hashes[id(p.a)] ^ hashes[id(p.b)]).count("1") / 64 for p in pairs])
    print("\n[similarity layer] best recall at precision >= 99% (pairs scored directly)")
    for name, scores in (
        ("bottom-k containment (chosen)", containment),
        ("bottom-k Jaccard (MinHash-style)", jaccard),
        ("SimHash 64-bit, 1 - Hamming/64", simhash),
    ):
        op = best_recall(scores, pairs)
        hard_max = max((s for s, p in zip(scores, pairs, strict=True) if p.hard_negative), default=0)
        print(
            f"  {name:34s} recall {op.recall:7.2%}  precision {op.precision:7.2%}  at >= {op.threshold:.3f}"
        )
        print(f"  {'':34s} highest hard-negative score {hard_max:.3f}")
    print("\n[similarity layer] threshold curve of the chosen score (containment, >= 5 common samples)")
    print("  threshold  recall   precision  false-pos  of which hard")
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7):
        op = operating_point(containment, pairs, threshold)
        print(
            f"  {threshold:9.2f}  {op.recall:7.2%}  {op.precision:9.2%}  {op.false_positives:9d}"
            f"  {op.hard_false_positives:13d}"
        )
    print("\n  recall per kind of positive at the default threshold 0.30:")
    by_kind: dict[str, list[bool]] = {}
    for score, pair in zip(containment, pairs, strict=True):
        if pair.same_story:
            kind = pair.kind if " vs " not in pair.kind else "two different edits of one article"
            by_kind.setdefault(kind, []).append(bool(score >= 0.3))
    for kind, hits in sorted(by_kind.items(), key=lambda kv: sum(kv[1]) / len(kv[1])):
        print(f"    {kind:40s} {sum(hits) / len(hits):7.2%}  ({len(hits)} pairs)")


def print_candidate_report(docs: Sequence[Doc], pairs: Sequence[Pair]) -> None:
    """Share of pairs that meet through the index's lookup keys (candidate generation)."""
    print("\n[lookup keys] pairs sharing >= 1 key: same-story (recall) vs different-story (noise)")
    hasher = MinHasher()
    signatures = {id(d): hasher.signature(d.text) for d in docs}
    schemes: list[tuple[str, Callable[[Doc], set]]] = []
    for words in (4, 6, 8):
        for count in (8, 10, 12, 16):
            schemes.append((f"bottom-{count} of {words}-word shingles", _bottom_keys(words, count)))
    for bands, rows in ((10, 2), (16, 2), (32, 2), (32, 3)):
        schemes.append((f"MinHash LSH {bands} bands x {rows} rows", _band_scheme(signatures, bands, rows)))
    print(f"  {'scheme':34s} {'keys':>5s}  {'recall':>8s}  {'noise':>8s}  {'hard noise':>10s}")
    positives = [p for p in pairs if p.same_story]
    negatives = [p for p in pairs if not p.same_story]
    hard = [p for p in negatives if p.hard_negative]
    for name, keys_of in schemes:
        keys = {id(d): keys_of(d) for d in docs}

        def share(selected: Sequence[Pair], keys: dict[int, set] = keys) -> float:
            return sum(bool(keys[id(p.a)] & keys[id(p.b)]) for p in selected) / max(1, len(selected))

        mean_keys = statistics.mean(len(k) for k in keys.values())
        print(
            f"  {name:34s} {mean_keys:5.1f}  {share(positives):8.2%}  {share(negatives):8.3%}"
            f"  {share(hard):10.2%}"
        )


def _bottom_keys(words: int, count: int) -> Callable[[Doc], set]:
    def keys_of(doc: Doc) -> set:
        hashed = word_hashes(normalize_for_hash(doc.text).split())
        return set(np.unique(shingle_hashes(hashed, words))[:count].tolist())

    return keys_of


def _band_scheme(signatures: dict[int, np.ndarray], bands: int, rows: int) -> Callable[[Doc], set]:
    return lambda doc: band_keys(signatures[id(doc)], bands, rows)


# --------------------------------------------------------------------------- the index, end to end


def fixture_dates() -> dict[str, datetime]:
    """Publication time of each fixture story."""
    stories = json.loads(STORIES_FILE.read_text(encoding="utf-8"))["stories"]
    return {s["id"]: datetime.fromisoformat(s["published"]) for s in stories}


def assign_all(index: StoryIndex, docs: Sequence[Doc], seed: int = 7) -> dict[int, str]:
    """Assign every doc in a shuffled order; return doc -> story id."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    dates = fixture_dates()
    stories = {}
    for number, doc in enumerate(order):
        match = index.assign(
            url=f"https://bench.invalid/{number}",
            text=doc.text,
            source=doc.base.origin,
            published_at=dates.get(doc.base.key) if doc.base.origin == "fixture" else None,
        )
        stories[id(doc)] = match.story_id
    return stories


def print_index_report(client: pymongo.MongoClient, docs: Sequence[Doc], pairs: Sequence[Pair]) -> None:
    """Recall/precision of the story ids :class:`StoryIndex` assigns (clustering, order-dependent)."""
    print("\n[story index, end to end] same story_id <=> same story, all pairs above, shuffled order")
    print("  threshold  recall   precision  false-pos  of which hard   stories")
    for threshold in (0.2, 0.25, 0.3, 0.4, 0.5):
        name = f"bench_eval_{int(threshold * 100)}"
        client.drop_database(name)
        stories = assign_all(StoryIndex(client[name], threshold=threshold), docs)
        scores = np.array([float(stories[id(p.a)] == stories[id(p.b)]) for p in pairs])
        op = operating_point(scores, pairs, 0.5)
        print(
            f"  {threshold:9.2f}  {op.recall:7.2%}  {op.precision:9.2%}  {op.false_positives:9d}"
            f"  {op.hard_false_positives:13d}  {len(set(stories.values())):8d}"
        )
        client.drop_database(name)
    print(f"  (true number of stories: {len({d.base.story for d in docs})})")


# --------------------------------------------------------------------------- cost at scale


def rss_mb(pid: int | str = "self") -> float:
    """Resident set size of a process in MiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def vocabulary(docs: Sequence[Doc]) -> list[str]:
    words = sorted({w for d in docs for w in normalize_for_hash(d.text).split() if len(w) > 2})
    return words or [f"mot{i}" for i in range(5000)]


def synthetic_text(rng: random.Random, words: Sequence[str]) -> str:
    """A fake article: 5 paragraphs of random vocabulary (no two share a 6-word shingle)."""
    return "\n\n".join(" ".join(rng.choices(words, k=rng.randint(40, 110))) for _ in range(5))


SEED_BATCH = 200  # 1000 signatures = 10,000 unique-index entries in one write: SecantusDB 0.7 stalled


def seed_store(
    index: StoryIndex, count: int, words: Sequence[str], batch: int = SEED_BATCH
) -> tuple[float, float]:
    """Store ``count`` synthetic articles directly (bulk, ``batch`` documents per write).

    Returns (total seconds, of which seconds spent writing).
    """
    rng = random.Random(11)
    start = time.perf_counter()
    writing = 0.0
    pending: list[dict] = []
    day = datetime(2025, 1, 1, tzinfo=UTC)
    for number in range(count):
        sketch = sketch_text(synthetic_text(rng, words))
        url = f"https://stored.invalid/{number}"
        published = day + timedelta(minutes=number)
        pending.append(signature_document(sketch, url=url, source="synthetic", published_at=published))
        if len(pending) >= batch or number == count - 1:
            write_start = time.perf_counter()
            index.collection.insert_many(pending, ordered=False)
            writing += time.perf_counter() - write_start
            pending = []
    return time.perf_counter() - start, writing


def _quantiles(samples: Sequence[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered) * 1e3:6.2f} ms  p95 {p95 * 1e3:6.2f} ms  (n={len(ordered)})"


def print_cost_report(client: pymongo.MongoClient, docs: Sequence[Doc], stored: int, queries: int) -> None:
    name = "bench_cost"
    client.drop_database(name)
    index = StoryIndex(client[name])
    index.ensure_indexes()
    words = vocabulary(docs)
    rss_before = rss_mb()
    took, writing = seed_store(index, stored, words)
    total = index.collection.estimated_document_count()
    print(f"\n[cost] stored {stored:,} synthetic articles ({total} signature documents) in {took:.1f} s")
    print(f"       ({took / stored * 1e3:.2f} ms per article: generating and sketching the texts, and")
    print(f"       {writing:.1f} s of bulk writes of {SEED_BATCH} documents into the unique keys index)")

    rng = random.Random(13)
    stored_rng = random.Random(11)  # replays the stored texts for duplicates of them
    stored_texts = [synthetic_text(stored_rng, words) for _ in range(min(stored, 4 * queries))]
    kinds: dict[str, list[float]] = {"new": [], "exact": [], "near": [], "recrawl": []}
    everything: list[float] = []
    rss_samples = [rss_mb()]
    for number in range(queries):
        roll = rng.random()
        pick = rng.randrange(len(stored_texts))
        if roll < 0.55:
            kind, url, text = "new", f"https://new.invalid/{number}", synthetic_text(rng, words)
        elif roll < 0.70:
            kind, url, text = "exact", f"https://copy.invalid/{number}", stored_texts[pick]
        elif roll < 0.90:
            base = BaseText("s", "s", "s", "", stored_texts[pick], "synthetic")
            edit = rng.choice(["excerpt_40", "word_edits_3pct", "headline+edits+boilerplate"])
            kind, url, text = "near", f"https://near.invalid/{number}", VARIANTS[edit](base, rng)
        else:
            kind, url, text = "recrawl", f"https://stored.invalid/{pick}", stored_texts[pick]
        start = time.perf_counter()
        match = index.assign(url=url, text=text, source="bench", published_at=None)
        elapsed = time.perf_counter() - start
        everything.append(elapsed)
        kinds[kind].append(elapsed)
        expected = {"recrawl": "exact"}.get(kind, kind)
        if match.kind != expected and not (kind == "near" and match.kind == "exact"):
            print(f"  note: a {kind} query was assigned as {match.kind}")
        if number % 200 == 199:
            rss_samples.append(rss_mb())
    print(f"[cost] StoryIndex.assign with {stored} articles stored, mix 55% new / 15% exact copies /")
    print("       20% near-duplicates (excerpt, edits, headline+boilerplate) / 10% re-crawled URLs:")
    print(f"  all        {_quantiles(everything)}")
    for kind, samples in kinds.items():
        if samples:
            print(f"  {kind:10s} {_quantiles(samples)}")
    sketch_times = []
    for doc in docs[:300]:
        start = time.perf_counter()
        sketch_text(doc.text)
        sketch_times.append(time.perf_counter() - start)
    print(f"  of which CPU (sketch_text alone): {_quantiles(sketch_times)}")
    print(
        f"[memory] bench process RSS: {rss_before:.0f} MiB before storing, "
        f"{rss_samples[0]:.0f} MiB after, while assigning: "
        + " ".join(f"{s:.0f}" for s in rss_samples)
        + " MiB (every 200 assignments)"
    )
    client.drop_database(name)


# --------------------------------------------------------------------------- URLs


def sample_urls(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    hosts = ["www.lefigaro.fr", "m.lefigaro.fr", "www.rfi.fr", "amp.lemonde.fr", "www.20minutes.fr"]
    tails = ["", "?utm_source=twitter&utm_medium=social", "?xtor=RSS-3208#comments", "?amp=1", "#top"]
    urls = []
    for number in range(count):
        host = rng.choice(hosts)
        path = f"/actualite/{2020 + number % 6}/article-{number}{rng.choice(['', '.amp.html', '/amp/'])}"
        urls.append(f"{rng.choice(['http', 'https', 'HTTPS'])}://{host}{path}{rng.choice(tails)}")
    return urls


def print_url_report(count: int = 50_000) -> None:
    from newsbot.crawl import urls as url_module

    sample = sample_urls(count)
    runs = []
    for _ in range(5):
        url_module._canonicalize.cache_clear()
        start = time.perf_counter()
        for url in sample:
            canonicalize_url(url)
        runs.append(time.perf_counter() - start)
    cached_start = time.perf_counter()
    for url in sample[-5000:]:  # the most recent are in the cache
        canonicalize_url(url)
    cached = time.perf_counter() - cached_start
    median = statistics.median(runs)
    print(f"\n[urls] canonicalize_url on {count} distinct URLs: {count / median:,.0f} URLs/s")
    each, each_cached = median / count * 1e6, cached / 5000 * 1e6
    print(f"       ({each:.1f} µs each, median of 5 runs; {each_cached:.2f} µs when cached)")


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", type=int, default=100_000, help="synthetic articles stored first")
    parser.add_argument("--queries", type=int, default=2000, help="assignments timed at that size")
    parser.add_argument("--quick", action="store_true", help="10k stored, 500 queries")
    args = parser.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]  # figures as they come
    if args.quick:
        args.stored, args.queries = 10_000, 500
    if corpus_dir() is None:
        print("note: ../shared/corpus is absent: the pair set uses newsbot's own fixtures only")
    docs, pairs = pair_set()
    print_similarity_report(docs, pairs)
    print_candidate_report(docs, pairs)
    with tempfile.TemporaryDirectory(prefix="newsbot-dedup-bench-") as data_dir:
        server = start_server(data_dir)
        try:
            client: pymongo.MongoClient = pymongo.MongoClient(server.uri, tz_aware=True)
            print_index_report(client, docs, pairs)
            print_cost_report(client, docs, args.stored, args.queries)
            print(f"[memory] SecantusDB server RSS at the end: {rss_mb(server.pid):.0f} MiB")
            client.close()
        finally:
            server.stop()
    print_url_report()


if __name__ == "__main__":
    main()
