"""Where a half's BCubed is lost, and what the best possible decision would reach.

Usage: .venv/bin/python -m bench.stories_loss [STREAM.jsonl] [--cache PARSES.spacy]
       [--half tune|report|all]
One replay through the real story stage records each article's decision and the likeness of
every story its shortlist held, then prints the half's BCubed loss split (precision lost in
mixed stories, recall lost in split gold stories, F1 with each removed), the gold stories that
intrude in another's story by the likeness of the join that brought them, and how the later
pieces of split gold stories began. Three more replays overrule the stage's decision with the
gold, given its own shortlist: never a wrong join, always the shortlisted gold story when the
stage started a story, and both. Every decision goes through ``bot.stories.decide.decide``.
A join is right when the story already holds an earlier report of the article's gold story.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from sqlite_utils import Database

from bench import stories_eval
from bot.stories.decide import Candidate, Candidates, Decision, Summarise, decide
from bot.stories.stage import Prepared, StoryResult, StoryStage

MODES = ("stage", "never_wrong", "gold_shortlisted", "both", "refuse_wrong", "refuse_both")
MODE_NAMES = {"stage": "the stage as it is", "never_wrong": "never a wrong join",
              "gold_shortlisted": "always the shortlisted gold story", "both": "both",
              "refuse_wrong": "a wrong join starts a story", "refuse_both": "that, and gold"}
"""``never_wrong`` decides again without the wrong story (the next alike may be right);
``refuse_wrong`` starts a story instead, as stories40's scratch wrapper did."""
DEFAULT_MODES = MODES[:4]
BUCKETS = (0.08, 0.12, 0.20)
NEVER = float("inf")


@dataclass
class Recorded:
    """One article's decision as the stage took it (before any overruling), with each
    shortlisted story's likeness and whether it already held the article's gold story; and,
    in the shortlist's order, each story's age and the gold stories it held then (and, when a
    subclass records them, its ``signals``: ``bench.story_parts``)."""

    gold: str
    story_id: int | None
    score: float
    split: int | None
    shortlist: list[tuple[int, float, bool]]
    overruled: bool = False
    ages: list[float] = field(default_factory=list)
    golds: list[frozenset[str]] = field(default_factory=list)
    signals: list[dict[str, float]] = field(default_factory=list)


@dataclass
class GoldState:
    """Which gold stories each replayed story holds, kept as the stage stores and moves."""

    gold: dict[str, str]
    of_article: dict[int, str] = field(default_factory=dict)
    in_story: dict[int, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def holds(self, story_id: int, gold: str) -> bool:
        return self.in_story[story_id][gold] > 0

    def golds(self, story_id: int) -> frozenset[str]:
        return frozenset(g for g, n in self.in_story[story_id].items() if n > 0)

    def stored(self, article_id: int, origin: str, result: StoryResult) -> None:
        gold = self.gold.get(origin, f"?{origin}")
        self.of_article[article_id] = gold
        self.in_story[result.verdict.story_id][gold] += 1
        if result.moved is not None:
            moved = self.of_article.get(result.moved.article_id, "?")
            self.in_story[result.moved.old_story][moved] -= 1
            self.in_story[result.moved.new_story][moved] += 1


class Overruling(StoryStage):
    """The real stage, recording every decision, and overruling it with the gold in ``mode``."""

    mode = "stage"
    state: GoldState
    recorded: dict[str, Recorded]

    def watch(self, gold: dict[str, str], mode: str) -> Overruling:
        self.mode, self.state, self.recorded = mode, GoldState(gold), {}
        return self

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        origin = prepared.parsed.article.origin
        gold = self.state.gold.get(origin, f"?{origin}")
        made = super().decide(prepared, candidates, summarise=summarise)
        shortlist = [(c.story_id, self.likeness(prepared, candidates, c),
                      self.state.holds(c.story_id, gold)) for c in candidates.stories]
        record = Recorded(gold, made.story_id, made.score, made.split, shortlist,
                          ages=[c.age_hours for c in candidates.stories],
                          golds=[self.state.golds(c.story_id) for c in candidates.stories])
        self.recorded[origin] = record
        final = self.overrule(prepared, candidates, made, gold, summarise)
        record.overruled = final is not made
        return final

    def store(self, db: Database, prepared: Prepared, candidates: Candidates,
              decision: Decision, *, article_id: int) -> StoryResult:
        result = super().store(db, prepared, candidates, decision, article_id=article_id)
        self.state.stored(article_id, prepared.parsed.article.origin, result)
        return result

    def alone(self, prepared: Prepared, candidates: Candidates, story: Candidate,
              threshold: float, summarise: Summarise | None) -> Decision:
        """The public decision over this one shortlisted story (no weak joiner, no nearest
        meaning), joining it from ``threshold``."""
        events = replace(self.events, threshold=threshold) if self.events else None
        only = replace(candidates, stories=[replace(story, members=())], nearest=None)
        return decide(prepared.features, only, summarise=summarise or (lambda _: []),
                      threshold=threshold, events=events, year=prepared.year)

    def likeness(self, prepared: Prepared, candidates: Candidates, story: Candidate) -> float:
        """How alike the decision finds the article and this story alone."""
        return self.alone(prepared, candidates, story, NEVER, lambda _: []).score

    def wrong(self, decision: Decision, gold: str) -> bool:
        """A join of a story that holds no earlier report of the gold story (or a weak joiner
        of another gold story)."""
        if decision.split is not None:
            return self.state.of_article.get(decision.split) != gold
        return decision.story_id is not None and not self.state.holds(decision.story_id, gold)

    def overrule(self, prepared: Prepared, candidates: Candidates, made: Decision, gold: str,
                 summarise: Summarise | None) -> Decision:
        decision = made
        if self.mode in ("refuse_wrong", "refuse_both") and self.wrong(decision, gold):
            decision = super().decide(prepared, replace(candidates, stories=[], nearest=None),
                                      summarise=summarise)
        if self.mode in ("never_wrong", "both"):
            while self.wrong(decision, gold):
                refused = decision.story_id if decision.split is None else next(
                    (c.story_id for c in candidates.stories
                     if any(m.article_id == decision.split for m in c.members)), None)
                if refused is None:
                    break
                candidates = replace(candidates, stories=[
                    c for c in candidates.stories if c.story_id != refused])
                decision = super().decide(prepared, candidates, summarise=summarise)
        if self.mode in ("gold_shortlisted", "both", "refuse_both") and decision.story_id is None \
                and decision.split is None:
            right = [c for c in candidates.stories if self.state.holds(c.story_id, gold)]
            if right:
                joined = self.alone(prepared, candidates, right[0], 0.0, summarise)
                decision = joined if joined.story_id is not None else decision
        return decision


def replay(gold_rows: list[dict], cache: Path | None, mode: str, *,
           stage_type: type[Overruling] | None = None
           ) -> tuple[list[dict], dict[str, Recorded], float]:
    """The stream replayed through the real pipeline with an overruling stage (``stage_type``,
    a subclass recording more, when given)."""
    from bot.config import load_settings
    from bot.nlp.load import load_pipeline
    from bot.pipeline import Pipeline
    from bot.replay import replay_lines
    from storage.db import open_db

    lines = [json.dumps({k: v for k, v in g.items() if k not in stories_eval.GOLD_FIELDS})
             for g in gold_rows]
    gold = {str(g["id"]): str(g["story"]) for g in gold_rows}
    settings = load_settings().with_overrides(story_stream_clock=True)
    parses = None
    if cache is not None:
        settings = settings.with_overrides(nlp_processes=0)
        parses = stories_eval.CachedParses(load_pipeline(settings.spacy_model), cache, lines)
    stage = (stage_type or Overruling).from_settings(settings)
    assert isinstance(stage, Overruling)
    stage.watch(gold, mode)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "loss.db"
        db = open_db(path)
        pipeline = Pipeline(db, settings.with_overrides(db_path=path), nlp=cast(Any, parses),
                            stories=stage)
        try:
            rows = list(replay_lines(db, pipeline, lines))
        finally:
            pipeline.close()
            db.close()
    if parses is not None:
        parses.save()
    threshold = stage.events.threshold if stage.events else stage.threshold
    return rows, stage.recorded, threshold


def final_stories(rows: Iterable[dict]) -> dict[str, object]:
    """Each article's story at the end (the last line for an id holds)."""
    return {str(r["id"]): r["story"] for r in rows if r.get("story") is not None}


def pieces(gold_rows: list[dict], stories: dict[str, object]
           ) -> tuple[dict[object, list[str]], dict[str, list[object]]]:
    """The half's predicted stories (their articles' gold stories, in arrival order) and its
    gold stories' predicted pieces (in the order each piece first holds it)."""
    mixed: dict[object, list[str]] = defaultdict(list)
    split: dict[str, list[object]] = defaultdict(list)
    for g in gold_rows:
        story = stories.get(str(g["id"]), ("alone", g["id"]))
        if g["story"] not in mixed[story]:
            mixed[story].append(g["story"])
        if story not in split[g["story"]]:
            split[g["story"]].append(story)
    return mixed, split


def first_in(gold_rows: list[dict], stories: dict[str, object], gold: str, story: object) -> str:
    """The first article of the gold story to be found in that predicted story."""
    return next(str(g["id"]) for g in gold_rows
                if g["story"] == gold and stories.get(str(g["id"])) == story)


def bucket(score: float) -> str:
    """A join's likeness as the loss report groups it."""
    edges = [f"under {BUCKETS[0]:.2f}"] + [
        f"{low:.2f} to {high:.2f}" for low, high in zip(BUCKETS, BUCKETS[1:], strict=False)]
    for edge, name in zip(BUCKETS, edges, strict=True):
        if score < edge:
            return name
    return f"{BUCKETS[-1]:.2f} or more"


def intruder_joins(gold_rows: list[dict], stories: dict[str, object],
                   recorded: dict[str, Recorded]) -> Counter:
    """Gold stories in another's story (the first to arrive is the host), by the join that
    brought their first report there: its likeness, or a correction's move."""
    mixed, _ = pieces(gold_rows, stories)
    return counted(gold_rows, stories, recorded, brought_by,
                   [(gold, story) for story, golds in mixed.items() for gold in golds[1:]])


def brought_by(record: Recorded | None, story: object) -> str:
    """The join that brought a gold story's first report into another's story: by its
    likeness, or by a later correction (the report paired with a weak joiner, or moved)."""
    if record is not None and record.split is None and record.story_id == story:
        return bucket(record.score)
    return "a later correction"


def later_pieces(gold_rows: list[dict], stories: dict[str, object],
                 recorded: dict[str, Recorded], threshold: float) -> Counter:
    """How each later piece of a split gold story began: the decision its first article got."""
    _, split = pieces(gold_rows, stories)
    return counted(gold_rows, stories, recorded, lambda record, _: began(record, threshold),
                   [(gold, story) for gold, held in split.items() for story in held[1:]])


def counted(gold_rows: list[dict], stories: dict[str, object], recorded: dict[str, Recorded],
            name: Callable[[Recorded | None, object], str],
            placed: list[tuple[str, object]]) -> Counter:
    """Each (gold story, predicted story) named by the decision that brought the gold story's
    first report into that story."""
    return Counter(name(recorded.get(first_in(gold_rows, stories, gold, story)), story)
                   for gold, story in placed)


def began(record: Recorded | None, threshold: float) -> str:
    """Why an article of a gold story began, or landed in, a piece apart from its first."""
    if record is None:
        return "not decided (an exact copy)"
    if record.story_id is not None or record.split is not None:
        return "joined another gold story"
    if not record.shortlist:
        return "no candidate at all"
    scores = [score for _, score, holds in record.shortlist if holds]
    if scores and max(scores) == 0:
        return "its gold story shortlisted, not alike at all (no event likeness)"
    if scores:
        return ("its gold story shortlisted under the threshold" if max(scores) < threshold
                else "its gold story shortlisted, another chosen")
    return "its gold story not shortlisted"


def loss(figures: dict[str, float]) -> dict[str, float]:
    """Precision and recall lost, and the F1 with each loss removed."""
    precision, recall = figures["bcubed_precision"], figures["bcubed_recall"]
    return {"precision_lost": 1 - precision, "recall_lost": 1 - recall,
            "f1_without_precision_lost": 2 * recall / (1 + recall),
            "f1_without_recall_lost": 2 * precision / (1 + precision)}


def analyse(half: list[dict], rows: list[dict],
            recorded: dict[str, Recorded], threshold: float) -> dict[str, object]:
    """The loss report of one replay, for the half's rows."""
    stories = final_stories(rows)
    figures = stories_eval.score(half, rows)
    mixed, split = pieces(half, stories)
    return {"figures": figures, "loss": loss(figures),
            "mixed_stories": sum(len(g) > 1 for g in mixed.values()),
            "split_gold_stories": sum(len(s) > 1 for s in split.values()),
            "intruders": dict(intruder_joins(half, stories, recorded)),
            "later_pieces": dict(later_pieces(half, stories, recorded, threshold)),
            "overruled": sum(r.overruled for r in recorded.values())}


def arguments(description: str) -> argparse.ArgumentParser:
    """The stream, its parse cache and the half, as this tool and ``bench.story_ties`` read them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("stream", nargs="?", type=Path, default=None)
    parser.add_argument("--cache", type=Path,
                        help="DocBin of the stream's spaCy parses (made on first use).")
    parser.add_argument("--half", default="tune", help="tune, report or all (default tune).")
    return parser


def stream_half(args: argparse.Namespace) -> tuple[Path, list[dict], list[dict]]:
    """The stream read, all its gold rows, and the half's."""
    stream = args.stream or stories_eval.default_stream()
    gold_rows = [json.loads(line) for line in stream.open(encoding="utf-8") if line.strip()]
    half = stories_eval.parts(gold_rows).get(args.half)
    if half is None:
        raise SystemExit(f"the stream has no half {args.half!r}")
    return stream, gold_rows, half


def main(argv: list[str] | None = None) -> dict[str, dict[str, object]]:
    parser = arguments(__doc__.splitlines()[0])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(DEFAULT_MODES))
    args = parser.parse_args(argv)
    stream, gold_rows, half = stream_half(args)
    report = {}
    for mode in args.modes:
        rows, recorded, threshold = replay(gold_rows, args.cache, mode)
        report[mode] = analyse(half, rows, recorded, threshold)
    show(stream, args.half, report)
    return report


def show(stream: Path, half: str, report: dict[str, dict[str, object]]) -> None:
    print(f"stream: {stream}, half {half}")
    for mode, found in report.items():
        figures = found["figures"]
        assert isinstance(figures, dict)
        print(f"{MODE_NAMES[mode]:34} {stories_eval._line(figures)}; "
              f"{found['overruled']} decisions overruled")
    stage = report.get("stage")
    if stage is None:
        return
    lost = stage["loss"]
    assert isinstance(lost, dict)
    print(f"lost: precision {lost['precision_lost']:.4f} in {stage['mixed_stories']} mixed "
          f"stories, recall {lost['recall_lost']:.4f} in {stage['split_gold_stories']} split gold "
          f"stories; F1 with no precision lost {lost['f1_without_precision_lost']:.4f}, with no "
          f"recall lost {lost['f1_without_recall_lost']:.4f}")
    for title, key in (("intruding gold stories, by the join that brought them", "intruders"),
                       ("later pieces of split gold stories, by how they began",
                        "later_pieces")):
        counts = stage[key]
        assert isinstance(counts, dict)
        print(f"{title}: {sum(counts.values())}")
        for name, n in sorted(counts.items(), key=lambda item: -item[1]):
            print(f"  {n:4}  {name}")


if __name__ == "__main__":
    main()
