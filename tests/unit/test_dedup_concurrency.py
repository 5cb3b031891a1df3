"""Two workers assigning near-duplicates at the same moment must agree on one story.

Threads and separate processes, each with its own ``StoryIndex`` and client, against the real
server; many rounds so the claims interleave in every way.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path

import pymongo
import pytest

from newsbot.dedup import StoryIndex, StoryMatch

STORIES_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "dedup_stories.json"
# one print per story: each round starts from a story nobody has seen
STORIES = list(
    {s["story"]: s for s in json.loads(STORIES_FILE.read_text(encoding="utf-8"))["stories"]}.values()
)


def variants(story: dict) -> list[str]:
    """Two prints of one story: the original and an edited copy with another headline."""
    words = story["body"].split(" ")
    edited = [("désormais" if i % 19 == 5 else w) for i, w in enumerate(words)]
    return [f"{story['title']}\n\n{story['body']}", "Le point sur l'affaire\n\n" + " ".join(edited)]


def race(indexes: list[StoryIndex], texts: list[str], tag: str) -> list[StoryMatch]:
    """Run one assign per index at the same moment (a barrier releases them together)."""
    barrier = threading.Barrier(len(indexes))
    results: list[StoryMatch | BaseException | None] = [None] * len(indexes)

    def work(number: int) -> None:
        try:
            barrier.wait()
            results[number] = indexes[number].assign(
                url=f"https://w{number}.fr/{tag}", text=texts[number], source=f"w{number}", published_at=None
            )
        except BaseException as error:  # reported by the assertion below
            results[number] = error

    threads = [threading.Thread(target=work, args=(n,)) for n in range(len(indexes))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for result in results:
        if not isinstance(result, StoryMatch):
            raise AssertionError(f"worker failed: {result!r}")
    return results  # type: ignore[return-value]


def test_two_threads_racing_on_near_duplicates_agree(mongo_uri: str, mongo_db_name: str) -> None:
    clients = [pymongo.MongoClient(mongo_uri, tz_aware=True) for _ in range(2)]
    try:
        indexes = [StoryIndex(client[mongo_db_name]) for client in clients]
        for round_number, story in enumerate(STORIES):
            first, second = race(indexes, variants(story), tag=str(round_number))
            assert first.story_id == second.story_id, story["id"]
            assert [first.is_new_story, second.is_new_story].count(True) == 1, story["id"]
    finally:
        for client in clients:
            client.close()


def test_two_threads_racing_on_the_same_text_agree(mongo_uri: str, mongo_db_name: str) -> None:
    clients = [pymongo.MongoClient(mongo_uri, tz_aware=True) for _ in range(2)]
    try:
        indexes = [StoryIndex(client[mongo_db_name]) for client in clients]
        for round_number, story in enumerate(STORIES[:8]):
            text = variants(story)[0]
            first, second = race(indexes, [text, text], tag=str(round_number))
            assert first.story_id == second.story_id
            assert sorted([first.kind, second.kind]) == ["exact", "new"]
    finally:
        for client in clients:
            client.close()


def test_three_threads_with_an_excerpt_agree(mongo_uri: str, mongo_db_name: str) -> None:
    clients = [pymongo.MongoClient(mongo_uri, tz_aware=True) for _ in range(3)]
    try:
        indexes = [StoryIndex(client[mongo_db_name]) for client in clients]
        for round_number, story in enumerate(STORIES[:8]):
            original, edited = variants(story)
            excerpt = original[: int(len(original) * 0.45)] + "…\nLire la suite »"
            results = race(indexes, [original, edited, excerpt], tag=str(round_number))
            assert len({m.story_id for m in results}) == 1, story["id"]
    finally:
        for client in clients:
            client.close()


def _process_worker(uri: str, db_name: str, worker: int, barrier, queue) -> None:
    client = pymongo.MongoClient(uri, tz_aware=True)
    index = StoryIndex(client[db_name])
    try:
        for round_number, story in enumerate(STORIES):
            text = variants(story)[worker]
            barrier.wait(timeout=60)
            match = index.assign(
                url=f"https://p{worker}.fr/{round_number}", text=text, source="p", published_at=None
            )
            queue.put((round_number, worker, match.story_id, match.is_new_story))
    finally:
        client.close()


@pytest.mark.slow
def test_two_processes_racing_on_near_duplicates_agree(mongo_uri: str, mongo_db_name: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    queue = context.Queue()
    workers = [
        context.Process(target=_process_worker, args=(mongo_uri, mongo_db_name, n, barrier, queue))
        for n in range(2)
    ]
    for process in workers:
        process.start()
    results = [queue.get(timeout=120) for _ in range(2 * len(STORIES))]
    for process in workers:
        process.join(timeout=30)
        assert process.exitcode == 0
    by_round: dict[int, list[tuple[str, bool]]] = {}
    for round_number, _worker, story_id, is_new in results:
        by_round.setdefault(round_number, []).append((story_id, is_new))
    for round_number, pair in by_round.items():
        assert pair[0][0] == pair[1][0], STORIES[round_number]["id"]
        assert [is_new for _, is_new in pair].count(True) == 1
