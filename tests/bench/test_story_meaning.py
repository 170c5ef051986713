"""bench.story_meaning on recorded pairs of decisions: which ones meaning turned, right or
wrong, and what a fallback for the articles words alone start a story with would meet."""

from __future__ import annotations

from bench.story_meaning import Twice, changed, fallback, near_misses


def twice(words: int | None, meant: int | None, words_right: bool, meant_right: bool, *,
          length: int = 40, similarity: float = 0.0, near_holds: bool = False,
          shared: int = 0) -> Twice:
    return Twice((words, None), (meant, None), words_right, meant_right, length, similarity,
                 near_holds, shared)


RECORDED = {
    # a snippet words alone started a story with, which meaning joined to its gold story
    "a1": twice(None, 3, False, True, similarity=0.62, near_holds=True, shared=1),
    # a long report meaning joined to another event sharing many keys
    "a2": twice(None, 4, True, False, length=400, similarity=0.58, shared=5),
    # the same decision both ways
    "a3": twice(2, 2, True, True, similarity=0.9, near_holds=True, shared=8),
    # a snippet sharing no key: words start it, and its gold story's article means alike
    "a4": twice(None, None, False, False, similarity=0.71, near_holds=True),
    # outside the half
    "b1": twice(None, 5, False, True, similarity=0.6, near_holds=True, shared=2),
}
HALF = {"a1", "a2", "a3", "a4"}


def test_a_turned_decision_is_counted_by_length_shared_keys_and_direction() -> None:
    found = changed(RECORDED, HALF, 80)
    assert found == {("snippet", "1-2 keys", "wrong → right"): 1,
                     ("full", "3+ keys", "right → wrong"): 1}


def test_starts_by_words_alone_are_grouped_by_the_cosine_band_reached() -> None:
    found = fallback(RECORDED, HALF, 80)
    assert found == {(0.6, "snippet", "1-2 keys", False, True): 1,
                     (0.55, "full", "3+ keys", True, False): 1,
                     (0.7, "snippet", "0 keys", False, True): 1}


def test_near_misses_count_the_starts_words_found_alike_and_the_changes_a_shortlist_keeps(
) -> None:
    recorded = {
        "a1": Twice((None, None), (3, None), False, True, 40, 0.62, True, 4, shortlisted=True,
                    scored=True, compared=(7, 8)),
        "a2": Twice((None, None), (4, None), True, False, 400, 0.58, False, 5, scored=True,
                    compared=(9,)),
        "a4": Twice((None, None), (None, None), True, True, 20, 0.3, False, 2, scored=True,
                    compared=(8,)),
        "a3": Twice((None, None), (None, None), True, True, 30, 0.2, False, 0),
    }
    assert near_misses(recorded, set(recorded), 80) == {
        ("snippet", "encoded"): 2, ("snippet", "kept right"): 1, ("snippet", "compared"): 2,
        ("full", "encoded"): 1, ("full", "compared"): 1}
