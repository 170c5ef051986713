"""Where the TF-IDF baseline and the stage disagree, who is right, and whether a whole-text
centroid from the stage's own features would tell.

Usage: .venv/bin/python -m bench.story_second [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune|report|all]
One replay through ``bench.stories_loss``'s recording stage and one run of
``bench.stories_baseline`` over the same stream. Each article's decision on arrival is right
when it joins a story holding an earlier report of its gold story, or starts one when its gold
story has none yet; the baseline's the same, by its own stories. Printed per band of the
stage's best likeness: both right, only the stage, only the baseline, neither, and how often
they act apart (one joins, the other starts). Then the second opinion: for each shortlisted
story, the cosine of the article's keys weighted by rarity alone (what the stage keeps as a
running vector, ``story_features.data.r``) with the centroid of the same vectors of all the
story's articles (``whole``) or of its latest four (``whole_latest``); ``whole_tf`` gives the
article's every key its rarity times 1 + log of the sentences it is in. Its AUC over the joins
by band, what a veto of a weak join or a join of a borderline start would do, first order.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from sqlite_utils import Database

from bench import stories_baseline, stories_eval, stories_loss, story_parts
from bot.stories import cluster
from bot.stories.decide import Candidates, Decision, Summarise
from bot.stories.stage import Prepared
from storage import stories as store

BANDS = (0.0, 0.03, 0.05, 0.08, 0.12, 0.20)
LATEST = 4
VETO = (0.05, 0.08, 0.12)
FLOORS = (0.05, 0.10, 0.15, 0.20)
RISES = (0.20, 0.30, 0.40, 0.50)


def whole(article: dict[str, float], vectors: list[dict[str, float]]) -> float:
    """The article's cosine with the centroid of the story's running vectors."""
    return cluster.cosine(article, cluster.centroid(vectors)) if vectors else 0.0


def signals(rarity: dict[str, float], tf: dict[str, int],
            running: list[dict[str, float]]) -> dict[str, float]:
    """The whole-text cosines of an article (its keys weighted by rarity alone) with one
    story's running vectors, oldest first (see the module's docstring)."""
    kept = cluster.compact(rarity)
    counted = {k: w * (1 + math.log(max(tf.get(k, 1), 1))) for k, w in rarity.items()}
    return {"whole": whole(kept, running), "whole_latest": whole(kept, running[-LATEST:]),
            "whole_tf": whole(counted, running)}


class Second(stories_loss.Overruling):
    """The recording stage, keeping for each shortlisted story the whole-text cosines and,
    for each article, whether its decision on arrival was right."""

    running: dict[int, list[dict[str, float]]]
    join_level: ClassVar[float | None] = None
    """When set, a start whose shortlist holds a story of some likeness under the threshold
    joins the one most alike by ``whole_latest`` when that is at least this (a replay)."""
    joined_right: ClassVar[dict[str, bool]] = {}
    """Each join's rightness on arrival (a correction's pair too), kept across the replay."""

    def watch(self, gold: dict[str, str], mode: str) -> Second:
        Second.joined_right = {}
        super().watch(gold, mode)
        return self

    def load(self, db: Database, prepared: Prepared) -> Candidates:
        candidates = super().load(db, prepared)
        self.running = {}
        for story in candidates.stories:
            ids = list(store.story_article_ids(db, story.story_id))
            found = store.running_keys(db, ids)
            self.running[story.story_id] = [found[a] for a in ids if a in found]
        return candidates

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        made = super().decide(prepared, candidates, summarise=summarise)
        origin = prepared.parsed.article.origin
        record = self.recorded[origin]
        self.joined_right[origin] = not self.wrong(made, record.gold)
        rarity = candidates.rarity or candidates.weights
        record.signals = [signals(rarity, prepared.features.tf,
                                  self.running.get(c.story_id, []))
                          for c in candidates.stories]
        return self.second(prepared, candidates, made, record, summarise)

    def second(self, prepared: Prepared, candidates: Candidates, made: Decision,
               record: stories_loss.Recorded, summarise: Summarise | None) -> Decision:
        """The decision, or (with ``join_level``) a borderline start joined by the second
        opinion."""
        level = self.join_level
        if level is None or made.story_id is not None or made.split is not None:
            return made
        threshold = self.events.threshold if self.events else self.threshold
        scored = [(signals["whole_latest"], i) for i, ((_, s, _), signals) in enumerate(
            zip(record.shortlist, record.signals, strict=True)) if 0 < s < threshold]
        if not scored or max(scored)[0] < level:
            return made
        record.overruled = True
        return self.alone(prepared, candidates, candidates.stories[max(scored)[1]], 0.0,
                          summarise)


@dataclass(frozen=True)
class Arrival:
    """One article's decision on arrival by the stage and by the baseline."""

    band: str
    joined: bool
    right: bool
    base_joined: bool
    base_right: bool


def earlier_golds(gold_rows: list[dict]) -> dict[str, bool]:
    """Whether each article's gold story had an earlier article in the stream."""
    seen: set[str] = set()
    found = {}
    for g in gold_rows:
        found[str(g["id"])] = g["story"] in seen
        seen.add(g["story"])
    return found


def baseline_arrivals(gold_rows: list[dict]) -> dict[str, tuple[bool, bool]]:
    """The baseline's decision on arrival: (joined, whether its story held the gold story)."""
    golds_in: dict[object, set[str]] = {}
    found = {}
    for out, g in zip(stories_baseline.run(gold_rows), gold_rows, strict=True):
        held = golds_in.setdefault(out["story"], set())
        found[str(g["id"])] = (bool(held), g["story"] in held)
        held.add(g["story"])
    return found


def band(likeness: float) -> str:
    """The band of the stage's best likeness."""
    return story_parts.band(likeness, BANDS)


def arrivals(recorded: dict[str, stories_loss.Recorded], gold_rows: list[dict],
             half: set[str]) -> list[Arrival]:
    """The half's decisions on arrival, the stage's beside the baseline's."""
    had = earlier_golds(gold_rows)
    base = baseline_arrivals(gold_rows)
    return [arrival(record, Second.joined_right.get(origin, False), had[origin], base[origin])
            for origin, record in recorded.items() if origin in half]


def arrival(record: stories_loss.Recorded, joined_right: bool, had: bool,
            base: tuple[bool, bool]) -> Arrival:
    """One decision beside the baseline's: a start is right when the gold story ``had`` no
    earlier article; banded by the best shortlisted likeness (a correction's pair's own)."""
    joined = record.story_id is not None or record.split is not None
    best = record.score if record.split is not None else max(
        (s for _, s, _ in record.shortlist), default=0.0)
    base_joined, base_held = base
    return Arrival(band(best), joined, joined_right if joined else not had, base_joined,
                   base_held if base_joined else not had)


def agreement(found: list[Arrival]) -> dict[str, Counter]:
    """Per band: who is right, and how the two act."""
    table: dict[str, Counter] = {}
    for a in found:
        row = table.setdefault(a.band, Counter())
        row[("both right" if a.right and a.base_right else "only ours" if a.right
             else "only baseline" if a.base_right else "neither")] += 1
        row[f"ours {'join' if a.joined else 'start'} {'right' if a.right else 'wrong'} / base "
            f"{'join' if a.base_joined else 'start'} {'right' if a.base_right else 'wrong'}"] += 1
    return table


def vetoes(joins: list[story_parts.Join], signal: str) -> dict[tuple[float, float], tuple[int, int]]:
    """First order: right and wrong joins under a likeness whose ``signal`` is under a floor."""
    return {(under, floor): (
        sum(j.right for j in joins if j.likeness < under and j.signals[signal] < floor),
        sum(not j.right for j in joins if j.likeness < under and j.signals[signal] < floor))
        for under in VETO for floor in FLOORS}


def rises(recorded: dict[str, stories_loss.Recorded], half: set[str], signal: str,
          threshold: float) -> dict[tuple[float, float], tuple[int, int]]:
    """First order: starts whose most ``signal``-alike shortlisted story, scoring some likeness
    under the threshold, is at or above a level: (right joins, wrong joins) it would make."""
    starts = [r for o, r in recorded.items()
              if o in half and r.story_id is None and r.split is None and r.signals]
    found = {}
    for low in (0.0, 0.03):
        for level in RISES:
            right = wrong = 0
            for record in starts:
                scored = [(sig[signal], holds) for (_, s, holds), sig in
                          zip(record.shortlist, record.signals, strict=False)
                          if low < s < threshold]
                if scored:
                    value, holds = max(scored)
                    if value >= level:
                        right += holds
                        wrong += not holds
            found[(low, level)] = (right, wrong)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = stories_loss.arguments(__doc__.splitlines()[0])
    parser.add_argument("--join-level", type=float, default=None,
                        help="replay with a borderline start joined at this whole_latest.")
    args = parser.parse_args(argv)
    Second.join_level = args.join_level
    stream, gold_rows, half_rows = stories_loss.stream_half(args)
    stage_rows, recorded, threshold = stories_loss.replay(gold_rows, args.cache, "stage",
                                                          stage_type=Second)
    half = {str(g["id"]) for g in half_rows}
    figures = stories_eval.score(half_rows, stage_rows)
    print(f"stream: {stream}, half {args.half}: {stories_eval._line(figures)} "
          f"(F1 {figures['bcubed_f1']:.5f}); {sum(r.overruled for r in recorded.values())} "
          f"starts joined by the second opinion")
    for name, row in sorted(agreement(arrivals(recorded, gold_rows, half)).items()):
        print(f"likeness {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
    joins = story_parts.joins(recorded, half)
    for name, aucs in story_parts.by_band(joins).items():
        print(f"joins {name}: right {aucs['right']:.0f} wrong {aucs['wrong']:.0f}; AUC " + ", ".join(
            f"{k} {v:.3f}" for k, v in aucs.items() if k not in ("right", "wrong")))
    for signal in ("whole", "whole_latest", "whole_tf"):
        print(f"veto by {signal} (under likeness, under floor: right / wrong refused): " + "; ".join(
            f"{u}, {f}: {r}/{w}" for (u, f), (r, w) in vetoes(joins, signal).items()))
        print(f"join by {signal} (likeness above, level: right / wrong joined): " + "; ".join(
            f"{low}, {lv}: {r}/{w}" for (low, lv), (r, w) in
            rises(recorded, half, signal, threshold).items()))


if __name__ == "__main__":
    main()
