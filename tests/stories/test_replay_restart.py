"""A stream-clock pipeline started again on the database it filled goes on by the stream's
clock kept there: a replay split in two runs on one SQLite file makes the same stories, at the
same times, as one run (the stories' clock was the stage's, in memory, and an undated record
after the restart was placed at the stream's start, alone)."""

from __future__ import annotations

from pathlib import Path

from bot.pipeline import Pipeline
from bot.replay import replay, replay_lines
from bot.stories import schedule
from storage.db import open_db
from tests.stories.test_replay_clock import archive, line

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
