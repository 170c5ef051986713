"""The periodic queries at a busy year's size: each one's plan (EXPLAIN QUERY PLAN of every
statement it runs) and its time, on a scratch database of ``bench.busy_year`` with no
statistics, as a desk's database has them. A step that scans a table of the year is marked."""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import NamedTuple, TextIO

from sqlite_utils import Database

from bench.busy_year import SIZES, build, stamp
from bench.scale import scale_from
from bot.config import load_settings
from bot.desk_status import read_status
from bot.models.times import utc_time
from bot.slack.status import status_lines
from bot.who_said import who_said
from handlers.home_view import home_blocks
from storage.alerts import (
    count_failed,
    failed_alerts,
    pending_alerts,
    told_of,
    topic_events_between,
)
from storage.articles import shown_last_seen
from storage.db import open_db
from storage.digests import digest_strays_due
from storage.held_alerts import count_held, held_alerts
from storage.inbox import failed_by_source, pending
from storage.outbox_waiting import why_waiting
from storage.page_attempts import waiting_for_pages
from storage.quiet_feeds import entry_dates
from storage.retention import Cutoff, closed_stories
from storage.sources import entry_seen, seen_at_link, words_under_title
from storage.stories import candidate_stories, fold_postings, fold_story, list_stories
from storage.strays import strays_due
from storage.subscriptions import digest_subscriptions
from storage.topics import recent_stories, topics_last_seen

NAME = "query_plans"
BIG = ("alerts", "articles", "story_articles", "quotes", "entities", "inbox", "feed_entries",
       "stories", "story_topics", "story_index", "story_features")
"""Tables that grow with the year: a SCAN of one is a full read of it."""
ALIAS = re.compile(r"\b(?:FROM|JOIN)\s+(\w+)\s+(?:AS\s+)?(\w+)", re.IGNORECASE)
RUNS = 7
SLOW_MS = 5.0
"""A plan can read as a search yet match most rows (``status = 'sent'``): the time tells."""
NOW = stamp(0)

Work = Callable[[Database], object]
QUERIES: list[tuple[str, Work]] = [
    ("sender: next alert a channel", lambda db: pending_alerts(db)),
    ("sender: stray watches due", lambda db: strays_due(db, now=NOW, limit=3)),
    ("sender: digest strays due", lambda db: digest_strays_due(db, now=NOW, limit=3)),
    ("sender: held alerts", lambda db: held_alerts(db, said="ratelimited")),
    ("sender: held counted", lambda db: count_held(db, said="ratelimited")),
    ("digests: subscriptions", lambda db: digest_subscriptions(db)),
    ("digests: a topic's day", lambda db: topic_events_between(db, 7, stamp(1), NOW)),
    ("digests: told of a story", lambda db: told_of(db, 4_990, "C00000007")),
    ("worker: inbox due", lambda db: pending(db, limit=32)),
    ("feeds: entry seen", lambda db: entry_seen(db, 7, key="k7-1500", read_as="Entry 1500")),
    ("feeds: seen at link", lambda db: seen_at_link(db, 7, "https://feeds7.example/a/1500")),
    ("feeds: words under a title", lambda db: words_under_title(
        db, 7, title="Entry 1500", since=_now() - timedelta(days=3))),
    ("feeds: entry dates", lambda db: entry_dates(db, 7, since=stamp(2))),
    ("feeds: pages waited for", lambda db: waiting_for_pages(db)),
    ("retention: closed stories", lambda db: closed_stories(db, Cutoff(stamp(60), stamp(60)))),
    ("story stage: candidates", lambda db: candidate_stories(
        db, [f"l:w{k}" for k in range(0, 300, 10)], since=stamp(2))),
    ("status: why waiting", lambda db: why_waiting(db, now=NOW)),
    ("status: failed counted", lambda db: count_failed(db)),
    ("status: whole read", lambda db: read_status(db, now=_now())),
    ("status: /wirewatch status, an admin's", lambda db: status_lines(
        db, load_settings(), errors=True)),
    ("status: inbox failed by source", lambda db: failed_by_source(db)),
    ("home: failed alerts of three", lambda db: failed_alerts(
        db, targets=["C00000001", "C00000002", "U00000003"])),
    ("home: a person's App Home", lambda db: home_blocks(db, "U00000003")),
    ("stories list", lambda db: list_stories(db)),
    ("topic: recent stories", lambda db: recent_stories(db, 7)),
    ("who-said: a speaker", lambda db: who_said(db, "from: Speaker 77")),
    ("who-said: words", lambda db: who_said(db, "quoted words 500")),
    ("story stage: a story folded into another", lambda db: _undone(db, _fold)),
]
BEFORE: list[tuple[str, Work, Work]] = [
    ("App Home: each topic's last news", lambda db: db.execute(
        f"SELECT st.topic_id, coalesce({shown_last_seen('s')}, s.created_at), "
        "max(coalesce(s.last_seen, s.created_at)) FROM story_topics st "
        "JOIN stories s ON s.id = st.story_id GROUP BY st.topic_id").fetchall(),
     topics_last_seen),
    ("status: the five latest failed alerts", lambda db: db.execute(
        "SELECT id, story_id, channel, last_error, created_at FROM alerts INDEXED BY "
        "idx_alerts_status_next_attempt_at WHERE status = 'failed' ORDER BY id DESC LIMIT 5"
    ).fetchall(), lambda db: failed_alerts(db, limit=5)),
    ("fold: the later story's index postings", lambda db: _undone(db, _old_postings),
     lambda db: _undone(db, lambda d: fold_postings(d, **_fold_pair(d)))),
]
"""Session 56's rewrites, each as it was (its statements, or the plan a hint gives back) and as
it is, timed on the same file in the same run."""


def _now() -> datetime:
    return utc_time(NOW)


def _fold_pair(db: Database) -> dict[str, int]:
    """The newest story, folded into one five older: both still have their matching data."""
    later = db.execute("SELECT max(id) FROM stories").fetchone()[0]
    return {"later": later, "into": later - 5}


def _fold(db: Database) -> None:
    fold_story(db, **_fold_pair(db), by=1, now=NOW)


def _old_postings(db: Database) -> None:
    """A fold's postings as they were moved before session 56: by the story alone."""
    pair = _fold_pair(db)
    db.execute("INSERT INTO story_index (key, story_id, last_seen) SELECT key, ?, last_seen "
               "FROM story_index WHERE story_id = ? ON CONFLICT(key, story_id) "
               "DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)",
               [pair["into"], pair["later"]])
    db.execute("DELETE FROM story_index WHERE story_id = ?", [pair["later"]])


def _undone(db: Database, work: Work) -> None:
    """``work``'s writes rolled back, so each run finds the file as the year left it."""
    db.conn.execute("SAVEPOINT undone")
    try:
        work(db)
    finally:
        db.conn.execute("ROLLBACK TO undone")
        db.conn.execute("RELEASE undone")


def compare(db: Database, *, out: TextIO = sys.stdout) -> dict[str, tuple[float, float]]:
    """Each of ``BEFORE`` as it was and as it is: median CPU ms of each, alternated run by
    run."""
    found = {}
    print(f"\nbefore and after, on this file (median CPU ms of {RUNS}, alternated):", file=out)
    for name, was, now in BEFORE:
        runs = [(_once(db, was), _once(db, now)) for _ in range(RUNS)]
        before, after = (statistics.median(ms) for ms in zip(*runs, strict=True))
        found[name] = (before, after)
        print(f"  {before:9.2f} -> {after:6.2f}  ({before / max(after, 1e-6):7.1f}x)  {name}",
              file=out)
    return found


def statements(db: Database, work: Work) -> list[str]:
    """The statements ``work`` runs, each once, in order."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        work(db)
    finally:
        db.conn.set_trace_callback(None)
    wanted = [s for s in seen if s.lstrip().upper().startswith(("SELECT", "WITH", "UPDATE",
                                                                  "DELETE", "INSERT"))]
    return list(dict.fromkeys(wanted))


def plan(db: Database, sql: str) -> list[str]:
    return [row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()]


def full_scans(sql: str, steps: Sequence[str]) -> list[str]:
    """Steps that read a table of the year whole (a covering index read whole counts too:
    ``count(*)``), a table read by an alias included; not an index read in order that the
    statement's LIMIT stops (no sort of the rows read before it)."""
    aliases = {alias: table for table, alias in ALIAS.findall(sql) if table in BIG}
    stopped = " LIMIT " in sql.upper() and not any("TEMP B-TREE FOR ORDER" in s for s in steps)
    return [step for step in steps if step.startswith("SCAN ")
            and aliases.get(step.split()[1], step.split()[1]) in BIG
            and not (stopped and " USING INDEX " in step)]


def _once(db: Database, work: Work) -> float:
    """CPU ms of one call (SQLite works in this process): a loaded machine stretches wall
    time by more than most of the differences compared."""
    began = time.process_time()
    work(db)
    return (time.process_time() - began) * 1000


def timed(db: Database, work: Work) -> float:
    """Median milliseconds of ``RUNS`` calls."""
    took = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work(db)
        took.append((time.perf_counter() - began) * 1000)
    return statistics.median(took)


def audit(db: Database, *, out: TextIO = sys.stdout) -> dict[str, Audited]:
    """Print each query's plan and time; return each one's time and full scans."""
    found = {}
    for name, work in QUERIES:
        ms = timed(db, work)
        scans: list[tuple[str, str]] = []
        print(f"\n== {name}: {ms:.2f} ms", file=out)
        for sql in statements(db, work):
            steps = plan(db, sql)
            whole = full_scans(sql, steps)
            scans += [(sql, step) for step in whole]
            print(f"  {' '.join(sql.split())[:160]}", file=out)
            for step in steps:
                mark = "  <-- full scan" if step in whole else ""
                print(f"      {step}{mark}", file=out)
        found[name] = Audited(ms, scans)
    return found


class Audited(NamedTuple):
    """A query's median time, and each (statement, step) of it that reads a table whole."""

    ms: float
    scans: list[tuple[str, str]]


def main(argv: Sequence[str] | None = None) -> None:
    scale = scale_from(argv, name=NAME, doc=__doc__, scales=SIZES)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "year.db")
        began = time.perf_counter()
        build(db, **SIZES[scale])
        print(f"built {SIZES[scale]} in {time.perf_counter() - began:.0f} s")
        found = audit(db)
        compare(db)
        db.close()
    print(f"\nsummary (median ms of {RUNS}; full scans of a year's table; SLOW: over "
          f"{SLOW_MS} ms, as a search by an index that matches most of a table is):")
    for name, (ms, scans) in found.items():
        whole = ", ".join(step for _, step in scans)
        print(f"  {ms:9.2f}  {name}{'  SLOW' if ms > SLOW_MS else ''}"
              f"{'  SCANS ' + whole if whole else ''}")


if __name__ == "__main__":
    main()
