"""Closed stories lose what only the matching reads and keep what people search: over a stream
of 60 days, the stories closed more than N days are compacted, open ones untouched, and lookups,
timelines and later verdicts are as before."""

from __future__ import annotations

import json
import logging
import sqlite3
from datetime import UTC, datetime, timedelta

from click.testing import CliRunner

from bot.cli import cli
from bot.models import SentenceContent, StoryEntry, VerdictKind
from bot.pipeline import Pipeline
from bot.replay import records, result_line
from bot.runner import Runner
from bot.source_notices import queue_notices
from bot.stories.retention import compact_story_data, open_hours
from bot.stories.split import split_article
from bot.who_said import who_said
from storage import stories as store
from storage.alerts import mark_sent
from storage.db import transaction
from storage.retention import Cutoff, compact
from storage.sources import add_source, record_failure, record_success
from storage.timeline import story_timeline

START = datetime(2016, 3, 1, 8, tzinfo=UTC)
EVENTS = [
    ("Pier closed after crack found in pilings",
     "Harbour officials in Quillport closed the north pier on Monday after divers found a "
     "crack in its pilings. \"We will not reopen the pier before the inspection ends,\" said "
     "harbour master Lena Okafor. Fishing boats were moved to the south basin."),
    ("Orchestra cancels winter tour over funding gap",
     "The Valmora Symphony Orchestra cancelled its winter tour of six cities on Tuesday, "
     "citing a funding gap of two million crowns. \"Nobody in this building wanted this "
     "outcome,\" said conductor Piet Anselm. Ticket holders will be refunded."),
    ("Glassworks strike enters second week",
     "Workers at the Brenholt glassworks stayed out for an eighth day on Wednesday as talks "
     "over night-shift pay stalled. \"The furnaces cannot stay cold much longer,\" said union "
     "steward Mara Kesting. The company has offered a three percent rise."),
    ("Rail bridge over Tessel river to be replaced",
     "The national rail agency will replace the 90-year-old bridge over the Tessel river "
     "near Ostgrave, it said on Thursday. \"Trains will run on a temporary span for two "
     "years,\" said project director Hugo Lindqvist. Work starts in May."),
    ("Wildfire near Carrow forces evacuation of farms",
     "A wildfire in the hills above Carrow forced the evacuation of 40 farms on Friday as "
     "winds pushed the flames east. \"The next twelve hours decide everything,\" said fire "
     "chief Ines Barrow. Two water bombers arrived from the coast."),
    ("Museum returns bronze heads to Emberland",
     "The Hallam Museum handed back twelve bronze heads to Emberland on Saturday at a "
     "ceremony in its courtyard. \"These heads are going home where they belong,\" said "
     "museum director Colm Fairley. They were taken from a palace in 1897."),
    ("Lindau council approves tram extension",
     "Lindau city council voted 31 to 12 on Monday to extend the tram line to the "
     "airport. \"Thirty years of waiting end tonight,\" said councillor Ruth Adebayo. "
     "The line should open in 2020."),
    ("Dairy cooperative recalls cheese over listeria",
     "The Marren Valley dairy cooperative recalled three soft cheeses on Tuesday after "
     "listeria was found at its plant. \"We are checking every batch from the last month,\" "
     "said quality manager Sven Ilic. No illness has been reported."),
]
DAYS = [0, 8, 16, 24, 32, 40, 52, 59]
"""The events' days: with quiet hours 36 and 14 days, the first six are closed long enough."""
REWRITE = " A spokesperson repeated the statement in the afternoon."


def stream() -> list[str]:
    """Each event's first report at 08:00 of its day, and a rewrite of it three hours later."""
    lines = []
    for number, ((title, text), day) in enumerate(zip(EVENTS, DAYS, strict=True)):
        first = START + timedelta(days=day)
        for part, (when, body) in enumerate([(first, text),
                                             (first + timedelta(hours=3), text + REWRITE)]):
            lines.append(json.dumps({"id": f"e{number}-{part}", "time": when.isoformat(),
                                     "title": title, "text": body}))
    return lines


def ingest(db, settings, nlp, lines: list[str], *, stream_clock: bool = True) -> list[dict]:
    pipeline = Pipeline(db, settings.with_overrides(story_stream_clock=stream_clock), nlp=nlp)
    try:
        return [result_line(db, outcome) for outcome in pipeline.ingest(records(lines))]
    finally:
        pipeline.close()


def matching_rows(db, story_id: int) -> dict[str, int]:
    """How many rows of each matching-only table the story has."""
    articles = [r[0] for r in db.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ?", [story_id])]
    marks = ",".join("?" * len(articles))
    return {
        "features": db.execute("SELECT count(*) FROM story_features WHERE story_id = ?",
                               [story_id]).fetchone()[0],
        "postings": db.execute("SELECT count(*) FROM story_index WHERE story_id = ?",
                               [story_id]).fetchone()[0],
        "vectors": db.execute(f"SELECT count(*) FROM story_meaning WHERE article_id IN ({marks})",
                              articles).fetchone()[0],
    }


def give_vectors(db) -> None:
    """A meaning vector for every article, as the embedding stage would keep."""
    with transaction(db):
        for article_id, seen_at in db.execute(
                "SELECT article_id, seen_at FROM story_features").fetchall():
            store.add_meaning(db, article_id=article_id, seen_at=seen_at, vector=b"\0" * 16)


def stories_by_event(lines: list[dict]) -> list[int]:
    by_id = {line["id"]: line["story"] for line in lines}
    return [by_id[f"e{n}-0"] for n in range(len(EVENTS))]


def test_closed_stories_lose_their_matching_rows_and_open_ones_keep_them(
        fresh_db, settings, nlp):
    verdicts = ingest(fresh_db, settings, nlp, stream())
    stories = stories_by_event(verdicts)
    assert len(set(stories)) == len(EVENTS)
    assert all(line["story"] == stories[int(line["id"][1])] for line in verdicts)
    give_vectors(fresh_db)
    before = {s: matching_rows(fresh_db, s) for s in stories}
    assert all(min(rows.values()) > 0 for rows in before.values())

    stream_settings = settings.with_overrides(story_stream_clock=True, story_data_days=14)
    done = compact_story_data(fresh_db, stream_settings)
    assert done is not None
    assert (done.stories, done.articles) == (6, 12)
    assert done.vectors == 12
    for story_id in stories[:6]:
        assert matching_rows(fresh_db, story_id) == {"features": 0, "postings": 0, "vectors": 0}
    for story_id in stories[6:]:
        assert matching_rows(fresh_db, story_id) == before[story_id]
    again = compact_story_data(fresh_db, stream_settings)
    assert again is not None and again.stories == 0

    pier = stories[0]
    answer = who_said(fresh_db, "not reopen the pier before the inspection")
    assert answer.hits and answer.hits[0].speaker == "Lena Okafor"
    place = store.story_of(fresh_db, answer.hits[0].article_id)
    assert place is not None and place.story_id == pier and place.seen_at is None
    timeline = story_timeline(fresh_db, pier)
    assert timeline is not None and len(timeline.entries) == 2
    assert [e.title for e in timeline.entries] == [EVENTS[0][0]] * 2

    old_last_seen = fresh_db.execute("SELECT last_seen FROM stories WHERE id = ?",
                                     [pier]).fetchone()[0]
    with transaction(fresh_db):
        moved = split_article(fresh_db, timeline.entries[1].article_id)
    split = fresh_db.execute("SELECT last_seen, summary FROM stories WHERE id = ?",
                             [moved.new_story]).fetchone()
    assert split[0] == old_last_seen and json.loads(split[1])
    shrunk = story_timeline(fresh_db, pier)
    assert shrunk is not None and shrunk.article_count == 1


def test_after_compaction_a_rewrite_joins_its_recent_story_and_news_starts_a_new_one(
        fresh_db, settings, nlp):
    stories = stories_by_event(ingest(fresh_db, settings, nlp, stream()))
    compact_story_data(fresh_db, settings.with_overrides(story_stream_clock=True))
    title, text = EVENTS[-1]
    last = START + timedelta(days=DAYS[-1])
    title_new, text_new = ("Ferry operator orders two electric boats",
                           "The Sundby ferry company ordered two electric ferries from a "
                           "shipyard in Kalmar on Wednesday, its chief executive said. They "
                           "will enter service in 2018.")
    later = [json.dumps({"id": "late-rewrite", "time": (last + timedelta(hours=6)).isoformat(),
                         "title": title, "text": text + " Officials gave no further details."}),
             json.dumps({"id": "late-new", "time": (last + timedelta(hours=7)).isoformat(),
                         "title": title_new, "text": text_new})]
    rewrite, new = ingest(fresh_db, settings, nlp, later)
    assert rewrite["story"] == stories[-1] and rewrite["verdict"] in ("update", "duplicate")
    assert new["verdict"] == "new" and new["story"] not in stories


def test_the_desks_clock_keeps_what_it_saw_recently(fresh_db, settings, nlp):
    """Old news ingested live today: every story is new to the desk, so nothing is dropped
    until the desk has been past them for the same margin too."""
    stories = stories_by_event(ingest(fresh_db, settings, nlp, stream(), stream_clock=False))
    live = settings.with_overrides(story_data_days=14)
    now = datetime.now(UTC)
    today = compact_story_data(fresh_db, live, now=now)
    assert today is not None and today.stories == 0
    assert all(matching_rows(fresh_db, s)["features"] == 2 for s in stories)
    past = timedelta(days=14, hours=open_hours(live) + 1)  # the running-story lookup's 72 h
    sooner = compact_story_data(fresh_db, live, now=now + past - timedelta(hours=2))
    assert sooner is not None and sooner.stories == 0
    later = compact_story_data(fresh_db, live, now=now + past)
    assert later is not None and later.stories == 6


def test_zero_days_keeps_everything(fresh_db, settings, nlp):
    stories = stories_by_event(ingest(fresh_db, settings, nlp, stream()))
    keep = settings.with_overrides(story_stream_clock=True, story_data_days=0)
    assert compact_story_data(fresh_db, keep, now=datetime.now(UTC) + timedelta(days=999)) is None
    assert all(matching_rows(fresh_db, s)["features"] == 2 for s in stories)
    result = CliRunner().invoke(cli, ["--db", str(settings.db_path), "db", "compact",
                                      "--days", "0"])
    assert result.exit_code == 0 and "--days is 0: everything is kept" in result.output
    from_env = CliRunner().invoke(cli, ["--db", str(settings.db_path), "db", "compact"],
                               env={"WIREWATCH_STORY_DATA_DAYS": "0"})
    assert "WIREWATCH_STORY_DATA_DAYS is 0: everything is kept" in from_env.output


def test_vacuum_gives_the_compacted_pages_back_to_the_disk(db_path, fresh_db):
    archive(fresh_db, 400, hours=3)  # 50 days: --days 1 keeps the fallback's last 14
    compacted = CliRunner().invoke(cli, ["--db", str(db_path), "db", "compact", "--days", "1"])
    assert compacted.exit_code == 0, compacted.output
    assert "stop wirewatch run and run: wirewatch db vacuum" in compacted.output
    before = db_path.stat().st_size
    result = CliRunner().invoke(cli, ["--db", str(db_path), "db", "vacuum"])
    assert result.exit_code == 0, result.output
    after = db_path.stat().st_size
    assert after < before / 2
    assert result.output == f"{db_path}: {before / 1e6:,.1f} MB -> {after / 1e6:,.1f} MB\n"


def archive(db, stories: int, *, hours: int = 1) -> list[int]:
    """Closed stories of two articles each, written straight into the story tables."""
    ids = []
    with transaction(db):
        for n in range(stories):
            seen = (START + timedelta(hours=n * hours)).isoformat(timespec="seconds")
            story_id = store.create_story(db, title=f"story {n}", summary=[], seen_at=seen,
                                          now=seen)
            ids.append(story_id)
            for part in range(2):
                article_id = db.table("articles").insert({
                    "content_hash": f"{n}-{part}", "title": f"story {n}", "body": "text",
                    "ingested_at": seen}).last_pk
                keys = [f"k{n}-{k}" for k in range(30)]
                store.add_to_story(db, StoryEntry(
                    story_id=story_id, article_id=article_id, verdict=VerdictKind.NEW,
                    whats_new=(), weights=dict.fromkeys(keys, 1.0), index_keys=keys,
                    headline_names=[], seen_at=seen,
                    sentences=[SentenceContent(("word",), (), False, None)] * 20), now=seen)
    return ids


def test_compaction_lets_another_connection_write_between_every_two_batches(db_path, fresh_db):
    """Each batch is its own transaction, so a writer that cannot wait at all still gets in
    between two batches: the run's other work never waits for the whole compaction."""
    ids = archive(fresh_db, 400)
    writer = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    writes: list[int] = []

    def write_between_batches() -> bool:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO feature_df (key, n) VALUES ('w', 1) "
                       "ON CONFLICT(key) DO UPDATE SET n = n + 1")
        writer.execute("COMMIT")
        writes.append(1)
        return False

    done = compact(fresh_db, Cutoff("2100-01-01", None), now="2100-01-01", batch=20, pause=0,
                   stopping=write_between_batches)
    writer.close()
    assert done.stories == len(ids) and done.postings == 30 * len(ids)
    assert len(writes) == len(ids) // 20
    assert fresh_db.execute("SELECT n FROM feature_df WHERE key = 'w'").fetchone()[0] == len(writes)
    assert fresh_db.execute("SELECT count(*) FROM story_features").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM story_index").fetchone()[0] == 0
    assert fresh_db.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 800


def test_a_stop_ends_compaction_between_two_batches_and_the_next_goes_on(fresh_db):
    """`wirewatch run` stopping waits for the compaction job: it must not wait for every batch
    of a large first compaction (minutes on a year of stories)."""
    archive(fresh_db, 30)
    asked: list[int] = []

    def stopping() -> bool:
        asked.append(1)
        return True

    cut = compact(fresh_db, Cutoff("2100-01-01", None), now="2100-01-01", batch=10, pause=0,
                  stopping=stopping)
    assert (cut.stories, len(asked)) == (10, 1)
    rest = compact(fresh_db, Cutoff("2100-01-01", None), now="2100-01-01", batch=10, pause=0)
    assert rest.stories == 20
    assert fresh_db.execute("SELECT count(*) FROM stories WHERE compacted_at IS NULL"
                            ).fetchone()[0] == 0


def _three_closed_and_one_open(db) -> None:
    """Three stories closed long ago, and one of today that sets the stream's clock."""
    archive(db, 3)
    with transaction(db):
        store.create_story(db, title="today", summary=[], now="2016-06-01T00:00:00+00:00",
                           seen_at="2016-06-01T00:00:00+00:00")


def test_the_command_says_what_it_dropped(fresh_db, settings):
    _three_closed_and_one_open(fresh_db)
    result = CliRunner().invoke(cli, ["--db", str(settings.db_path), "db", "compact"])
    assert result.exit_code == 0, result.output
    assert "dropped the matching data of 3 stories closed more than 14 days" in result.output
    assert "6 articles' features, 90 index postings" in result.output
    assert result.output.endswith("stop wirewatch run and run: wirewatch db vacuum\n")
    again = CliRunner().invoke(cli, ["--db", str(settings.db_path), "db", "compact"])
    assert "nothing to drop" in again.output


def _a_feed_failed_and_came_back(db, at: datetime) -> None:
    """A feed noted failing, then working again, at ``at``: each change told then (its notice
    to the admin channel posted)."""
    with transaction(db):
        source = add_source(db, kind="feed", location="https://wire.example/desk.xml")
        for hours in (3, 2, 1):
            record_failure(db, source, reason="HTTP 503", now=at - timedelta(hours=hours))
        record_success(db, source, now=at)
    queue_notices(db, admin_channel="C0ADMIN", now=at)
    with transaction(db):
        for (alert_id,) in db.execute("SELECT id FROM alerts").fetchall():
            mark_sent(db, alert_id, channel="C0ADMIN", ts=f"{alert_id}.000100", thread_ts=None,
                      sent_at=at.isoformat(timespec="seconds"))


def test_the_command_counts_the_feed_changes_it_dropped(fresh_db, settings):
    """Before: 'nothing to drop' (no story), though it had dropped a feed's two changes."""
    _a_feed_failed_and_came_back(fresh_db, datetime.now(UTC) - timedelta(days=30))
    result = CliRunner().invoke(cli, ["--db", str(settings.db_path), "db", "compact"])
    assert result.exit_code == 0, result.output
    assert "dropped 2 feed changes of health (failing, working again) told more than 14 " \
        "days ago" in result.output, result.output
    assert "nothing to drop" not in result.output and "matching data" not in result.output
    assert fresh_db.execute("SELECT count(*) FROM source_changes").fetchone()[0] == 0


def test_the_running_bot_compacts_on_its_hourly_job(fresh_db, settings, nlp, caplog):
    """The hourly log line counts the feed changes dropped too (before: stories only)."""
    _three_closed_and_one_open(fresh_db)
    _a_feed_failed_and_came_back(fresh_db, datetime.now(UTC) - timedelta(days=30))
    runner = Runner(settings, nlp=nlp)
    try:
        with caplog.at_level(logging.INFO, logger="bot.runner"):
            runner.compact()
    finally:
        runner.stop()
    assert fresh_db.execute("SELECT count(compacted_at) FROM stories").fetchone()[0] == 3
    [said] = [r.getMessage() for r in caplog.records if "dropped" in r.getMessage()]
    assert "3 closed stories" in said and "2 feed changes of health" in said, said


def test_the_hourly_job_on_a_database_that_refuses_writes_says_so_in_one_line(
        fresh_db, settings, nlp, caplog):
    """A full disk or a read-only file: the job would raise, and the scheduler print a
    traceback every hour; it says one line and the next hour's run compacts."""
    _three_closed_and_one_open(fresh_db)
    runner = Runner(settings, nlp=nlp)
    try:
        runner.dbs.get().execute("PRAGMA query_only = ON")  # as on a read-only file
        with caplog.at_level(logging.WARNING):
            runner.compact()
        runner.dbs.get().execute("PRAGMA query_only = OFF")
        runner.compact()
    finally:
        runner.stop()
    said = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.exc_info for r in said] == [None]
    assert "compaction" in said[0].getMessage() and "refused" in said[0].getMessage()
    assert fresh_db.execute("SELECT count(compacted_at) FROM stories").fetchone()[0] == 3
