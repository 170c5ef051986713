"""A learned ranker over the antecedents of he/she speech sources, fitted on PolNeAR train part a
and checked on part b (issue 14).

Usage: .venv/bin/python -m bench.pronoun_fit [--cache /tmp/polnear-train.spacy] [--l2 1.0]
       [--pairwise]
It replays train through the real extraction (cached parses) and, at every he/she the speaker
resolver meets, records each candidate antecedent's features (bot/nlp/speakers/antecedents.py)
and the rules' pick. A gold quote whose source mention is he/she and whose hand resolution names
someone joins the he/she token nearest it; each of that token's candidates is right when it is
the hand-resolved name (``speaker_ok``). The logistic fit uses part a's candidates only; AUC and
the accuracy of choosing the best-scoring candidate are printed beside the rules' accuracy for
both parts, with the ceiling (the right name among the candidates at all), and the weights to
paste into antecedents.py (the shipped ones: ``--pairwise``, a fit on the differences of right
and wrong candidates of the same pronoun).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from spacy.tokens import Token

from bench import logistic
from bench.interpreted import require_interpreted, rerun_interpreted
from bench.polnear_eval import (
    DATA,
    RESOLUTIONS,
    _statements,
    article_parses,
    in_part,
    load_jsonl,
    load_resolutions,
)
from bench.polnear_score import match, speaker_ok, speaker_targets
from bot.cli.quotes import quote_record
from bot.models import Speaker
from bot.nlp.speakers import antecedents
from bot.nlp.speakers.resolver import SpeakerResolver

MENTIONS = {"he", "she"}
"""Gold source mentions this ranker is for."""
REACH = 250
"""Characters between a gold quote and the he/she token taken for its source, at most."""


@dataclass
class Call:
    """One he/she the resolver met: its candidates, their features, the rules' and final picks."""

    offset: int
    text: str
    rule: str | None
    final: str | None
    names: list[str]
    rows: list[tuple[float, ...]]


@dataclass
class Sample:
    """One gold he/she source joined to the call at its pronoun, with each candidate's label."""

    part: str
    call: Call
    gold: str
    labels: list[int]


def record(calls: dict[int, Call]) -> None:
    """Wrap antecedents.ranked so every he/she call leaves its candidates in ``calls``."""
    require_interpreted("bench.pronoun_fit")
    original = antecedents.ranked

    def recording(r: SpeakerResolver, token: Token, gender: str, rule: tuple[Speaker, float],
                  named: set[str]) -> tuple[Speaker, float]:
        final = original(r, token, gender, rule, named)
        if token.i not in calls:
            ctx = antecedents.context(r, token, gender, rule[0], named)
            keys = antecedents.candidates(r, ctx)
            calls[token.i] = Call(token.idx, token.text, rule[0].name, final[0].name,
                                  [r.reg.people[k].name for k in keys],
                                  [antecedents.features(r, ctx, k) for k in keys])
        return final

    antecedents.ranked = recording


def collect(records: Sequence[dict], cache: Path, resolutions: dict) -> list[Sample]:
    """Replay every article and join its gold he/she sources to the calls."""
    docs = article_parses(records, cache)
    calls: dict[int, Call] = {}
    record(calls)
    samples: list[Sample] = []
    for rec, doc in zip(records, docs, strict=True):
        calls.clear()
        predicted = [quote_record(q) for q in _statements(doc, rec["text"])]
        part = "a" if in_part(str(rec["id"]), "a") else "b"
        for i, j in match(rec["quotes"], predicted):
            gold = rec["quotes"][i]
            if str(gold.get("speaker_mention") or "").lower() not in MENTIONS:
                continue
            for source, name in speaker_targets("train", str(rec["id"]), gold, resolutions):
                call = _nearest(calls, gold, predicted[j].get("speaker"))
                if source == "resolved" and call is not None:
                    labels = [int(speaker_ok(name, n)) for n in call.names]
                    samples.append(Sample(part, call, name, labels))
    return samples


def _nearest(calls: dict[int, Call], gold: dict, said_by: str | None) -> Call | None:
    """The call at the gold source's he/she: its words, nearest the quote, the one whose pick
    the quote carries first."""
    mention = str(gold["speaker_mention"]).lower()
    best: tuple[bool, int] | None = None
    found = None
    for call in calls.values():
        if call.text.lower() != mention:
            continue
        gap = max(0, gold["start"] - call.offset, call.offset - gold["end"])
        rank = (call.final != said_by, gap)
        if gap <= REACH and (best is None or rank < best):
            best, found = rank, call
    return found


def matrix(samples: Sequence[Sample]) -> tuple[np.ndarray, np.ndarray]:
    rows = [row for s in samples for row in s.call.rows]
    labels = [y for s in samples for y in s.labels]
    return np.array(rows, dtype=float).reshape(-1, len(antecedents.FEATURES)), np.array(labels)


def pairs(samples: Sequence[Sample]) -> tuple[np.ndarray, np.ndarray]:
    """Differences of a right candidate's features and each wrong one's, both ways round: a
    fit on them ranks candidates of one pronoun against each other (the intercept is ~0)."""
    rows: list[np.ndarray] = []
    for s in samples:
        values = np.array(s.call.rows, dtype=float)
        right = [i for i, y in enumerate(s.labels) if y]
        wrong = [i for i, y in enumerate(s.labels) if not y]
        rows.extend(values[i] - values[j] for i in right for j in wrong)
    x = np.array(rows).reshape(-1, len(antecedents.FEATURES))
    return np.vstack([x, -x]), np.r_[np.ones(len(x)), np.zeros(len(x))]


def accuracy(samples: Sequence[Sample], weights: tuple[float, ...]) -> tuple[float, float, float]:
    """Rules, best-scoring candidate (the rules' pick where there is none), and the ceiling."""
    rules = ranker = ceiling = 0
    for s in samples:
        right = speaker_ok(s.gold, s.call.rule)
        rules += right
        ceiling += any(s.labels) or right
        if s.labels:
            scores = [antecedents.score(row, weights) for row in s.call.rows]
            ranker += s.labels[int(np.argmax(scores))]
        else:
            ranker += right
    n = max(1, len(samples))
    return rules / n, ranker / n, ceiling / n


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    records = load_jsonl(args.data / "polnear_train.jsonl")
    samples = collect(records, args.cache, load_resolutions(RESOLUTIONS))
    train = [s for s in samples if s.part == "a"]
    x, y = matrix(train)
    weights, bias = logistic.fit(*(pairs(train) if args.pairwise else (x, y)), l2=args.l2)
    print(f"{len(samples)} he/she sources joined ({len(train)} part a); "
          f"{len(x)} part a candidates, {int(y.sum())} right")
    for part in "ab":
        chosen = [s for s in samples if s.part == part]
        px, py = matrix(chosen)
        area = logistic.auc(px @ np.array(weights), py)
        rule_auc = logistic.auc(px[:, 0], py)
        rules, ranker, ceiling = accuracy(chosen, weights)
        print(f"part {part}: {len(chosen)} sources; AUC {area:.3f} (rule flag {rule_auc:.3f}); "
              f"rules {rules:.3f}, ranker {ranker:.3f}, ceiling {ceiling:.3f}")
    for name, w in zip(antecedents.FEATURES, weights, strict=True):
        print(f"  {name:<22} {w:+.3f}")
    print("WEIGHTS = (" + ", ".join(f"{w:.3f}" for w in weights) + ")")
    print(f"BIAS = {bias:.3f}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear-train.spacy"))
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--pairwise", action="store_true",
                        help="fit on right-minus-wrong candidate pairs of each pronoun")
    return parser


if __name__ == "__main__":
    rerun_interpreted("bench.pronoun_fit", None)
    main()
