"""Quote extraction alone (``extract_quotes``) on a fixed set of parsed articles: CPU ms per
article, and its ratio to spaCy's parse of the same articles.

With ``--against CHECKOUT`` (a worktree of another commit), the same parses go through that
checkout's code too: two worker processes, one per checkout, timed in turn round by round (the
order alternating), so a busy machine's load hits both alike; it prints the median of the
per-round ratios, and whether the two gave the same quotes. Wall-clock figures of runs made
minutes apart on a shared machine differ by more than most changes to the extraction.

    python -m bench.quote_cost                           # the synthetic corpus's 60 articles
    python -m bench.quote_cost --cache /tmp/p.spacy      # a parse cache's docs (bench.parse_cache)
    python -m bench.quote_cost --against /tmp/old --rounds 30
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ARTICLES, SEED, SKIPPED = 60, 11, 400
"""The articles ``bench.ingest_throughput quick`` profiles: the synthetic corpus's 401st-460th."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.worker is not None:
        _work(args.worker)
        return 0
    with tempfile.TemporaryDirectory(prefix="quote-cost-") as tmp:
        spacy_ms = _prepare(Path(tmp), args.cache, args.articles)
        trees = {"this": Path(__file__).resolve().parents[1]}
        if args.against is not None:
            trees["against"] = args.against.resolve()
        times, digests = _rounds(trees, Path(tmp), args.rounds)
    for name, tree in trees.items():
        ms = times[name]
        print(f"{name} ({tree}): {statistics.median(ms):.3f} ms an article (median of "
              f"{len(ms)} rounds, range {min(ms):.3f}-{max(ms):.3f})")
    if spacy_ms is not None:
        print(f"spaCy's parse of the same articles: {spacy_ms:.3f} ms an article; quotes / "
              f"spaCy {statistics.median(times['this']) / spacy_ms:.3f}")
    if "against" in trees:
        ratios = [a / b for a, b in zip(times["this"], times["against"], strict=True)]
        print(f"this / against: median {statistics.median(ratios):.3f} of per-round ratios "
              f"(range {min(ratios):.3f}-{max(ratios):.3f}); quotes "
              f"{'identical' if len(digests) == 1 else 'DIFFER'}")
    return 0


def _prepare(folder: Path, cache: Path | None, count: int) -> float | None:
    """Write the articles and their parses into ``folder``; spaCy's CPU ms an article when
    this run parsed them (not for a cache's)."""
    from spacy.tokens import DocBin

    from bot.config import load_settings
    from bot.nlp.load import load_pipeline

    nlp = load_pipeline(load_settings().spacy_model)
    spacy_ms = None
    if cache is not None:
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))[:count]
        records = [{"title": "", "body": d.text, "byline": None} for d in docs]
    else:
        from bench.corpus import generate
        from bot.ingest.clean import clean_article

        raws = list(generate(SKIPPED + count, seed=SEED))[SKIPPED:]
        articles = [clean_article(raw) for raw in raws]
        records = [{"title": a.title, "body": a.body, "byline": a.byline} for a in articles]
        list(nlp.pipe([a.body for a in articles[:4]]))
        began = time.thread_time()
        docs = list(nlp.pipe([a.body for a in articles]))
        spacy_ms = (time.thread_time() - began) * 1000 / len(docs)
    DocBin(docs=docs).to_disk(folder / "docs.spacy")
    (folder / "articles.json").write_text(json.dumps(records), encoding="utf-8")
    return spacy_ms


def _rounds(trees: dict[str, Path], folder: Path, rounds: int
            ) -> tuple[dict[str, list[float]], set[str]]:
    """Each checkout's ms an article in each round, and the digests of the quotes found."""
    workers = {name: subprocess.Popen(
        [sys.executable, __file__, "--worker", str(folder)], cwd=tree, text=True,
        env={**os.environ, "PYTHONPATH": str(tree)}, stdin=subprocess.PIPE,
        stdout=subprocess.PIPE) for name, tree in trees.items()}
    times: dict[str, list[float]] = {name: [] for name in trees}
    digests: set[str] = set()
    try:
        for number in range(rounds):
            names = list(trees) if number % 2 == 0 else list(reversed(trees))
            for name in names:
                worker = workers[name]
                assert worker.stdin is not None and worker.stdout is not None
                worker.stdin.write("run\n")
                worker.stdin.flush()
                answer = json.loads(worker.stdout.readline())
                times[name].append(answer["ms"])
                digests.add(answer["digest"])
    finally:
        for worker in workers.values():
            if worker.stdin is not None:
                worker.stdin.close()
            worker.wait()
    return times, digests


def _work(folder: Path) -> None:
    """A worker: the checkout's ``extract_quotes`` over every article, once per "run" line read,
    answering the CPU ms an article and a digest of the quotes (one untimed pass first)."""
    from spacy.tokens import DocBin

    from bot.config import load_settings
    from bot.models import Article, ParsedArticle
    from bot.nlp.load import load_pipeline
    from bot.nlp.quotes import extract_quotes

    vocab = load_pipeline(load_settings().spacy_model).vocab
    docs = list(DocBin().from_disk(folder / "docs.spacy").get_docs(vocab))
    records = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
    parsed = [ParsedArticle(Article(title=r["title"], body=r["body"], origin=f"bench/{n}",
                                    content_hash="", byline=r["byline"]), [], [], doc=doc)
              for n, (r, doc) in enumerate(zip(records, docs, strict=True))]

    def once() -> tuple[float, str]:
        began = time.thread_time()
        found = [extract_quotes(p) for p in parsed]
        seconds = time.thread_time() - began
        return seconds * 1000 / len(parsed), hashlib.sha256(repr(found).encode()).hexdigest()

    once()
    for line in sys.stdin:
        if line.strip() == "run":
            ms, digest = once()
            print(json.dumps({"ms": ms, "digest": digest}), flush=True)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, help="a checkout of another commit to compare")
    parser.add_argument("--cache", type=Path, help="a DocBin of parses to time instead")
    parser.add_argument("--articles", type=int, default=ARTICLES,
                        help=f"articles timed (default {ARTICLES}; a cache's first ones)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    return parser


if __name__ == "__main__":
    sys.exit(main())
