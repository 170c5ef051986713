"""Story quality on a labelled stream: BCubed P/R/F1, new-story P/R, verdict accuracy, what's new.

Usage: .venv/bin/python -m bench.stories_eval [STREAM.jsonl] [--verdicts VERDICTS.jsonl]
Without --verdicts it replays the stream itself (the same code as `wirewatch stories replay`).
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

DEFAULT_STREAM = Path(__file__).parent / "data" / "stories_stream.jsonl"


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


def score(gold_rows: list[dict], result_rows: list[dict]) -> dict[str, float]:
    """All the figures, from gold rows (story, verdict, whats_new) and replay output rows."""
    results = {r["id"]: r for r in result_rows}
    gold = {g["id"]: g["story"] for g in gold_rows}
    predicted = {i: r["story"] for i, r in results.items() if r.get("story") is not None}
    precision, recall, f1 = bcubed(gold, predicted)
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
    return {"articles": len(gold_rows), "gold_stories": len(set(gold.values())),
            "predicted_stories": len(set(predicted.values())),
            "bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1,
            "new_story_precision": new_p, "new_story_recall": new_r,
            "verdict_accuracy": counts["right"] / (len(gold_rows) or 1),
            "whats_new_precision": wn_p, "whats_new_recall": wn_r}


def replay_stream(path: Path) -> list[dict]:
    from bot.config import load_settings
    from bot.replay import replay

    with tempfile.TemporaryDirectory() as tmp, path.open(encoding="utf-8") as lines:
        return list(replay(lines, db_path=Path(tmp) / "eval.db", settings=load_settings()))


def confusion(gold_rows: list[dict], result_rows: list[dict]) -> Counter:
    results = {r["id"]: r["verdict"] for r in result_rows}
    return Counter((g["verdict"], results.get(g["id"])) for g in gold_rows)


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stream", nargs="?", type=Path, default=DEFAULT_STREAM)
    parser.add_argument("--verdicts", type=Path, help="Replay output to score instead of replaying.")
    args = parser.parse_args(argv)
    gold_rows = [json.loads(line) for line in args.stream.open(encoding="utf-8") if line.strip()]
    if args.verdicts:
        result_rows = [json.loads(line) for line in args.verdicts.open(encoding="utf-8")
                       if line.strip()]
    else:
        result_rows = replay_stream(args.stream)
    figures = score(gold_rows, result_rows)
    print(f"stream: {args.stream}")
    for name, value in figures.items():
        print(f"  {name:22} {value:.3f}" if isinstance(value, float) else f"  {name:22} {value}")
    print("  verdicts (gold -> got): " + ", ".join(
        f"{g}->{p}: {n}" for (g, p), n in sorted(confusion(gold_rows, result_rows).items(),
                                                  key=str)))
    return figures


if __name__ == "__main__":
    main()
