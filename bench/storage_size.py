"""The database a stream leaves behind, without and with the compaction of closed stories.

Usage: .venv/bin/python -m bench.storage_size [STREAM.jsonl] [--cache PARSES.spacy]
       [--days 14] [--every 100]
Replays the stream (as bench.stories_eval does, gold fields stripped, on the stream's clock)
twice into files: once as is, once compacting stories closed more than DAYS days after every
EVERY articles (as `wirewatch run` does hourly). Prints each file's size, its size per article
and its largest tables and indexes (SQLite's dbstat), and whether the two replays gave the same
verdicts. It never prints or scores a verdict.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.stories_eval import GOLD_FIELDS, CachedParses, default_stream
from bot.config import Settings, load_settings
from bot.pipeline import Pipeline
from bot.replay import records, result_line
from bot.stories.retention import compact_story_data
from storage.db import open_db

MATCHING = ("story_features", "story_index", "story_index_recent", "story_meaning")
TOP = 14


@dataclass(frozen=True)
class Replayed:
    """One replay's file and what it left."""

    verdicts: str
    size: int
    free: int
    tables: dict[str, int]
    compacted: int
    longest: float


def replay_into(path: Path, lines: list[str], settings: Settings, parses: Any,
                *, every: int) -> Replayed:
    """Replay into ``path``; with ``every`` > 0, compact after every that many articles."""
    db = open_db(path)
    pipeline = Pipeline(db, settings, nlp=parses)
    digest, longest = hashlib.sha256(), 0.0
    try:
        for n, line in enumerate(_results(db, pipeline, lines), 1):
            digest.update(json.dumps(line, sort_keys=True).encode())
            if every and n % every == 0:
                started = time.monotonic()
                compact_story_data(db, settings)
                longest = max(longest, time.monotonic() - started)
    finally:
        pipeline.close()
    if every:
        compact_story_data(db, settings)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = db.execute("PRAGMA page_size").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0] * page
    tables = dict(db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    compacted = db.execute("SELECT count(compacted_at) FROM stories").fetchone()[0]
    db.close()
    return Replayed(digest.hexdigest(), path.stat().st_size, free, tables, compacted, longest)


def _results(db, pipeline: Pipeline, lines: list[str]) -> Iterator[dict]:
    for outcome in pipeline.ingest(records(lines)):
        yield result_line(db, outcome)


def _mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB"


def report(plain: Replayed, compacted: Replayed, articles: int, days: float) -> None:
    for name, run in (("without compaction", plain), (f"compaction at {days:g} days", compacted)):
        used = run.size - run.free
        print(f"{name}: file {_mb(run.size)} ({_mb(run.free)} free pages), "
              f"{used / articles / 1e3:.1f} KB per article in use; "
              f"{run.compacted} stories compacted; longest compaction {run.longest:.2f} s")
    names = sorted(plain.tables, key=lambda n: -plain.tables[n])[:TOP]
    names += [n for n in MATCHING if n in plain.tables and n not in names]
    for name in names:
        print(f"  {name:32} {_mb(plain.tables[name]):>10} -> "
              f"{_mb(compacted.tables.get(name, 0)):>10}")
    same = "identical" if plain.verdicts == compacted.verdicts else "DIFFERENT"
    print(f"verdicts with and without compaction: {same}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stream", nargs="?", type=Path, default=None)
    parser.add_argument("--cache", type=Path, help="DocBin of the stream's spaCy parses.")
    parser.add_argument("--days", type=float, default=14.0)
    parser.add_argument("--every", type=int, default=100)
    args = parser.parse_args(argv)
    stream = args.stream or default_stream()
    rows = [json.loads(line) for line in stream.open(encoding="utf-8") if line.strip()]
    lines = [json.dumps({k: v for k, v in r.items() if k not in GOLD_FIELDS}) for r in rows]
    from bot.nlp.load import load_pipeline

    settings = load_settings().with_overrides(nlp_processes=0, story_stream_clock=True,
                                              story_data_days=args.days)
    nlp = load_pipeline(settings.spacy_model)
    parses: Any = CachedParses(nlp, args.cache, lines) if args.cache else nlp
    with tempfile.TemporaryDirectory() as tmp:
        plain, compacted = (replay_into(Path(tmp) / f"{name}.db", lines,
                            settings.with_overrides(db_path=Path(tmp) / f"{name}.db"), parses,
                            every=every)
                for name, every in (("plain", 0), ("compacted", args.every)))
    if isinstance(parses, CachedParses):
        parses.save()
    print(f"stream: {stream} ({len(lines)} articles)")
    report(plain, compacted, articles=len(lines), days=args.days)


if __name__ == "__main__":
    main()
