"""A person deactivated while wirewatch runs: Slack still takes posts to the direct messages
the bot opened with them (nobody reads them; only opening a conversation anew is refused), so
the running bot learns it from ``user_change`` (``deleted``), as a restarted one does from
``conversations.open`` (the real runtime over HTTP, signed events, the fake Slack Web API, a
real SQLite file)."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta

from storage.db import transaction
from storage.quote_subscriptions import subscribe_quotes
from storage.subscriptions import paused_subscriptions
from tests.fakes.signing import event_body, post_signed
from tests.slack.conftest import events_url, run_command, started, wait_for
from tests.slack.test_slack_sender import follow, new_story
from tests.stopping import joined

PERSON = "U0ED"
RETRY_AFTER = 300
"""A hold of users.info far longer than any stop takes, even on a loaded machine."""


def account(runtime, *, deleted: bool, at: int, guest: bool = False) -> None:
    """Slack's ``user_change`` for the person, as it sends one when an admin deactivates (or
    reactivates) an account."""
    body = json.loads(event_body({"type": "user_change", "user": {
        "id": PERSON, "deleted": deleted, "is_restricted": guest,
        "is_ultra_restricted": False}}))
    body["event_time"] = at
    reply = post_signed(events_url(runtime), json.dumps(body), content_type="application/json")
    assert reply.status == 200


def dm_posts(fake_slack) -> int:
    return len([m for m in fake_slack.posts() if m.channel.startswith("D")])


def stop_once_asked(runtime, fake_slack) -> None:
    """The run stops once Slack has been asked users.info (and so has held it back)."""
    wait_for(lambda: fake_slack.calls_to("users.info", ok_only=False))
    runtime.stopping.set()


def nothing_more_and_said(runtime, fake_slack, fresh_db, t0: datetime) -> None:
    """After the first alert and the pause: a minute of passes posts nothing more to the
    person, what waited for them failed with the reason, and `/wirewatch status` says why."""
    for second in range(2, 60, 2):
        runtime.deliver_pending(now=t0 + timedelta(seconds=second))
    assert dm_posts(fake_slack) == 1
    [paused] = paused_subscriptions(fresh_db)
    assert paused.paused_reason == "user_disabled"
    rows = list(fresh_db.execute("SELECT status, last_error FROM alerts ORDER BY id"))
    assert rows == [("sent", None), ("failed", "paused: user_disabled")]
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "deactivated" in status, status


def test_a_person_deactivated_while_the_bot_runs_gets_nothing_more_and_status_says_why(
        runtime, fake_slack, fresh_db, topic, t0):
    """The person's first alert opens their direct messages; an admin then deactivates them.
    Before: ``user_change`` with ``deleted`` changed nothing, the sender kept the conversation
    it had opened, and every later alert was posted there, to nobody, marked sent, with no word
    in `/wirewatch status` (a restarted run pauses them at its first ``conversations.open``).
    Now their subscriptions pause as ``user_disabled`` and what waits for them fails, loudly."""
    follow(fresh_db, topic, PERSON, kind="user")
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=t0) == 1
    fake_slack.add_user(PERSON, deleted=True)
    new_story(fresh_db, topic, title="Ferry strike spreads")
    account(runtime, deleted=True, at=int(time.time()))
    wait_for(lambda: len(paused_subscriptions(fresh_db)) == 1)
    new_story(fresh_db, topic, title="Dockworkers vote on offer")
    nothing_more_and_said(runtime, fake_slack, fresh_db, t0)


def test_a_person_deactivated_then_back_gets_alerts_again(runtime, fake_slack, fresh_db, topic, t0):
    """An account deactivated by mistake and reactivated: Slack says each with ``user_change``;
    the subscriptions paused by the first resume with the second (as a guest made a member
    again does), and the next story's alert goes."""
    follow(fresh_db, topic, PERSON, kind="user")
    now = int(time.time())
    account(runtime, deleted=True, at=now - 60)
    wait_for(lambda: len(paused_subscriptions(fresh_db)) == 1)
    account(runtime, deleted=False, at=now)
    wait_for(lambda: paused_subscriptions(fresh_db) == [])
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=t0) == 1
    assert dm_posts(fake_slack) == 1


def test_a_deactivation_slack_never_told_the_running_bot_is_found_by_the_account_check(
        runtime, fake_slack, fresh_db, topic, t0):
    """The ``user_change`` is lost (the bot's endpoint down past Slack's retries): before, the
    sender went on posting to the direct messages it had opened, to nobody, until a restart
    (2 posts here). The scheduled look at followers' accounts (users.info) pauses them as the
    event would have, and what waits for them fails, loudly."""
    follow(fresh_db, topic, PERSON, kind="user")
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=t0) == 1
    fake_slack.add_user(PERSON, deleted=True)  # no event reaches the bot
    new_story(fresh_db, topic, title="Ferry strike spreads")
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.changed, looked.cut) == (1, 1, None)
    nothing_more_and_said(runtime, fake_slack, fresh_db, t0)


def test_a_reactivation_slack_never_told_resumes_them_at_the_next_look(
        runtime, fake_slack, fresh_db, topic, t0):
    """Paused as deactivated (by a restarted run's first ``conversations.open``, say), then
    reactivated with no event reaching the bot: the next look resumes them, and the next
    story's alert goes (before, only their own `/subscribe` did)."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.add_user(PERSON, deleted=True)
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=t0) == 0  # the open answers user_disabled: paused
    assert [s.paused_reason for s in paused_subscriptions(fresh_db)] == ["user_disabled"]
    fake_slack.add_user(PERSON, deleted=False)
    looked = runtime.check_accounts()
    assert looked is not None and looked.changed == 1
    assert paused_subscriptions(fresh_db) == []
    new_story(fresh_db, topic, title="Dockworkers vote on offer")
    assert runtime.deliver_pending(now=t0 + timedelta(seconds=5)) == 1
    assert ["Dockworkers vote on offer" in m.text for m in fake_slack.posts("D0ED")] == [True]


def test_a_look_slack_holds_back_waits_its_retry_after_and_the_round_goes_on(
        runtime, fake_slack, fresh_db, topic):
    """users.info answered ``429`` in the middle of a round: users.info is held for its
    Retry-After, then the round goes on from the person it stopped at (nothing paused or
    resumed on a guess, Slack not asked again inside the wait). Before: the round stopped
    there, and the people after it waited for the next round, ten minutes on."""
    follow(fresh_db, topic, PERSON, kind="user")
    with transaction(fresh_db):
        subscribe_quotes(fresh_db, query="harbour master", target_type="user",
                         target_id="U0QUOTES", mode="realtime", created_by="U0QUOTES",
                         at="2026-11-24T05:00:00+00:00")
    fake_slack.add_user(PERSON, deleted=True)
    fake_slack.add_user("U0QUOTES", deleted=True)
    fake_slack.fail_next(1, status=429, retry_after=2, methods={"users.info"})
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.changed, looked.cut) == (2, 2, None)
    asked = fake_slack.calls_to("users.info", ok_only=False)
    assert [c.params["user"] for c in asked] == [PERSON, PERSON, "U0QUOTES"]
    assert asked[1].at - asked[0].at >= 2, "not asked again inside the Retry-After"
    reasons = fresh_db.execute("SELECT paused_reason FROM quote_subscriptions").fetchall()
    assert reasons == [("user_disabled",)]


def test_a_stop_while_users_info_is_held_ends_the_round_at_once(runtime, fake_slack, fresh_db,
                                                                topic):
    """The run stops while the round waits out a long Retry-After: the round ends then, and
    the next round (another run's) begins with the person it stopped at. The stop comes once
    Slack has been asked (a timer could fire before a loaded machine's round began, and there
    would be no round to end), and the round must end before the Retry-After would have let it
    go on: only a wait that ignores the stop lasts that long, never a slow turn."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.fail_next(1, status=429, retry_after=RETRY_AFTER, methods={"users.info"})
    stopper = threading.Thread(target=stop_once_asked, args=(runtime, fake_slack), daemon=True)
    stopper.start()
    held = runtime.check_accounts()
    ended = time.monotonic()
    assert held is not None and held.looked == 0 and held.cut == "the bot stops"
    joined(stopper)
    [asked] = fake_slack.calls_to("users.info", ok_only=False)
    assert ended < asked.at + RETRY_AFTER, "the round waited out the Retry-After"


def test_many_followers_are_looked_at_in_turn(runtime, fake_slack, fresh_db, topic):
    """55 people: 50 a round, the next round the other 5, the one after from the first again;
    the last of them deactivated is paused by the second round."""
    people = [f"U0P{n:03d}" for n in range(55)]
    for person in people:
        follow(fresh_db, topic, person, kind="user")
    fake_slack.add_user(people[-1], deleted=True)
    rounds = [runtime.check_accounts() for _ in range(3)]
    assert [(r.looked, r.changed) for r in rounds if r] == [(50, 0), (5, 1), (50, 0)]
    asked = [call.params["user"] for call in fake_slack.calls_to("users.info")]
    assert asked == people + people[:50]
    assert [s.target_id for s in paused_subscriptions(fresh_db)] == [people[-1]]


def test_a_restart_reads_on_where_the_last_round_stopped(runtime, slack_settings, fake_slack,
                                                         fresh_db, topic):
    """The turn's place is kept in the database. Before: in memory, so a run restarted before
    its second round (a restart every 10 minutes gives each run one round) began again at the
    first, and the 5 after the first 50 were never looked at: the deactivated last one kept
    getting alerts nobody reads."""
    people = [f"U0P{n:03d}" for n in range(55)]
    for person in people:
        follow(fresh_db, topic, person, kind="user")
    fake_slack.add_user(people[-1], deleted=True)
    first = runtime.check_accounts()
    runtime.stop()
    with started(slack_settings) as again:
        rounds = [first, again.check_accounts(), again.check_accounts()]
    assert [(r.looked, r.changed) for r in rounds if r] == [(50, 0), (5, 1), (50, 0)]
    asked = [call.params["user"] for call in fake_slack.calls_to("users.info")]
    assert asked == people + people[:50]
    assert [s.target_id for s in paused_subscriptions(fresh_db)] == [people[-1]]


def test_an_account_slack_says_is_not_found_is_paused(runtime, fake_slack, fresh_db, topic):
    """``user_not_found``: no account has that id in the workspace (erased, or never one
    here); nobody can be reached, so the person's subscriptions pause, saying why."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.refuse_method("users.info", "user_not_found")
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.changed) == (1, 1)
    assert [s.paused_reason for s in paused_subscriptions(fresh_db)] == ["user_not_found"]


def test_an_account_the_bot_may_not_see_is_paused_only_when_no_direct_message_opens(
        runtime, fake_slack, fresh_db, topic, t0):
    """``user_not_visible``: the account exists but the bot may not see it (another
    organisation's, one an admin keeps from apps); it says nothing of whether a direct message
    reaches them, so the look asks Slack to open one, as the sender does. Opened: nothing
    changes and their next alert goes. Refused: paused as the sender would (before: left as it
    was, posting to a direct message opened earlier)."""
    follow(fresh_db, topic, PERSON, kind="user")
    fake_slack.refuse_method("users.info", "user_not_visible")
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.changed) == (1, 0)
    assert paused_subscriptions(fresh_db) == []
    new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=t0) == 1
    fake_slack.refuse_method("conversations.open", "user_not_visible")
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.changed) == (1, 1)
    assert [s.paused_reason for s in paused_subscriptions(fresh_db)] == ["user_not_visible"]
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    assert "Slack does not let wirewatch" in status, status


def test_opening_a_hidden_persons_messages_held_back_waits_and_the_round_goes_on(
        runtime, fake_slack, fresh_db, topic):
    """Two people users.info does not show (``user_not_visible``): the round asks Slack to
    open each one's direct messages, and the first open is answered ``429``. The round waits
    out its Retry-After, opens that person's again, then goes on to the next. Before: the round
    stopped at the first, and the second waited for the next round, ten minutes on."""
    follow(fresh_db, topic, PERSON, kind="user")
    follow(fresh_db, topic, "U0HIDDEN", kind="user")
    fake_slack.refuse_method("users.info", "user_not_visible")
    fake_slack.fail_next(1, status=429, retry_after=2, methods={"conversations.open"})
    looked = runtime.check_accounts()
    assert looked is not None and (looked.looked, looked.changed, looked.cut) == (2, 0, None)
    opened = fake_slack.calls_to("conversations.open", ok_only=False)
    assert sorted(c.params["users"] for c in opened[1:]) == sorted([PERSON, "U0HIDDEN"])
    assert opened[1].params["users"] == opened[0].params["users"], "the same person again"
    assert opened[1].at - opened[0].at >= 2, "not asked again inside the Retry-After"
    assert len(fake_slack.calls_to("users.info", ok_only=False)) == 2, "each looked at once"
    assert paused_subscriptions(fresh_db) == []
