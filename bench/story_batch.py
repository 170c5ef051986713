"""How much the greedy online decisions cost: the stage's own likeness clustered in batch.

Usage: .venv/bin/python -m bench.story_batch [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune] [--windows 24 48] [--levels 0.03 0.05 0.08] [--combine mean min max]
One replay through ``bench.stories_loss``'s recording stage keeps, for every decided article,
its keys weighted as the decision weighed them (``Candidates.weights``, the archive's rarity
when it arrived), the keys it is stored with (``Candidates.kept``), its headline's names and
its time. Each pair of articles at most a window apart is then scored by the stage's own event
likeness (``cluster.event_similarity``: the later article against the earlier as a story of
one, its age the hours between them; and the earlier against the later the same way), and the
stream is clustered without the order of arrival: average-link agglomeration (a pair never
scored counts 0) down to a level, and a correlation clustering (every pair in one cluster adds
its likeness less the level; single articles moved while the sum grows) started from the
stage's own stories and from the agglomeration's. The half is scored beside the stage's online
stories from the same replay, with each clustering's correlation sum over the half (the
online and the gold clusterings' too) and how well the likeness tells the half's pairs of one
gold story from pairs of two. The stage's hindsight (``reassign``: each article decided again
by its story likeness against its cluster-mates) is scored the same way. An exact copy the
stage never decided goes with the earliest decided article of its online story.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import ClassVar

from bench import stories_eval, stories_loss
from bot.stories import cluster
from bot.stories.decide import Candidates, Decision, Summarise
from bot.stories.stage import Prepared, utc_time

WINDOWS = (24.0, 48.0)
LEVELS = (0.03, 0.05, 0.08, 0.12)
Pairs = dict[tuple[int, int], float]
Combine = Callable[[float, float], float]
COMBINES: dict[str, Combine] = {"mean": lambda a, b: (a + b) / 2, "max": max, "min": min}


@dataclass(frozen=True)
class Item:
    """One decided article as the likeness reads it."""

    origin: str
    hours: float
    weights: dict[str, float]
    kept: dict[str, float]
    names: frozenset[str]


class Recording(stories_loss.Overruling):
    """The recording stage, keeping each decided article's ``Item`` in arrival order."""

    items: ClassVar[list[Item]] = []
    """The replay's items, kept across it (the replay keeps no stage)."""

    def watch(self, gold: dict[str, str], mode: str) -> Recording:
        super().watch(gold, mode)
        Recording.items = []
        return self

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        hours = utc_time(prepared.seen_at).timestamp() / 3600
        self.items.append(Item(prepared.parsed.article.origin, hours, candidates.weights,
                               candidates.kept,
                               cluster.headline_names(prepared.features.title_keys)))
        return super().decide(prepared, candidates, summarise=summarise)


def likeness(later: Item, earlier: Item, events: cluster.Events) -> float:
    """The later article's event likeness to the earlier one as a story of one."""
    story = cluster.Story([earlier.kept], earlier.names, abs(later.hours - earlier.hours))
    return cluster.event_similarity(later.weights, later.names, story, events=events)


def pair_scores(items: list[Item], window: float, events: cluster.Events,
                combine: Combine) -> Pairs:
    """Every pair at most ``window`` hours apart sharing a kept key, scored both ways and
    combined; pairs scoring 0 are left out."""
    holders: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        for key in item.kept:
            holders[key].append(i)
    found: Pairs = {}
    for i, item in enumerate(items):
        near = {j for key in item.kept for j in holders[key]
                if j < i and abs(item.hours - items[j].hours) <= window}
        for j in near:
            score = combine(likeness(item, items[j], events), likeness(items[j], item, events))
            if score > 0:
                found[(j, i)] = score
    return found


def average_link(n: int, pairs: Pairs, level: float) -> list[int]:
    """Each item's cluster after merging, most alike first, every two clusters whose mean pair
    likeness (pairs never scored count 0) is at least ``level``."""
    members = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), score in pairs.items():
        links[a][b] = links[b][a] = score
    heap = [(-score, a, b) for (a, b), score in pairs.items() if score >= level]
    heapq.heapify(heap)
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members or b not in links[a]:
            continue
        if abs(links[a][b] / (len(members[a]) * len(members[b])) + neg) > 1e-12:
            continue
        members[a].extend(members.pop(b))
        merge(a, b, links)
        for c, total in links[a].items():
            mean = total / (len(members[a]) * len(members[c]))
            if mean >= level:
                heapq.heappush(heap, (-mean, a, c))
    return labels(n, members.values())


def merge(a: int, b: int, links: dict[int, dict[int, float]]) -> None:
    """Cluster ``b``'s links into ``a``'s, summed."""
    for c, total in links.pop(b).items():
        del links[c][b]
        if c != a:
            links[a][c] = links[c][a] = links[a].get(c, 0.0) + total


def labels(n: int, clusters: Iterable[list[int]]) -> list[int]:
    """Each item's cluster, named by its first item."""
    found = list(range(n))
    for held in clusters:
        for i in held:
            found[i] = min(held)
    return found


def correlation(items: list[Item], pairs: Pairs, level: float, start: list[int],
                window: float, passes: int = 20) -> list[int]:
    """From ``start``, each article moved to the cluster (or a cluster of its own) where the
    pairs it makes add the most likeness less ``level`` (pairs more than ``window`` hours apart
    add nothing), until no move helps."""
    near, moves = neighbours(pairs), Moves.of(start)
    label, members = moves.label, moves.members
    for _ in range(passes):
        moved = 0
        for i, item in enumerate(items):
            def gain(name: int, i: int = i, item: Item = item) -> float:
                return sum(near[i].get(j, 0.0) - level for j in members[name]
                           if j != i and abs(items[j].hours - item.hours) <= window)
            options = {label[j] for j in near[i]} | {label[i]}
            best = max(options, key=lambda name: (gain(name), name == label[i]))
            target, value = best, gain(best)
            if value < 0 and len(members[label[i]]) > 1:
                target, value = moves.fresh(), 0.0
            if target != label[i] and value > gain(label[i]) + 1e-12:
                moves.move(i, target)
                moved += 1
        if not moved:
            break
    return label


def first_of(names: list[object]) -> list[int]:
    """Each item's cluster named by the first item holding its name."""
    first: dict[object, int] = {}
    return [first.setdefault(name, i) for i, name in enumerate(names)]


def reassign(items: list[Item], pairs: Pairs, start: list[int], window: float,
             events: cluster.Events, passes: int = 5) -> list[int]:
    """From ``start``, each article decided again with hindsight by the stage's own story
    likeness: against each cluster it has a scored pair in (its own without it too), as a story
    of the cluster's four articles nearest it in time within ``window``, aged from the
    cluster's first; it moves to the most alike scoring at least the threshold, else (when not
    alone) to a cluster of its own."""
    near, moves = neighbours(pairs), Moves.of(start)
    label, members = moves.label, moves.members
    for _ in range(passes):
        moved = 0
        for i in range(len(items)):
            scored = {name: story_likeness(items, i, members[name], window, events)
                      for name in {label[j] for j in near[i]} | {label[i]}}
            best = max(scored, key=lambda name: (scored[name], name == label[i]))
            if scored[best] < events.threshold:
                if len(members[label[i]]) == 1:
                    continue
                best = moves.fresh()
            elif best == label[i] or scored[best] <= scored[label[i]]:
                continue
            moves.move(i, best)
            moved += 1
        if not moved:
            break
    return label


@dataclass
class Moves:
    """A clustering that articles move through one at a time (correlation, reassign): each
    article's cluster, each cluster's articles, and the next name no cluster has."""

    label: list[int]
    members: dict[int, set[int]]
    unused: int

    @classmethod
    def of(cls, start: list[int]) -> Moves:
        """The clustering ``start``, its new clusters named from one past its last article."""
        members: dict[int, set[int]] = defaultdict(set)
        for i, name in enumerate(start):
            members[name].add(i)
        return cls(list(start), members, len(start))

    def fresh(self) -> int:
        """A name no cluster has had."""
        self.unused += 1
        return self.unused - 1

    def move(self, i: int, target: int) -> None:
        """Article ``i`` out of its cluster into ``target``."""
        self.members[self.label[i]].discard(i)
        self.members[target].add(i)
        self.label[i] = target


def neighbours(pairs: Pairs) -> dict[int, dict[int, float]]:
    """Each item's scored pairs."""
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), score in pairs.items():
        near[a][b] = near[b][a] = score
    return near


def story_likeness(items: list[Item], i: int, held: set[int], window: float,
                   events: cluster.Events) -> float:
    """Article ``i``'s event likeness to the cluster ``held`` (without it) as the stage would
    see it: its four articles nearest in time within the window, aged from its first."""
    item = items[i]
    others = [j for j in held if j != i]
    close = sorted((j for j in others if abs(items[j].hours - item.hours) <= window),
                   key=lambda j: abs(items[j].hours - item.hours))[:4]
    if not close:
        return 0.0
    first = min(items[j].hours for j in others)
    story = cluster.Story([items[j].kept for j in close],
                          frozenset().union(*(items[j].names for j in close)),
                          max(item.hours - first, 0.0))
    return cluster.event_similarity(item.weights, item.names, story, events=events)


def objective(items: list[Item], pairs: Pairs, label: list[int], level: float,
              window: float, among: set[str]) -> float:
    """The correlation sum of a clustering over the articles ``among`` (the half): each pair in
    one cluster at most ``window`` hours apart adds its likeness less ``level``."""
    near = neighbours(pairs)
    members: dict[int, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.origin in among:
            members[label[i]].append(i)
    return sum(near[i].get(j, 0.0) - level for held in members.values()
               for n, i in enumerate(held) for j in held[n + 1:]
               if abs(items[i].hours - items[j].hours) <= window)


def rows_of(gold_rows: list[dict], items: list[Item], label: list[int],
            online: dict[str, object]) -> list[dict]:
    """Replay-like rows in arrival order: a decided article in its cluster, an undecided one
    with the earliest decided article of its online story."""
    cluster_of = {item.origin: label[i] for i, item in enumerate(items)}
    by_online: dict[object, object] = {}
    for item in items:
        by_online.setdefault(online.get(item.origin), cluster_of[item.origin])
    rows = []
    for g in gold_rows:
        origin = str(g["id"])
        story = cluster_of.get(origin, by_online.get(online.get(origin), ("alone", origin)))
        rows.append({"id": g["id"], "story": story})
    return rows


def show(name: str, half_rows: list[dict], rows: list[dict]) -> dict[str, float]:
    """One clustering's figures on the half, printed."""
    figures = stories_eval.score(half_rows, rows)
    print(f"{name:44} {stories_eval._line(figures)} (F1 {figures['bcubed_f1']:.5f})")
    return figures


def separation(items: list[Item], pairs: Pairs, truth: list[int], among: set[str],
               level: float) -> dict[str, float]:
    """How the likeness tells the half's scored pairs of one gold story from pairs of two: the
    AUC (ties half), and at ``level`` the pairs of one story under it and of two at or above."""
    same = [score for (a, b), score in pairs.items() if items[a].origin in among
            and items[b].origin in among and truth[a] == truth[b]]
    other = [score for (a, b), score in pairs.items() if items[a].origin in among
             and items[b].origin in among and truth[a] != truth[b]]
    ranked = sorted([(score, 1) for score in same] + [(score, 0) for score in other])
    wins = below = 0.0
    start = 0
    while start < len(ranked):
        end = start
        while end < len(ranked) and ranked[end][0] == ranked[start][0]:
            end += 1
        tied_same = sum(flag for _, flag in ranked[start:end])
        wins += tied_same * below + tied_same * (end - start - tied_same) / 2
        below += end - start - tied_same
        start = end
    return {"same": len(same), "other": len(other),
            "auc": wins / (len(same) * len(other)) if same and other else 0.5,
            "same_under": sum(score < level for score in same),
            "other_over": sum(score >= level for score in other)}


def variants(items: list[Item], pairs: Pairs, level: float, window: float,
             events: cluster.Events, start: list[int]) -> dict[str, list[int]]:
    """Every batch clustering of one scoring at one level."""
    agglomerated = average_link(len(items), pairs, level)
    return {"average link": agglomerated,
            "correlation from online": correlation(items, pairs, level, start, window),
            "correlation from average link": correlation(items, pairs, level, agglomerated,
                                                         window),
            "reassign from online": reassign(items, pairs, start, window,
                                             replace(events, threshold=level))}


def main(argv: list[str] | None = None) -> dict[str, dict[str, float]]:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--windows", nargs="+", type=float, default=list(WINDOWS))
    parser.add_argument("--levels", nargs="+", type=float, default=list(LEVELS))
    parser.add_argument("--combine", nargs="+", choices=sorted(COMBINES), default=["mean"])
    args = parser.parse_args(argv)
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    stage_rows, _, _ = stories_loss.replay(gold_rows, args.cache, "stage", stage_type=Recording)
    items = Recording.items
    online = stories_loss.final_stories(stage_rows)
    gold = {str(g["id"]): g["story"] for g in gold_rows}
    print(f"stream: {stream}, half {args.half}; {len(items)} decided articles")
    report = {"online": show("online (the stage)", half_rows, stage_rows)}
    batch = Batch(items, gold_rows, half_rows, online,
                  first_of([online.get(item.origin, i) for i, item in enumerate(items)]),
                  first_of([gold.get(item.origin) for item in items]))
    for combine in args.combine:
        for window in args.windows:
            report.update(batch.sweep(combine, window, args.levels))
    return report


@dataclass
class Batch:
    """One replay's items and clusterings (online, gold), swept over scorings and levels."""

    items: list[Item]
    gold_rows: list[dict]
    half_rows: list[dict]
    online: dict[str, object]
    start: list[int]
    truth: list[int]
    events: cluster.Events = cluster.Events()

    def sweep(self, combine: str, window: float, levels: list[float]
              ) -> dict[str, dict[str, float]]:
        """Every batch clustering of one scoring at each level, printed and returned."""
        items, half = self.items, {str(g["id"]) for g in self.half_rows}
        pairs = pair_scores(items, window, self.events, COMBINES[combine])
        apart = separation(items, pairs, self.truth, half, self.events.threshold)
        print(f"{combine} {window:g} h: the half's scored pairs of one gold story "
              f"{apart['same']:.0f}, of two {apart['other']:.0f}; AUC {apart['auc']:.3f}; "
              f"at {self.events.threshold:g}: one story's under {apart['same_under']:.0f}, "
              f"two stories' at or over {apart['other_over']:.0f}")
        report = {}
        for level in levels:
            tag = f"{combine} {window:g} h, level {level:g}"
            print(f"{tag}: correlation sum over the half, online "
                  f"{objective(items, pairs, self.start, level, window, half):.2f}, gold "
                  f"{objective(items, pairs, self.truth, level, window, half):.2f}")
            for name, label in variants(items, pairs, level, window, self.events,
                                        self.start).items():
                figures = show(f"{name}, {tag}", self.half_rows,
                               rows_of(self.gold_rows, items, label, self.online))
                figures["sum"] = objective(items, pairs, label, level, window, half)
                print(f"{'':44} correlation sum {figures['sum']:.2f}")
                report[f"{name}, {tag}"] = figures
        return report


if __name__ == "__main__":
    main()
