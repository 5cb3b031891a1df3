"""Items gathered into batches by size and by age: the dedup lookups and the MongoDB writes both
send a batch when ``size`` items wait or when the oldest has waited ``wait`` seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Batch(Generic[T]):
    """A buffer that says when it is full (:meth:`add`) or due (:meth:`due`); :meth:`take` empties it."""

    def __init__(self, size: int, wait: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.size = size
        self.wait = wait
        self._clock = clock
        self._items: list[T] = []
        self._oldest: float | None = None

    def __len__(self) -> int:
        return len(self._items)

    def add(self, item: T) -> bool:
        """Buffer ``item``; ``True`` when the batch is full and should be sent now."""
        if not self._items:
            self._oldest = self._clock()
        self._items.append(item)
        return len(self._items) >= self.size

    def due(self) -> bool:
        """The oldest item has waited ``wait`` seconds (never for an empty batch)."""
        return self._oldest is not None and self._clock() - self._oldest >= self.wait

    def take(self) -> list[T]:
        """Every buffered item, oldest first; the batch starts again empty."""
        items, self._items, self._oldest = self._items, [], None
        return items
