"""The batch bound's local moves made online: as each article is decided, the articles near it
are decided again on the pairs seen so far, never on a later article.

Usage: .venv/bin/python -m bench.story_online [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune] [--windows 72] [--levels 0.04 0.05] [--combine min mean]
       [--scopes stories window]
One replay through ``bench.story_batch``'s recording stage gives each decided article as the
likeness reads it and the stage's online stories. The stream is then walked in arrival order:
article k goes where the stage put it (the moved cluster holding most of its online story's
earlier articles, the latest of them on a tie; a cluster of its own when it started a story),
and then the articles in scope, k first (``stories``: every article of the clusters k's pairs touch,
its own included; ``window``: every article at most a window before k) are moved, one at a
time, to the cluster (or a cluster of their own) where their pairs with the articles up to k
add the most likeness less the level, until no move helps. The pairs are
``bench.story_batch``'s: the stage's event likeness, both ways, combined; a pair involves only
the two articles, so nothing after k is read. The half is scored beside the online stories and
the batch correlation from them (the whole stream in view), with the moves counted.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bench import stories_loss
from bench.story_batch import (
    COMBINES,
    Batch,
    Item,
    Pairs,
    Recording,
    correlation,
    first_of,
    neighbours,
    objective,
    pair_scores,
    rows_of,
    show,
)

SCOPES = ("stories", "window", "itself", "settled")
LAG = 24.0
"""Hours an article waits before ``settled`` re-decides it."""
PASSES = 3


@dataclass
class Walk:
    """A clustering built online: each article's cluster so far, each cluster's articles, and
    how many moves were made (and of how many articles already in a story of more than one)."""

    label: list[int]
    members: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    unused: int = 0
    moves: int = 0

    def put(self, i: int, name: int) -> None:
        """Article ``i`` (new, or out of its cluster) into ``name``."""
        if self.label[i] >= 0:
            self.members[self.label[i]].discard(i)
        self.members[name].add(i)
        self.label[i] = name

    def fresh(self) -> int:
        """A name no cluster has had."""
        self.unused += 1
        return self.unused - 1


def joined(k: int, mates: list[int], walk: Walk) -> int:
    """Where the stage's decision puts article ``k``: the cluster holding most of its online
    story's earlier articles (the latest on a tie), else one of its own."""
    if not mates:
        return walk.fresh()
    counts: dict[int, int] = defaultdict(int)
    for j in mates:
        counts[walk.label[j]] += 1
    latest = {walk.label[j]: j for j in mates}
    return max(counts, key=lambda name: (counts[name], latest[name]))


def in_scope(k: int, items: list[Item], near: dict[int, dict[int, float]], walk: Walk,
             scope: str, window: float) -> list[int]:
    """The articles re-decided once ``k`` is, ``k`` first (the least settled): the clusters its
    earlier pairs touch (its own too), every article at most ``window`` hours before it,
    ``k`` alone, or the articles of the clusters its pairs touch that arrived ``LAG`` hours or
    more before it (``k`` left as the stage put it)."""
    if scope == "itself":
        return [k]
    if scope == "settled":
        return sorted(i for name in {walk.label[j] for j in near[k] if j < k}
                      for i in walk.members[name] if items[k].hours - items[i].hours >= LAG)
    if scope == "window":
        return [k] + [i for i in range(k) if items[k].hours - items[i].hours <= window]
    touched = {walk.label[k]} | {walk.label[j] for j in near[k] if j < k}
    return [k] + sorted(i for name in touched for i in walk.members[name] if i != k)


def redecide(i: int, k: int, items: list[Item], near: dict[int, dict[int, float]], walk: Walk,
             level: float, window: float, margin: float = 0.0) -> bool:
    """Article ``i`` moved where its pairs with the articles up to ``k`` add the most (more than
    ``margin`` over where it is); whether it moved."""
    def gain(name: int) -> float:
        return sum(near[i].get(j, 0.0) - level for j in walk.members[name]
                   if j != i and abs(items[j].hours - items[i].hours) <= window)
    own = walk.label[i]
    options = {walk.label[j] for j in near[i] if j <= k} | {own}
    best = max(options, key=lambda name: (gain(name), name == own))
    value = gain(best)
    if value < 0 and len(walk.members[own]) > 1:
        best, value = walk.fresh(), 0.0
    if best == own or value <= gain(own) + margin + 1e-12:
        return False
    walk.put(i, best)
    return True


def online_moves(items: list[Item], pairs: Pairs, level: float, start: list[int],
                 window: float, scope: str, margin: float = 0.0, passes: int = PASSES) -> Walk:
    """The stream walked in arrival order, the stage's decision for each article followed by
    the moves in ``scope`` (each gaining more than ``margin``) on the pairs seen so far."""
    near, walk = neighbours(pairs), Walk([-1] * len(items), unused=len(items))
    earlier: dict[int, list[int]] = defaultdict(list)
    for k in range(len(items)):
        walk.put(k, joined(k, earlier[start[k]], walk))
        earlier[start[k]].append(k)
        for _ in range(passes):
            moved = sum(redecide(i, k, items, near, walk, level, window, margin)
                        for i in in_scope(k, items, near, walk, scope, window))
            walk.moves += moved
            if not moved:
                break
    return walk


def sweep(batch: Batch, combine: str, window: float, levels: list[float],
          scopes: list[str], margins: tuple[float, ...] = (0.0,)) -> dict[str, dict[str, float]]:
    """The online moves in each scope at each level and margin, and the batch moves beside
    them."""
    items, half = batch.items, {str(g["id"]) for g in batch.half_rows}
    pairs = pair_scores(items, window, batch.events, COMBINES[combine])
    report = {}
    for level in levels:
        tag = f"{combine} {window:g} h, level {level:g}"
        found = {f"online moves in {scope}, margin {margin:g}":
                 online_moves(items, pairs, level, batch.start, window, scope, margin)
                 for scope in scopes for margin in margins}
        labels = {name: walk.label for name, walk in found.items()}
        labels["batch correlation from online"] = correlation(items, pairs, level, batch.start,
                                                              window)
        for name, label in labels.items():
            figures = show(f"{name}, {tag}", batch.half_rows,
                           rows_of(batch.gold_rows, items, label, batch.online))
            figures["sum"] = objective(items, pairs, label, level, window, half)
            figures["moves"] = found[name].moves if name in found else -1
            print(f"{'':44} correlation sum {figures['sum']:.2f}, moves {figures['moves']:.0f}")
            report[f"{name}, {tag}"] = figures
    return report


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--windows", nargs="+", type=float, default=[72.0])
    parser.add_argument("--levels", nargs="+", type=float, default=[0.04, 0.05])
    parser.add_argument("--combine", nargs="+", choices=sorted(COMBINES), default=["min"])
    parser.add_argument("--scopes", nargs="+", choices=SCOPES, default=list(SCOPES))
    parser.add_argument("--margins", nargs="+", type=float, default=[0.0])
    args = parser.parse_args(argv)
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    stage_rows, _, _ = stories_loss.replay(gold_rows, args.cache, "stage", stage_type=Recording)
    batch = batch_of(Recording.items, stage_rows, gold_rows, half_rows)
    print(f"stream: {stream}, half {args.half}; {len(batch.items)} decided articles")
    report = {"online": show("online (the stage)", half_rows, stage_rows)}
    for combine in args.combine:
        for window in args.windows:
            report.update(sweep(batch, combine, window, args.levels, args.scopes,
                                tuple(args.margins)))
    return report


def batch_of(items: list[Item], stage_rows: list[dict], gold_rows: list[dict],
             half_rows: list[dict]) -> Batch:
    """One replay's items with its online and gold clusterings."""
    online = stories_loss.final_stories(stage_rows)
    gold = {str(g["id"]): g["story"] for g in gold_rows}
    return Batch(items, gold_rows, half_rows, online,
                 first_of([online.get(item.origin, i) for i, item in enumerate(items)]),
                 first_of([gold.get(item.origin) for item in items]))


if __name__ == "__main__":
    main()
