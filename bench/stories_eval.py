"""Story quality on a labelled stream, wirewatch and a TF-IDF centroid baseline side by side.

Usage: .venv/bin/python -m bench.stories_eval [STREAM.jsonl] [--verdicts VERDICTS.jsonl]
       [--cache PARSES.spacy]
The default stream is the real development stream, ../shared/dev/stories_dev.jsonl from the
repository root ($WIREWATCH_DEV_DIR overrides the folder), else bench/data/stories_stream.jsonl.
Without --verdicts it replays the stream itself (the same code as `wirewatch stories replay`,
gold fields stripped). Both are scored on the same stream: BCubed P/R/F1 and new-story P/R, per
half (`tune` / `report`) when the stream has halves; verdicts and what's new when it has them.
With --cache, spaCy's parses of the stream are read from that DocBin (written there on the first
run), so a repeated replay costs the stages after spaCy only.
Each stream is scored at its gold's level and the other printed beside it: the project's own
streams (bench/data) are written one story per running story, so an article's story there is
its running story (the replay's "running", ``bot.stories.running``); any other stream's gold is
one story per event (the replay's "story"). --level names the gold's level instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import stories_baseline
from bench.parse_cache import may_keep

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
OWN_STREAM = Path(__file__).parent / "data" / "stories_stream.jsonl"
GOLD_FIELDS = ("story", "half", "verdict", "whats_new")
LEVELS = ("event", "running")
LEVEL_NAMES = {"event": "event", "running": "running story"}


def gold_level(stream: Path) -> str:
    """The level the stream's gold labels: running stories for the project's own streams."""
    return "running" if stream.resolve().parent == OWN_STREAM.parent.resolve() else "event"


def at_level(result_rows: list[dict], level: str) -> list[dict]:
    """The replay's rows with each article's story, verdict and what's new at that level
    (event: as replayed; running: a new event continuing a running story is an update of it,
    or a duplicate; rows replayed before the running level had verdicts keep the event's)."""
    if level == "event":
        return result_rows
    return [{**r, "story": r.get("running", r.get("story")),
             "verdict": r.get("running_verdict", r.get("verdict")),
             "whats_new": r.get("running_whats_new", r.get("whats_new", []))}
            for r in result_rows]


def default_stream() -> Path:
    """The development stream, else the project's own, said: a worktree's ../shared is not the
    checkout's, and a silent fall-back scored the wrong stream and filled a cache with it."""
    given = os.environ.get("WIREWATCH_DEV_DIR")
    real = Path(given or ROOT.parent / "shared" / "dev") / "stories_dev.jsonl"
    if real.exists():
        return real
    if given:
        raise SystemExit(f"WIREWATCH_DEV_DIR={given} has no stories_dev.jsonl; point it at the "
                         "development data's folder")
    print(f"no development stream at {real} (set WIREWATCH_DEV_DIR): replaying the project's "
          f"own stream, {OWN_STREAM}", file=sys.stderr)
    return OWN_STREAM


def bcubed(gold: dict[str, str], predicted: dict[str, object]) -> tuple[float, float, float]:
    by_gold: dict[str, set[str]] = defaultdict(set)
    by_pred: dict[object, set[str]] = defaultdict(set)
    for item, label in gold.items():
        by_gold[label].add(item)
        by_pred[predicted.get(item, ("alone", item))].add(item)
    precision = recall = 0.0
    for item in gold:
        g = by_gold[gold[item]]
        p = by_pred[predicted.get(item, ("alone", item))]
        both = len(g & p)
        precision += both / len(p)
        recall += both / len(g)
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def new_story(gold_rows: list[dict], result_rows: list[dict]) -> tuple[float, float]:
    """New-story precision and recall in arrival order: a gold new story is the first article
    of its gold story; a predicted one the first article seen with its predicted story."""
    results = {r["id"]: r.get("story") for r in result_rows}
    seen_gold: set = set()
    seen_pred: set = set()
    counts: Counter = Counter()
    for g in gold_rows:
        got = results.get(g["id"])
        gold_new = g["story"] not in seen_gold
        pred_new = got is None or got not in seen_pred
        seen_gold.add(g["story"])
        seen_pred.add(got)
        counts["tp"] += gold_new and pred_new
        counts["fp"] += pred_new and not gold_new
        counts["fn"] += gold_new and not pred_new
    return _pr(counts["tp"], counts["fp"], counts["fn"])


def clustering(gold_rows: list[dict], result_rows: list[dict]) -> dict[str, float]:
    """BCubed and new-story figures (all that a stream without gold verdicts can give)."""
    gold = {g["id"]: g["story"] for g in gold_rows}
    ids = set(gold)
    predicted = {r["id"]: r["story"] for r in result_rows
                 if r["id"] in ids and r.get("story") is not None}
    precision, recall, f1 = bcubed(gold, predicted)
    new_p, new_r = new_story(gold_rows, [r for r in result_rows if r["id"] in ids])
    return {"articles": len(gold_rows), "gold_stories": len(set(gold.values())),
            "predicted_stories": len(set(predicted.values())),
            "bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1,
            "new_story_precision": new_p, "new_story_recall": new_r}


def score(gold_rows: list[dict], result_rows: list[dict], *, verdict_new: bool = True
          ) -> dict[str, float]:
    """All the figures, from gold rows (story, verdict, whats_new) and replay output rows;
    new-story P/R from the verdicts unless not ``verdict_new`` (running stories: a verdict says
    whether an article starts an event, and the first article of each story is what counts)."""
    results = {r["id"]: r for r in result_rows}
    figures = clustering(gold_rows, result_rows)
    if not all("verdict" in g for g in gold_rows):
        return figures
    counts: Counter = Counter()
    for g in gold_rows:
        got = results.get(g["id"], {}).get("verdict")
        counts["new_tp"] += g["verdict"] == "new" and got == "new"
        counts["new_fp"] += g["verdict"] != "new" and got == "new"
        counts["new_fn"] += g["verdict"] == "new" and got != "new"
        counts["right"] += g["verdict"] == got
        if g["verdict"] == "update" and got == "update":
            said = set(results[g["id"]]["whats_new"])
            wanted = set(g.get("whats_new", []))
            counts["wn_tp"] += len(said & wanted)
            counts["wn_fp"] += len(said - wanted)
            counts["wn_fn"] += len(wanted - said)
        elif g["verdict"] == "update":
            counts["wn_fn"] += len(g.get("whats_new", []))
        elif got == "update":
            counts["wn_fp"] += len(results[g["id"]]["whats_new"])
    new_p, new_r = _pr(counts["new_tp"], counts["new_fp"], counts["new_fn"])
    wn_p, wn_r = _pr(counts["wn_tp"], counts["wn_fp"], counts["wn_fn"])
    if verdict_new:
        figures.update({"new_story_precision": new_p, "new_story_recall": new_r})
    figures.update({"verdict_accuracy": counts["right"] / (len(gold_rows) or 1),
                    "whats_new_precision": wn_p, "whats_new_recall": wn_r})
    return figures


def parts(gold_rows: list[dict]) -> dict[str, list[dict]]:
    """The whole stream, and each half on its own when the stream has halves."""
    halves = sorted({g["half"] for g in gold_rows if g.get("half")})
    found = {half: [g for g in gold_rows if g.get("half") == half] for half in halves}
    return {**found, "all": gold_rows}


class CachedParses:
    """A spaCy pipeline for the replay that answers each text from a DocBin of earlier parses,
    parsing and keeping any text it does not hold: texts are the cleaned bodies, so a change in
    cleaning re-parses only the articles whose cleaned text it changed. ``records``: the
    stream's lines, as read; a cache made for another stream stops the run
    (``parse_cache.may_keep``)."""

    def __init__(self, nlp: Language, path: Path, records: Sequence[str]) -> None:
        self.nlp, self.path, self.vocab = nlp, path, nlp.vocab
        self.docs: dict[str, Doc] = {}
        self.parsed = 0
        self.keep = may_keep(path, records)
        if path.exists():
            from spacy.tokens import DocBin

            self.docs = {d.text: d for d in DocBin().from_disk(path).get_docs(nlp.vocab)}

    def pipe(self, texts: Iterable[str], **options: Any) -> Iterator[Doc]:
        texts = list(texts)
        missing = [text for text in dict.fromkeys(texts) if text not in self.docs]
        for doc in self.nlp.pipe(missing, **options):
            self.docs[doc.text] = doc
        self.parsed += len(missing)
        for text in texts:
            yield self.docs[text]

    def save(self) -> None:
        """Write the parses, when this run made any."""
        if self.parsed and self.keep:
            from spacy.tokens import DocBin

            print(f"parse cache {self.path}: {self.parsed} texts parsed and kept", file=sys.stderr)
            DocBin(docs=list(self.docs.values())).to_disk(self.path)


def replay_stream(gold_rows: list[dict], cache: Path | None = None) -> list[dict]:
    from bot.config import load_settings
    from bot.nlp.load import load_pipeline
    from bot.replay import replay

    lines = [json.dumps({k: v for k, v in g.items() if k not in GOLD_FIELDS}) for g in gold_rows]
    settings = load_settings()
    parses = None
    if cache is not None:
        settings = settings.with_overrides(nlp_processes=0)
        parses = CachedParses(load_pipeline(settings.spacy_model), cache, lines)
    with tempfile.TemporaryDirectory() as tmp:
        out = list(replay(lines, db_path=Path(tmp) / "eval.db", settings=settings, nlp=parses))
    if parses is not None:
        parses.save()
    return out


def confusion(gold_rows: list[dict], result_rows: list[dict]) -> Counter:
    results = {r["id"]: r["verdict"] for r in result_rows}
    return Counter((g["verdict"], results.get(g["id"])) for g in gold_rows)


def _line(figures: dict[str, float]) -> str:
    return ("P {bcubed_precision:.3f} R {bcubed_recall:.3f} F1 {bcubed_f1:.3f} | "
            "new P {new_story_precision:.3f} R {new_story_recall:.3f} | "
            "{predicted_stories} stories").format(**figures)


def main(argv: list[str] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stream", nargs="?", type=Path, default=None)
    parser.add_argument("--verdicts", type=Path, help="Replay output to score instead of replaying.")
    parser.add_argument("--cache", type=Path,
                        help="DocBin of the stream's spaCy parses (made on first use).")
    parser.add_argument("--level", choices=LEVELS,
                        help="The level the stream's gold labels (default: running for the "
                        "project's own streams, else event).")
    args = parser.parse_args(argv)
    stream = args.stream or default_stream()
    level = args.level or gold_level(stream)
    other = next(name for name in LEVELS if name != level)
    gold_rows = [json.loads(line) for line in stream.open(encoding="utf-8") if line.strip()]
    if args.verdicts:
        ours = [json.loads(line) for line in args.verdicts.open(encoding="utf-8") if line.strip()]
    else:
        ours = replay_stream(gold_rows, args.cache)
    runs = {"wirewatch": at_level(ours, level), "baseline": stories_baseline.run(gold_rows)}
    figures = {name: {part: score(rows, result, verdict_new=level == "event")
                      for part, rows in parts(gold_rows).items()}
               for name, result in runs.items()}
    figures[f"wirewatch:{other}"] = {part: score(rows, at_level(ours, other),
                                           verdict_new=False)
                                     for part, rows in parts(gold_rows).items()}
    print(f"stream: {stream} ({len(gold_rows)} articles, "
          f"{len({g['story'] for g in gold_rows})} gold stories, one per {LEVEL_NAMES[level]})")
    print(f"BCubed P/R/F1 | new-story P/R, per part of the stream; wirewatch at the gold's "
          f"level ({level}), then at the {other} level (for information)")
    for part in parts(gold_rows):
        for name in [*runs, f"wirewatch:{other}"]:
            label = other if name.endswith(other) else name
            print(f"  {part:6} {label:9} {_line(figures[name][part])}")
    for name, at in (("wirewatch", level), (f"wirewatch:{other}", other)):
        extra = {k: v for k, v in figures[name]["all"].items() if k.startswith(("verdict",
                                                                                "whats"))}
        for key, value in extra.items():
            print(f"  wirewatch {key:22} {value:.3f} ({at} level)")
        if extra:
            print(f"  verdicts at the {at} level (gold -> got): " + ", ".join(
                f"{g}->{p}: {n}" for (g, p), n in sorted(
                    confusion(gold_rows, at_level(ours, at)).items(), key=str)))
    return figures


if __name__ == "__main__":
    main()
