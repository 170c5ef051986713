"""A later story folded whole into an earlier one (``storage.stories.fold_story``): its articles,
features, index postings, count, topic ties and running story move in one transaction, and a
crash inside it leaves the two stories as they were. A real SQLite file; stories built through
the storage functions the story stage calls."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.models import MatchReason
from storage import stories as store
from storage.alerts import alerted_events, is_muted, mute_story
from storage.db import transaction
from storage.important import is_important, mark_important
from storage.timeline import story_timeline
from storage.topics import insert_topic
from tests.stories.test_story_moves import stored

DAY = "2026-11-24T"


def at(hour: int) -> str:
    return f"{DAY}{hour:02d}:00:00+00:00"


def two_stories(db) -> tuple[int, int, list[int], int]:
    """A ferry story begun at 06:00 and a later piece of it begun at 08:00, the later tied to a
    topic: (earlier, later, the later's articles, the topic)."""
    earlier, _ = stored(db, None, title="Ferry runs aground off Skerra", seen_at=at(6),
                        keys=["e:skerra", "l:ferry"], now=at(6))
    later, first = stored(db, None, title="Skerra ferry passengers brought ashore",
                          seen_at=at(8), keys=["e:skerra", "l:lifeboat"], now=at(8))
    _, second = stored(db, later, title="Lifeboat crews praised after Skerra rescue",
                       seen_at=at(9), keys=["l:lifeboat", "l:rescue"], now=at(9))
    with transaction(db):
        topic = insert_topic(db, name="Rescues", query="lifeboat")
        store.link_topic(db, story_id=later, topic_id=topic, article_id=first,
                         reasons=[MatchReason("lifeboat", "title", "Skerra ferry passengers brought ashore")], now=at(8))
    return earlier, later, [first, second], topic


def state(db, *story_ids: int) -> list[tuple]:
    """What the story tables hold of these stories."""
    marks = ", ".join("?" * len(story_ids))
    return [db.execute(f"SELECT * FROM {table} WHERE story_id IN ({marks}) ORDER BY 1, 2",
                       story_ids).fetchall()
            for table in ("story_articles", "story_features", "story_index", "story_topics")] + [
        db.execute(f"SELECT * FROM stories WHERE id IN ({marks}) ORDER BY id",
                   story_ids).fetchall()]


def test_the_later_story_moves_whole_into_the_earlier(fresh_db):
    earlier, later, articles, topic = two_stories(fresh_db)
    with transaction(fresh_db):
        fold = store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    assert (fold.later, fold.into, fold.article_ids) == (later, earlier, tuple(articles))
    places = [store.story_of(fresh_db, a) for a in articles]
    assert [p.story_id if p else None for p in places] == [earlier, earlier]
    assert store.story_size(fresh_db, earlier) == 3 and store.story_size(fresh_db, later) == 0
    assert store.latest_articles(fresh_db, [earlier])[earlier][-2:] == articles
    assert store.candidate_stories(fresh_db, ["l:lifeboat", "e:skerra"], since=at(0)) == {
        earlier: ["l:lifeboat", "e:skerra"]}, "the later story is no candidate any more"
    assert fresh_db.execute("SELECT last_seen FROM story_index WHERE key = 'e:skerra' AND "
                            "story_id = ?", [earlier]).fetchone()[0] == at(8)
    assert store.story_topic_ids(fresh_db, earlier) == [topic]
    assert store.story_topic_ids(fresh_db, later) == []
    rows = fresh_db.execute("SELECT id, article_count, last_seen, folded_into, folded_at "
                            "FROM stories ORDER BY id").fetchall()
    assert rows == [(earlier, 3, at(9), None, None), (later, 0, at(9), earlier, at(10))]
    assert store.folded_story(fresh_db, story_id=earlier, article_id=99) == (
        later, "Skerra ferry passengers brought ashore")
    assert store.folded_story(fresh_db, story_id=earlier, article_id=articles[0]) is None


def test_a_crash_inside_the_fold_leaves_both_stories_as_they_were(fresh_db):
    earlier, later, _, _ = two_stories(fresh_db)
    before = state(fresh_db, earlier, later)
    with pytest.raises(RuntimeError), transaction(fresh_db):
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
        raise RuntimeError("the process dies before the article's transaction commits")
    assert state(fresh_db, earlier, later) == before


@pytest.mark.parametrize("earlier_continues, later_continues", [
    (None, "root"),    # the earlier takes up the running story the later continued
    ("root", None),    # the stories continuing the later now continue the earlier's root
    (None, None),      # the stories continuing the later continue the earlier
])
def test_the_running_story_goes_with_the_fold(fresh_db, earlier_continues, later_continues):
    root, _ = stored(fresh_db, None, title="Ferry line's safety record questioned",
                     seen_at=at(1), keys=["l:safety"], now=at(1))
    earlier, later, _, _ = two_stories(fresh_db)
    after, _ = stored(fresh_db, None, title="Inquiry into Skerra grounding opens",
                      seen_at=at(9), keys=["l:inquiry"], now=at(9))
    named = {"root": root, None: None}
    with transaction(fresh_db):
        fresh_db.execute("UPDATE stories SET continues = ? WHERE id = ?",
                         [named[earlier_continues], earlier])
        fresh_db.execute("UPDATE stories SET continues = ? WHERE id = ?",
                         [named[later_continues], later])
        fresh_db.execute("UPDATE stories SET continues = ? WHERE id = ?", [later, after])
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    expected = root if root in (named[earlier_continues], named[later_continues]) else earlier
    assert store.running_roots(fresh_db, [earlier, after]) == {
        earlier: expected, after: expected}


def test_a_mark_important_goes_with_the_fold_and_a_mute_does_not(fresh_db):
    """A desk that marked the later story important wants its next reports, which now come in
    the earlier story; a mute of the later story would silence the earlier one, which the
    desk follows: it stays with the later story alone."""
    earlier, later, _, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        mark_important(fresh_db, story_id=later, channel="C0DESK", user="U0ED", at=at(9))
        mute_story(fresh_db, story_id=later, channel="C0NIGHT", user="U0ED", at=at(9))
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    assert is_important(fresh_db, earlier, ["C0DESK"])
    assert not is_muted(fresh_db, earlier, ["C0NIGHT"])
    assert is_important(fresh_db, later, ["C0DESK"]) and is_muted(fresh_db, later, ["C0NIGHT"])


def test_the_timeline_of_a_folded_story_is_the_story_holding_its_reports(fresh_db, db_path):
    """`stories timeline LATER` (and `/story`, which reads the same timeline) shows the earlier
    story, every report in arrival order, and says the later was joined to it."""
    earlier, later, articles, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    grown = story_timeline(fresh_db, later)
    assert grown is not None and grown.story_id == earlier and grown.article_count == 3
    assert [e.article_id for e in grown.entries][1:] == articles
    result = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline", str(later)],
                                catch_exceptions=False)
    assert result.output.startswith(
        f"Ferry runs aground off Skerra (story {earlier}, 3 articles)\n"
        f"Story {later} was joined to this one: its reports are here.\n"), result.output


def test_alerts_the_later_story_posted_still_count_for_its_reports_after_the_fold(fresh_db):
    earlier, later, articles, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
                         "next_attempt_at, created_at) VALUES (?, ?, 'C1', 'new', 'sent', 1, ?, ?)",
                         [later, articles[0], at(8), at(8)])
    events = [row[0] for row in fresh_db.execute(
        "SELECT id FROM story_articles WHERE article_id IN (?, ?) ORDER BY id", articles)]
    assert alerted_events(fresh_db, "C1", events) == {events[0]}
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    assert alerted_events(fresh_db, "C1", events) == {events[0]}, \
        "a digest would list again a report the channel had as an alert of the later story"
