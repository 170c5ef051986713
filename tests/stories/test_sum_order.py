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
