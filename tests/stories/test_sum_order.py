"""Story scores do not depend on the order keys come in: a set's order changes with the process's
hash seed, so with plain sums a replay could differ from one run (or one worker process) to the
next."""

from bot.stories.cluster import cosine, shortlist


def test_cosine_is_the_same_whatever_the_order_of_the_keys():
    a = {"l:ferry": 0.1, "l:storm": 0.2, "e:ines varga": 0.3}
    b = dict.fromkeys(a, 1.0)
    backwards = dict(reversed(list(a.items())))
    assert cosine(a, b) == cosine(backwards, b)


def test_shortlist_ranks_the_same_whatever_the_order_of_the_keys():
    weights = {"l:ferry": 0.1, "l:storm": 0.2, "e:ines varga": 0.3, "l:port": 0.6}
    shared = {1: ["l:ferry", "l:storm", "e:ines varga"], 2: ["e:ines varga", "l:storm",
                                                             "l:ferry"], 3: ["l:port", "l:ferry"]}
    assert shortlist(shared, weights) == [3, 2, 1]


def test_event_likeness_is_the_same_whatever_the_order_of_the_keys():
    from bot.stories.cluster import Events, Story, coverage, event_similarity

    a = {"l:ferry": 0.1, "l:storm": 0.2, "e:ines varga": 0.3, "l:harbour": 0.7}
    story = Story([{"l:ferry": 0.3, "e:ines varga": 0.9, "l:crane": 0.2},
                   {"l:storm": 0.4, "l:ferry": 0.1}], headline_names=frozenset({"e:ines varga"}))
    flipped = Story([dict(reversed(list(v.items()))) for v in story.vectors],
                    headline_names=story.headline_names)
    backwards = dict(reversed(list(a.items())))
    assert coverage(a, story.vectors) == coverage(backwards, flipped.vectors)
    assert event_similarity(a, frozenset(), story, events=Events()) == event_similarity(
        backwards, frozenset(), flipped, events=Events())
