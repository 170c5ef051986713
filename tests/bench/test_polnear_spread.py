"""The spread of speaker accuracy over samples of dev's size, on counts written here."""

from __future__ import annotations

import math
from collections import Counter

from bench.polnear_score import SCOPES, ArticleCounts
from bench.polnear_spread import CELLS, PCTS, accuracy, report, spread, worst_share


def counts(doc_id: str, named: tuple[int, int], resolved: tuple[int, int] = (0, 0)) -> ArticleCounts:
    """The same speaker counts in every scope, as (right, of)."""
    c = Counter(named_ok=named[0], named_n=named[1], resolved_ok=resolved[0],
                resolved_n=resolved[1])
    return ArticleCounts(doc_id, {scope: Counter(c) for scope in SCOPES})


def test_samples_of_identical_articles_all_give_the_pooled_figure():
    pool = [counts(f"a{i}", named=(3, 4), resolved=(1, 2)) for i in range(10)]
    spans = spread(pool, size=5, rounds=40, seed=1)
    assert spans[("named", "direct")] == (0.75,) * len(PCTS)
    assert spans[("resolved", "all")] == (0.5,) * len(PCTS)


def test_a_mixed_pool_spreads_around_its_figure_and_a_seed_repeats_it():
    pool = [counts(f"a{i}", named=(i % 3, 2)) for i in range(60)]
    spans = spread(pool, size=12, rounds=300, seed=4)
    low, _, mid, high = spans[("named", "all")]
    assert low < mid < high
    assert low < accuracy(pool, "named", "all") < high
    assert spans == spread(pool, size=12, rounds=300, seed=4)
    assert all(math.isnan(v) for v in spans[("resolved", "direct")])


def test_the_worst_articles_share_of_the_wrong_speakers():
    pool = [counts("bad", named=(0, 8))] + [counts(f"a{i}", named=(1, 2)) for i in range(19)]
    assert worst_share(pool, "named", "all") == 8 / 27
    assert math.isnan(worst_share(pool, "resolved", "all"))


def test_the_report_has_a_row_per_cell():
    pool = [counts(f"a{i}", named=(i % 2, 1), resolved=(1, 1)) for i in range(8)]
    lines = report("toy", pool, size=4, rounds=10, seed=0).splitlines()
    assert lines[0] == "toy: 8 articles; 10 samples of 4 (with replacement), seed 0"
    assert len(lines) == 3 + len(CELLS)
    assert lines[3].split()[:3] == ["named", "direct", "0.500"]


def test_distinct_samples_of_the_whole_pool_are_the_pool():
    pool = [counts(f"a{i}", named=(i % 3, 2)) for i in range(9)]
    whole = accuracy(pool, "named", "all")
    assert spread(pool, size=9, rounds=20, seed=2, distinct=True)[("named", "all")] == \
        (whole,) * len(PCTS)
    assert spread(pool, size=9, rounds=200, seed=2)[("named", "all")][0] < whole
