"""Quote extraction interpreted and compiled with mypyc, in one run (issue 14's cost).

Copies ``bot/`` to a scratch directory and compiles the quote and speaker modules there with
mypyc (``quotes/quoted.py``, a set subclass mypyc cannot make native, stays interpreted). The
stage row's 60 bench-corpus articles are parsed once; child processes then run
``quotes_in_doc`` over them, interpreted and compiled in turn, each timing its rounds in CPU
time and writing every quote record, which must be the same for both.

    python -m bench.compiled_quotes [--rounds 3] [--pairs 2] [--scratch DIR]

Needs a C compiler and Python's headers; compiling takes about three minutes on two cores
(``--scratch`` with a tree compiled before skips it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMPILED = ("bot/nlp/quotes", "bot/nlp/speakers")
INTERPRETED = {"bot/nlp/quotes/quoted.py"}
MYPY_CONFIG = """[mypy]
python_version = 3.11
explicit_package_bases = True
check_untyped_defs = True
ignore_missing_imports = True
"""
DOCS, TEXTS = "articles.spacy", "articles.json"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return _child(Path(args.child), args.rounds)
    scratch = Path(args.scratch) if args.scratch else Path(tempfile.mkdtemp(prefix="wwmypyc"))
    if not any(scratch.glob("bot/nlp/quotes/*.so")):
        _compile(scratch)
    _parse(scratch)
    runs: dict[str, list[float]] = {"interpreted": [], "compiled": []}
    records: dict[str, str] = {}
    for _ in range(args.pairs):
        for kind, tree in (("interpreted", ROOT), ("compiled", scratch)):
            ms, records[kind] = _run_child(kind, tree, scratch, args.rounds)
            runs[kind] += ms
    best = {kind: min(ms) for kind, ms in runs.items()}
    print(f"quote extraction, CPU ms per article (best of {args.rounds * args.pairs} rounds, "
          f"load {os.getloadavg()[0]:.1f}):")
    for kind, ms in runs.items():
        print(f"  {kind:12} {best[kind]:6.2f}   rounds {', '.join(f'{m:.2f}' for m in ms)}")
    print(f"  compiled / interpreted {best['compiled'] / best['interpreted']:.3f}")
    same = records["interpreted"] == records["compiled"]
    print(f"  quote records {'identical' if same else 'DIFFER'} "
          f"({records['interpreted'].count(chr(10))} lines)")
    return 0 if same else 1


def _compile(scratch: Path) -> None:
    """``bot/`` copied to ``scratch``, the quote and speaker modules built in place."""
    shutil.copytree(ROOT / "bot", scratch / "bot", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (scratch / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    modules = sorted(str(p.relative_to(scratch)) for folder in COMPILED
                     for p in (scratch / folder).glob("*.py"))
    modules = [m for m in modules if m not in INTERPRETED]
    print(f"compiling {len(modules)} modules with mypyc in {scratch}", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "mypyc", "--config-file", "mypy.ini", *modules],
                   cwd=scratch, check=True, stdout=subprocess.DEVNULL)


def _parse(scratch: Path) -> None:
    """The stage row's articles (``ingest_throughput``), parsed once for every child."""
    from spacy.tokens import DocBin

    from bench.corpus import generate
    from bot.config import load_settings
    from bot.ingest.clean import clean_article
    from bot.nlp.load import load_pipeline

    raws = list(generate(460, seed=11))[400:460]
    bodies = [clean_article(raw).body for raw in raws]
    nlp = load_pipeline(load_settings().spacy_model)
    DocBin(docs=list(nlp.pipe(bodies))).to_disk(scratch / DOCS)
    (scratch / TEXTS).write_text(json.dumps(bodies), encoding="utf-8")


def _run_child(kind: str, tree: Path, scratch: Path, rounds: int) -> tuple[list[float], str]:
    """One child with ``tree``'s ``bot/`` first on its path (the bench package from here)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), str(ROOT)]),
               PYTHONHASHSEED="0")
    out = scratch / f"{kind}.json"
    subprocess.run([sys.executable, "-m", "bench.compiled_quotes", "--child", str(scratch),
                    "--rounds", str(rounds)], cwd=tree, env=env, check=True,
                   stdout=out.open("w"))
    result = json.loads(out.read_text(encoding="utf-8"))
    return [float(ms) for ms in result["ms"]], str(result["records"])


def _child(scratch: Path, rounds: int) -> int:
    from spacy.tokens import DocBin

    from bot.config import load_settings
    from bot.nlp.load import load_pipeline
    from bot.nlp.quotes import quotes_in_doc
    from bot.nlp.quotes.statements import statements

    nlp = load_pipeline(load_settings().spacy_model)
    docs = list(DocBin().from_disk(scratch / DOCS).get_docs(nlp.vocab))
    texts = json.loads((scratch / TEXTS).read_text(encoding="utf-8"))
    lines = []
    for number, (doc, text) in enumerate(zip(docs, texts, strict=True)):
        found = quotes_in_doc(doc, text=text)
        lines += [f"{number} {q!r}" for q in found]
        lines += [f"{number} S {q!r}" for q in statements(doc, found, text=text)]
    ms = []
    for _ in range(rounds):
        start = time.process_time()
        for doc, text in zip(docs, texts, strict=True):
            quotes_in_doc(doc, text=text)
        ms.append((time.process_time() - start) * 1000 / len(docs))
    json.dump({"ms": ms, "records": "\n".join(lines) + "\n"}, sys.stdout)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.compiled_quotes",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds in each child")
    parser.add_argument("--pairs", type=int, default=2,
                        help="children of each kind, run in turn")
    parser.add_argument("--scratch", help="where to compile (reused if compiled already)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
