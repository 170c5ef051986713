"""The candidate lookup that sums shared weights in SQLite shortlists exactly the stories the
per-key lookup and the exact ranking shortlist, while handing Python only the leading few."""

from __future__ import annotations

import random

import pytest

from bot.stories.cluster import INDEX_KEYS, MAX_CANDIDATES, shortlist
from storage import stories as store
from storage.db import transaction

KEYS = [f"l:word{n}" for n in range(10)] + ["e:harbour board", "n:12"]
WEIGHTS = [0.1, 0.2, 0.3, 0.6, 0.7, 1.0, 2.5]
"""0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in floating point: plain sums tie or not by order."""
TIMES = [f"2026-03-0{day}T0{hour}:00:00+00:00" for day in (1, 2) for hour in (0, 6)]
"""Few distinct times: many postings of a key share one, so the per-key cut falls on ties."""


def _index_stories(db, rng: random.Random, stories: int) -> None:
    with transaction(db):
        for story_id in range(1, stories + 1):
            keys = rng.sample(KEYS, rng.randint(1, 5))
            store.reindex(db, story_id=story_id, keys=keys, seen_at=rng.choice(TIMES))


def test_the_summed_lookup_shortlists_what_the_per_key_lookup_does(fresh_db):
    rng = random.Random(13)
    _index_stories(fresh_db, rng, 60)
    since = TIMES[1]
    cut = 0
    for _ in range(40):
        keys = rng.sample(KEYS, rng.randint(1, 8))
        weights = {key: rng.choice(WEIGHTS) for key in keys}
        every = store.candidate_stories(fresh_db, keys, since=since)
        for min_shared in (1, 2):
            leading = store.leading_candidates(
                fresh_db, [(key, weights[key]) for key in keys], since=since,
                limit=MAX_CANDIDATES, min_shared=min_shared)
            assert (shortlist(leading, weights, min_shared=min_shared)
                    == shortlist(every, weights, min_shared=min_shared))
            assert all(sorted(every[story_id]) == sorted(shared)
                       for story_id, shared in leading.items())
            cut += len(leading) < len([s for s in every.values() if len(s) >= min_shared])
    assert cut > 20


def test_a_tie_the_plain_sum_breaks_the_wrong_way_is_still_ranked_exactly(fresh_db):
    seen = TIMES[0]
    with transaction(fresh_db):
        for story_id in (1, 2, 3):
            store.reindex(fresh_db, story_id=story_id, keys=["e:harbour board"], seen_at=seen)
        store.reindex(fresh_db, story_id=10, keys=["l:word1", "l:word2", "l:word3"], seen_at=seen)
        store.reindex(fresh_db, story_id=11, keys=["l:word6"], seen_at=seen)
    weights = {"e:harbour board": 2.5, "l:word1": 0.1, "l:word2": 0.2, "l:word3": 0.3,
               "l:word6": 0.6}
    leading = store.leading_candidates(fresh_db, list(weights.items()), since=seen,
                                       limit=MAX_CANDIDATES)
    # 0.1 + 0.2 + 0.3 sums above 0.6 in SQLite, exactly to it: the tie goes to the later story
    assert shortlist(leading, weights, min_shared=1) == [3, 2, 1, 11]


def test_every_key_an_article_is_indexed_under_is_told_apart_in_one_summed_lookup(fresh_db):
    """The shared keys come back as a sum of bits, one per key: an article's full set of index
    keys, the last place included, gives each story exactly the keys it shares."""
    keys = [f"l:term{n}" for n in range(INDEX_KEYS)]
    with transaction(fresh_db):
        for story_id in range(1, 9):
            store.reindex(fresh_db, story_id=story_id, keys=keys[story_id - 1::story_id],
                          seen_at=TIMES[0])
    weights = [(key, 1.0 + position / 100) for position, key in enumerate(keys)]
    found = store.leading_candidates(fresh_db, weights, since=TIMES[0], limit=8)
    assert {story_id: sorted(shared) for story_id, shared in found.items()} == {
        story_id: sorted(keys[story_id - 1::story_id]) for story_id in range(1, 9)}
    assert keys[-1] in found[1]
    with pytest.raises(ValueError, match="at most"):
        store.leading_candidates(fresh_db, [(f"l:k{n}", 1.0) for n in range(store.MASK_BITS + 1)],
                                 since=TIMES[0], limit=4)


def test_stories_tied_past_the_sorted_bound_are_all_kept(fresh_db):
    """SQLite sorts out only LEADING_ROWS stories per place; ties with the last place beyond
    that bound are read again in full, so the exact ranking still sees every one of them."""
    stories = 32
    assert stories > MAX_CANDIDATES * store.LEADING_ROWS
    with transaction(fresh_db):
        for story_id in range(1, stories + 1):
            key = "l:quay" if story_id % 2 else "l:pier"
            store.reindex(fresh_db, story_id=story_id, keys=[key], seen_at=TIMES[0])
        store.reindex(fresh_db, story_id=99, keys=["l:quay", "l:pier"], seen_at=TIMES[0])
    found = store.leading_candidates(fresh_db, [("l:quay", 1.0), ("l:pier", 1.0)],
                                     since=TIMES[0], limit=MAX_CANDIDATES, per_key=stories)
    assert sorted(found) == [*range(1, stories + 1), 99]
    assert found[99] == ["l:quay", "l:pier"]


def test_a_key_reads_only_its_latest_postings_and_none_before_the_window(fresh_db):
    with transaction(fresh_db):
        for story_id in range(1, 21):
            store.reindex(fresh_db, story_id=story_id, keys=["l:crane"],
                          seen_at=f"2026-03-01T{story_id:02d}:00:00+00:00")
    found = store.leading_candidates(fresh_db, [("l:crane", 1.0)],
                                     since="2026-03-01T03:00:00+00:00", limit=30, per_key=16)
    assert sorted(found) == list(range(5, 21))


def test_the_latest_articles_come_with_their_joins_in_the_same_order(fresh_db):
    rows = [(1, 1, "2026-03-01T00:00:00+00:00", None), (2, 1, "2026-03-01T01:00:00+00:00", 0.3),
            (3, 1, "2026-03-01T01:00:00+00:00", 0.07), (4, 2, "2026-03-01T02:00:00+00:00", None),
            (5, 1, "2026-03-01T03:00:00+00:00", 0.5), (6, 1, "2026-03-01T04:00:00+00:00", 0.2)]
    with transaction(fresh_db):
        for article_id, story_id, seen_at, join in rows:
            fresh_db.execute("INSERT INTO story_features (article_id, story_id, seen_at, data, "
                             "join_score) VALUES (?, ?, ?, ?, ?)",
                             [article_id, story_id, seen_at, '{"k":{},"x":[]}', join])
    latest = store.latest_articles(fresh_db, [1, 2, 3])
    assert latest == {1: [2, 3, 5, 6], 2: [4], 3: []}
    hour = "2026-03-01T0{}:00:00+00:00".format
    assert store.latest_joins(fresh_db, [1, 2, 3]) == {
        1: [(2, 0.3, hour(1), False), (3, 0.07, hour(1), False), (5, 0.5, hour(3), False),
            (6, 0.2, hour(4), False)],
        2: [(4, None, hour(2), False)], 3: []}
