"""bench.story_online: the batch bound's local moves made online, on articles we write
ourselves; nothing after the article being decided may move anything."""

from __future__ import annotations

from bench import story_batch, story_online
from bot.stories import cluster

EVENTS = cluster.Events()
FERRY = {"e:harbourline": 2.0, "l:ferry": 1.5, "l:walkout": 1.0, "l:crew": 0.5}


def items(count: int) -> list[story_batch.Item]:
    """``count`` invented articles an hour apart (their keys unused: the pairs are given)."""
    return [story_batch.Item(f"a{i}", float(i), FERRY, cluster.compact(FERRY), frozenset())
            for i in range(count)]


def named(walk: story_online.Walk) -> list[int]:
    """The walk's clusters named by their first article."""
    return story_batch.first_of(list(walk.label))


def test_with_no_pair_worth_a_move_the_walk_keeps_the_stages_stories() -> None:
    pairs = {(0, 1): 0.3, (2, 3): 0.3}
    for scope in story_online.SCOPES:
        walk = story_online.online_moves(items(4), pairs, 0.05, [0, 0, 2, 2], 48.0, scope)
        assert named(walk) == [0, 0, 2, 2]
        assert walk.moves == 0


def test_an_article_the_stage_joined_wrongly_moves_once_its_own_pairs_say_so() -> None:
    pairs = {(0, 1): 0.3, (1, 2): 0.01, (2, 3): 0.3}
    walk = story_online.online_moves(items(4), pairs, 0.05, [0, 0, 0, 0], 48.0, "stories")
    assert named(walk) == [0, 0, 2, 2]
    assert walk.moves >= 1


def test_a_later_article_never_moves_an_earlier_one_before_it_arrives() -> None:
    pairs = {(0, 1): 0.01, (1, 2): 0.4, (0, 2): 0.0}
    start = [0, 0, 2]
    first_two = story_online.online_moves(items(2), {(0, 1): 0.01}, 0.05, start[:2], 48.0,
                                          "stories")
    assert named(first_two) == [0, 1]
    whole = story_online.online_moves(items(3), pairs, 0.05, start, 48.0, "stories")
    assert named(whole) == [0, 1, 1]


def test_the_stages_decision_follows_the_moved_cluster_holding_most_of_its_story() -> None:
    walk = story_online.Walk([-1] * 4, unused=4)
    for i, name in enumerate((7, 7, 9)):
        walk.put(i, name)
    assert story_online.joined(3, [0, 1, 2], walk) == 7
    assert story_online.joined(3, [1, 2], walk) == 9
    assert story_online.joined(3, [], walk) == 4


def test_the_window_scope_reaches_back_only_its_hours() -> None:
    found = items(5)
    walk = story_online.Walk([-1] * 5, unused=5)
    for i, name in enumerate((0, 1, 2, 0, 4)):
        walk.put(i, name)
    assert story_online.in_scope(4, found, {4: {}}, walk, "window", 2.0) == [4, 2, 3]
    near = {4: {0: 0.2}}
    assert story_online.in_scope(4, found, near, walk, "stories", 2.0) == [4, 0, 3]


def test_a_sweep_scores_the_online_moves_beside_the_batch_ones() -> None:
    gold_rows = [{"id": f"a{i}", "story": "ab"[i >= 2]} for i in range(4)]
    batch = story_online.batch_of(items(4), [{"id": f"a{i}", "story": 1} for i in range(4)],
                                  gold_rows, gold_rows)
    assert story_batch.pair_scores(batch.items, 48.0, EVENTS, story_batch.COMBINES["min"])
    found = story_online.sweep(batch, "min", 48.0, [0.05], ["stories"], (0.0, 9.0))
    assert set(found) == {"online moves in stories, margin 0, min 48 h, level 0.05",
                          "online moves in stories, margin 9, min 48 h, level 0.05",
                          "batch correlation from online, min 48 h, level 0.05"}
    kept = found["online moves in stories, margin 9, min 48 h, level 0.05"]
    assert kept["moves"] == 0
    assert kept["bcubed_recall"] == 1.0


def test_pairs_with_articles_not_yet_arrived_change_nothing() -> None:
    seen = {(0, 1): 0.02, (1, 2): 0.3}
    later = {**seen, (0, 3): 0.5, (2, 3): 0.5, (1, 4): 0.4}
    for scope in story_online.SCOPES:
        alone = story_online.online_moves(items(3), seen, 0.05, [0, 0, 0], 48.0, scope)
        ahead = story_online.online_moves(items(3), later, 0.05, [0, 0, 0], 48.0, scope)
        assert named(alone) == named(ahead)
        assert named(alone) == ([0, 0, 0] if scope == "settled" else [0, 1, 1])


def test_the_settled_scope_leaves_the_new_article_and_its_recent_neighbours_alone() -> None:
    found = [story_batch.Item(f"a{i}", hours, FERRY, cluster.compact(FERRY), frozenset())
             for i, hours in enumerate((0.0, 10.0, 30.0, 40.0))]
    walk = story_online.Walk([-1] * 4, unused=4)
    for i, name in enumerate((0, 0, 2, 0)):
        walk.put(i, name)
    near = {3: {1: 0.2, 2: 0.1}}
    assert story_online.in_scope(3, found, near, walk, "settled", 72.0) == [0, 1]
