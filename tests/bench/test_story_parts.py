"""bench.story_parts on recorded decisions: the parts of a join's likeness, and whether each
tells the right joins from the wrong ones."""

from __future__ import annotations

import pytest

from bench import story_parts
from bench.stories_loss import Recorded
from bot.stories.decide import Candidate, Candidates

FERRY = {"e:harbourline": 2.0, "l:ferry": 1.5, "l:walkout": 1.0}
"""A ferry walkout's report, by its weighted keys (our own words)."""


def test_an_article_sharing_only_names_has_no_words_part_and_a_full_names_part() -> None:
    story = Candidate(1, [{"e:harbourline": 1.0, "l:budget": 2.0},
                          {"e:harbourline": 3.0, "l:council": 1.0}])
    names_only = {"e:harbourline": 2.0, "l:ferry": 1.0}
    found = story_parts.parts(Candidates(names_only, [], [story]), story, 40)
    assert found["words"] == 0.0 and found["words_share"] == 0.0
    assert found["names"] == pytest.approx(1.0)
    assert found["length"] == 40.0 and found["story_shortest"] == 2.0


def test_the_latest_article_is_read_apart_from_the_closest() -> None:
    story = Candidate(1, [dict(FERRY), {"e:harbourline": 1.0, "l:budget": 3.0}])
    found = story_parts.parts(Candidates(dict(FERRY), [], [story]), story, 300)
    assert found["closest"] == pytest.approx(1.0)
    assert found["latest"] < found["centroid"] < found["closest"]
    assert found["latest_share"] == pytest.approx(found["latest"] / found["centroid"])


def record(gold: str, joined: int | None, shortlist: list[tuple[int, float, bool, float]]
           ) -> Recorded:
    """A decision with, per shortlisted story, its likeness, whether it held the gold, and the
    article's length as the one signal."""
    return Recorded(gold, joined, 0.0, None, [(s, like, holds) for s, like, holds, _ in shortlist],
                    signals=[{"length": length} for *_, length in shortlist])


RECORDED = {
    # two right joins by long reports and one wrong one by a snippet, all in one band
    "a1": record("ferry", 1, [(1, 0.15, True, 400.0)]),
    "a2": record("ferry", 1, [(1, 0.16, True, 500.0), (2, 0.02, False, 500.0)]),
    "a3": record("vote", 1, [(1, 0.14, False, 30.0)]),
    # a right join far more alike, in its own band
    "a4": record("vote", 3, [(3, 0.40, True, 30.0)]),
    # a snippet starting a story though its gold story was shortlisted, a little alike
    "a5": record("vote", None, [(3, 0.03, True, 20.0)]),
    # outside the half
    "b1": record("trial", 4, [(4, 0.15, False, 900.0)]),
}


def test_joins_are_told_right_or_wrong_by_band_and_a_separating_signal_scores_one() -> None:
    found = story_parts.joins(RECORDED, {"a1", "a2", "a3", "a4", "a5"})
    assert [j.right for j in found] == [True, True, False, True]
    table = story_parts.by_band(found)
    assert table["0.12–0.20"] == {"right": 2, "wrong": 1, "length": 1.0}
    assert table["0.30 or more"]["length"] == 0.5
    lengths = story_parts.by_length(found, 80)
    assert lengths[("snippet", "0.12–0.20", False)] == 1
    assert lengths[("full", "0.12–0.20", True)] == 2


def test_a_start_that_missed_its_shortlisted_gold_story_is_counted_by_length() -> None:
    missed = story_parts.missed_starts(RECORDED, {"a5"}, 80)
    assert missed == {("snippet", "alike"): 1}
    assert story_parts.auc([], [1.0]) == 0.5
