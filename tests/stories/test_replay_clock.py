"""A replay runs on the stream's clock, not the wall's: an undated record of an old archive is
placed with the records that came before it, a record dated a day and more after the previous
one keeps its own time, and what a replay makes does not depend on the day it is run."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.pipeline import Pipeline
from bot.replay import records, replay, result_line
from bot.stories import schedule
from bot.stories.retention import compact_story_data
from bot.stories.stage import StoryStage
from storage import stories as store
from storage.db import open_db

DAM = datetime(2011, 4, 4, 8, tzinfo=UTC)
BRIDGE = datetime(2011, 4, 28, 9, tzinfo=UTC)
LATER = BRIDGE + timedelta(hours=36)
"""The follow-up's time: more than a day (``schedule.FUTURE_SLACK``) after the record before."""
DAM_TEXT = ("Engineers at the Orvel reservoir opened two spillway gates after heavy rain "
            "raised the water to a record height. \"The dam itself is sound,\" said water "
            "board director Talia Brusk. Farms below the reservoir were told to move cattle.")
BRIDGE_TEXT = ("The Karsund toll bridge was shut to lorries after inspectors found rust on "
               "two of its cables. \"Cars can still cross while we measure the damage,\" said "
               "roads agency engineer Omar Feldt. Hauliers face a detour of ninety kilometres.")


def line(ident: str, text: str, title: str, when: datetime | None) -> str:
    record = {"id": ident, "title": title, "text": text}
    return json.dumps(record | ({"time": when.isoformat()} if when else {}))


def archive() -> list[str]:
    """Two events weeks apart; the second's rewrite has no date, its follow-up comes late."""
    return [
        line("dam-0", DAM_TEXT, "Spillway gates opened at Orvel dam", DAM),
        line("dam-1", DAM_TEXT + " The gates stayed open through the night.",
             "Orvel dam gates stay open", DAM + timedelta(hours=3)),
        line("bridge-0", BRIDGE_TEXT, "Karsund bridge closed to lorries", BRIDGE),
        line("bridge-1", BRIDGE_TEXT + " Officials would not say when it might reopen.",
             "Lorries barred from Karsund bridge", None),
        line("bridge-2", "The Karsund toll bridge stays shut to lorries while inspectors "
             "replace two rusted cables, roads agency engineer Omar Feldt said. \"The "
             "repairs will take six weeks,\" Feldt said. Hauliers still face the long detour.",
             "Karsund bridge repairs to take six weeks", LATER),
    ]


def stories_of(lines: list[dict]) -> dict[str, int]:
    return {row["id"]: row["story"] for row in lines}


def seen_at(db, origin: str) -> str | None:
    article_id = db.execute("SELECT id FROM articles WHERE origin = ?", [origin]).fetchone()[0]
    place = store.story_of(db, article_id)
    return place.seen_at if place else None


def test_an_undated_record_joins_the_story_it_arrived_with(tmp_path, settings, nlp):
    path = tmp_path / "replay.db"
    by_id = stories_of(list(replay(archive(), db_path=path, settings=settings, nlp=nlp)))
    assert by_id["dam-0"] == by_id["dam-1"]
    assert by_id["bridge-0"] == by_id["bridge-1"] == by_id["bridge-2"]
    assert by_id["dam-0"] != by_id["bridge-0"]
    db = open_db(path)
    try:
        assert seen_at(db, "bridge-1") == BRIDGE.isoformat()
        assert seen_at(db, "bridge-2") == LATER.isoformat()
    finally:
        db.close()


def test_the_wall_clock_does_not_place_a_replayed_record(fresh_db, settings, nlp):
    stream = settings.with_overrides(story_stream_clock=True)
    stage = StoryStage.from_settings(stream)
    pipeline = Pipeline(fresh_db, stream, nlp=nlp, stories=stage)
    try:
        lines = [result_line(fresh_db, outcome) for outcome in pipeline.ingest(records(archive()))]
    finally:
        pipeline.close()
    ahead = LATER + timedelta(days=3)
    for wall in (BRIDGE, LATER, datetime.now(UTC), datetime(2090, 1, 1, tzinfo=UTC)):
        assert stage.times(None, now=wall) == (LATER.isoformat(), None)
        assert stage.times(ahead.isoformat(), now=wall) == (ahead.isoformat(), None)
    assert len(set(stories_of(lines).values())) == 2


def test_an_undated_record_before_any_dated_one_does_not_move_the_streams_clock(
        tmp_path, settings, nlp):
    """It has no time to take: it is placed at the stream's start, alone, and the undated
    record later still sits with the records it came with."""
    path = tmp_path / "replay.db"
    first = line("ferry-0", "The Vellby ferry will not sail until its engine is repaired, the "
                 "operator said. \"Passengers can use the coastal bus,\" said operator manager "
                 "Ines Dalgaard.", "Vellby ferry out of service", None)
    by_id = stories_of(list(replay([first, *archive()], db_path=path, settings=settings,
                                   nlp=nlp)))
    assert by_id["bridge-0"] == by_id["bridge-1"] != by_id["ferry-0"]
    db = open_db(path)
    try:
        assert seen_at(db, "ferry-0") == schedule.STREAM_START.isoformat()
        assert seen_at(db, "bridge-1") == BRIDGE.isoformat()
    finally:
        db.close()


def test_retention_on_a_replay_counts_from_the_streams_latest_record(tmp_path, settings, nlp):
    """The dam's story closed more than 14 days (and its open hours) before the bridge's
    records: only it is compacted, however far the wall clock is past the archive."""
    path = tmp_path / "replay.db"
    by_id = stories_of(list(replay(archive(), db_path=path, settings=settings, nlp=nlp)))
    db = open_db(path)
    try:
        kept = settings.with_overrides(db_path=path, story_stream_clock=True, story_data_days=14)
        done = compact_story_data(db, kept, now=datetime(2090, 1, 1, tzinfo=UTC))
        assert done is not None and done.stories == 1
        compacted = {row[0] for row in db.execute(
            "SELECT id FROM stories WHERE compacted_at IS NOT NULL")}
        assert compacted == {by_id["dam-0"]}
    finally:
        db.close()
