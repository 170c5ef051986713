"""Fit a ranker over the candidates a description may mean, on PolNeAR train (issue 14).

    python -m bench.description_fit --cache /tmp/polnear-train.spacy [--study] [--check]
                                    [--replay a b]

Replays train through the real extraction (cached parses; recording changes no output), and
for every definite singular description whose quote matches a gold quote resolved by hand
(the description being the gold's source mention) records each candidate's features
(bench/description_features.py) and whether it is the name the article means (a hand
resolution of null: the description kept as written is right). Fits bench.logistic on part a
only and prints, cross-fitted over two halves of part a, in sample, and with ``--check`` on
part b (held out), the AUC, how often the best-scoring candidate is right against the rules'
pick, and how often the right one is among the candidates at all; then the weights.
``--replay`` runs bench.polnear_eval on those parts with the ranker overruling the rules (as a
shipped ranker would); ``--study`` sorts part a's wrong hand-resolved speakers by whether a
ranker could fix them. Not shipped: see docs/quotes-history.md, ninth pass.
"""

from __future__ import annotations

import argparse
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bench import logistic, polnear_eval
from bench.description_features import FEATURES, candidates, features, rankable
from bench.interpreted import require_interpreted, rerun_interpreted
from bench.polnear_eval import DATA, RESOLUTIONS, in_part, load_jsonl, load_resolutions
from bench.polnear_score import ResolutionKey, match, speaker_ok
from bot.models import Speaker
from bot.nlp.speakers import descriptions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from bot.nlp.speakers.resolver import SpeakerResolver

REACH = 600
"""Characters from a quote within which the description that gave its speaker is looked for."""
NAMED = FEATURES.index("named")


@dataclass
class Event:
    """One description the resolver ranked: where, the rules' pick, each candidate's features."""

    offset: int
    text: str
    chosen: str | None
    rows: list[tuple[str, bool, tuple[float, ...]]]


@dataclass
class Group:
    """The candidates of one description whose quote has a hand resolution."""

    doc_id: str
    gold: str | None
    event: Event
    labels: list[bool] = field(default_factory=list)


def replay(records: Sequence[dict], docs: Sequence[Doc]) -> tuple[dict[str, list[dict]],
                                                                   dict[str, list[Event]]]:
    """The extraction's quote records per article and the descriptions the rules resolved
    (recorded around descriptions.nominal; the extraction's output is unchanged)."""
    from bench.polnear_eval import _statements
    from bot.cli.quotes import quote_record

    require_interpreted("bench.description_fit")
    events: list[Event] = []
    original = descriptions.nominal

    def recording(r: SpeakerResolver, token: Token) -> tuple[Speaker, float]:
        chosen, confidence = original(r, token)
        if rankable(token) and not _named_beside(token):
            found = candidates(r, token, chosen)
            rows = [(c.name, c.rules, features(r, token, c)) for c in found]
            events.append(Event(token.idx, token.text, chosen.name, rows))
        return chosen, confidence

    descriptions.nominal = recording
    predictions, by_doc = {}, {}
    try:
        for record, doc in zip(records, docs, strict=True):
            events.clear()
            doc_id = str(record["id"])
            predictions[doc_id] = [quote_record(q) for q in _statements(doc, record["text"])]
            by_doc[doc_id] = _first_each(events)
    finally:
        descriptions.nominal = original
    return predictions, by_doc


def _first_each(events: list[Event]) -> list[Event]:
    """A token resolved again gives the same event: keep the first."""
    seen: dict[int, Event] = {}
    for event in events:
        seen.setdefault(event.offset, event)
    return list(seen.values())


def groups(records: Sequence[dict], predictions: Mapping[str, list[dict]],
           events: Mapping[str, list[Event]],
           resolutions: Mapping[ResolutionKey, str | None]) -> list[Group]:
    """One group per matched gold quote resolved by hand whose speaker came from a ranked
    description (the nearest one whose rules' pick is the quote's speaker)."""
    out = []
    for record in records:
        doc_id = str(record["id"])
        gold, predicted = record["quotes"], predictions[doc_id]
        for i, j in match(gold, predicted):
            g = gold[i]
            key = ("train", doc_id, g.get("start"), g.get("end"))
            if str(g.get("speaker") or "").lower() != "unknown" or key not in resolutions:
                continue
            event = _link(predicted[j], events[doc_id])
            if event is None or not _mentioned(event, g):
                continue
            name = resolutions[key]
            group = Group(doc_id, name, event)
            group.labels = [_right(name, cand, rules, values) for cand, rules, values in event.rows]
            out.append(group)
    return out


def _right(gold: str | None, candidate: str, rules: bool, values: tuple[float, ...]) -> bool:
    """Whether the candidate is the gold name (null gold: the description kept as written)."""
    if gold is None:
        return rules and not values[NAMED]
    return speaker_ok(gold, candidate)


def _mentioned(event: Event, gold: Mapping) -> bool:
    """The description is the gold's source mention (not another clause's subject whose
    speaker the quote took)."""
    return event.text.lower() in str(gold.get("speaker_mention") or "").lower().split()


def _link(quote: Mapping, events: list[Event]) -> Event | None:
    start, end, speaker = quote.get("start") or 0, quote.get("end") or 0, quote.get("speaker")
    best, distance = None, REACH + 1
    for event in events:
        if event.chosen != speaker:
            continue
        d = 0 if start <= event.offset < end else min(abs(event.offset - start),
                                                      abs(event.offset - end))
        if d < distance:
            best, distance = event, d
    return best


def _half(doc_id: str) -> int:
    """Two fixed halves of part a, for choosing how to fit without looking at part b."""
    return zlib.crc32(doc_id.encode("utf-8")) // 2 % 2


def _scorer(weights: tuple[float, ...]) -> Callable[[tuple[float, ...]], float]:
    def scored(row: tuple[float, ...]) -> float:
        return sum(w * v for w, v in zip(weights, row, strict=True))
    return scored


def train(found: Sequence[Group], l2: float, *, pairwise: bool
          ) -> tuple[tuple[float, ...], float]:
    """Logistic weights over candidates, or over right-minus-wrong pairs within a group."""
    if not pairwise:
        return logistic.fit(*matrix(found), l2=l2)
    x, y = [], []
    for g in found:
        rows = [np.array(row[2]) for row in g.event.rows]
        for right, r_row in zip(g.labels, rows, strict=True):
            if not right:
                continue
            for wrong, w_row in zip(g.labels, rows, strict=True):
                if not wrong:
                    x += [r_row - w_row, w_row - r_row]
                    y += [1.0, 0.0]
    return logistic.fit(np.array(x), np.array(y), l2=l2)


def matrix(found: Sequence[Group]) -> tuple[np.ndarray, np.ndarray]:
    x = [row[2] for g in found for row in g.event.rows]
    y = [label for g in found for label in g.labels]
    return np.array(x, dtype=float), np.array(y, dtype=float)


def summary(name: str, found: Sequence[Group], scorer: Callable[[tuple[float, ...]], float]
            ) -> str:
    """AUC, the ranker's and the rules' accuracy, and the ceiling, over the groups."""
    x, y = matrix(found)
    scores = np.array([scorer(tuple(row)) for row in x])
    ranker = rules = ceiling = 0
    for g in found:
        picks = [(scorer(row[2]), row[1], k) for k, row in enumerate(g.event.rows)]
        best = max(picks)[2]
        ranker += g.labels[best]
        rules += any(label and row[1] for label, row in zip(g.labels, g.event.rows, strict=True))
        ceiling += any(g.labels)
    n = max(1, len(found))
    return (f"{name}: {len(found)} descriptions, {len(y)} candidates; AUC "
            f"{logistic.auc(scores, y):.3f}; best-scoring right {ranker / n:.3f}, rules "
            f"{rules / n:.3f}, gold among candidates {ceiling / n:.3f}")


PRONOUNS = {"he", "she", "it", "they", "who", "his", "her", "its", "their", "that", "which",
            "we", "i", "you", "them", "him", "this", "these", "those", "whom"}


def study(records: Sequence[dict], predictions: Mapping[str, list[dict]],
          events: Mapping[str, list[Event]],
          resolutions: Mapping[ResolutionKey, str | None]) -> None:
    """Every wrong hand-resolved speaker of these articles, by what a ranker could do."""
    kinds: dict[str, int] = {}
    for record in records:
        doc_id, text = str(record["id"]), record["text"]
        gold, predicted = record["quotes"], predictions[doc_id]
        for i, j in match(gold, predicted):
            g, p = gold[i], predicted[j]
            name = resolutions.get(("train", doc_id, g.get("start"), g.get("end")))
            if str(g.get("speaker") or "").lower() != "unknown" or not name or \
                    speaker_ok(name, p.get("speaker")):
                continue
            kind, shown = _kind(g, p, events[doc_id], name, text), ""
            kinds[kind] = kinds.get(kind, 0) + 1
            if not kind.startswith("pronoun"):
                shown = f"{g.get('speaker_mention')!r:.40} -> {p.get('speaker')!r}, gold {name!r}"
                print(f"  {kind[:30]:<30} {shown} ({doc_id[8:50]})")
    for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"{n:>4}  {kind}")


def _kind(gold: Mapping, quote: Mapping, events: list[Event], name: str, text: str) -> str:
    """Why the speaker is wrong, as far as a ranker over a description's candidates goes."""
    mention = str(gold.get("speaker_mention") or "").lower().split()
    if not mention:
        return "no source mention in the gold"
    if mention[0] in PRONOUNS:
        return "pronoun source (not a description)"
    event = _link(quote, events)
    if event is None or not _mentioned(event, gold):
        return "speaker not from this description (attribution, a name, an indefinite)"
    if any(speaker_ok(name, row[0]) for row in event.rows):
        return "gold among the candidates, wrong one picked"
    last = name.split()[-1]
    if last in text[:event.offset]:
        return "gold named before, not a candidate"
    return "gold named only after the description" if last in text else \
        "gold never named in the text"


@contextmanager
def overruling(weights: tuple[float, ...]) -> Iterator[None]:
    """The extraction with the best-scoring candidate of each description in place of the
    rules' pick (as a shipped ranker would be; bench only, the product is untouched)."""
    original = descriptions.nominal
    scored = _scorer(weights)

    def ranked(r: SpeakerResolver, token: Token) -> tuple[Speaker, float]:
        chosen, confidence = original(r, token)
        if not rankable(token) or _named_beside(token):
            return chosen, confidence
        found = candidates(r, token, chosen)
        best = max(found, key=lambda c: (scored(features(r, token, c)), c.rules))
        if best.rules:
            return chosen, confidence
        speaker = _as_speaker(r, best.name, best.person)
        _remember(r, token, speaker)
        return speaker, confidence

    descriptions.nominal = ranked
    try:
        yield
    finally:
        descriptions.nominal = original


def _as_speaker(r: SpeakerResolver, name: str, person: bool) -> Speaker:
    if person and name in r.reg.people:
        return Speaker(name, "person", r.reg.people[name].role)
    return Speaker(name, "organisation")


def _remember(r: SpeakerResolver, token: Token, speaker: Speaker) -> None:
    """The new pick replaces what the rules remembered at the token (pronouns look back)."""
    offsets = r.reg.offsets()
    at = bisect_left(offsets, token.idx)
    if at < len(offsets) and offsets[at] == token.idx:
        r.reg.mentions[at].speaker, r.reg.mentions[at].key = speaker, speaker.name or ""
    else:
        r.reg.remember(token, speaker)


def _named_beside(token: Token) -> bool:
    """"The festival's director, Camille Laurent,": the name beside it speaks, no ranking."""
    return any(c.dep_ == "appos" and c.pos_ == "PROPN" for c in token.children)


def main(argv: Sequence[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    records = load_jsonl(args.data / "polnear_train.jsonl")
    docs = polnear_eval.article_parses(records, args.cache)
    predictions, events = replay(records, docs)
    resolutions = load_resolutions(args.resolutions)
    found = groups(records, predictions, events, resolutions)
    part_a = [g for g in found if in_part(g.doc_id, "a")]
    part_b = [g for g in found if in_part(g.doc_id, "b")]
    if args.study:
        study([r for r in records if in_part(str(r["id"]), "a")], predictions, events,
              resolutions)
    halves = [[g for g in part_a if _half(g.doc_id) == h] for h in (0, 1)]
    for h in (0, 1):
        w_h, _ = train(halves[1 - h], args.l2, pairwise=args.pairwise)
        print(summary(f"part a, half {h} fitted on the other", halves[h], _scorer(w_h)))
    weights, intercept = train(part_a, args.l2, pairwise=args.pairwise)
    fitted = _scorer(weights)
    print(summary("part a (in sample)", part_a, fitted))
    if args.check:
        print(summary("part b (held out)", part_b, fitted))
    print("WEIGHTS = (" + ", ".join(f"{w:.4g}" for w in weights) + ")")
    for feature, w in zip(FEATURES, weights, strict=True):
        print(f"  {feature:<16} {w:+.4f}")
    for part in args.replay:
        print(f"replayed with the ranker overruling the rules, part {part}:")
        with overruling(weights):
            polnear_eval.main(["--split", "train", "--cache", str(args.cache), "--part", part,
                               "--data", str(args.data), "--resolutions", str(args.resolutions)])


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--resolutions", type=Path, default=RESOLUTIONS)
    parser.add_argument("--cache", type=Path, required=True, help="DocBin of the train parses")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--pairwise", action="store_true",
                        help="fit on right-minus-wrong pairs of one description's candidates")
    parser.add_argument("--check", action="store_true", help="score part b too (held out)")
    parser.add_argument("--replay", nargs="*", default=[], choices=("a", "b"),
                        help="run bench.polnear_eval on these parts with the ranker in place")
    parser.add_argument("--study", action="store_true", help="list part a's description errors")
    return parser


if __name__ == "__main__":
    rerun_interpreted("bench.description_fit", None)
    main()
