"""A post whose answer never came in time, while Slack posts it a moment later all the same:
looked for only once Slack has had time to finish, and never posted twice (the real sender
and a real WebClient over HTTP, the fake Slack, a real SQLite file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient

from bot.alerts.calls import ANSWER_LATE_WAIT
from bot.alerts.digest import send_due_digests
from bot.alerts.digest_flight import read_in_flight
from bot.alerts.sender import AlertSender
from bot.alerts.slack_clock import LATE_POST_WINDOW, late_waits
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.alerts import mark_sending
from storage.db import transaction
from storage.state import get_state
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import wait_for
from tests.slack.test_slack_sender import follow, new_story
from tests.slack.world import add_article, add_story

CLIENT_TIMEOUT = 1  # the runtime's is 10 s; a second keeps the test short
SIX = datetime(2026, 11, 24, 6, 0, tzinfo=UTC)
"""When the hourly digest of ``one_digest_due`` is due."""


def sender_for(fake) -> AlertSender:
    return AlertSender(WebClient(token=VALID_TOKEN, base_url=fake.base_url,
                                 timeout=CLIENT_TIMEOUT, retry_handlers=[]))


def one_story(db) -> None:
    with transaction(db):
        topic = add_topic(db, name="Port strike", query="dockworkers")
    follow(db, topic, "C0DESK")
    new_story(db, topic)


def deliver_every_second(sender: AlertSender, db, start: datetime, seconds: int) -> None:
    """A pass each virtual second."""
    for n in range(seconds):
        sender.deliver(db, now=start + timedelta(seconds=n))


def one_digest_due(db, channel: str = "C0DESK", *, hour: int = 5,
                   topic: tuple[str, str, str] = ("Port strike", "dockworkers",
                                                  "Dockworkers walk out")) -> None:
    """An hourly digest of one story, due at SIX (``hour`` 5: the hour after it), for
    ``channel``: the topic's name, its query and the story's title."""
    name, query, title = topic
    with transaction(db):
        topic_id = add_topic(db, name=name, query=query)
        subscribe(db, topic_id=topic_id, target_type="channel", target_id=channel,
                  mode="hourly", created_by="U1", at=f"2026-11-24T{hour:02d}:00:00+00:00")
    add_story(db, article_id=add_article(db, title=title), title=title, topic_ids=(topic_id,),
              at=f"2026-11-24T{hour:02d}:20:00+00:00")


def one_digest_in_flight_seven_pages_back(db, fake, send: Callable[..., int]) -> None:
    """The digest of ``one_digest_due``, sent by ``send``, answered 504 and made by Slack, then
    100 messages of the desk's after it (seven pages of 15), and Slack answering one history
    read in two (429 to the others)."""
    one_digest_due(db)
    fake.page_size = 15
    fake.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    send(now=SIX)
    assert fake.do_held_work() == 1
    [made] = fake.posts("C0DESK")
    for n in range(100):
        fake.add_message("C0DESK", text=f"desk chatter {n}", at=float(made.ts) + n / 2)
    fake.pace("conversations.history", one_in=2)


def digest_cut_short_on_its_second_page(runtime, fake, db) -> None:
    """A digest in flight (answered 504 by the gateway), 20 of the desk's messages after it
    (two pages of 15), and its first lookup cut short on its second page."""
    one_digest_due(db)
    fake.page_size = 15
    fake.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    runtime.send_due_digests(now=SIX)
    for n in range(20):
        fake.add_message("C0DESK", text=f"desk chatter {n}")
    fake.pace("conversations.history", one_in=2)
    runtime.send_due_digests(now=SIX + timedelta(seconds=ANSWER_LATE_WAIT + 1))
    assert read_in_flight(db, 1).cursor, "cut short on its second page"


def recorded_as(db, post) -> bool:
    """The alert is sent, recorded as that message: found, so no other post was begun."""
    return db.execute("SELECT status, ts FROM alerts").fetchone() == ("sent", post.ts)


def test_a_post_slack_makes_after_the_client_gave_up_is_found_not_posted_again(
        fresh_db, fake_slack):
    one_story(fresh_db)
    sender = sender_for(fake_slack)
    fake_slack.slow_down(CLIENT_TIMEOUT * 1.5, methods={"chat.postMessage"}, late=True)
    start = datetime.now(UTC) + timedelta(hours=1)
    deliver_every_second(sender, fresh_db, start, 10)
    [late] = wait_for(lambda: fake_slack.posts("C0DESK"))  # Slack made the first post, late
    deliver_every_second(sender, fresh_db, start + timedelta(seconds=ANSWER_LATE_WAIT), 3)
    assert recorded_as(fresh_db, late), "found, not posted again"
    assert fake_slack.begun.count("chat.postMessage") == 1, "no other post begun"


def test_a_post_a_gateway_answered_504_while_slack_made_it_is_not_posted_again(
        fresh_db, fake_slack):
    one_story(fresh_db)
    sender = sender_for(fake_slack)
    fake_slack.time_out_at_gateway_next(1, 0.2, methods={"chat.postMessage"})
    start = datetime.now(UTC) + timedelta(hours=1)
    deliver_every_second(sender, fresh_db, start, 10)
    [late] = wait_for(lambda: fake_slack.posts("C0DESK"))  # Slack made it after the 504
    deliver_every_second(sender, fresh_db, start + timedelta(seconds=ANSWER_LATE_WAIT), 3)
    assert recorded_as(fresh_db, late), "posted once, by Slack after its gateway's 504"
    assert fake_slack.begun.count("chat.postMessage") == 1, "no other post begun"


def test_a_digest_slack_posts_after_the_client_gave_up_is_found_not_posted_again(
        fresh_db, fake_slack):
    """The same for a digest: its next pass (a minute later in `wirewatch run`, or at once
    after a restart) looked at once; the one under way is looked for only once Slack has had
    ANSWER_LATE_WAIT to finish it."""
    one_digest_due(fresh_db)
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url, timeout=CLIENT_TIMEOUT,
                       retry_handlers=[])
    fake_slack.slow_down(CLIENT_TIMEOUT * 1.5, methods={"chat.postMessage"}, late=True)
    for second in range(5):
        send_due_digests(fresh_db, client, now=SIX + timedelta(seconds=second))
    wait_for(lambda: fake_slack.posts("C0DESK"))  # Slack made the first post, late
    send_due_digests(fresh_db, client, now=SIX + timedelta(seconds=ANSWER_LATE_WAIT + 5))
    assert fake_slack.begun.count("chat.postMessage") == 1, "found, not posted again"


def test_a_digest_waits_for_slack_as_long_as_the_clients_timeout_says(slack_settings,
                                                                       fake_slack, fresh_db):
    """WIREWATCH_SLACK_TIMEOUT 20: a digest whose post was answered 504 while Slack still makes
    it is looked for three timeouts on (60 s), as an alert is. Before: 30 s on whatever the
    timeout (ANSWER_LATE_WAIT), so at 35 s it was not there yet and was posted again."""
    one_digest_due(fresh_db)
    runtime = SlackRuntime(replace(slack_settings, slack_timeout=20))
    try:
        fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
        runtime.send_due_digests(now=SIX)
        runtime.send_due_digests(now=SIX + timedelta(seconds=35))
        assert fake_slack.begun.count("chat.postMessage") == 1, "not posted again while Slack may"
        assert fake_slack.do_held_work() == 1
        runtime.send_due_digests(now=SIX + timedelta(seconds=65))
    finally:
        runtime.stop()
    assert fake_slack.begun.count("chat.postMessage") == 1, "found, not posted again"
    assert len(fake_slack.posts("C0DESK")) == 1


def test_a_digest_lookup_slack_paces_reads_on_from_the_page_it_stopped_at(runtime, fake_slack,
                                                                           fresh_db):
    """Slack serves apps outside its Marketplace a page of 15 messages a minute: a digest's
    lookup begun again at its first page after each 429 never reached the post seven pages
    back, so the digest stayed in flight and its subscription got none again. It now reads on
    from the page it stopped at, as an alert's lookup does."""
    one_digest_in_flight_seven_pages_back(fresh_db, fake_slack, runtime.send_due_digests)
    for n in range(1, 12):
        runtime.send_due_digests(now=SIX + timedelta(seconds=ANSWER_LATE_WAIT + 61 * n))
    assert fake_slack.begun.count("chat.postMessage") == 1, "found, not posted again"
    assert fresh_db.execute("SELECT last_digest_at FROM subscriptions").fetchone()[0] == \
        "2026-11-24T06:00:00+00:00"


def test_a_digest_lookup_slack_cut_short_reads_on_after_a_restart(fake_slack, fresh_db):
    """The same, each pass a run of its own (``send_due_digests`` without the run's lookups: a
    run restarted between passes): the place the lookup stopped at was kept in the run's
    memory, so each restart read from the first page again and the digest stayed in flight
    for ever. It is now kept with the digest in flight, and dropped with it once found."""
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url, timeout=CLIENT_TIMEOUT,
                       retry_handlers=[])
    one_digest_in_flight_seven_pages_back(
        fresh_db, fake_slack, lambda now: send_due_digests(fresh_db, client, now=now))
    for n in range(1, 12):
        send_due_digests(fresh_db, client, now=SIX + timedelta(seconds=ANSWER_LATE_WAIT + 61 * n))
    assert fake_slack.begun.count("chat.postMessage") == 1, "found, not posted again"
    assert fresh_db.execute("SELECT last_digest_at FROM subscriptions").fetchone()[0] == \
        "2026-11-24T06:00:00+00:00"
    assert get_state(fresh_db, "digest_in_flight:1") == ""


def test_a_digest_slack_makes_long_after_the_answer_was_due_is_not_posted_again(
        runtime, fake_slack, fresh_db):
    """A digest in flight now has an alert's window and late window. Before: one look, three
    client timeouts after the try, from a day before its period ended: Slack made the post
    after that look, so the digest was posted again (two of the hour), and every look read a
    day of the channel's history. Now it is looked for again before each pass while Slack may
    still make it, in the span its try's post can be in (the run knows Slack's clock from its
    first digest here)."""
    one_digest_due(fresh_db)
    runtime.send_due_digests(now=SIX)
    seven = SIX + timedelta(hours=1)
    one_digest_due(fresh_db, "C0NEWS", hour=6, topic=("Ferries", "ferry", "Ferry crews strike"))
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    runtime.send_due_digests(now=seven)
    runtime.send_due_digests(now=seven + timedelta(seconds=ANSWER_LATE_WAIT + 5))
    assert fake_slack.begun.count("chat.postMessage") == 2, "not posted again while Slack may"
    assert fake_slack.do_held_work() == 1
    runtime.send_due_digests(now=seven + timedelta(seconds=2 * ANSWER_LATE_WAIT + 10))
    assert fake_slack.begun.count("chat.postMessage") == 2, "found, not posted again"
    [made] = fake_slack.posts("C0NEWS")
    assert fresh_db.execute("SELECT last_digest_at FROM subscriptions WHERE target_id = "
                            "'C0NEWS'").fetchone()[0] == "2026-11-24T07:00:00+00:00"
    reads = [c for c in fake_slack.calls_to("conversations.history")
             if c.params["channel"] == "C0NEWS"]
    assert reads and all(float(c.params["oldest"]) < float(made.ts) < float(c.params["latest"])
                         < float(made.ts) + 3600 for c in reads), "the try's span, not a day"


def test_a_digest_lookup_read_to_its_end_looks_from_the_newest_page_again(runtime, fake_slack,
                                                                          fresh_db):
    """As an alert's (``test_a_lookup_read_to_its_end_looks_from_the_newest_page_again``): a
    lookup cut short, then read on to its end while Slack may still make the post, which it
    then makes. Before: the next look read on from the cut-short page and the digest was
    posted again (test failed before: two posts begun). Now a lookup read to its end keeps no
    place."""
    digest_cut_short_on_its_second_page(runtime, fake_slack, fresh_db)
    runtime.send_due_digests(now=SIX + timedelta(seconds=ANSWER_LATE_WAIT + 62))
    assert fake_slack.begun.count("chat.postMessage") == 1, "not there, the late window open"
    assert fake_slack.do_held_work() == 1
    fake_slack.pace("conversations.history", one_in=1)
    runtime.send_due_digests(now=SIX + timedelta(seconds=LATE_POST_WINDOW + 5))
    assert fake_slack.begun.count("chat.postMessage") == 1, "found on the newest page"
    assert fresh_db.execute("SELECT last_digest_at FROM subscriptions").fetchone()[0] == \
        "2026-11-24T06:00:00+00:00"


def test_a_digest_lookup_begun_while_slack_may_still_post_is_not_ended_by_reading_on(
        runtime, fake_slack, fresh_db):
    """As an alert's (``test_a_lookup_begun_while_slack_may_still_post_is_not_ended_by_reading_on``):
    a lookup cut short while the late window is open, Slack then making the post, and the next
    pass, after the late window, reading on from the cut-short page to the end. Before: the
    digest was posted again (two posts begun). Now it is looked for from the newest page."""
    digest_cut_short_on_its_second_page(runtime, fake_slack, fresh_db)
    assert fake_slack.do_held_work() == 1
    fake_slack.pace("conversations.history", one_in=1)
    for extra in (5, 70):
        runtime.send_due_digests(now=SIX + timedelta(seconds=LATE_POST_WINDOW + extra))
    assert fake_slack.begun.count("chat.postMessage") == 1, "found on the newest page"
    assert fresh_db.execute("SELECT last_digest_at FROM subscriptions").fetchone()[0] == \
        "2026-11-24T06:00:00+00:00"


def digest_posts(fake, channel: str = "C0DESK") -> list[str]:
    """The ts of the digests in ``channel``."""
    return [m.ts for m in fake.posts(channel)
            if (m.metadata or {}).get("event_type") == "wirewatch_digest"]


def posted_again_once_the_late_window_closed(runtime, fake) -> datetime:
    """Passes a look apart after a digest's try whose answer never came, until it is posted
    again; when."""
    passes = int((LATE_POST_WINDOW + 2 * ANSWER_LATE_WAIT) // ANSWER_LATE_WAIT)
    for n in range(1, passes + 1):
        runtime.send_due_digests(now=SIX + timedelta(seconds=n * (ANSWER_LATE_WAIT + 1)))
    assert len(digest_posts(fake)) == 1, "posted again once the late window closed"
    return SIX + timedelta(seconds=passes * (ANSWER_LATE_WAIT + 1))


def watch_digests_for_two_hours(runtime, posted: datetime) -> None:
    for minutes in (1, 2, 4, 8, 16, 32, 64, 128):
        runtime.send_due_digests(now=posted + timedelta(minutes=minutes))


def test_a_digest_slack_makes_after_its_late_window_is_deleted_one_copy_kept(
        runtime, fake_slack, fresh_db):
    """Slack makes the post of a digest's try whose answer never came after its late window
    closed and the digest was posted again. Before: digests had no stray watch, so two
    digests of the hour stayed. Now the digest posted again is watched, as an alert is, and the
    stray is deleted: the copy recorded stays."""
    one_digest_due(fresh_db)
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    runtime.send_due_digests(now=SIX)
    posted = posted_again_once_the_late_window_closed(runtime, fake_slack)
    kept = digest_posts(fake_slack)
    assert fake_slack.do_held_work() == 1, "Slack makes the first try's post only now"
    watch_digests_for_two_hours(runtime, posted)
    assert digest_posts(fake_slack) == kept
    reads = len(fake_slack.calls_to("conversations.history"))
    runtime.send_due_digests(now=posted + timedelta(hours=3))
    assert len(fake_slack.calls_to("conversations.history")) == reads, "the watch ended"


def test_a_digests_stray_of_an_earlier_try_is_deleted_when_a_later_try_was_answered(
        runtime, fake_slack, fresh_db):
    """The first try's answer never came; the try after its late window is answered 500
    (Slack did not make it); the third posts the digest. The first try's post, made later by
    Slack, is watched for from its own span (before: two digests of the hour)."""
    one_digest_due(fresh_db)
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    runtime.send_due_digests(now=SIX)
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    posted = posted_again_once_the_late_window_closed(runtime, fake_slack)
    kept = digest_posts(fake_slack)
    assert fake_slack.do_held_work() == 1
    watch_digests_for_two_hours(runtime, posted)
    assert digest_posts(fake_slack) == kept


def test_a_digest_refused_for_its_token_goes_once_the_token_works_again(runtime, fake_slack,
                                                                        fresh_db):
    """The token is revoked as the digest is posted (Slack refuses it: nothing posted), and
    works again a minute later. Before: the digest kept its late window, as if its answer had
    never come, so the first pass with the token working posted nothing (it waited up to two
    minutes after its try) and then watched it for a stray. Now posted at that pass."""
    one_digest_due(fresh_db)
    fake_slack.revoke_token()
    runtime.send_due_digests(now=SIX)
    assert digest_posts(fake_slack) == []
    fake_slack.restore_token()
    runtime.send_due_digests(now=SIX + timedelta(seconds=61))
    assert len(digest_posts(fake_slack)) == 1
    assert fresh_db.execute("SELECT count(*) FROM digest_strays").fetchone()[0] == 0


def test_an_alert_waits_its_late_wait_under_a_long_client_timeout(fresh_db, fake_slack):
    """WIREWATCH_SLACK_TIMEOUT 120: a post answered 504 is first looked for three timeouts on
    (six minutes). Before: a wait longer than the sender's five-minute retry cap was read as
    the clock stepped back, so the alert was looked for at every pass from the next one on,
    a history read a second while Slack might still be making the post."""
    one_story(fresh_db)
    late_wait, late_window = late_waits(120)
    sender = AlertSender(WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url,
                                   timeout=CLIENT_TIMEOUT, retry_handlers=[]),
                         late_wait=late_wait, late_window=late_window)
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    start = datetime.now(UTC) + timedelta(hours=1)
    sender.deliver(fresh_db, now=start)
    reads = fake_slack.begun.count("conversations.history")
    deliver_every_second(sender, fresh_db, start + timedelta(seconds=1), 30)
    assert fake_slack.begun.count("conversations.history") == reads, "not looked for yet"
    assert fake_slack.do_held_work() == 1
    deliver_every_second(sender, fresh_db, start + timedelta(seconds=late_wait), 3)
    [post] = fake_slack.posts("C0DESK")
    assert recorded_as(fresh_db, post), "found once its late wait is over"
    assert fake_slack.begun.count("chat.postMessage") == 1


def test_a_429_on_an_alerts_lookup_holds_a_digests_lookup_too(runtime, fake_slack, fresh_db):
    """conversations.history held by its 429 to an alert's lookup: a digest in flight is not
    looked for before the Retry-After either. Before: the digest's lookup asked on its own,
    inside the wait Slack gave the method."""
    one_digest_due(fresh_db)
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    runtime.send_due_digests(now=SIX)
    assert fake_slack.do_held_work() == 1
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Ferries", query="ferry")
    follow(fresh_db, topic, "C0NEWS")
    new_story(fresh_db, topic, title="Ferry crews strike")
    with transaction(fresh_db):
        mark_sending(fresh_db, 1, channel="C0NEWS")
    fake_slack.fail_next(1, status=429, retry_after=60, methods={"conversations.history"})
    late = SIX + timedelta(seconds=ANSWER_LATE_WAIT + 1)
    assert runtime.deliver_pending(now=late) == 0
    runtime.send_due_digests(now=late + timedelta(seconds=1))
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == 1
    runtime.send_due_digests(now=late + timedelta(seconds=61))
    assert fake_slack.begun.count("chat.postMessage") == 1, "found, not posted again"
    assert fresh_db.execute("SELECT last_digest_at FROM subscriptions WHERE target_id = "
                            "'C0DESK'").fetchone()[0] == "2026-11-24T06:00:00+00:00"
