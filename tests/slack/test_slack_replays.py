"""Each signed Slack request is served once: a copy sent again while its signature still passes
(captured from a proxy's log, say) is answered without acting again, after a restart too, and
an event Slack sends again (a retry: new signature, same event_id) is not acted on twice."""

from __future__ import annotations

import json
import logging
import sqlite3
import time

from bot.alerts.blocks import MUTE
from bot.slack.replays import ServedRequests
from handlers.home_view import UNMUTE
from storage.alerts import is_muted
from storage.db import transaction
from storage.served_requests import claim, remember_served, served_count, settle
from storage.topics import get_topic
from tests.fakes.signing import action_body, command_body, event_body, post_signed
from tests.slack.conftest import app_home, events_url, run_command, started, wait_for
from tests.slack.test_slack_home_controls import home_action
from tests.slack.world import add_article, add_story


def test_a_slash_command_replayed_within_its_five_minutes_is_not_run_again(
        runtime, fake_slack, fresh_db, caplog):
    """Each step waits for the answer of the one before (its response_url call), never a
    time: it once waited for the topic alone, so under load the next command counted the
    answers before the add's came, and took that for its own (the remove not yet run). Slack
    answering late (half a second a response) keeps that order tested."""
    fake_slack.slow_down(0.5, methods={"response_url"}, late=True)
    stamp = int(time.time())
    add = command_body("/topics", "add Wildfire", response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), add, timestamp=stamp).status == 200
    wait_for(lambda: fake_slack.responses())
    assert get_topic(fresh_db, "Wildfire")
    run_command(runtime, fake_slack, "/topics", "remove Wildfire")
    with caplog.at_level(logging.WARNING, logger="bot.slack.replays"):
        again = post_signed(events_url(runtime), add, timestamp=stamp)
    assert again.status == 200 and again.body == ""
    run_command(runtime, fake_slack, "/topics", "list")
    assert get_topic(fresh_db, "Wildfire") is None
    assert len(fake_slack.responses()) == 3
    assert "replayed a captured request" in caplog.text


def test_a_click_replayed_is_not_applied_again(runtime, fake_slack, fresh_db):
    """Mute, unmute from App Home, then the mute's copy: the story stays unmuted."""
    article = add_article(fresh_db, title="Bridge closes for repairs")
    story = add_story(fresh_db, article_id=article, title="Bridge closes for repairs")
    stamp = int(time.time())
    mute = action_body(MUTE, str(story), channel="C0DESK", user="U0ED",
                       response_url=fake_slack.response_url())
    post_signed(events_url(runtime), mute, timestamp=stamp)
    wait_for(lambda: is_muted(fresh_db, story, ["C0DESK"]))
    post_signed(events_url(runtime), home_action(
        {"action_id": UNMUTE, "value": f"{story}:C0DESK", "type": "button", "action_ts": "4"}))
    wait_for(lambda: not is_muted(fresh_db, story, ["C0DESK"]))
    assert post_signed(events_url(runtime), mute, timestamp=stamp).status == 200
    run_command(runtime, fake_slack, "/topics", "list")
    assert not is_muted(fresh_db, story, ["C0DESK"])


def test_an_event_slack_sends_again_is_acted_on_once(runtime, fake_slack):
    """Slack resends an event it got no quick answer to with a new signature and the same
    event_id: App Home is published once for it."""
    opened = event_body({"type": "app_home_opened", "user": "U0ED", "channel": "D0ED",
                         "tab": "home", "event_ts": "1700000000.000100"})
    post_signed(events_url(runtime), opened, content_type="application/json")
    wait_for(lambda: fake_slack.calls_to("views.publish"))
    retry = post_signed(events_url(runtime), opened, content_type="application/json",
                        timestamp=int(time.time()) + 1,
                        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status == 200
    app_home(runtime, fake_slack, user="U0ED")
    assert len(fake_slack.calls_to("views.publish")) == 2


def test_an_event_a_run_took_and_died_before_acting_on_is_acted_on_when_slack_sends_it_again(
        runtime, fake_slack, slack_settings):
    """An earlier run's store took the event (as its gate does before Bolt acts) and the run
    died before answering, so Slack sends it again. Before: its event_id was remembered as
    served, the resend ignored and the event lost (App Home never published). Now the earlier
    run's claim is taken over: acted on once."""
    opened = event_body({"type": "app_home_opened", "user": "U0ED", "channel": "D0ED",
                         "tab": "home", "event_ts": "1700000000.000100"})
    earlier = ServedRequests(slack_settings.db_path)
    assert earlier.first_time(body=opened.encode(), signature="v0=" + "e" * 64,
                              timestamp=int(time.time()))
    earlier.close()
    retry = post_signed(events_url(runtime), opened, content_type="application/json",
                        headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retry.status == 200
    wait_for(lambda: fake_slack.calls_to("views.publish"))
    again = post_signed(events_url(runtime), opened, content_type="application/json",
                        timestamp=int(time.time()) + 1, headers={"X-Slack-Retry-Num": "2"})
    assert again.status == 200
    app_home(runtime, fake_slack, user="U0ED")
    assert len(fake_slack.calls_to("views.publish")) == 2, "acted on once, then App Home once"


def test_an_event_whose_answer_failed_is_acted_on_when_slack_sends_it_again(runtime, fresh_db):
    """The app's answer to an event is no 2xx (here Bolt's 404 for an event no listener takes),
    so Slack sends it again. Before: the resend was ignored (an empty 200). Now the claim is
    given up once the failed answer went out, and the resend goes to the app again."""
    moved = event_body({"type": "reaction_added", "user": "U0ED", "reaction": "eyes"})
    key = f"event:{json.loads(moved)['event_id']}"
    first = post_signed(events_url(runtime), moved, content_type="application/json")
    assert first.status == 404
    wait_for(lambda: fresh_db.execute("SELECT count(*) FROM served_requests WHERE key = ?",
                                      [key]).fetchone()[0] == 0)
    retry = post_signed(events_url(runtime), moved, content_type="application/json",
                        timestamp=int(time.time()) + 1, headers={"X-Slack-Retry-Num": "1"})
    assert (retry.status, retry.body) == (first.status, first.body)


def test_an_event_is_acted_on_again_only_when_its_first_delivery_was_not(fresh_db):
    """An event's claim: a resend is ignored while the first delivery is being acted on (a
    live claim) and once it was (done); acted on when the first one's answer failed (given
    up), when it was left by a run now gone (another owner's), or left for over the claim's
    life by this one (its delivery never answered)."""
    with transaction(fresh_db):
        assert claim(fresh_db, "event:E1", 4000, owner="run2", now=100, live=60)
        assert not claim(fresh_db, "event:E1", 4000, owner="run2", now=110, live=60)
        settle(fresh_db, "event:E1", owner="run2", acted=False)
        assert claim(fresh_db, "event:E1", 4000, owner="run2", now=120, live=60)
        assert claim(fresh_db, "event:E1", 4000, owner="run2", now=181, live=60)
        settle(fresh_db, "event:E1", owner="run2", acted=True)
        assert not claim(fresh_db, "event:E1", 4000, owner="run2", now=3000, live=60)
        assert not claim(fresh_db, "event:E1", 4000, owner="run3", now=3000, live=60)
        assert claim(fresh_db, "event:E2", 4000, owner="run1", now=100, live=60)
        assert claim(fresh_db, "event:E2", 4000, owner="run2", now=101, live=60)
        settle(fresh_db, "event:E2", owner="run1", acted=True)
        assert not claim(fresh_db, "event:E2", 4000, owner="run2", now=102, live=60)


def test_while_the_database_refuses_writes_an_event_acted_on_is_not_acted_on_again(tmp_path):
    """The same claims in memory (here the database's folder is gone, so every write fails).
    Before: an event whose answer went out was claimed afresh by Slack's resend and acted on
    twice (test failed before: the resend after the 2xx was taken)."""
    served = ServedRequests(tmp_path / "gone" / "wirewatch.db")
    body = event_body({"type": "app_home_opened", "user": "U0ED"}).encode()
    stamp = int(time.time())

    def delivery(n: int):
        return served.first_time(body=body, signature=f"v0={n:064d}", timestamp=stamp)

    first = delivery(1)
    assert first is not None
    assert delivery(2) is None, "ignored while the first delivery is being acted on"
    first.settle(False)
    resent = delivery(3)
    assert resent is not None, "acted on: the first delivery's answer failed"
    resent.settle(True)
    assert delivery(4) is None, "ignored once acted on"
    assert delivery(3) is None, "a copy of a request served"


def test_an_event_claimed_on_one_side_of_a_held_database_is_not_taken_on_the_other(
        fresh_db, db_path):
    """Slack resends an event whose first delivery is still being acted on, and another writer
    (a batch, a compaction) took the database between the two deliveries, or let it go: one
    claim is in the database, the other asked of memory. Before: each side knew only its own
    claims, so the resend was taken and acted on twice (test failed before, both ways)."""
    served = ServedRequests(db_path)
    stamp = int(time.time())
    one, two = (event_body({"type": "app_home_opened", "user": "U0ED"}).encode()
                for _ in range(2))

    def delivery(body: bytes, n: int):
        return served.first_time(body=body, signature=f"v0={n:064d}", timestamp=stamp)

    holder = sqlite3.connect(db_path, isolation_level=None)
    try:
        assert delivery(one, 1) is not None, "claimed in the database"
        holder.execute("BEGIN IMMEDIATE")
        assert delivery(one, 2) is None, "the database held: memory knows the claim"
        assert delivery(two, 3) is not None, "claimed in memory"
        holder.execute("ROLLBACK")
        assert delivery(two, 4) is None, "the database free again: it is still claimed"
    finally:
        holder.close()
        served.close()


def test_a_replay_after_a_restart_is_still_refused(slack_settings, fake_slack, fresh_db):
    stamp = int(time.time())
    add = command_body("/topics", "add Wildfire", response_url=fake_slack.response_url())
    with started(slack_settings) as first:
        post_signed(events_url(first), add, timestamp=stamp)
        wait_for(lambda: get_topic(fresh_db, "Wildfire"))
    with started(slack_settings) as restarted:
        run_command(restarted, fake_slack, "/topics", "remove Wildfire")
        assert post_signed(events_url(restarted), add, timestamp=stamp).status == 200
        run_command(restarted, fake_slack, "/topics", "list")
    assert get_topic(fresh_db, "Wildfire") is None


def test_what_is_remembered_is_dropped_once_no_copy_could_pass(fresh_db):
    """Memory is bounded by what could still come again: a key goes once its time is past."""
    with transaction(fresh_db):
        assert remember_served(fresh_db, {"signature:a": 100, "event:E1": 400}, now=50) == set()
        assert remember_served(fresh_db, {"signature:b": 200, "event:E1": 500},
                               now=60) == {"event:E1"}
    with transaction(fresh_db):
        assert remember_served(fresh_db, {"signature:c": 900}, now=300) == set()
    assert served_count(fresh_db) == 2
    with transaction(fresh_db):
        assert remember_served(fresh_db, {"signature:a": 1000}, now=450) == set()
    assert served_count(fresh_db) == 2


def test_a_command_is_answered_while_another_writer_holds_the_database(runtime, fake_slack,
                                                                      slack_settings, caplog):
    """Remembering a request is a write: behind a writer holding the database (a compaction, a
    batch) it waited SQLite's 30 s, so Slack (which waits 3 s) said the command failed. It
    waits a second at most, then remembers in memory; a copy is still refused."""
    holder = sqlite3.connect(slack_settings.db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        said = run_command(runtime, fake_slack, "/who-said", "from:Nobody")
        stamp = int(time.time())
        body = command_body("/who-said", "from:Somebody", response_url=fake_slack.response_url())
        assert post_signed(events_url(runtime), body, timestamp=stamp).status == 200
        wait_for(lambda: len(fake_slack.responses()) == 2)
        assert post_signed(events_url(runtime), body, timestamp=stamp).body == ""
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "Nobody" in said["text"] and "remembered in memory meanwhile" in caplog.text
