"""How far a PolNeAR sample of dev's size can stray: speaker accuracy over samples of articles.

    python -m bench.polnear_spread --cache /work/cache/ptrain.spacy     # train only, never dev

Dev is 84 articles; a rule that does not generalise and an unlucky sample look the same from
one figure. This draws many 84-article samples (whole articles, with replacement) from train
part b and from all of train, and prints the 5th, 50th and 95th percentiles of each speaker
accuracy (and the 1st), and the share of the wrong speakers the worst 5 % of the pool's articles hold. Only
counts per article are kept (``polnear_score.article_counts``), no text.
"""

from __future__ import annotations

import argparse
import math
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.polnear_score import ArticleCounts, Tally
from bench.rows import percentile

SAMPLE = 84
"""Articles in PolNeAR dev, the size of sample whose spread we want."""
CELLS = tuple((source, scope) for source in ("named", "resolved")
              for scope in ("direct", "direct+mixed", "all"))
PCTS = (1.0, 5.0, 50.0, 95.0)
WORST = 0.05


def accuracy(articles: Sequence[ArticleCounts], source: str, scope: str) -> float:
    """Pooled speaker accuracy of ``source`` sources over the articles (nan with none)."""
    total: Counter = Counter()
    for article in articles:
        total.update(article.scopes[scope])
    return float(Tally(total).ratios()[f"{source}_accuracy"])


def spread(pool: Sequence[ArticleCounts], size: int, rounds: int, seed: int,
           distinct: bool = False) -> dict[tuple[str, str], tuple[float, ...]]:
    """The PCTS percentiles of each cell's accuracy over ``rounds`` samples of ``size``
    articles drawn from ``pool`` with replacement, or ``distinct`` articles as dev's are (a
    sample without a source is left out)."""
    rng = random.Random(seed)
    seen: dict[tuple[str, str], list[float]] = {cell: [] for cell in CELLS}
    for _ in range(rounds):
        sample = rng.sample(pool, size) if distinct else rng.choices(pool, k=size)
        for source, scope in CELLS:
            value = accuracy(sample, source, scope)
            if not math.isnan(value):
                seen[(source, scope)].append(value)
    return {cell: tuple(percentile(values, p) for p in PCTS) if values else (math.nan,) * len(PCTS)
            for cell, values in seen.items()}


def worst_share(pool: Sequence[ArticleCounts], source: str, scope: str) -> float:
    """The share of the pool's wrong ``source`` speakers held by its worst 5 % of articles."""
    wrong = sorted((a.scopes[scope][f"{source}_n"] - a.scopes[scope][f"{source}_ok"]
                    for a in pool), reverse=True)
    total = sum(wrong)
    return sum(wrong[:max(1, math.ceil(WORST * len(pool)))]) / total if total else math.nan


def report(name: str, pool: Sequence[ArticleCounts], size: int, rounds: int, seed: int,
           distinct: bool = False) -> str:
    """One pool's table: the pooled figure, the sample percentiles, the worst articles' share."""
    spans = spread(pool, size, rounds, seed, distinct)
    head = (f"{'speaker':<9} {'kind':<13} {'pool':>6} "
            + " ".join(f"{f'p{p:g}':>6}" for p in PCTS) + f" {'worst 5% hold':>14}")
    drawn = "distinct articles" if distinct else "with replacement"
    lines = [f"{name}: {len(pool)} articles; {rounds} samples of {size} ({drawn}), seed {seed}",
             head, "-" * len(head)]
    for source, scope in CELLS:
        cells = " ".join(f"{value:>6.3f}" for value in spans[(source, scope)])
        lines.append(f"{source:<9} {scope:<13} {accuracy(pool, source, scope):>6.3f} {cells} "
                     f"{worst_share(pool, source, scope):>14.0%}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    from bench.polnear_eval import RESOLUTIONS, in_part, load_jsonl, load_resolutions, predict
    from bench.polnear_score import article_counts

    args = _parser().parse_args(argv)
    records = load_jsonl(args.data / "polnear_train.jsonl")
    predictions, _ = predict(records, args.cache)
    articles = article_counts("train", records, predictions, load_resolutions(RESOLUTIONS))
    pools = {"train part b": [a for a in articles if in_part(a.doc_id, "b")],
             "all of train": articles}
    print("\n\n".join(report(name, pool, args.size, args.rounds, args.seed, args.distinct)
                      for name, pool in pools.items()))


def _parser() -> argparse.ArgumentParser:
    from bench.polnear_eval import DATA

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with polnear_train.jsonl")
    parser.add_argument("--cache", type=Path, help="DocBin of train's parses (read only)")
    parser.add_argument("--size", type=int, default=SAMPLE, help="articles per sample (84)")
    parser.add_argument("--rounds", type=int, default=2000, help="samples drawn (2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--distinct", action="store_true",
                        help="draw distinct articles (as dev's 84 are), not with replacement")
    return parser


if __name__ == "__main__":
    main()
