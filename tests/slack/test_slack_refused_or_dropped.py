"""A connection Slack's side refused (nothing was sent: the post was certainly not made) is
told from one that dropped after the call was sent (Slack may have made the post): an alert or
a digest refused at the socket is tried again as soon as Slack listens again, not looked for
first nor waited for as a try that may be under way; one whose connection dropped after its
post left is looked for first, after the in-flight wait, and never posted twice. The stored
reason says which it was (the run's parts in process, the fake Slack Web API over real HTTP,
a real SQLite file)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe, subscriptions_of
from tests.slack.made_late import lookups, posted_once_after_the_late_wait
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story

DIGESTS = "C0HOURLY"
TITLE = "Tram drivers in Wexcombe vote to strike over split shifts"
NOT_SENT = "cannot reach Slack (Connection refused); nothing was sent"
SENT = "the connection dropped after the call was sent ("
MAYBE = "); Slack may have acted on it"


@pytest.fixture
def topic(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Strikes", query="strike*")


def alert_state(db) -> tuple[str, str | None]:
    status, error = db.execute("SELECT status, last_error FROM alerts").fetchone()
    return status, error


def test_an_alert_refused_at_the_socket_is_posted_when_slack_listens_without_a_look(
        runtime, fake_slack, fresh_db, topic, at):
    """Before: marked in flight ("sending", "cannot reach Slack: Connection refused"), so
    looked for before it was posted again, though nothing had left the machine."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.refuse_connections()
    assert runtime.deliver_pending(now=at(0)) == 0
    assert alert_state(fresh_db) == ("pending", NOT_SENT)
    fake_slack.accept_connections()
    assert runtime.deliver_pending(now=at(1.5)) == 1
    assert len(fake_slack.posts("C0DESK")) == 1
    assert lookups(fake_slack) == 0
    assert alert_state(fresh_db) == ("sent", None)


def test_an_alert_whose_connection_dropped_after_its_post_is_looked_for_not_posted_twice(
        runtime, fake_slack, fresh_db, topic, at):
    """Before: the same handling, said "cannot reach Slack: RemoteDisconnected" though Slack
    had the post."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    assert runtime.deliver_pending(now=at(0)) == 0
    status, error = alert_state(fresh_db)
    assert status == "sending" and error is not None
    assert error.startswith(SENT) and error.endswith(MAYBE), error
    for second in (1.5, 3, 60):
        runtime.deliver_pending(now=at(second))
    assert len(fake_slack.posts("C0DESK")) == 1
    assert lookups(fake_slack) == 1
    assert alert_state(fresh_db) == ("sent", None)


def test_an_alert_slack_posts_only_after_its_connection_dropped_is_not_posted_twice(
        runtime, fake_slack, fresh_db, topic, at):
    """Slack reads the post, the connection drops, and Slack makes the post only later: the
    alert is not looked for within three client timeouts, then found, posted once. Before: a
    dropped try counted as answered, so it was looked for a second on, not found (not made
    yet), and posted again."""
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"}, made_after=2.0)
    assert runtime.deliver_pending(now=at(0)) == 0
    posted_once_after_the_late_wait(runtime, fake_slack, at)
    assert alert_state(fresh_db) == ("sent", None)


def a_digest_comes_due(db, topic_id: int) -> None:
    """An hourly digest subscription two hours old, and a story on its topic an hour and a half
    ago: its last hour is due at the run's next digest pass (``at`` is an hour on)."""
    now = datetime.now(UTC)
    with transaction(db):
        subscribe(db, topic_id=topic_id, target_type="channel", target_id=DIGESTS,
                  mode="hourly", created_by=None, at=(now - timedelta(hours=2)).isoformat())
    add_story(db, article_id=add_article(db, title=TITLE), title=TITLE, topic_ids=(topic_id,),
              at=(now - timedelta(minutes=90)).isoformat(timespec="seconds"))


def hour_closed(db) -> bool:
    [sub] = subscriptions_of(db, [DIGESTS])
    return sub.last_digest_at != sub.created_at


def test_a_digest_refused_at_the_socket_is_posted_at_the_first_pass_slack_answers(
        runtime, fake_slack, fresh_db, topic, at, caplog):
    """Before: the pass after Slack listened again posted nothing ("Slack may still be posting
    the one under way"): the refused try was waited for three client timeouts (30 s)."""
    a_digest_comes_due(fresh_db, topic)
    fake_slack.refuse_connections()
    with caplog.at_level(logging.INFO, logger="bot.alerts.digest"):
        assert runtime.send_due_digests(now=at(0)) == 0
    assert NOT_SENT in caplog.text
    fake_slack.accept_connections()
    assert runtime.send_due_digests(now=at(2)) == 1
    [digest] = fake_slack.posts(DIGESTS)
    assert TITLE in digest.text
    assert lookups(fake_slack) == 0
    assert hour_closed(fresh_db)


def test_a_digest_whose_connection_dropped_after_its_post_waits_and_is_not_posted_twice(
        runtime, fake_slack, fresh_db, topic, at, caplog):
    """The wait that keeps a digest Slack may still be making from being posted twice stays:
    no pass within three client timeouts posts or looks; the one after finds it."""
    a_digest_comes_due(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    with caplog.at_level(logging.INFO, logger="bot.alerts.digest"):
        assert runtime.send_due_digests(now=at(0)) == 0
    assert SENT in caplog.text and MAYBE in caplog.text, caplog.text
    assert runtime.send_due_digests(now=at(2)) == 0
    assert lookups(fake_slack) == 0 and not hour_closed(fresh_db)
    assert runtime.send_due_digests(now=at(31)) == 1
    assert runtime.send_due_digests(now=at(92)) == 0
    assert len(fake_slack.posts(DIGESTS)) == 1
    assert lookups(fake_slack) == 1 and hour_closed(fresh_db)


def test_a_digest_slack_held_back_is_posted_after_the_hold_without_a_look(
        runtime, fake_slack, fresh_db, topic, at):
    """A 429 says Slack took nothing, as a refused connection does. Before: the pass after the
    hold looked for it first, which a token without the history scope has refused (here: no
    digest; LOOKUP_TRIES such passes skip it unsent)."""
    a_digest_comes_due(fresh_db, topic)
    fake_slack.refuse_method("conversations.history", "missing_scope")
    fake_slack.fail_next(1, status=429, retry_after=1, methods={"chat.postMessage"})
    assert runtime.send_due_digests(now=at(0)) == 0
    assert runtime.send_due_digests(now=at(2)) == 1
    assert len(fake_slack.posts(DIGESTS)) == 1
    assert lookups(fake_slack) == 0 and hour_closed(fresh_db)
