"""A weak join carried by names alone: the same town and mayor in a report of another event
(a marathon, then a bridge toll) is a new story; the same weak likeness in shared words joins."""

from __future__ import annotations

from bot.stories import cluster
from bot.stories.decide import Candidate, Candidates, decide
from bot.stories.features import ArticleFeatures

EVENTS = cluster.Events()
NAMES = frozenset({"e:dunmore"})
TOLL = {"e:dunmore": 6.0, "e:mayor_hale": 5.0, "l:bridge": 4.0, "l:toll": 4.0, "l:vote": 3.0,
        "l:council": 2.0, "l:commuter": 3.0, "l:fare": 3.0}
MARATHON = [{"e:dunmore": 6.0, "e:mayor_hale": 5.0, "l:marathon": 5.0, "l:runner": 4.0,
             "l:route": 4.0, "l:medal": 3.0, "l:finish": 3.0, "l:crowd": 3.0}]
BALLOT = [{"e:dunmore": 2.0, "l:bridge": 4.0, "l:toll": 4.0, "l:vote": 3.0, "l:ballot": 5.0,
           "l:commuter": 2.0, "l:driver": 4.0, "l:levy": 4.0, "l:span": 4.0}]


def _likeness(vectors: list[dict[str, float]], age: float) -> float:
    story = cluster.Story(vectors, NAMES, age)
    return cluster.event_similarity(TOLL, NAMES, story, events=EVENTS)


def _joins(vectors: list[dict[str, float]], age: float) -> int | None:
    features = ArticleFeatures(title="t", title_words=("t",), tokens=[], entities=[],
                               sentences=[], title_keys=set(NAMES))
    candidates = Candidates(TOLL, list(TOLL), [Candidate(3, vectors, age_hours=age,
                                                         headline_names=NAMES)])
    return decide(features, candidates, summarise=lambda _: [], events=EVENTS).story_id


def test_names_alone_do_not_carry_a_weak_join():
    assert _likeness(MARATHON, 0) > EVENTS.weak_join
    assert _likeness(MARATHON, 48) == 0.0
    assert _joins(MARATHON, 48) is None


def test_shared_words_still_carry_a_weak_join():
    assert EVENTS.threshold <= _likeness(BALLOT, 52) < EVENTS.weak_join
    assert _joins(BALLOT, 52) == 3


def test_names_alone_still_carry_a_strong_join():
    assert _joins(MARATHON, 0) == 3
