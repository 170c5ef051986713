"""How sure a PolNeAR figure is: percentile intervals from resampling whole articles.

A speaker resolved wrong once is often wrong for every quote of that person in the article, so
quotes are not independent draws; articles are. Each article is counted once
(``polnear_score.article_counts``); a resample sums the counts of articles drawn with
replacement, so neither spaCy nor the extractor runs again.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import mul

from bench.polnear_score import SCOPES, ArticleCounts, Tally
from bench.rows import percentile

FIGURES = ("f1", "named_accuracy", "resolved_accuracy")
LOW, HIGH = 2.5, 97.5
Interval = tuple[float, float]


@dataclass(frozen=True)
class Concentration:
    """How the wrong speakers of one kind of source spread over the articles."""

    wrong: int
    articles: int
    half_in: int


def draws(n: int, rounds: int, seed: int) -> Iterator[list[int]]:
    """For each round, how many times each of ``n`` articles is drawn (n draws, replaced)."""
    rng = random.Random(seed)
    for _ in range(rounds):
        weights = [0] * n
        for i in rng.choices(range(n), k=n):
            weights[i] += 1
        yield weights


def intervals(articles: Sequence[ArticleCounts], rounds: int,
              seed: int) -> dict[str, dict[str, Interval]]:
    """The 2.5 and 97.5 percentiles of each figure in FIGURES, per scope, over ``rounds``
    resamples of the articles (a resample without a speaker of a kind is left out of that
    kind's interval)."""
    columns = _columns(articles)
    seen: dict[str, dict[str, list[float]]] = {
        scope: {figure: [] for figure in FIGURES} for scope in SCOPES}
    for weights in draws(len(articles), rounds, seed):
        for scope, keys in columns.items():
            counts = Counter({key: sum(map(mul, weights, column)) for key, column in keys.items()})
            ratios = Tally(counts).ratios()
            for figure in FIGURES:
                value = float(ratios[figure])
                if not math.isnan(value):
                    seen[scope][figure].append(value)
    return {scope: {figure: _interval(values) for figure, values in by_figure.items()}
            for scope, by_figure in seen.items()}


def _columns(articles: Sequence[ArticleCounts]) -> dict[str, dict[str, list[int]]]:
    """Per scope and count, the articles' values in order (summed against a round's draws)."""
    out: dict[str, dict[str, list[int]]] = {}
    for scope in SCOPES:
        keys = sorted({key for article in articles for key in article.scopes[scope]})
        out[scope] = {key: [article.scopes[scope][key] for article in articles] for key in keys}
    return out


def _interval(values: Sequence[float]) -> Interval:
    if not values:
        return math.nan, math.nan
    return percentile(values, LOW), percentile(values, HIGH)


def concentration(articles: Sequence[ArticleCounts], source: str,
                  scope: str = "all") -> Concentration:
    """The wrong ``source`` speakers ("named" or "resolved"), the articles holding any, and
    the fewest articles that hold at least half of them."""
    wrong = sorted((a.scopes[scope][f"{source}_n"] - a.scopes[scope][f"{source}_ok"]
                    for a in articles), reverse=True)
    wrong = [w for w in wrong if w]
    total, running = sum(wrong), 0
    for k, w in enumerate(wrong, start=1):
        running += w
        if 2 * running >= total:
            return Concentration(total, len(wrong), k)
    return Concentration(0, 0, 0)


def report(point: Mapping[str, Mapping], spans: Mapping[str, Mapping[str, Interval]],
           articles: Sequence[ArticleCounts], rounds: int, seed: int) -> str:
    """Each figure with its interval beside it, then where the wrong speakers are."""
    head = f"{'kind':<13} {'F1':>20} {'spk named':>20} {'spk resolved':>20}"
    lines = [f"bootstrap over {len(articles)} articles: {rounds} resamples, seed {seed}; "
             f"{LOW:g}-{HIGH:g} percentile intervals", head, "-" * len(head)]
    for scope in SCOPES:
        cells = [_cell(float(point[scope][figure]), spans[scope][figure]) for figure in FIGURES]
        lines.append(f"{scope:<13} " + " ".join(f"{cell:>20}" for cell in cells))
    for source in ("named", "resolved"):
        c = concentration(articles, source)
        lines.append(f"wrong {source} speakers (all kinds): {c.wrong} in {c.articles} articles;"
                     f" half of them in {c.half_in}")
    return "\n".join(lines)


def _cell(value: float, span: Interval) -> str:
    if math.isnan(value):
        return "-"
    return f"{value:.3f} [{span[0]:.3f}, {span[1]:.3f}]"
