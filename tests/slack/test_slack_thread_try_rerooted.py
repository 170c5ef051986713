"""A try in one thread, the story's thread elsewhere by the retry: a story coming back into a
running story's thread is tried there, Slack makes the post and the connection drops before
its answer; then a fold takes the running story into another running family, so the story's
thread would now be another (here none: the top level). The "already posted?" lookup reads
the thread the try went to, as a try at the top level is read where it went, finds the post
and posts nothing more, in one run and across a restart. Stories stored directly, the sender
over the fake Slack's HTTP, a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.in_flight import answer_lost, fold, lost_answer_fold_restart, past_the_late_wait
from tests.slack.test_slack_late_answers import sender_for
from tests.slack.test_slack_late_posts import (
    alert_of,
    copies,
    posted_again_after_the_late_window,
    watch_for_two_hours,
)
from tests.slack.test_slack_running_thread import comes_back
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story

COMES_BACK = 2
"""The alert tried in the running story's thread."""


def families(db) -> tuple[int, int]:
    """The ferry channel follows the ferries: the quay repairs (a running story, posted there)
    and their return; the council's budget row and the budget vote continuing it follow
    nowhere. Returns the quay repairs and the budget vote."""
    with transaction(db):
        ferries = add_topic(db, name="Ferries", query="ferry")
        council = add_topic(db, name="Council", query="council")
    follow(db, ferries, "C0FERRY")
    quay, _ = new_story(db, ferries, title="Ferry quay closed for repairs")
    comes_back(db, ferries, quay, "Ferry quay repairs run a month late")
    budget, _ = new_story(db, council, title="Council budget row")
    vote = add_story(db, article_id=add_article(db, title="Council votes on the budget"),
                     title="Council votes on the budget", topic_ids=(council,),
                     continues=budget)
    return quay, vote


def thread_ts_of(db, alert_id: int) -> str | None:
    return db.execute("SELECT thread_ts FROM alerts WHERE id = ?", [alert_id]).fetchone()[0]


def test_a_try_in_a_thread_the_story_left_is_found_there(runtime, fake_slack, fresh_db, at):
    """Before desk54 the lookup read the top level (the thread the story has now), found
    nothing and posted again there: two posts, the first a stray nobody watched."""
    quay, vote = families(fresh_db)
    answer_lost(runtime, fake_slack, at)
    root = fake_slack.posts("C0FERRY")[0].ts
    assert thread_ts_of(fresh_db, COMES_BACK) == root, "tried in the running story's thread"
    fold(fresh_db, later=quay, into=vote)  # the return now continues the budget row
    past_the_late_wait(runtime, at)
    posts = fake_slack.posts("C0FERRY")
    assert len(posts) == 2, [(m.thread_ts, m.text) for m in posts]
    assert posts[1].thread_ts == root
    assert fresh_db.execute("SELECT status, ts, thread_ts FROM alerts WHERE id = ?",
                            [COMES_BACK]).fetchone() == ("sent", posts[1].ts, root)


def test_a_restart_after_a_lost_answer_in_a_thread_the_story_left_posts_once(
        slack_settings, fake_slack, fresh_db, at):
    quay, vote = families(fresh_db)
    lost_answer_fold_restart(slack_settings, fake_slack, fresh_db, at, later=quay, into=vote)
    posts = fake_slack.posts("C0FERRY")
    assert len(posts) == 2, [(m.thread_ts, m.text) for m in posts]
    assert posts[1].thread_ts == posts[0].ts


def test_a_stray_in_a_thread_the_story_left_is_deleted(fresh_db, fake_slack):
    """The try in the running story's thread is answered 504 while Slack holds its work; the
    fold; the try after the late window goes where the first went, and Slack then makes the
    first try's post: the watch reads that thread and deletes it. Before desk54 the alert was
    posted again at the top level and the watch read only there: two copies stayed."""
    quay, vote = families(fresh_db)
    sender = sender_for(fake_slack)
    start = datetime.now(UTC)
    assert sender.deliver(fresh_db, now=start) == 1
    root = fake_slack.posts("C0FERRY")[0].ts
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    tried = start + timedelta(seconds=2)
    assert sender.deliver(fresh_db, now=tried) == 0
    assert thread_ts_of(fresh_db, COMES_BACK) == root
    fold(fresh_db, later=quay, into=vote)
    posted = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    [(ts, thread_ts)] = fresh_db.execute("SELECT ts, thread_ts FROM alerts WHERE id = ?",
                                         [COMES_BACK])
    assert thread_ts == root, "posted again where the first try went"
    assert fake_slack.do_held_work() == 1, "Slack makes the first try's post only now"
    assert copies(fake_slack, COMES_BACK) == 2
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts("C0FERRY") if alert_of(m) == COMES_BACK] == [ts]
