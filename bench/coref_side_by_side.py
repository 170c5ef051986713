"""Our speaker resolver against xrenner's coreference chains, side by side on PolNeAR train.

    python -m bench.coref_side_by_side --part a --cache /tmp/x/ptrain.spacy \\
        --xrenner-python /tmp/x/venv38/bin/python

For every attribution whose source is a pronoun or a description resolved by hand
(bench/data/polnear_resolutions.jsonl), (a) the speaker our extractor gives the quote and (b)
the name xrenner's chain gives the source's words (bench.coref_chains) are checked against
the hand resolution, with the scorer's name match. xrenner reads spaCy's parse as CoNLL-U
(bench.coref_conll) in a worker run by the interpreter it is installed in
(bench.coref_xrenner_worker); it is no dependency of the project: without it this says so and
stops. Reads PolNeAR from ../shared/dev only; train only (dev is the lead's, scored once).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bench.coref_chains import Mention, chain_speaker
from bench.coref_conll import to_conll
from bench.polnear_eval import DATA, PARTS, RESOLUTIONS, in_part, load_jsonl, load_resolutions
from bench.polnear_score import ResolutionKey, match, speaker_ok

if TYPE_CHECKING:
    from spacy.tokens import Doc

WORKER = Path(__file__).resolve().parent / "coref_xrenner_worker.py"
PRONOUNS = frozenset({"he", "she", "it", "they", "i", "we", "you", "him", "her", "them", "his",
                      "its", "their", "me", "us", "our", "my"})
WINDOW = 600


@dataclass(frozen=True)
class Source:
    """One hand-resolved source: its kind, the name meant, our speaker, its tokens in the doc."""

    article: str
    kind: str
    mention: str
    name: str
    ours: str | None
    found: bool
    tokens: tuple[int, int] | None


def kind_of_mention(mention: str) -> str:
    """pronoun, description, or empty (a source the annotators left without words)."""
    words = mention.strip().lower().split()
    if not words:
        return "empty"
    return "pronoun" if len(words) == 1 and words[0] in PRONOUNS else "description"


def locate(text: str, mention: str, start: int, end: int) -> tuple[int, int] | None:
    """The occurrence of the source's words nearest the quote (within WINDOW characters)."""
    if not mention.strip():
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(mention.strip()) + r"(?!\w)", re.IGNORECASE)
    low, high = max(0, start - WINDOW), min(len(text), end + WINDOW)
    spans = [(m.start(), m.end()) for m in pattern.finditer(text, low, high)]
    return min(spans, key=lambda s: max(start - s[1], s[0] - end, 0), default=None)


def sources_of(split: str, record: Mapping, doc: Doc, predicted: Sequence[Mapping],
               resolutions: Mapping[ResolutionKey, str | None]) -> list[Source]:
    """The article's hand-resolved sources, each with our speaker for its quote."""
    gold = record["quotes"]
    ours = {i: predicted[j] for i, j in match(gold, predicted)}
    out = []
    for i, quote in enumerate(gold):
        if str(quote.get("speaker") or "unknown").strip().lower() != "unknown":
            continue
        name = resolutions.get((split, str(record["id"]), quote["start"], quote["end"]))
        if not name:
            continue
        mention = str(quote.get("speaker_mention") or "")
        chars = locate(doc.text, mention, quote["start"], quote["end"])
        span = doc.char_span(*chars, alignment_mode="expand") if chars else None
        said = ours.get(i)
        speaker = said.get("speaker") if said is not None else None
        out.append(Source(str(record["id"]), kind_of_mention(mention), mention, name, speaker and str(speaker),
                          said is not None, (span.start, span.end - 1) if span else None))
    return out


class Worker:
    """xrenner in its own interpreter, one article at a time over a pipe."""

    def __init__(self, python: str) -> None:
        self.process = subprocess.Popen(
            [python, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True)
        self.model_ms = float(json.loads(self._read())["model_ms"])

    def _read(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("xrenner's worker stopped; run bench/coref_xrenner_worker.py by "
                             "hand under the same interpreter to see why")
        return line

    def analyse(self, doc_id: str, conll: str) -> tuple[list[list], float, str]:
        """The article's markables, xrenner's CPU ms, and "failed", "retried" or ""."""
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"id": doc_id, "conll": conll}) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self._read())
        trouble = "failed" if "error" in answer else "retried" if "retried" in answer else ""
        return answer["mentions"], float(answer["ms"]), trouble

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=60)


def require_xrenner(python: str) -> None:
    """Stop with a plain message when ``python`` cannot import xrenner."""
    try:
        found = subprocess.run([python, "-c", "import xrenner"], capture_output=True,
                               timeout=120).returncode == 0
    except OSError:
        found = False
    if not found:
        raise SystemExit(
            f"xrenner is not importable by {python}: it is no dependency of wirewatch. Install it "
            "in a scratch virtualenv (docs/quotes-history.md, session 46, has the exact set-up) "
            "and pass that interpreter with --xrenner-python or $WIREWATCH_XRENNER_PYTHON.")


def xrenner_mentions(raw: Sequence[Sequence], order: Sequence[int]) -> list[Mention]:
    """The worker's markables with their tokens as doc indices (it counts CoNLL lines from 1)."""
    return [Mention(order[int(m[0]) - 1], order[int(m[1]) - 1], int(m[2]), bool(m[3]), str(m[4]))
            for m in raw]


@dataclass
class Tally:
    """Counts by kind of source, and the CPU each side spent."""

    counts: Counter
    ours_ms: float = 0.0
    xrenner_ms: float = 0.0
    articles: int = 0
    unaligned: int = 0
    trouble: Counter = field(default_factory=Counter)
    parted: list[str] = field(default_factory=list)

    def add(self, source: Source, theirs: str | None) -> None:
        c, kind = self.counts, source.kind
        c[kind, "n"] += 1
        c[kind, "located"] += source.tokens is not None
        if not source.found:
            c[kind, "xrenner ok, quote not found"] += speaker_ok(source.name, theirs)
            return
        ours, xr = speaker_ok(source.name, source.ours), speaker_ok(source.name, theirs)
        c[kind, "found"] += 1
        c[kind, "ours ok"] += ours
        c[kind, "xrenner ok"] += xr
        c[kind, "xrenner none"] += theirs is None
        c[kind, {(True, True): "both right", (False, False): "both wrong",
                 (True, False): "only ours right", (False, True): "only xrenner right"}[ours, xr]] += 1
        if ours != xr:
            self.parted.append(f"{source.article} {kind} {source.mention!r} meant {source.name!r}: ours "
                               f"{source.ours!r}, xrenner {theirs!r}")


def compare(split: str, records: Sequence[Mapping], docs: Sequence[Doc], worker: Worker,
            resolutions: Mapping[ResolutionKey, str | None]) -> Tally:
    """Both sides on every article of ``records`` (``docs`` their parses)."""
    from bench.polnear_eval import _statements
    from bot.cli.quotes import quote_record

    tally = Tally(Counter())
    for record, doc in zip(records, docs, strict=True):
        if doc.text != record["text"]:
            tally.unaligned += 1
            continue
        start = time.process_time()
        predicted = [quote_record(q) for q in _statements(doc, record["text"])]
        tally.ours_ms += (time.process_time() - start) * 1000
        start = time.process_time()
        conll = to_conll(doc)
        tally.xrenner_ms += (time.process_time() - start) * 1000
        raw, ms, trouble = worker.analyse(str(record["id"]), conll.text)
        tally.xrenner_ms += ms
        tally.articles += 1
        tally.trouble[trouble] += 1
        mentions = xrenner_mentions(raw, conll.tokens)
        for source in sources_of(split, record, doc, predicted, resolutions):
            theirs = chain_speaker(mentions, *source.tokens) if source.tokens else None
            tally.add(source, theirs)
    return tally


def report(tally: Tally, model_ms: float) -> Iterator[str]:
    """Accuracy of each side per kind, where they part, and the CPU per article."""
    c = tally.counts
    yield (f"{tally.articles} articles ({tally.unaligned} left out: text repaired before "
           f"parsing, offsets differ); xrenner analysed {tally.trouble['retried']} again without "
           f"its single-type-chain step, and failed on {tally.trouble['failed']} (no chains)")
    for kind in ("pronoun", "description", "empty"):
        n, found = c[kind, "n"], c[kind, "found"]
        if not n:
            continue
        yield (f"{kind:<12} sources {n}, located {c[kind, 'located']}, quote found by ours {found}: "
               f"ours {_ratio(c[kind, 'ours ok'], found)}, xrenner {_ratio(c[kind, 'xrenner ok'], found)}"
               f" (xrenner no name {c[kind, 'xrenner none']}); both right {c[kind, 'both right']}, "
               f"only ours {c[kind, 'only ours right']}, only xrenner {c[kind, 'only xrenner right']}, "
               f"both wrong {c[kind, 'both wrong']}; xrenner right where ours found no quote "
               f"{c[kind, 'xrenner ok, quote not found']} of {n - found}")
    per = max(1, tally.articles)
    yield (f"CPU per article: ours (whole quote stage) {tally.ours_ms / per:.1f} ms, xrenner "
           f"(conversion + analysis) {tally.xrenner_ms / per:.1f} ms; xrenner model load "
           f"{model_ms:.0f} ms once")


def _ratio(ok: int, n: int) -> str:
    return f"{ok / n:.3f} ({ok} of {n})" if n else "-"


def main(argv: Sequence[str] | None = None) -> Tally:
    args = _parser().parse_args(argv)
    require_xrenner(args.xrenner_python)
    path = args.data / "polnear_train.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} not found: give the folder holding it with --data")
    records = [r for r in load_jsonl(path) if in_part(str(r["id"]), args.part)][:args.limit]
    from bench.polnear_eval import parses
    from bot.ingest.spaces import read_given

    docs = parses([read_given(r["text"]).text for r in records], args.cache,
                  [r["text"] for r in records])
    worker = Worker(args.xrenner_python)
    try:
        tally = compare("train", records, docs, worker, load_resolutions(args.resolutions))
    finally:
        worker.close()
    print(f"PolNeAR train part {args.part}")
    for line in report(tally, worker.model_ms):
        print(line)
    if args.show:
        print("\n".join(tally.parted))
    return tally


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=PARTS, required=True)
    parser.add_argument("--data", type=Path, default=DATA,
                        help="folder with polnear_train.jsonl (default ../shared/dev)")
    parser.add_argument("--resolutions", type=Path, default=RESOLUTIONS)
    parser.add_argument("--cache", type=Path, help="a copy of the DocBin of train's parses")
    parser.add_argument("--limit", type=int, help="only the first N articles of the part")
    parser.add_argument("--show", action="store_true",
                        help="list every source where one side is right and the other wrong")
    parser.add_argument("--xrenner-python", default=os.environ.get(
        "WIREWATCH_XRENNER_PYTHON", sys.executable),
        help="an interpreter that can import xrenner (default $WIREWATCH_XRENNER_PYTHON)")
    return parser


if __name__ == "__main__":
    main()
