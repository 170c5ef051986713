"""bench.story_second: the stage's decisions beside the TF-IDF baseline's, and the whole-text
centroid as a second opinion, on decisions and streams we write ourselves."""

from __future__ import annotations

import pytest

from bench import story_parts, story_second
from bench.stories_loss import Recorded

FERRY = {"e:harbourline": 2.0, "l:ferry": 1.5, "l:walkout": 1.0, "l:crew": 0.5}
"""A ferry walkout's report, by its keys weighted by rarity (our own words)."""


def test_a_story_told_in_the_same_words_is_whole_alike_and_one_of_others_is_not() -> None:
    same = story_second.signals(FERRY, {"l:ferry": 3}, [dict(FERRY), dict(FERRY)])
    other = story_second.signals(FERRY, {}, [{"e:millbrook": 2.0, "l:budget": 1.0}])
    assert same["whole"] == pytest.approx(1.0)
    assert same["whole_latest"] == pytest.approx(1.0)
    assert 0.9 < same["whole_tf"] < 1.0
    assert other == {"whole": 0.0, "whole_latest": 0.0, "whole_tf": 0.0}
    assert story_second.signals(FERRY, {}, [])["whole"] == 0.0


def test_the_latest_four_leave_an_old_article_out() -> None:
    old = {"e:harbourline": 1.0, "l:pension": 3.0}
    found = story_second.signals(FERRY, {}, [old, *[dict(FERRY)] * 4])
    assert found["whole_latest"] == pytest.approx(1.0)
    assert found["whole"] < found["whole_latest"]


STREAM = [
    {"id": "o1", "time": "2026-03-02T07:00:00Z", "story": "orchard",
     "title": "Orchard growers count frost damage", "text": "Growers in Tarnwick count losses."},
    {"id": "f1", "time": "2026-03-02T08:00:00Z", "story": "ferry",
     "title": "Harbourline ferry crews walk out", "text": "Ferry crews at Harbourline walked out."},
    {"id": "f2", "time": "2026-03-02T09:00:00Z", "story": "ferry",
     "title": "Harbourline ferry walkout strands crews", "text": "The Harbourline ferry walkout."},
    {"id": "l1", "time": "2026-03-02T10:00:00Z", "story": "library",
     "title": "Tarnwick library reopens its doors", "text": "Readers queued at the library."},
]


def test_the_baseline_joins_a_report_of_the_same_walkout_and_starts_another_event() -> None:
    found = story_second.baseline_arrivals(STREAM)
    assert found == {"o1": (False, False), "f1": (False, False), "f2": (True, True),
                     "l1": (False, False)}
    assert story_second.earlier_golds(STREAM) == {"o1": False, "f1": False, "f2": True,
                                                  "l1": False}


def test_who_is_right_is_counted_by_band_when_one_joins_and_the_other_starts() -> None:
    weak_wrong = Recorded("orchard", 1, 0.06, None, [(1, 0.06, False)])
    start_right = Recorded("vote", None, 0.0, None, [(2, 0.01, False)])
    found = [story_second.arrival(weak_wrong, False, False, (False, False)),
             story_second.arrival(start_right, False, False, (True, False))]
    table = story_second.agreement(found)
    assert table["0.05–0.08"]["only baseline"] == 1
    assert table["0.05–0.08"]["ours join wrong / base start right"] == 1
    assert table["0.00–0.03"]["only ours"] == 1
    assert table["0.00–0.03"]["ours start right / base join wrong"] == 1


def test_a_veto_and_a_join_by_the_second_opinion_count_what_they_would_do() -> None:
    joins = [story_parts.Join(True, 0.06, {"whole": 0.02}),
             story_parts.Join(False, 0.07, {"whole": 0.30}),
             story_parts.Join(False, 0.10, {"whole": 0.01})]
    vetoes = story_second.vetoes(joins, "whole")
    assert vetoes[(0.08, 0.05)] == (1, 0)
    assert vetoes[(0.12, 0.05)] == (1, 1)
    starts = {"a": Recorded("ferry", None, 0.04, None, [(1, 0.04, True), (2, 0.02, False)],
                            signals=[{"whole": 0.35}, {"whole": 0.1}]),
              "b": Recorded("vote", None, 0.0, None, [(3, 0.0, False)], signals=[{"whole": 0.9}])}
    rises = story_second.rises(starts, {"a", "b"}, "whole", 0.05)
    assert rises[(0.0, 0.3)] == (1, 0)
    assert rises[(0.0, 0.4)] == (0, 0)
    assert rises[(0.03, 0.2)] == (1, 0)
