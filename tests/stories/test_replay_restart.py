"""A stream-clock pipeline started again on the database it filled goes on by the stream's
clock kept there: a replay split in two runs on one SQLite file makes the same stories, at the
same times, as one run (the stories' clock was the stage's, in memory, and an undated record
after the restart was placed at the stream's start, alone); a write taken back takes its time
back with it."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from bot.pipeline import Outcome, Pipeline, Status
from bot.replay import records, replay, replay_lines
from bot.stories import schedule
from storage.db import open_db
from tests.stories.test_replay_clock import DAM, archive, line

FERRY = line("ferry-0", "The Vellby ferry will not sail until its engine is repaired, the "
             "operator said. \"Passengers can use the coastal bus,\" said operator manager "
             "Ines Dalgaard.", "Vellby ferry out of service", None)
"""An undated record before any dated one: it has no time to take."""


def placed(path: Path) -> dict[str, str]:
    """Each record's time as its story placed it."""
    db = open_db(path)
    try:
        return dict(db.execute("SELECT a.origin, sf.seen_at FROM articles a "
                               "JOIN story_features sf ON sf.article_id = a.id").fetchall())
    finally:
        db.close()


def one_run(path: Path, settings, nlp, lines: list[str]) -> list[dict]:
    """The replay's lines, as ``wirewatch stories replay`` says them, on ``path`` (kept)."""
    db = open_db(path)
    stream = settings.with_overrides(db_path=path, story_stream_clock=True)
    pipeline = Pipeline(db, stream, nlp=nlp)
    try:
        return list(replay_lines(db, pipeline, lines))
    finally:
        pipeline.close()
        db.close()


def test_a_replay_split_in_two_runs_places_as_one_run(tmp_path, settings, nlp):
    """The second run begins at the bridge's undated rewrite: placed at the bridge's report's
    time, as in one run, it joins that story (not a story of its own in 1970)."""
    lines = archive()
    whole = list(replay(lines, db_path=tmp_path / "whole.db", settings=settings, nlp=nlp))
    split = tmp_path / "split.db"
    parts = one_run(split, settings, nlp, lines[:3]) + one_run(split, settings, nlp, lines[3:])
    assert parts == whole
    assert placed(split) == placed(tmp_path / "whole.db")


def test_a_restart_before_any_dated_record_still_starts_the_stream_alone(
        tmp_path, settings, nlp):
    """An undated record first in the database's stream and first after the restart: the
    database holds no time yet, so it is placed at the stream's start, as in one run."""
    lines = [FERRY, *archive()]
    whole = list(replay(lines, db_path=tmp_path / "whole.db", settings=settings, nlp=nlp))
    split = tmp_path / "split.db"
    parts = one_run(split, settings, nlp, []) + one_run(split, settings, nlp, lines)
    assert parts == whole
    assert placed(split)["ferry-0"] == schedule.STREAM_START.isoformat()


def test_a_record_whose_write_is_taken_back_does_not_move_the_clock(fresh_db, settings, nlp):
    """The bridge's report is stored, then its write is taken back (the caller's bookkeeping
    fails in its transaction: ``Pipeline.ingest``'s ``record``): the bridge's undated rewrite
    is placed at the last time the database holds, the dam's follow-up's, as in a run without
    the report; before, at the report's time, which the stage kept in memory."""
    failed: list[int] = []

    def record(position: int, outcome: Outcome) -> None:
        if position == 2 and not failed:
            failed.append(position)
            raise sqlite3.OperationalError("bookkeeping failed")

    stream = settings.with_overrides(story_stream_clock=True)
    pipeline = Pipeline(fresh_db, stream, nlp=nlp)
    try:
        outcomes = list(pipeline.ingest(records(archive()[:4]), record=record))
    finally:
        pipeline.close()
    assert [o.status for o in outcomes] == [Status.STORED, Status.STORED, Status.FAILED,
                                            Status.STORED]
    [placed_at] = fresh_db.execute(
        "SELECT sf.seen_at FROM articles a JOIN story_features sf ON sf.article_id = a.id "
        "WHERE a.origin = 'bridge-1'").fetchone()
    assert placed_at == (DAM + timedelta(hours=3)).isoformat()
