"""One size/age batching rule for the dedup lookups and the MongoDB writes (``newsbot.crawl.batch``)."""

from __future__ import annotations

from newsbot.crawl.batch import Batch


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_batch_is_full_at_its_size_and_due_when_its_oldest_item_has_waited() -> None:
    clock = Clock()
    batch: Batch[str] = Batch(3, 5.0, clock)
    assert not batch.due(), "an empty batch is never due"
    assert batch.add("a") is False
    clock.now += 4.9
    assert batch.add("b") is False and not batch.due()
    clock.now += 0.1
    assert batch.due(), "due when the *oldest* item has waited 5 s"
    assert batch.add("c") is True
    assert batch.take() == ["a", "b", "c"] and len(batch) == 0 and not batch.due()
    clock.now += 60
    batch.add("d")
    assert not batch.due(), "the age restarts with the first item of the next batch"
