"""Benchmark: newsbot's MongoDB writer against a raw ``insert_many`` of the same documents, same run.

Generates realistic article documents (French body of 3–6 kB, title, lead, tags, authors, dates,
hashes) through the real item → document path, then, for each round, writes them into fresh
collections (same validator and indexes) in batches of ``--batch``, one batch of each way in turn
and in rotating order, so the machine's load hits every way alike:

* ``raw insert_many``: ``collection.insert_many(batch, ordered=False)``, nothing else;
* ``newsbot writer``: ``ArticleWriter.write`` in ``insert`` mode (what a first crawl does);
* ``all upserts``: the previous design, one ``UpdateOne(upsert=True)`` per article, for reference;
* ``re-crawl touch``: ``ArticleWriter.write`` in ``touch`` mode over stored articles (unchanged re-crawl).

It prints documents per second (median of the rounds), the ratio writer / raw (target ≥ 0.80), and
the client CPU time per item of the MongoDB pipeline's path (``prepare_document`` + the writer's
share, median over the rounds; target for all pipelines together: ≤ 1.5 ms).

    python -m benchmarks.mongo_writes [--docs 2000] [--batch 200] [--rounds 5] [--uri URI]

Without ``--uri`` it starts its own SecantusDB server in a temporary folder (and stops it).
"""

from __future__ import annotations

import argparse
import logging
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import bson
import pymongo
from pymongo import UpdateOne
from pymongo.collection import Collection
from pymongo.database import Database

from newsbot.items import ArticleItem
from newsbot.storage.documents import PendingWrite, insert_document, prepare_document
from newsbot.storage.embedded import start_server
from newsbot.storage.schema import ensure_articles_collection
from newsbot.storage.spill import SpillFile
from newsbot.storage.writer import ArticleWriter

TARGET_RATIO = 0.80
TARGET_CPU_MS = 1.5
VOCABULARY_TEXT = (
    "le gouvernement a annoncé mardi une réforme des retraites qui doit entrer en vigueur avant la fin "
    "de l'année selon plusieurs sources proches du dossier les syndicats dénoncent un projet injuste et "
    "appellent à une nouvelle journée de mobilisation dans toute la France tandis que l'opposition "
    "réclame un débat au Parlement le ministre de l'économie estime que cette mesure permettra de "
    "financer le système sans augmenter les impôts des ménages les agriculteurs bloquent plusieurs routes "
    "nationales pour protester contre la baisse des prix et la hausse du coût de l'énergie à Marseille "
    "la municipalité lance un vaste chantier de rénovation des écoles pendant que Lyon accueille un "
    "festival de cinéma très attendu par le public la ville de Bordeaux prépare les élections municipales"
)
VOCABULARY = VOCABULARY_TEXT.split(" ")
TAGS = ("politique", "économie", "social", "retraites", "Europe", "Afrique", "climat", "santé", "culture")
EPOCH = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(VOCABULARY) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_items(count: int, seed: int = 7) -> list[ArticleItem]:
    """Articles shaped like the crawl's output (what reaches the MongoDB pipeline)."""
    rng = random.Random(seed)
    items = []
    for number in range(count):
        paragraphs = [
            " ".join(sentence(rng, rng.randint(12, 30)) for _ in range(4)) for _ in range(rng.randint(4, 8))
        ]
        published = EPOCH + timedelta(minutes=7 * number)
        items.append(
            ArticleItem(
                url=f"https://www.example-presse.fr/actualite/{published:%Y%m%d}-article-{number}",
                source=rng.choice(("rfi", "lefigaro", "lemonde", "20minutes")),
                title=sentence(rng, 12)[:-1],
                lead=sentence(rng, 30),
                body="\n\n".join(paragraphs),
                authors=[
                    f"{rng.choice(('Claire', 'Paul', 'Awa'))} {rng.choice(('Martin', 'Ndiaye', 'Roux'))}"
                ],
                section=rng.choice(("France", "Monde", "Économie")),
                tags=rng.sample(TAGS, 4),
                published_at=published,
                modified_at=published + timedelta(hours=2),
                language="fr",
                language_score=0.99,
                paywalled=False,
                image_url=f"https://img.example-presse.fr/{number}.jpg",
                crawled_at=EPOCH + timedelta(days=30, seconds=number),
                fetched_url=f"https://www.example-presse.fr/actualite/article-{number}?xtor=RSS-1",
                published_raw=f"{published:%d/%m/%Y %H:%M}",
                date_source="jsonld",
                site_name="Exemple Presse",
                extraction_method="jsonld+dom",
                boilerplate_rules=["share_buttons", "read_also"],
                content_hash=f"{rng.getrandbits(128):032x}",
                story_id=f"{rng.getrandbits(64):016x}",
                write_mode="insert",
            )
        )
    return items


def batches(values: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


@contextmanager
def fresh_collection(db: Database, name: str) -> Iterator[Collection]:
    db.drop_collection(name)
    yield ensure_articles_collection(db, name)
    db.drop_collection(name)


def previous_design_upsert(pending: PendingWrite) -> UpdateOne:
    """Every write an upsert (the design before this benchmark): kept here only to compare."""
    doc = {k: v for k, v in pending.doc.items() if k != "url"}
    seen_at = doc["crawled_at"]
    update = {
        "$set": {**doc, "last_seen_at": seen_at},
        "$setOnInsert": {"first_seen_at": seen_at, "revision": 1},
    }
    return UpdateOne({"url": pending.url}, update, upsert=True)


def measure_round(
    db: Database, pendings: list[PendingWrite], batch: int, spill: SpillFile
) -> dict[str, float]:
    """Documents/s of each way of writing, batch by batch in rotating order (paired under the same load)."""
    count = len(pendings)
    raw_docs = [insert_document(p) for p in pendings]  # the stored documents, built before any clock starts
    upserts = [previous_design_upsert(p) for p in pendings]
    seconds = dict.fromkeys(("raw insert_many", "newsbot writer", "all upserts (before)"), 0.0)
    writer_cpu = 0.0
    with (
        fresh_collection(db, "bench_raw") as raw,
        fresh_collection(db, "bench_writer") as target,
        fresh_collection(db, "bench_upsert") as upsert,
    ):
        writer = ArticleWriter(target, spill)
        groups = zip(batches(raw_docs, batch), batches(pendings, batch), batches(upserts, batch), strict=True)
        for number, (raw_group, writer_group, upsert_group) in enumerate(groups):
            steps: list[tuple[str, Callable[[], Any]]] = [
                ("raw insert_many", partial(raw.insert_many, raw_group, ordered=False)),
                ("newsbot writer", partial(writer.write, writer_group)),
                ("all upserts (before)", partial(upsert.bulk_write, upsert_group, ordered=False)),
            ]
            shift = number % len(steps)
            for name, step in steps[shift:] + steps[:shift]:
                wall, cpu = time.perf_counter(), time.thread_time()
                step()
                seconds[name] += time.perf_counter() - wall
                if name == "newsbot writer":
                    writer_cpu += time.thread_time() - cpu
        for collection in (raw, target, upsert):
            assert collection.count_documents({}) == count, collection.name
        touches = [PendingWrite(p.doc, "touch") for p in pendings]
        wall = time.perf_counter()
        for start in range(0, count, batch):
            writer.write(touches[start : start + batch])
        touch_seconds = time.perf_counter() - wall
    results = {name: count / value for name, value in seconds.items()}
    results["re-crawl touch"] = count / touch_seconds
    results["writer cpu ms/item"] = writer_cpu * 1000 / count
    return results


def prepare_cost_ms(items: list[ArticleItem]) -> list[float]:
    """CPU ms of the pipeline's per-item work (``process_item``: write mode + ``prepare_document``)."""
    costs = []
    for item in items:
        start = time.thread_time_ns()
        mode = item.write_mode or "insert"
        doc, _ = prepare_document(item)
        PendingWrite(doc, mode)  # type: ignore[arg-type]
        costs.append((time.thread_time_ns() - start) / 1e6)
    return costs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="documents per round (default 2000)")
    parser.add_argument("--batch", type=int, default=200, help="bulk size, as MONGO_BATCH_SIZE (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds, medians reported (default 5, min 3)")
    parser.add_argument("--uri", help="MongoDB to measure (default: a SecantusDB server started for the run)")
    args = parser.parse_args(argv)
    logging.getLogger("newsbot.storage.schema").setLevel(logging.ERROR)  # "no text index" on SecantusDB
    rounds = max(3, args.rounds)

    items = make_items(args.docs)
    prepare = prepare_cost_ms(items)
    pendings = [PendingWrite(prepare_document(item)[0], "insert") for item in items]
    size = statistics.mean(len(bson.encode(p.doc)) for p in pendings[:200])

    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as scratch:
        server = None if args.uri else start_server(f"{scratch}/mongo")
        uri = args.uri or server.uri  # type: ignore[union-attr]
        client: pymongo.MongoClient = pymongo.MongoClient(uri, tz_aware=True, w=1, journal=True)
        try:
            db = client[f"bench_mongo_writes_{int(time.time())}"]
            spill = SpillFile(f"{scratch}/spill.jsonl")
            runs = [measure_round(db, pendings, args.batch, spill) for _ in range(rounds)]
            client.drop_database(db.name)
        finally:
            client.close()
            if server is not None:
                server.stop()

    server_name = "given --uri" if args.uri else "SecantusDB (started for the run)"
    print(f"# MongoDB writes: {args.docs} documents per round, batches of {args.batch}, {rounds} rounds")
    print(f"server: {server_name}; mean document size {size / 1024:.1f} kB (BSON)")
    return report(runs, prepare)


def report(runs: list[dict[str, float]], prepare: list[float]) -> int:
    """Print medians, ratios and CPU per item; exit status 1 when the throughput target is missed."""
    medians = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    for key in ("raw insert_many", "newsbot writer", "all upserts (before)", "re-crawl touch"):
        per_round = ", ".join(f"{run[key]:.0f}" for run in runs)
        print(f"  {key:22s} {medians[key]:8.0f} docs/s  (rounds: {per_round})")
    ratios = [run["newsbot writer"] / run["raw insert_many"] for run in runs]
    ratio = statistics.median(ratios)
    verdict = "OK" if ratio >= TARGET_RATIO else "MISSED"
    print(
        f"ratio newsbot writer / raw insert_many: {ratio:.2f} "
        f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)}); target >= {TARGET_RATIO:.2f}: {verdict}"
    )
    before = statistics.median(run["all upserts (before)"] / run["raw insert_many"] for run in runs)
    print(f"ratio all upserts (before) / raw insert_many: {before:.2f}")
    prepare_median = statistics.median(prepare)
    writer_cpu = medians["writer cpu ms/item"]
    print(
        f"CPU per item, MongoDB pipeline path: prepare_document median {prepare_median:.3f} ms "
        f"(p95 {statistics.quantiles(prepare, n=20)[-1]:.3f}) + writer {writer_cpu:.3f} ms "
        f"= {prepare_median + writer_cpu:.3f} ms (budget for all pipelines: {TARGET_CPU_MS} ms)"
    )
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
