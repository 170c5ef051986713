"""An alert in flight at the top level when a fold gives its story a thread in that channel: the
channel was told nothing of the story, so its update was tried on its own ("New here"); Slack
made the post but its answer was lost, and before it was settled a story the channel had a
thread of folded into it. The "already posted?" lookup reads where the try went (the channel's
top level, not the folded story's thread), finds it and posts nothing more, after a restart
too. Stories stored directly, the sender over the fake Slack's HTTP."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.in_flight import answer_lost, fold, lost_answer_fold_restart, past_the_late_wait
from tests.slack.test_slack_sender import follow, new_story, update


def stories(db) -> tuple[int, int]:
    """C0PORT follows the harbour, not the council: it has the pickets' story alone."""
    with transaction(db):
        port = add_topic(db, name="Port", query="harbour")
        city = add_topic(db, name="City", query="council")
    follow(db, port, "C0PORT")
    strike, _ = new_story(db, city, title="Council staff strike")
    pickets, _ = new_story(db, port, title="Pickets at the harbour gates")
    update(db, port, strike, "Talks set for Friday")
    return strike, pickets


def test_an_alert_in_flight_on_its_own_across_a_fold_is_posted_once(
        runtime, fake_slack, fresh_db, at):
    strike, pickets = stories(fresh_db)
    answer_lost(runtime, fake_slack, at)
    fold(fresh_db, later=pickets, into=strike)
    past_the_late_wait(runtime, at)
    posts = fake_slack.posts("C0PORT")
    assert len(posts) == 2, [(m.thread_ts, m.text) for m in posts]
    assert posts[1].thread_ts is None and "Talks set for Friday" in posts[1].text
    assert fresh_db.execute("SELECT status, ts, thread_ts FROM alerts ORDER BY id DESC LIMIT 1"
                            ).fetchone() == ("sent", posts[1].ts, None)


def test_a_restart_after_a_lost_answer_on_its_own_and_a_fold_posts_once(
        slack_settings, fake_slack, fresh_db, at):
    strike, pickets = stories(fresh_db)
    lost_answer_fold_restart(slack_settings, fake_slack, fresh_db, at, later=pickets, into=strike)
    posts = fake_slack.posts("C0PORT")
    assert len(posts) == 2, [(m.thread_ts, m.text) for m in posts]
    assert posts[1].thread_ts is None
