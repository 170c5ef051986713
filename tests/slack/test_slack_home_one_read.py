"""App Home is read in one read transaction: a report moving out of its story (its mute carried
with it) between the mutes section's query and the topics section's shows neither half of the
move, never a home that was never true at any moment (a real SQLite file; the move is made on a
second connection the moment the home's connection starts its next query after the mutes)."""

from __future__ import annotations

import time

from bot.alerts.instances import ANOTHER, Instances
from bot.stories.split import split_article
from bot.stories.tracking import add_topic
from handlers.events.app_home import admin_alarm
from handlers.home_view import home_blocks
from storage.alerts import mute_story
from storage.articles import now_iso
from storage.db import ThreadLocalDb, transaction
from storage.instances import keep_poster
from tests.fakes.mid_read import written_mid_read
from tests.fakes.signing import REPORTER
from tests.slack.world import add_article, add_story, add_update

FIRST = "Tramway bridge shut for cable checks"
LATER = "Glassworks fire forces night evacuation"


def shown(blocks: list[dict]) -> tuple[list[str], list[str]]:
    """What the move changes: the mutes (by their blocks) and the topics' stories (their lines)."""
    mutes = [b["block_id"] for b in blocks if str(b.get("block_id", "")).startswith("mute_")]
    texts = [str((b.get("text") or {}).get("text") or "") for b in blocks]
    return mutes, [line for text in texts for line in text.split("\n") if line.startswith("• ")]


def test_a_move_between_two_sections_shows_app_home_as_it_was_before_it(fresh_db):
    """Before: the mutes section read before the move (the old story alone muted), the topics
    section after it (the moved report a story of its own, the old story one report fewer): a
    home that was never true, the moved report's story shown unmuted though its mute came with
    it. Now the whole home is the one before the move; the next read shows the one after."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="City", query="bridge OR fire")
    first = add_article(fresh_db, title=FIRST)
    story = add_story(fresh_db, article_id=first, title=FIRST, topic_ids=(topic,))
    later = add_article(fresh_db, title=LATER)
    add_update(fresh_db, story_id=story, article_id=later, whats_new=("Residents left.",))
    with transaction(fresh_db):  # the later report tied the topic last, as the pipeline does
        fresh_db.execute("UPDATE story_topics SET article_id = ? WHERE story_id = ?",
                         [later, story])
        fresh_db.execute("UPDATE stories SET article_count = 2 WHERE id = ?", [story])
        mute_story(fresh_db, story_id=story, channel="C0DESK", user=REPORTER, at=now_iso())
    before = shown(home_blocks(fresh_db, REPORTER))
    with written_mid_read(fresh_db, after="FROM mutes m",
                          write=lambda mover: split_article(mover, later)) as seen:
        during = shown(home_blocks(fresh_db, REPORTER))
    after = shown(home_blocks(fresh_db, REPORTER))
    assert "written" in seen, "the move was made while the home was read"
    assert len(after[0]) == 2 and after != before, "the move carried the mute to a new story"
    assert during == before, (during, before, after)


def test_another_wirewatch_kept_as_an_admin_opens_app_home_shows_with_the_rest(db_path):
    """An admin's App Home opens with the other wirewatch runs posting with this Slack app.
    Before: those were read before the home's read transaction, so a poster kept and a story
    muted between the two showed a home with the mute and without the poster, never true."""
    store = ThreadLocalDb(db_path)
    db = store.get()
    story = add_story(db, article_id=add_article(db, title=FIRST), title=FIRST)
    alarm = admin_alarm(Instances(store.get))

    def kept_and_muted(other) -> None:
        keep_poster(other, {"install": "0therinstall0", "boot": "0therboot000", "kind": ANOTHER,
                            "channel": "C0DESK", "ts": f"{time.time():.6f}",
                            "seen_at": now_iso()})
        mute_story(other, story_id=story, channel="C0DESK", user=REPORTER, at=now_iso())

    def seen(blocks: list[dict]) -> tuple[bool, list[str]]:
        texts = " ".join(str((b.get("text") or {}).get("text") or "") for b in blocks)
        return "another wirewatch database" in texts, shown(blocks)[0]

    before = seen(home_blocks(db, REPORTER, alarm=alarm))
    with written_mid_read(db, after="FROM other_posters", write=kept_and_muted) as trace:
        during = seen(home_blocks(db, REPORTER, alarm=alarm))
    after = seen(home_blocks(db, REPORTER, alarm=alarm))
    assert "written" in trace, "the poster was kept while the home was read"
    assert before == (False, []) and after[0] and after[1], (before, after)
    assert during == before, (during, before, after)
