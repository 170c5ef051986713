"""A learned link score for event stories, fitted on the tune half and measured beside the
hand-set one (issue 13).

Usage: .venv/bin/python -m bench.stories_linkfit [--stream STREAM.jsonl] [--own OWN.jsonl ...]
       [--tau P] [--replay-learned] [--report]
It replays the stream through the real story stage (the same code as `wirewatch stories
replay`, gold fields stripped) and records every (article, candidate story) pair the stage
scored: the candidate is right when its first article is in the article's gold story. It fits a
logistic regression on the ``tune`` half's pairs only, prints its weights, and compares it with
the hand-set score (``cluster.event_similarity``) by AUC and by the decisions either would
make, in-sample and two-fold by gold story. With --own it replays the project's own streams and
asks whether the same features tell their follow-ups (the same running story a day or more
later) from the real stream's other events of a running issue. --replay-learned replays the
stream again deciding by the fitted score (join the likeliest candidate when its probability is
at least --tau) and scores the tune half, and the report half too with --report.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from spacy.language import Language
from sqlite_utils import Database

from bench import logistic
from bench.logistic import auc
from bench.stories_eval import GOLD_FIELDS, OWN_STREAM, clustering, default_stream
from bot.stories import cluster
from bot.stories.decide import Candidate, Candidates, Decision, Summarise, decide
from bot.stories.stage import Prepared, StoryResult, StoryStage

HERE = Path(__file__).parent / "data"
OWN_STREAMS = (OWN_STREAM, HERE / "stories_heldout.jsonl")
RARE_NAME = 4.0 * cluster.KIND_WEIGHT["e"]
FOLLOW_UP_HOURS = 20.0
LOOK_ALIKE = 0.3
OWN_QUIET_HOURS = 72.0
FEATURES = ("log_centroid", "log_covers_article", "log_covers_story", "log_closest",
            "log_latest", "names", "names_share", "rare_names", "numbers", "headline_in_story",
            "story_headline_in_article", "conflict", "hours", "log_sentences", "log_hand")


@dataclass(frozen=True)
class Pair:
    """One candidate story the stage scored for one article."""

    article: str
    story_id: int
    values: dict[str, float]


def pair_features(prepared: Prepared, candidates: Candidates, candidate: Candidate,
                  events: cluster.Events) -> dict[str, float]:
    """General signals of one (article, story) pair: likeness, coverage both ways, shared
    names and figures, the headlines, the story's age, the article's length, the hand score."""
    weights, vectors = candidates.weights, candidate.vectors
    probe = cluster.Probe.of(weights, candidates.kept)
    names = cluster.headline_names(prepared.features.title_keys)
    story = cluster.Story(vectors, candidate.headline_names, candidate.age_hours)
    story_keys: set[str] = set().union(*vectors) if vectors else set()
    shared_names = [k for k in weights if k[:2] == "e:" and k in story_keys]
    rarity = candidates.rarity or weights
    all_names = math.fsum(w for k, w in weights.items() if k[:2] == "e:") or 1.0
    hand = cluster.event_similarity(weights, names, story, events=events, probe=probe)
    return {
        "log_centroid": _log(cluster.centroid_similarity(weights, [{"k": v} for v in vectors])),
        "log_covers_article": _log(math.fsum(w for k, w in probe.kept.items() if k in story_keys)
                                   / (probe.kept_total or 1.0)),
        "log_covers_story": _log(_story_covered(weights, vectors)),
        "log_closest": _log(max((cluster.cosine(weights, v) for v in vectors), default=0.0)),
        "log_latest": _log(cluster.cosine(weights, vectors[-1]) if vectors else 0.0),
        "names": float(len(shared_names)),
        "names_share": math.fsum(weights[k] for k in shared_names) / all_names,
        "rare_names": float(sum(rarity.get(k, 0.0) >= RARE_NAME for k in shared_names)),
        "numbers": float(sum(k[:2] == "n:" and len(k) > 3 and not cluster.YEAR.match(k)
                             for k in weights if k in story_keys)),
        "headline_in_story": len(names & story_keys) / (len(names) or 1),
        "story_headline_in_article": (len(candidate.headline_names & weights.keys())
                                      / (len(candidate.headline_names) or 1)),
        "conflict": float(cluster.headlines_conflict(weights, names, story)),
        "hours": candidate.age_hours,
        "log_sentences": math.log(len(prepared.features.sentences) + 1),
        "log_hand": _log(hand),
    }


def _log(value: float) -> float:
    return math.log(value + 1e-3)


def _story_covered(weights: dict[str, float], vectors: list[dict[str, float]]) -> float:
    if not vectors:
        return 0.0
    return math.fsum(math.fsum(w for k, w in v.items() if k in weights)
                     / (math.fsum(v.values()) or 1.0) for v in vectors) / len(vectors)


@dataclass(frozen=True)
class Model:
    """Logistic weights over ``FEATURES`` (raw units) and the intercept."""

    weights: tuple[float, ...]
    intercept: float

    def of(self, pair: Pair) -> float:
        return self.logit(pair.values)

    def logit(self, values: dict[str, float]) -> float:
        return math.fsum(w * values[n] for n, w in zip(FEATURES, self.weights, strict=True)
                         ) + self.intercept


class RecordingStage(StoryStage):
    """The real story stage, recording every pair it scores; with ``model`` it joins the
    candidate the model finds likeliest when that is at least ``tau`` (the model alone: neither a
    young archive's evidence nor the words-only floor of a weak join is asked)."""

    def __init__(self, *, model: Model | None = None, tau: float = 0.5,
                 quiet_hours: float = cluster.EVENT_QUIET_HOURS) -> None:
        super().__init__(stream_clock=True, quiet_hours=quiet_hours)
        self.model, self.cut = model, math.log(tau / (1 - tau))
        self.pairs: dict[str, list[Pair]] = {}
        self.founder: dict[int, str] = {}

    def decide(self, prepared: Prepared, candidates: Candidates, *,
               summarise: Summarise | None = None) -> Decision:
        assert self.events is not None
        origin = prepared.parsed.article.origin
        self.pairs[origin] = [
            Pair(origin, c.story_id, pair_features(prepared, candidates, c, self.events))
            for c in candidates.stories]
        if self.model is None:
            return super().decide(prepared, candidates, summarise=summarise)
        return self._learned(prepared, candidates, summarise)

    def _learned(self, prepared: Prepared, candidates: Candidates,
                 summarise: Summarise | None) -> Decision:
        assert self.model is not None and self.events is not None
        scored = [(self.model.logit(p.values), p.story_id)
                  for p in self.pairs[prepared.parsed.article.origin]]
        best = max(scored, default=(-math.inf, -1))
        chosen = [c for c in candidates.stories if best[0] >= self.cut and c.story_id == best[1]]
        return decide(prepared.features, replace(candidates, stories=chosen, evidence=None),
                      summarise=summarise or self.summarise,
                      events=replace(self.events, threshold=1e-9, word_floor=0.0),
                      year=prepared.year)

    def store(self, db: Database, prepared: Prepared, candidates: Candidates,
              decision: Decision, *, article_id: int) -> StoryResult:
        placed = super().store(db, prepared, candidates, decision, article_id=article_id)
        self.founder.setdefault(placed.verdict.story_id, prepared.parsed.article.origin)
        return placed


def replay(rows: list[dict], stage: RecordingStage, *, nlp: Language | None = None) -> list[dict]:
    """The stream through the real pipeline with ``stage`` as its story stage; the lines of
    ``wirewatch stories replay``, a moved article's last line naming the story it ends in."""
    from bot.config import load_settings
    from bot.pipeline import Pipeline
    from bot.replay import replay_lines
    from storage.db import open_db

    lines = [json.dumps({k: v for k, v in r.items() if k not in GOLD_FIELDS}) for r in rows]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "linkfit.db"
        db = open_db(path)
        settings = load_settings().with_overrides(db_path=path, story_stream_clock=True)
        pipeline = Pipeline(db, settings, nlp=nlp, stories=stage)
        try:
            return list(replay_lines(db, pipeline, lines))
        finally:
            pipeline.close()
            db.close()


def labelled(rows: list[dict], stage: RecordingStage) -> list[tuple[Pair, bool, dict]]:
    """Each recorded pair, whether its story's first article is in the article's gold story,
    and the article's gold row."""
    gold = {r["id"]: r for r in rows}
    return [(p, gold[stage.founder[p.story_id]]["story"] == gold[p.article]["story"],
             gold[p.article])
            for pairs in stage.pairs.values() for p in pairs if p.article in gold]


def matrix(pairs: list[tuple[Pair, bool, dict]]) -> tuple[np.ndarray, np.ndarray]:
    x = np.array([[p.values[n] for n in FEATURES] for p, _, _ in pairs], dtype=float)
    return x.reshape(len(pairs), len(FEATURES)), np.array([r for _, r, _ in pairs], dtype=float)


def fit(x: np.ndarray, y: np.ndarray) -> Model:
    return Model(*logistic.fit(x, y))


def decisions(pairs: list[tuple[Pair, bool, dict]], score: Callable[[Pair], float],
              cut: float) -> tuple[int, int, int]:
    """Right decisions, wrong joins and missed joins if each article joined its best-scoring
    candidate when that scores at least ``cut`` (on the pairs the default stage shortlisted)."""
    by_article: dict[str, list[tuple[Pair, bool]]] = {}
    for pair, right, _ in pairs:
        by_article.setdefault(pair.article, []).append((pair, right))
    ok = wrong = missed = 0
    for found in by_article.values():
        best, right = max(found, key=lambda pr: score(pr[0]))
        if score(best) >= cut:
            ok, wrong = ok + right, wrong + (not right)
        elif any(r for _, r in found):
            missed += 1
        else:
            ok += 1
    return ok, wrong, missed


def fold_of(row: dict) -> int:
    return zlib.crc32(str(row["story"]).encode()) % 2


def report_fit(tune: list[tuple[Pair, bool, dict]], tau: float) -> Model:
    """Fit on every tune pair; print weights, AUCs and decisions, in-sample and two-fold."""
    x, y = matrix(tune)
    model = fit(x, y)
    print(f"tune pairs: {len(tune)} ({int(y.sum())} right), articles with candidates: "
          f"{len({p.article for p, _, _ in tune})}")
    print("fitted weights (raw feature units):")
    for name, weight in zip(FEATURES, model.weights, strict=True):
        print(f"  {name:26} {weight:+.4f}")
    print(f"  {'intercept':26} {model.intercept:+.4f}")
    hand = x[:, FEATURES.index("log_hand")]
    cut = math.log(tau / (1 - tau))
    hand_cut = _log(cluster.Events().threshold)
    print(f"in-sample AUC: hand {auc(hand, y):.4f}, learned {auc(x @ model.weights + model.intercept, y):.4f}")
    print(f"in-sample decisions (right, wrong joins, missed joins): hand "
          f"{decisions(tune, lambda p: p.values['log_hand'], hand_cut)}, learned at {tau} "
          f"{decisions(tune, model.of, cut)}")
    for k in (0, 1):
        train = [t for t in tune if fold_of(t[2]) != k]
        test = [t for t in tune if fold_of(t[2]) == k]
        m = fit(*matrix(train))
        tx, ty = matrix(test)
        print(f"fold {k} (fit on the other fold's gold stories): AUC hand "
              f"{auc(tx[:, FEATURES.index('log_hand')], ty):.4f}, learned "
              f"{auc(tx @ m.weights + m.intercept, ty):.4f}; decisions hand "
              f"{decisions(test, lambda p: p.values['log_hand'], hand_cut)}, learned "
              f"{decisions(test, m.of, cut)}")
    return model


def report_own(model: Model, tune: list[tuple[Pair, bool, dict]], paths: list[Path]) -> None:
    """Do the features tell the own streams' follow-ups from the real stream's other events
    of a running issue (both: a story a day old or more that the article closely resembles)?
    The own streams are recorded with the running stories' 72-hour window, so that a
    follow-up after a quiet day and a half is still among the candidates."""
    own: list[tuple[Pair, bool, dict]] = []
    for path in paths:
        rows = _rows(path)
        stage = RecordingStage(quiet_hours=OWN_QUIET_HOURS)
        replay(rows, stage)
        own += labelled(rows, stage)
    x, y = matrix(own)
    print(f"own streams' pairs: {len(own)}; AUC hand "
          f"{auc(x[:, FEATURES.index('log_hand')], y):.4f}, tune-fitted "
          f"{auc(x @ model.weights + model.intercept, y):.4f}")
    follow = [t for t, r in zip(own, y, strict=True) if r and t[0].values["hours"] >= FOLLOW_UP_HOURS]
    other = [t for t in tune if not t[1] and t[0].values["hours"] >= FOLLOW_UP_HOURS
             and t[0].values["log_centroid"] >= _log(LOOK_ALIKE)]
    same = [t for t in tune if t[1] and t[0].values["hours"] >= FOLLOW_UP_HOURS
            and t[0].values["log_centroid"] >= _log(LOOK_ALIKE)]
    print(f"story {FOLLOW_UP_HOURS:.0f} h old or more: own follow-ups {len(follow)}; real, "
          f"centroid cosine >= {LOOK_ALIKE}: other event {len(other)}, same event {len(same)}")
    if not follow or not other or not same:
        return
    fx, ox, sx = matrix(follow)[0], matrix(other)[0], matrix(same)[0]
    print(f"  {'feature':26} {'AUC follow-up > other':>22} {'AUC same > other':>17}")
    for i, name in enumerate(FEATURES):
        print(f"  {name:26} {_split(fx[:, i], ox[:, i]):22.3f} {_split(sx[:, i], ox[:, i]):17.3f}")
    learned = [_split(a @ model.weights, ox @ model.weights) for a in (fx, sx)]
    print(f"  {'tune-fitted score':26} {learned[0]:22.3f} {learned[1]:17.3f}")


def _split(ones: np.ndarray, zeros: np.ndarray) -> float:
    return auc(np.r_[ones, zeros], np.r_[np.ones(len(ones)), np.zeros(len(zeros))])


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _figures(rows: list[dict], results: list[dict]) -> str:
    f = clustering(rows, results)
    return ("P {bcubed_precision:.3f} R {bcubed_recall:.3f} F1 {bcubed_f1:.3f} | new P "
            "{new_story_precision:.3f} R {new_story_recall:.3f}").format(**f)


def main(argv: list[str] | None = None) -> Model:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stream", type=Path, default=None)
    parser.add_argument("--own", type=Path, nargs="*", default=None,
                        help="Own streams to check the features on (default: both bench ones).")
    parser.add_argument("--tau", type=float, default=0.25)
    parser.add_argument("--replay-learned", action="store_true")
    parser.add_argument("--report", action="store_true", help="Also score the report half.")
    args = parser.parse_args(argv)
    rows = _rows(args.stream or default_stream())
    stage = RecordingStage()
    results = replay(rows, stage)
    tune_rows = [r for r in rows if r.get("half") == "tune"]
    print(f"hand score, tune half: {_figures(tune_rows, results)}")
    tune = [t for t in labelled(rows, stage) if t[2].get("half") == "tune"]
    model = report_fit(tune, args.tau)
    report_own(model, tune, list(OWN_STREAMS) if args.own is None else args.own)
    if args.replay_learned:
        learned = replay(rows, RecordingStage(model=model, tau=args.tau))
        halves = ("tune", "report") if args.report else ("tune",)
        for half in halves:
            part = [r for r in rows if r.get("half") == half]
            print(f"learned score at {args.tau}, {half} half: {_figures(part, learned)}")
    return model


if __name__ == "__main__":
    main()
