"""bench.story_batch: the stage's own likeness between articles, clustered without the order
of arrival, on articles we write ourselves."""

from __future__ import annotations

from bench import story_batch
from bot.stories import cluster

EVENTS = cluster.Events()


def item(origin: str, hours: float, keys: dict[str, float],
         names: frozenset[str] = frozenset()) -> story_batch.Item:
    """An article as the likeness reads it (our own invented keys)."""
    return story_batch.Item(origin, hours, keys, cluster.compact(keys), names)


FERRY = {"e:harbourline": 2.0, "l:ferry": 1.5, "l:walkout": 1.0, "l:crew": 0.5}
FERRY_AGAIN = {"e:harbourline": 2.0, "l:ferry": 1.5, "l:walkout": 1.2, "l:pay": 0.8}
ORCHARD = {"e:tarnwick": 2.0, "l:frost": 1.5, "l:orchard": 1.0, "l:grower": 0.7}


def test_two_reports_of_one_walkout_are_alike_and_fade_with_the_hours_between() -> None:
    first, soon, late = item("f1", 0.0, FERRY), item("f2", 2.0, FERRY_AGAIN), \
        item("f3", 40.0, FERRY_AGAIN)
    assert story_batch.likeness(soon, first, EVENTS) > story_batch.likeness(late, first, EVENTS)
    assert story_batch.likeness(item("o1", 1.0, ORCHARD), first, EVENTS) == 0.0


def test_pairs_are_scored_only_within_the_window_and_only_when_they_share_a_key() -> None:
    items = [item("f1", 0.0, FERRY), item("o1", 1.0, ORCHARD), item("f2", 2.0, FERRY_AGAIN),
             item("f3", 30.0, FERRY_AGAIN)]
    pairs = story_batch.pair_scores(items, 24.0, EVENTS, story_batch.COMBINES["mean"])
    assert set(pairs) == {(0, 2)}
    wider = story_batch.pair_scores(items, 48.0, EVENTS, story_batch.COMBINES["max"])
    assert set(wider) == {(0, 2), (0, 3), (2, 3)}


def test_average_link_merges_while_the_mean_pair_likeness_reaches_the_level() -> None:
    pairs = {(0, 1): 0.5, (1, 2): 0.3, (0, 2): 0.0, (2, 3): 0.04}
    assert story_batch.average_link(4, pairs, 0.1) == [0, 0, 0, 3]
    assert story_batch.average_link(4, pairs, 0.2) == [0, 0, 2, 3]
    assert story_batch.average_link(4, pairs, 0.6) == [0, 1, 2, 3]


def test_correlation_moves_an_article_to_where_its_pairs_add_the_most() -> None:
    items = [item(str(i), float(i), FERRY) for i in range(4)]
    pairs = {(0, 1): 0.4, (2, 3): 0.4, (1, 2): 0.01}
    found = story_batch.correlation(items, pairs, 0.05, [0, 1, 2, 3], 48.0)
    assert story_batch.first_of(list(found)) == [0, 0, 2, 2]
    alone = story_batch.correlation(items[:3], {(0, 1): 0.4, (1, 2): 0.01}, 0.05, [0, 0, 0],
                                    48.0)
    assert story_batch.first_of(list(alone)) == [0, 0, 2]


def test_rows_put_an_undecided_copy_with_the_first_decided_article_of_its_online_story() -> None:
    items = [item("f1", 0.0, FERRY), item("f2", 1.0, FERRY_AGAIN)]
    gold = [{"id": "f1"}, {"id": "f2"}, {"id": "f2copy"}, {"id": "x"}]
    rows = story_batch.rows_of(gold, items, [0, 1], {"f1": 7, "f2": 7, "f2copy": 7})
    assert [r["story"] for r in rows] == [0, 1, 0, ("alone", "x")]


def test_reassign_takes_an_article_out_of_a_story_it_is_not_like() -> None:
    items = [item("f1", 0.0, FERRY), item("f2", 1.0, FERRY_AGAIN), item("o1", 2.0, ORCHARD)]
    pairs = story_batch.pair_scores(items, 48.0, EVENTS, story_batch.COMBINES["mean"])
    found = story_batch.reassign(items, pairs, [0, 1, 0], 48.0, EVENTS)
    assert story_batch.first_of(list(found)) == [0, 0, 2]
    assert story_batch.story_likeness(items, 1, {0, 1}, 48.0, EVENTS) > EVENTS.threshold
    assert story_batch.story_likeness(items, 2, {0}, 48.0, EVENTS) == 0.0


def test_the_correlation_sum_counts_pairs_in_one_cluster_within_the_half_and_window() -> None:
    items = [item("f1", 0.0, FERRY), item("f2", 1.0, FERRY_AGAIN), item("f3", 90.0, FERRY)]
    pairs = {(0, 1): 0.3, (1, 2): 0.2}
    together = story_batch.objective(items, pairs, [0, 0, 0], 0.1, 48.0, {"f1", "f2", "f3"})
    assert together == 0.3 - 0.1
    assert story_batch.objective(items, pairs, [0, 0, 0], 0.1, 48.0, {"f1"}) == 0.0


def test_separation_counts_how_the_likeness_tells_one_story_from_two() -> None:
    items = [item(name, float(i), FERRY) for i, name in enumerate(("a", "b", "c", "d"))]
    pairs = {(0, 1): 0.4, (2, 3): 0.02, (1, 2): 0.1, (0, 3): 0.01}
    found = story_batch.separation(items, pairs, [0, 0, 2, 2], {"a", "b", "c", "d"}, 0.05)
    assert found == {"same": 2, "other": 2, "auc": 0.75, "same_under": 1, "other_over": 1}


def test_a_sweep_scores_every_batch_clustering_on_the_half() -> None:
    items = [item("f1", 0.0, FERRY), item("o1", 1.0, ORCHARD), item("f2", 2.0, FERRY_AGAIN)]
    gold_rows = [{"id": "f1", "story": "ferry"}, {"id": "o1", "story": "orchard"},
                 {"id": "f2", "story": "ferry"}]
    batch = story_batch.Batch(items, gold_rows, gold_rows, {"f1": 1, "o1": 2, "f2": 3},
                              [0, 1, 2], [0, 1, 0])
    found = batch.sweep("mean", 24.0, [0.05])
    assert len(found) == 4
    assert found["average link, mean 24 h, level 0.05"]["bcubed_f1"] == 1.0
    assert found["correlation from online, mean 24 h, level 0.05"]["sum"] > 0
