"""`run --console` prints a fold's report where Slack posts it: the report tying the fire's story
and the smoke's is an update in the thread of the story the terminal printed (the smoke's, when
it printed only that one), never "New here", with the line naming the story it joined; the
joined story's next report goes in that thread too. The real pipeline and spaCy."""

from __future__ import annotations

import json

from bot.alerts.console_feed import CURSOR_KEY, THREADS_KEY
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.state import set_state
from tests.cli.test_console_threads import printed
from tests.slack.test_slack_update_after_fold import reports
from tests.slack.world import add_article, add_story, add_update
from tests.stories.tied_fire import BLAZE, CLOUD

FIRE, SMOKE = BLAZE.split("\n")[0], CLOUD.split("\n")[0]


def console(db, settings, nlp, query: str) -> list[list[str]]:
    """What the terminal prints after each of the four reports, a topic of ``query`` tracked."""
    with transaction(db):
        add_topic(db, name="Desk", query=query)
    pipeline = Pipeline(db, settings, nlp=nlp)
    out = []
    for raw in reports():
        list(pipeline.ingest([raw]))
        out.append(printed(db))
    return out


def story_of(db, title: str) -> int:
    return db.execute("SELECT id FROM stories WHERE title = ?", [title]).fetchone()[0]


def test_a_fold_of_the_only_story_printed_goes_on_in_its_thread(fresh_db, settings, nlp):
    """The terminal printed only the smoke's story; Slack posts the tying report in its thread
    as an update naming the fire's story (before: "NEW HERE: a developing story")."""
    _, [smoke], [joined], [after] = console(fresh_db, settings, nlp, "Aster")
    fire, cloud = story_of(fresh_db, FIRE), story_of(fresh_db, SMOKE)
    assert smoke.startswith("🆕 NEW STORY · Desk"), smoke
    assert joined.startswith(f"🔄 UPDATE · Desk · in thread of story #{cloud}"), joined
    assert f"   🔗 joined with story #{fire}: {FIRE}" in joined.splitlines(), joined
    assert "What's new" not in joined, "it adds nothing but the join: no empty heading"
    assert after.startswith(f"🔄 UPDATE · Desk · in thread of story #{cloud}"), after
    assert "joined with" not in after


def test_a_fold_of_two_stories_printed_goes_in_the_earlier_ones_thread(fresh_db, settings,
                                                                      nlp):
    _, _, [joined], [after] = console(fresh_db, settings, nlp, "Corvel OR Aster")
    fire, cloud = story_of(fresh_db, FIRE), story_of(fresh_db, SMOKE)
    assert joined.startswith(f"🔄 UPDATE · Desk · in thread of story #{fire}"), joined
    assert f"   🔗 joined with story #{cloud}: {SMOKE}" in joined.splitlines(), joined
    assert after.startswith(f"🔄 UPDATE · Desk · in thread of story #{fire}"), after


def test_the_threads_a_terminal_kept_before_each_story_said_whether_it_heads_one_are_read(
        fresh_db):
    """A terminal's list from before kept bare story numbers: each is taken to head a thread."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Ferry strike", query="ferry")
    story = add_story(fresh_db, article_id=add_article(fresh_db, title="Ferry strike"),
                      title="Ferry strike", topic_ids=(topic,))
    with transaction(fresh_db):
        set_state(fresh_db, CURSOR_KEY, str(fresh_db.execute(
            "SELECT max(id) FROM story_articles").fetchone()[0]))
        set_state(fresh_db, THREADS_KEY, json.dumps([story]))
    add_update(fresh_db, story_id=story, article_id=add_article(fresh_db, title="Ferry strike 2"),
               whats_new=("Crews stayed out on day 2.",))
    [update] = printed(fresh_db)
    assert update.startswith(f"🔄 UPDATE · Ferry strike · in thread of story #{story}"), update
