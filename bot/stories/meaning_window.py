"""The quiet window's sentence-embedding vectors held in one float32 matrix, so the nearest
earlier article is found with one product on one thread instead of stacking thousands of
vectors and waking BLAS's threads for every article (stories56 measured that at 11 ms)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from bot.stories.meaning import Nearest

CAPACITY = 4_096
"""Rows held before the matrix grows (doubling); about the window at ``bench.story_cost``'s rate."""


class MeaningWindow:
    """Vectors of one length by article id, appended as they are first wanted; rows no longer
    wanted are dropped when they are as many as those kept. The caller names the wanted
    articles, in the order a tie is settled by, on every search, so an article moved, removed
    or stored by another process is never answered from a stale row."""

    def __init__(self, dimension: int, capacity: int = CAPACITY) -> None:
        self.dimension = dimension
        self.capacity = capacity
        self.matrix = np.empty((capacity, dimension), dtype=np.float32)
        self.row: dict[int, int] = {}
        self.ids: list[int] = []
        self.other: set[int] = set()

    def fill(self, wanted: Sequence[int], load: Callable[[list[int]], Mapping[int, bytes]]
             ) -> None:
        """Add the wanted articles' vectors not held yet, in the wanted order (those of another
        length, kept by an earlier form of the setting, are noted and passed over)."""
        missing = [a for a in wanted if a not in self.row and a not in self.other]
        if not missing:
            return
        if len(self.ids) + len(missing) > 2 * max(len(wanted), self.capacity // 2):
            self._keep(set(wanted))
        loaded = load(missing)
        for article_id in missing:
            blob = loaded.get(article_id)
            if blob is None:
                continue
            if len(blob) != 4 * self.dimension:
                self.other.add(article_id)
                continue
            self._append(article_id, np.frombuffer(blob, dtype=np.float32))

    def similarities(self, vector: np.ndarray, wanted: Sequence[int]
                     ) -> tuple[list[int], np.ndarray]:
        """The wanted articles held and their cosines with ``vector``, in the wanted order."""
        held = [a for a in wanted if a in self.row]
        if not held:
            return held, np.empty(0, dtype=np.float32)
        rows = np.fromiter((self.row[a] for a in held), dtype=np.intp, count=len(held))
        return held, one_thread(self._rows(rows), vector)

    def _rows(self, rows: np.ndarray) -> np.ndarray:
        """The rows as one matrix: a slice when they follow each other, as when articles are
        stored in time order (a copy of 3,000 rows costs more than the product)."""
        if rows[-1] - rows[0] == len(rows) - 1 and bool(np.all(np.diff(rows) == 1)):
            return self.matrix[rows[0]:rows[-1] + 1]
        return self.matrix[rows]

    def nearest(self, vector: np.ndarray, wanted: Sequence[int],
                story_of: Callable[[int], int | None]) -> Nearest | None:
        """The story of the most alike of the wanted articles: the first most alike in the wanted
        order whose story ``story_of`` finds (an article without one is passed over)."""
        held, found = self.similarities(vector, wanted)
        for _ in held:
            best = int(np.argmax(found))
            story_id = story_of(held[best])
            if story_id is not None:
                return Nearest(story_id, float(found[best]))
            found[best] = -np.inf
        return None

    def _append(self, article_id: int, vector: np.ndarray) -> None:
        if len(self.ids) == len(self.matrix):
            grown = np.empty((2 * len(self.matrix), self.dimension), dtype=np.float32)
            grown[:len(self.ids)] = self.matrix[:len(self.ids)]
            self.matrix = grown
        self.row[article_id] = len(self.ids)
        self.matrix[len(self.ids)] = vector
        self.ids.append(article_id)

    def _keep(self, wanted: set[int]) -> None:
        """Drop the rows no longer wanted, moving those kept to the top in their order."""
        kept = [a for a in self.ids if a in wanted]
        rows = np.fromiter((self.row[a] for a in kept), dtype=np.intp, count=len(kept))
        self.matrix[:len(kept)] = self.matrix[rows]
        self.row = {a: i for i, a in enumerate(kept)}
        self.ids = kept
        self.other &= wanted


def one_thread(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """The product on the calling thread: for a few thousand rows, waking BLAS's threads costs
    more than the product (milliseconds against a tenth of one under load)."""
    blas = _blas()
    before = [lib.num_threads for lib in blas]
    for lib in blas:
        lib.set_num_threads(1)
    try:
        return matrix @ vector
    finally:
        for lib, threads in zip(blas, before, strict=True):
            lib.set_num_threads(threads)


@cache
def _blas() -> list[Any]:
    """The BLAS libraries' controllers, looked up on the first search, not when the story stage
    is imported (every process imports it, the setting on or off); set directly, as
    ``threadpool_limits`` looks the libraries up again on each entry (1.2 ms)."""
    return list(ThreadpoolController().select(user_api="blas").lib_controllers)
