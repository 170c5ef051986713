"""The quiet window's matrix gives a plain stacked search's answers: the same story and cosine,
ties settled by the wanted order, over a window that grows, moves on and drops rows."""

from __future__ import annotations

import numpy as np
import pytest

from bot.stories.meaning import Nearest
from bot.stories.meaning_window import MeaningWindow, one_thread

DIMENSION = 16


def nearest(vector: np.ndarray, earlier: list[tuple[int, np.ndarray]]) -> Nearest | None:
    """The search the window replaced, as the reference: every vector stacked, one product."""
    similarities = np.stack([v for _, v in earlier]) @ vector
    best = int(np.argmax(similarities))
    return Nearest(earlier[best][0], float(similarities[best]))


def unit(rng: np.random.Generator, count: int, dimension: int = DIMENSION) -> np.ndarray:
    vectors = rng.standard_normal((count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("seed", range(5))
def test_the_window_answers_as_nearest_does_as_it_moves_on(seed):
    rng = np.random.default_rng(seed)
    vectors = unit(rng, 400)
    vectors[rng.integers(0, 400, 60)] = vectors[rng.integers(0, 400, 60)]  # exact ties
    stored = {a: v.tobytes() for a, v in enumerate(vectors)}
    story = {a: int(rng.integers(0, 50)) for a in stored}
    window = MeaningWindow(DIMENSION, capacity=8)
    for start in range(0, 340, 17):
        wanted = list(range(start, start + int(rng.integers(1, 60))))
        if seed % 2:  # stored out of time order: the rows are gathered, not sliced
            rng.shuffle(wanted)
        window.fill(wanted, lambda missing: {a: stored[a] for a in missing})
        for probe in (unit(rng, 1)[0], vectors[wanted[-1]]):
            expected = nearest(probe, [(story[a], vectors[a]) for a in wanted])
            assert window.nearest(probe, wanted, story.get) == expected
    assert len(window.ids) <= 2 * 60 + 8


def test_vectors_of_another_length_and_articles_without_a_story_are_passed_over():
    rng = np.random.default_rng(7)
    vectors = unit(rng, 3)
    stored = {0: vectors[0].tobytes(), 1: unit(rng, 1, 2 * DIMENSION)[0].tobytes(),
              2: vectors[1].tobytes()}
    window = MeaningWindow(DIMENSION)
    window.fill([0, 1, 2], lambda missing: {a: stored[a] for a in missing})
    stories: list[dict[int, int]] = [{0: 5, 2: 6}, {0: 5}, {}]
    found = [window.nearest(vectors[1], [0, 1, 2], placed.get) for placed in stories]
    assert [near and near.story_id for near in found] == [6, 5, None]
    assert window.nearest(vectors[1], [], {0: 5}.get) is None


def test_the_product_on_one_thread_is_numpys():
    rng = np.random.default_rng(3)
    matrix, vector = unit(rng, 3_000, 384), unit(rng, 1, 384)[0]
    assert np.array_equal(one_thread(matrix, vector), matrix @ vector)
