"""Quote extraction interpreted and compiled with mypyc, in one run (issue 14's cost).

Uses the shipped build (``bot/_compiled``, made by ``make`` or ``python -m
bot.nlp.compiled_build``; built first here when it is not current). Child processes run
``quotes_in_doc`` and ``statements`` over parsed articles, once with ``WIREWATCH_COMPILED=0`` and
once on the build, each timing its rounds in CPU time and writing every quote record (or the
error an article raised), which must be the same for both. Each round times ``extract_quotes`` as
the pipeline calls it (the stage row's figure) and, as this bench did up to session 50,
``quotes_in_doc`` with ``doc.text`` rebuilt inside the timed call (0.14 ms an article more on the
stage row's 60, for both builds alike).

    python -m bench.compiled_quotes [--rounds 3] [--pairs 2] [--cache DOCBIN ...]

The articles: the stage row's 60 bench-corpus articles (``ingest_throughput``), parsed once; or
with ``--cache``, every parse in each DocBin given (the lead's caches: their texts are read, never
printed unless --show).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from bot.models import ParsedArticle

ROOT = Path(__file__).resolve().parent.parent
KINDS = {"interpreted": "0", "compiled": "1"}
WAYS = {"ms": "extract_quotes(parsed), as the pipeline and the stage row call it (body at hand)",
        "ms_rebuilt": "quotes_in_doc(doc, text=doc.text), doc.text rebuilt in the timed call "
                      "(this bench's figure up to session 50)"}
"""What each child times, both in every round: the first is the stage row's call."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return _child(Path(args.child), args.rounds, KINDS[args.kind])
    from bot.nlp.compiled_build import build

    if build():
        return 1
    with tempfile.TemporaryDirectory(prefix="wwmypyc") as scratch:
        caches = [Path(c).resolve() for c in args.cache] or [_parse(Path(scratch))]
        return max(_compare(cache, Path(scratch), args.rounds, args.pairs, args.show) for cache in caches)


def _compare(cache: Path, scratch: Path, rounds: int, pairs: int, show: bool) -> int:
    runs: dict[str, dict[str, list[float]]] = {way: {kind: [] for kind in KINDS} for way in WAYS}
    records: dict[str, list[str]] = {}
    for _ in range(pairs):
        for kind in KINDS:
            timed, records[kind] = _run_child(kind, cache, scratch, rounds)
            for way in WAYS:
                runs[way][kind] += timed[way]
    print(f"{cache.name}: quote extraction, CPU ms per article (best of {rounds * pairs} "
          f"rounds, load {os.getloadavg()[0]:.1f}):")
    for way, label in WAYS.items():
        best = {kind: min(ms) for kind, ms in runs[way].items() if ms}
        if best:
            print(f"  {label}:")
        for kind, ms in runs[way].items():
            if ms:
                print(f"    {kind:12} {best[kind]:6.2f}   rounds {', '.join(f'{m:.2f}' for m in ms)}")
        if len(best) == len(KINDS):
            print(f"    compiled / interpreted {best['compiled'] / best['interpreted']:.3f}")
    first, second = records["interpreted"], records["compiled"]
    errors = sum(" ERROR " in line for line in first + second)
    differ = [(a, b) for a, b in zip(first, second, strict=False) if a != b]
    same = first == second
    print(f"  quote records {'identical' if same else 'DIFFER'} ({len(first)} lines, "
          f"{len(second)} compiled, {len(differ)} differ, {errors} errors)")
    for a, b in differ[:5]:
        if show:
            print(f"    interpreted: {a[:300]}\n    compiled:    {b[:300]}")
        else:
            print(f"    article {a.split()[0]} differs (--show prints the records)")
    return 0 if same and not errors else 1


def _parse(scratch: Path) -> Path:
    """The stage row's articles (``ingest_throughput``), parsed once for every child."""
    from spacy.tokens import DocBin

    from bench.corpus import generate
    from bot.config import load_settings
    from bot.ingest.clean import clean_article
    from bot.nlp.load import load_pipeline

    raws = list(generate(460, seed=11))[400:460]
    bodies = [clean_article(raw).body for raw in raws]
    nlp = load_pipeline(load_settings().spacy_model)
    DocBin(docs=list(nlp.pipe(bodies))).to_disk(scratch / "bench-corpus.spacy")
    return scratch / "bench-corpus.spacy"


def _run_child(kind: str, cache: Path, scratch: Path,
               rounds: int) -> tuple[dict[str, list[float]], list[str]]:
    env = dict(os.environ, PYTHONHASHSEED="0", WIREWATCH_COMPILED=KINDS[kind])
    out = scratch / f"{kind}.json"
    with out.open("w") as sink:
        subprocess.run([sys.executable, "-m", "bench.compiled_quotes", "--child", str(cache),
                        "--kind", kind, "--rounds", str(rounds)], cwd=ROOT, env=env, check=True,
                       stdout=sink)
    result = json.loads(out.read_text(encoding="utf-8"))
    return {way: [float(ms) for ms in result[way]] for way in WAYS}, list(result["records"])


def _child(cache: Path, rounds: int, setting: str) -> int:
    from spacy.tokens import DocBin

    from bot.config import load_settings
    from bot.nlp.compiled import current
    from bot.nlp.load import load_pipeline
    from bot.nlp.quotes import extract_quotes, quotes_in_doc
    from bot.nlp.quotes.statements import statements

    if current().compiled != (setting == "1"):
        sys.exit(f"asked for WIREWATCH_COMPILED={setting}, running {current().label}: "
                 f"{current().why}")
    nlp = load_pipeline(load_settings().spacy_model)
    docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    lines = []
    for number, doc in enumerate(docs):
        try:
            found = quotes_in_doc(doc, text=doc.text)
            lines += [f"{number} {q!r}" for q in found]
            lines += [f"{number} S {q!r}" for q in statements(doc, found, text=doc.text)]
        except Exception as error:  # a difference to show, not to stop on
            lines.append(f"{number} ERROR {type(error).__name__}: {error}")
    parsed = [_parsed(number, doc) for number, doc in enumerate(docs)] if rounds else []
    ms: dict[str, list[float]] = {way: [] for way in WAYS}
    for _ in range(rounds):
        start = time.process_time()
        for article in parsed:
            extract_quotes(article)
        ms["ms"].append((time.process_time() - start) * 1000 / len(docs))
        start = time.process_time()
        for doc in docs:
            quotes_in_doc(doc, text=doc.text)
        ms["ms_rebuilt"].append((time.process_time() - start) * 1000 / len(docs))
    json.dump({**ms, "records": lines}, sys.stdout)
    return 0


def _parsed(number: int, doc: Doc) -> ParsedArticle:
    """The article as the pipeline hands it to ``extract_quotes``: its body at hand, so the
    timed call does not rebuild ``doc.text`` (made here, outside the timed rounds)."""
    from bot.models import Article
    from bot.nlp.parse import parsed_from_doc

    return parsed_from_doc(Article(title="", body=doc.text, origin="bench",
                                   content_hash=str(number)), doc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.compiled_quotes",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed rounds in each child (0: the records only)")
    parser.add_argument("--pairs", type=int, default=2,
                        help="children of each kind, run in turn")
    parser.add_argument("--cache", action="append", default=[],
                        help="a DocBin of parses to run instead of the bench corpus (repeatable)")
    parser.add_argument("--show", action="store_true",
                        help="print the records that differ (never for a set not to be read)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--kind", choices=KINDS, help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
