"""bench.story_ties on recorded decisions: which story pairs an article ties, right or wrong by
the gold they held, and the half's figures when the tied stories are read as one."""

from __future__ import annotations

from bench import stories_eval, story_ties
from bench.stories_loss import Recorded


def record(gold: str, shortlist: list[tuple[int, float, float, set[str]]]) -> Recorded:
    return Recorded(gold, shortlist[0][0], shortlist[0][1], None,
                    [(story, likeness, gold in golds) for story, likeness, _, golds in shortlist],
                    ages=[age for _, _, age, _ in shortlist],
                    golds=[frozenset(golds) for *_, golds in shortlist])


RECORDED = {
    # the ferry strike's third report is like both of its pieces (stories 1 and 2)
    "a3": record("ferry", [(1, 0.20, 3.0, {"ferry"}), (2, 0.09, 2.0, {"ferry"})]),
    # a council vote's report is like its own story and a little like the ferry strike's
    "a5": record("vote", [(4, 0.30, 1.0, {"vote"}), (1, 0.06, 5.0, {"ferry"})]),
    # an old story is tied only when the age allows it
    "a6": record("vote", [(4, 0.25, 2.0, {"vote"}), (7, 0.10, 30.0, {"trial"})]),
}
ROWS = [{"id": "a1", "story": 1}, {"id": "a2", "story": 2}, {"id": "a3", "story": 1},
        {"id": "a4", "story": 4}, {"id": "a5", "story": 4}, {"id": "a6", "story": 4}]
GOLD = [{"id": "a1", "story": "ferry"}, {"id": "a2", "story": "ferry"},
        {"id": "a3", "story": "ferry"}, {"id": "a4", "story": "vote"},
        {"id": "a5", "story": "vote"}, {"id": "a6", "story": "vote"}]


def test_pairs_are_right_when_they_held_one_gold_story_and_wrong_when_none() -> None:
    found = story_ties.ties(RECORDED)
    half = {g["id"] for g in GOLD}
    count = story_ties.tally(found, half, 0.05, 24.0)
    assert count.right == {(1, 2)}
    assert count.wrong == {(1, 4)}
    assert story_ties.tally(found, half, 0.08, 24.0).wrong == set()
    assert story_ties.tally(found, half, 0.08, 36.0).wrong == {(4, 7)}


def test_a_split_gold_story_with_its_pieces_tied_is_counted_and_joined() -> None:
    right = story_ties.tally(story_ties.ties(RECORDED), {g["id"] for g in GOLD}, 0.08, 24.0)
    assert story_ties.split_tied(GOLD, ROWS, right.right) == 1
    before = stories_eval.score(GOLD, ROWS)
    after = stories_eval.score(GOLD, story_ties.joined(ROWS, right.every))
    assert before["bcubed_recall"] < 1.0
    assert after["bcubed_recall"] == 1.0 and after["bcubed_precision"] == 1.0
    assert story_ties.joined(ROWS, {(1, 2), (2, 4)})[3]["story"] == 1


def test_a_balance_keeps_only_ties_where_the_article_is_about_as_like_both() -> None:
    found = story_ties.ties({**RECORDED, "a7": record(
        "ferry", [(1, 0.12, 4.0, {"ferry"}), (2, 0.10, 3.0, {"ferry"})])})
    half = {g["id"] for g in GOLD} | {"a7"}
    assert story_ties.tally(found, half, 0.05, 24.0).right == {(1, 2)}
    balanced = story_ties.tally(found, half, 0.05, 24.0, 0.75)
    assert balanced.right == {(1, 2)} and balanced.wrong == set()
    assert story_ties.tally(found, half, 0.05, 24.0, 0.9).right == set()
