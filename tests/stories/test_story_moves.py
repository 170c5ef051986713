"""A report moved out of its story (a later correction, `wirewatch stories split`): the story it
left is seen last when its newest remaining report is, and a channel's mark important made
while the report was in the story goes with the report, as its mute does. A real SQLite file;
stories built through the storage functions the story stage calls."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import cli
from bot.models import StoryEntry, VerdictKind
from storage import stories as store
from storage.alerts import is_muted, mute_story
from storage.db import transaction
from storage.important import is_important, mark_important
from tests.slack.world import add_article

DAY = "2026-11-24T"


def stored(db, story_id: int | None, *, title: str, seen_at: str, keys: list[str],
           now: str) -> tuple[int, int]:
    """A report seen at ``seen_at`` (indexed under ``keys``) recorded at ``now``, in the story
    given or a new one: (story, article)."""
    article_id = add_article(db, title=title)
    with transaction(db):
        if story_id is None:
            story_id = store.create_story(db, title=title, summary=[title], seen_at=seen_at,
                                          now=now)
        store.add_to_story(db, StoryEntry(
            story_id=story_id, article_id=article_id, verdict=VerdictKind.UPDATE, whats_new=(),
            weights={k: 1.0 for k in keys}, index_keys=keys, headline_names=[], sentences=[],
            seen_at=seen_at), now=now)
    return story_id, article_id


def moved(db, article_id: int, now: str):
    with transaction(db):
        return store.move_article(db, article_id=article_id, title="Moved", summary=["Moved."],
                                  now=now)


def posting(db, key: str, story_id: int) -> str | None:
    row = db.execute("SELECT last_seen FROM story_index WHERE key = ? AND story_id = ?",
                     [key, story_id]).fetchone()
    return row[0] if row else None


def test_the_story_a_report_left_is_seen_last_when_its_newest_remaining_report_is(fresh_db):
    """Before: the kiln story kept the moved night report's 22:00 as its last_seen and its
    postings, so it stayed among the running stories (matching, digests, compaction) on the
    time of a report no longer in it."""
    story, _ = stored(fresh_db, None, title="Kiln fire at the brickworks",
                      seen_at=DAY + "08:00:00+00:00", keys=["e:kiln", "l:brickworks"],
                      now=DAY + "08:01:00+00:00")
    stored(fresh_db, story, title="Brickworks reopens its kiln", seen_at=DAY + "11:00:00+00:00",
           keys=["e:kiln"], now=DAY + "11:01:00+00:00")
    _, night = stored(fresh_db, story, title="Choir tour of the valley",
                      seen_at=DAY + "22:00:00+00:00", keys=["e:kiln", "l:choir"],
                      now=DAY + "22:01:00+00:00")
    move = moved(fresh_db, night, DAY + "23:00:00+00:00")
    [last_seen] = fresh_db.execute("SELECT last_seen FROM stories WHERE id = ?",
                                   [story]).fetchone()
    assert last_seen == DAY + "11:00:00+00:00"
    assert posting(fresh_db, "e:kiln", story) == DAY + "11:00:00+00:00"
    assert posting(fresh_db, "l:choir", story) is None, "no report left in it has the key"
    assert posting(fresh_db, "l:brickworks", story) == DAY + "08:00:00+00:00", "untouched"
    assert posting(fresh_db, "l:choir", move.new_story) == DAY + "22:00:00+00:00"
    newer = [s.id for s in store.list_stories(fresh_db)]
    assert newer == [move.new_story, story]


def test_moving_an_older_report_leaves_the_storys_time_as_it_was(fresh_db):
    story, early = stored(fresh_db, None, title="Dam inspection begins",
                          seen_at=DAY + "07:00:00+00:00", keys=["e:dam"],
                          now=DAY + "07:01:00+00:00")
    stored(fresh_db, story, title="Dam inspection finds cracks", seen_at=DAY + "15:00:00+00:00",
           keys=["e:dam"], now=DAY + "15:01:00+00:00")
    moved(fresh_db, early, DAY + "16:00:00+00:00")
    [last_seen] = fresh_db.execute("SELECT last_seen FROM stories WHERE id = ?",
                                   [story]).fetchone()
    assert last_seen == DAY + "15:00:00+00:00"
    assert posting(fresh_db, "e:dam", story) == DAY + "15:00:00+00:00"


def test_a_mark_important_made_while_the_report_was_in_the_story_goes_with_it(fresh_db):
    """Before: the mute went with the moved report (``_keep_choices``) but the mark did not, so
    the desk that marked the story while it held the report lost the mark on that report's own
    story. A mark made before the report came never saw it, and is not carried."""
    story, _ = stored(fresh_db, None, title="Ferry timetable cut", seen_at=DAY + "06:00:00+00:00",
                      keys=["e:ferry"], now=DAY + "06:01:00+00:00")
    with transaction(fresh_db):
        mark_important(fresh_db, story_id=story, channel="C0EARLY", user="U0ANNA",
                       at=DAY + "06:30:00+00:00")
    _, later = stored(fresh_db, story, title="Ferry crew ballot", seen_at=DAY + "09:00:00+00:00",
                      keys=["e:ferry"], now=DAY + "09:01:00+00:00")
    with transaction(fresh_db):
        mark_important(fresh_db, story_id=story, channel="C0DESK", user="U0ED",
                       at=DAY + "10:00:00+00:00")
        mute_story(fresh_db, story_id=story, channel="C0NIGHT", user="U0ED",
                   at=DAY + "10:05:00+00:00")
    move = moved(fresh_db, later, DAY + "12:00:00+00:00")
    assert is_important(fresh_db, move.new_story, ["C0DESK"])
    assert not is_important(fresh_db, move.new_story, ["C0EARLY"])
    assert is_important(fresh_db, story, ["C0DESK"]) and is_important(fresh_db, story,
                                                                      ["C0EARLY"])
    assert is_muted(fresh_db, move.new_story, ["C0NIGHT"])
    [by] = fresh_db.execute("SELECT marked_by FROM important_stories WHERE story_id = ?",
                            [move.new_story]).fetchone()
    assert by == "U0ED"


def test_the_timeline_of_the_story_a_report_left_says_where_it_went(fresh_db, db_path):
    """Before: `stories timeline OLD` listed one article fewer and no more."""
    story, _ = stored(fresh_db, None, title="Tram depot floods", seen_at=DAY + "05:00:00+00:00",
                      keys=["e:tram"], now=DAY + "05:01:00+00:00")
    _, stray = stored(fresh_db, story, title="Tram fares frozen for a year",
                      seen_at=DAY + "07:00:00+00:00", keys=["e:tram"],
                      now=DAY + "07:01:00+00:00")
    move = moved(fresh_db, stray, DAY + "08:30:00+00:00")
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                      str(story)], catch_exceptions=False)
    assert ("Moved out since: 1 report\n"
            f"  article {stray} “Tram fares frozen for a year” → story {move.new_story} “Moved” "
            "(2026-11-24 08:30 UTC)\n") in result.output, result.output
    listed = json.loads(CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                                 str(story), "--json"]).output)
    assert listed["moved_out"] == [{"article_id": stray, "title": "Tram fares frozen for a year",
                                    "story_id": move.new_story, "story_title": "Moved",
                                    "moved_at": DAY + "08:30:00+00:00"}]
    assert listed["moved_count"] == 1
