"""Where the person or body a wrong hand-resolved speaker means stands in the article's registry
(issue 14): a person registered (so another candidate was preferred), an entity tagged as
something else, words written only on the headline line, written but never tagged, or not
written at all (the gold's spelling or knowledge the article never states).

    python -m bench.polnear_where --split train --part a --cache /work/cache/ptrain.spacy

Direct and mixed quotes by default (``--kinds``). One line per wrong speaker on a matched quote,
then the count of each place. Never run on the part or split you check on: it lists errors.
"""

from __future__ import annotations

import argparse
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench.polnear_eval import (
    DATA,
    PARTS,
    RESOLUTIONS,
    article_parses,
    load_resolutions,
    part_records,
    predict,
)
from bench.polnear_score import (
    ResolutionKey,
    kind_of,
    match,
    norm_tokens,
    speaker_ok,
    speaker_targets,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.nlp.speakers.registry import Registry

REGISTERED = "a person registered"
HEADLINE_ONLY = "written on the headline line only"
UNTAGGED = "written, never tagged"
NOT_WRITTEN = "not written"


def registry_of(doc: Doc, body: str) -> Registry:
    """The registry of people the quote extraction builds for the article."""
    from bot.nlp.quotes.marks import find_quote_spans, paragraphs
    from bot.nlp.quotes.reporting import is_reporting
    from bot.nlp.speakers.columns import Columns
    from bot.nlp.speakers.registry import Registry

    spans = find_quote_spans(body, paragraphs(body))
    offsets = sorted(o for s in spans for o in (s.open, s.close))

    def quoted(offset: int) -> bool:
        return bisect_left(offsets, offset + 1) % 2 == 1

    return Registry(doc, quoted=quoted, speaking=is_reporting, columns=Columns.of(doc, body))


def place_of(name: str, registry: Registry, body: str) -> str:
    """Where ``name`` stands, read by its last word as the scorer reads names."""
    last = norm_tokens(name)[-1]
    written = [m.start() for m in re.finditer(rf"\b{re.escape(last)}\b", body.lower())]
    headline_end = body.find("\n")
    on_headline = bool(written) and headline_end >= 0 and max(written) < headline_end
    if any(last in norm_tokens(key) for key in registry.people):
        return REGISTERED + (", " + HEADLINE_ONLY if on_headline else "")
    labels = sorted({e.label_ for e in registry.ents if last in norm_tokens(e.text)})
    if labels:
        return "tagged " + "/".join(labels)
    if not written:
        return NOT_WRITTEN
    return HEADLINE_ONLY if on_headline else UNTAGGED


def wrong_sources(split: str, record: Mapping, predicted: Sequence[Mapping],
                  resolutions: Mapping[ResolutionKey, str | None],
                  kinds: frozenset[str]) -> list[tuple[Mapping, str, Mapping]]:
    """(gold quote, resolved name, our quote) for each wrong hand-resolved speaker."""
    gold = record["quotes"]
    out = []
    for i, j in match(gold, predicted):
        if kind_of(gold[i]) not in kinds:
            continue
        for source, name in speaker_targets(split, str(record["id"]), gold[i], resolutions):
            if source == "resolved" and not speaker_ok(name, predicted[j].get("speaker")):
                out.append((gold[i], name, predicted[j]))
    return out


def main(argv: Sequence[str] | None = None) -> Counter[str]:
    args = _parser().parse_args(argv)
    records = part_records(args.data / f"polnear_{args.split}.jsonl", args.part)
    resolutions = load_resolutions(args.resolutions)
    predictions, _ = predict(records, args.cache)
    kinds = frozenset(args.kinds.split(","))
    counts: Counter[str] = Counter()
    for record, doc in zip(records, article_parses(records, args.cache), strict=True):
        wrong = wrong_sources(args.split, record, predictions[str(record["id"])],
                              resolutions, kinds)
        registry = registry_of(doc, doc.text) if wrong else None
        for gold, name, ours in wrong:
            place = place_of(name, registry, doc.text) if registry is not None else NOT_WRITTEN
            counts[place] += 1
            print(f"{record['id']} {kind_of(gold)} {gold.get('speaker_mention')!r}: "
                  f"{name!r} is {place}; ours {ours.get('speaker')!r} "
                  f"({ours.get('speaker_kind')}, {ours.get('confidence', 0):.2f})")
    print("\n| where the source stands | sources |\n|---|---:|")
    for place, n in counts.most_common():
        print(f"| {place} | {n} |")
    return counts


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--resolutions", type=Path, default=RESOLUTIONS)
    parser.add_argument("--cache", type=Path, help="DocBin of the parses (read)")
    parser.add_argument("--part", choices=PARTS)
    parser.add_argument("--kinds", default="direct,mixed",
                        help="gold quote kinds, comma-separated (direct,mixed)")
    return parser


if __name__ == "__main__":
    main()
