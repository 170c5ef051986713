"""A post whose answer never came, looked for in exactly the span of history it can be in
(however busy the channel since), and looked for again before any other try while Slack may
still make it (the real sender and a real WebClient over HTTP, the fake Slack, a real SQLite
file; the sender's time is virtual, Slack's late work done when the test says)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.alerts.calls import ANSWER_LATE_WAIT
from bot.alerts.sender import AlertSender
from bot.alerts.slack_clock import KNOWN_MARGIN_S, LATE_POST_WINDOW, UNKNOWN_MARGIN_S
from bot.alerts.strays import Stray, read_on_from
from bot.stories.tracking import add_topic
from storage.alerts import mark_sending
from storage.db import transaction
from tests.slack.test_slack_late_answers import sender_for
from tests.slack.test_slack_sender import follow, new_story

CHATTER = 400
"""Messages others post in the desk channel after the post in flight: three hours' worth."""


def alert_of(message) -> int | None:
    return ((message.metadata or {}).get("event_payload") or {}).get("alert_id")


def copies(fake, alert_id: int) -> int:
    """How many messages in Slack are the alert's."""
    return sum(1 for m in fake.posts() if alert_of(m) == alert_id)


def first_posted_then_one_in_flight(db, fake) -> tuple[AlertSender, datetime]:
    """A first story's alert posted (so the sender knows Slack's clock), then a second one's
    answered 504 by the gateway while Slack holds its work."""
    with transaction(db):
        topic = add_topic(db, name="Port strike", query="dockworkers")
    follow(db, topic, "C0DESK")
    new_story(db, topic)
    sender = sender_for(fake)
    start = datetime.now(UTC)
    assert sender.deliver(db, now=start) == 1
    new_story(db, topic, title="Dockworkers return to the quays")
    fake.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    assert sender.deliver(db, now=start + timedelta(seconds=2)) == 0
    return sender, start + timedelta(seconds=2)


def seven_pages_back_while_slack_paces_reads(db, fake) -> tuple[AlertSender, datetime, Any]:
    """The alert in flight made by Slack, then 100 messages of the desk's after it (seven
    pages of 15), and Slack answering one history read in two (429 to the others)."""
    fake.page_size = 15
    sender, tried = first_posted_then_one_in_flight(db, fake)
    assert fake.do_held_work() == 1
    [made] = [m for m in fake.posts("C0DESK") if alert_of(m) == 2]
    for n in range(100):
        fake.add_message("C0DESK", text=f"desk chatter {n}", at=float(made.ts) + n / 2)
    fake.pace("conversations.history", one_in=2)
    return sender, tried, made


def cut_short_on_its_second_page(db, fake) -> tuple[AlertSender, datetime]:
    """The alert in flight, 20 of the desk's messages after it (two pages of 15), and its
    first lookup cut short on its second page (Slack answering one history read in two)."""
    fake.page_size = 15
    sender, tried = first_posted_then_one_in_flight(db, fake)
    for n in range(20):
        fake.add_message("C0DESK", text=f"desk chatter {n}")
    fake.pace("conversations.history", one_in=2)
    sender.deliver(db, now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 1))
    assert db.execute("SELECT look_cursor FROM alerts WHERE id = 2").fetchone()[0], \
        "cut short on its second page"
    return sender, tried


def test_a_post_in_flight_is_found_however_busy_the_channel_has_been_since(fresh_db, fake_slack):
    """Slack serves 15 messages a page: the lookup read five pages, the latest 75 messages,
    and posted the alert again when more than 75 came after it (Slack's own late post here,
    then three hours of a busy channel). It now reads the span its try can be in, all of it."""
    fake_slack.page_size = 15
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    assert fake_slack.do_held_work() == 1
    [made] = [m for m in fake_slack.posts("C0DESK") if alert_of(m) == 2]
    for n in range(CHATTER):
        fake_slack.add_message("C0DESK", text=f"desk chatter {n}", at=float(made.ts) + 27 * n)
    sender.deliver(fresh_db, now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 1))
    assert copies(fake_slack, 2) == 1, "found, not posted again"
    assert fresh_db.execute("SELECT status, ts FROM alerts WHERE id = 2").fetchone() == \
        ("sent", made.ts)
    reads = fake_slack.calls_to("conversations.history")
    assert reads and all(float(c.params["oldest"]) < float(made.ts) < float(c.params["latest"])
                         < float(made.ts) + 3600 for c in reads), "the try's span, not hours"


def test_a_post_slack_makes_long_after_the_answer_was_due_is_not_posted_again(
        fresh_db, fake_slack):
    """Slack makes the post after the first look (30 s on): that look found nothing and
    posted again, and Slack then made both. Now the alert waits while the window is open,
    looking again before any other try."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    sender.deliver(fresh_db, now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 1))
    assert copies(fake_slack, 2) == 0, "not posted again while Slack may still make it"
    assert fake_slack.do_held_work() == 1
    sender.deliver(fresh_db, now=tried + timedelta(seconds=2 * ANSWER_LATE_WAIT + 2))
    assert copies(fake_slack, 2) == 1
    assert fresh_db.execute("SELECT status FROM alerts WHERE id = 2").fetchone()[0] == "sent"


def test_a_post_slack_never_makes_goes_once_the_window_closes(fresh_db, fake_slack):
    """Nothing lost: the look after the window finds nothing, and the alert is posted."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    passes = int((LATE_POST_WINDOW + 2 * ANSWER_LATE_WAIT) // ANSWER_LATE_WAIT)
    for n in range(1, passes + 1):
        sender.deliver(fresh_db, now=tried + timedelta(seconds=n * (ANSWER_LATE_WAIT + 1)))
    assert copies(fake_slack, 2) == 1
    assert fresh_db.execute("SELECT status FROM alerts WHERE id = 2").fetchone()[0] == "sent"
    assert len(fake_slack.calls_to("conversations.history")) >= \
        LATE_POST_WINDOW // ANSWER_LATE_WAIT, "looked for again before each try"


def test_a_lookup_slack_paces_reads_on_from_the_page_it_stopped_at(fresh_db, fake_slack):
    """Slack serves apps outside its Marketplace a page of 15 messages a minute: a lookup
    begun again at its first page after each 429 never reached the post seven pages back, and
    the alert waited for ever. It now reads on from the page it stopped at."""
    sender, tried, made = seven_pages_back_while_slack_paces_reads(fresh_db, fake_slack)
    for n in range(1, 12):
        sender.deliver(fresh_db, now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 61 * n))
    assert fresh_db.execute("SELECT status, ts FROM alerts WHERE id = 2").fetchone() == \
        ("sent", made.ts)
    assert copies(fake_slack, 2) == 1


def test_a_lookup_slack_cut_short_reads_on_after_a_restart(fresh_db, fake_slack):
    """The same, a new sender for each try (a run restarted between tries: a deploy, a
    supervisor): the place the lookup stopped at was kept in the sender's memory, so each
    restart read the span from its first page again and never reached the post. It is now kept
    with the alert, and dropped once the alert is recorded."""
    _, tried, made = seven_pages_back_while_slack_paces_reads(fresh_db, fake_slack)
    for n in range(1, 12):
        sender_for(fake_slack).deliver(fresh_db,
                                       now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 61 * n))
    assert fresh_db.execute("SELECT status, ts, look_cursor FROM alerts WHERE id = 2"
                            ).fetchone() == ("sent", made.ts, None)
    assert copies(fake_slack, 2) == 1


def test_a_lookup_read_to_its_end_looks_from_the_newest_page_again(fresh_db, fake_slack):
    """A lookup Slack cut short (a 429 on its second page) reads on at the next try and reaches
    its end: not there yet, and Slack may still make the post. Slack then makes it, the newest
    message. Before: the next look read on from the page the cut-short one had stopped at (the
    place stayed kept with the alert), passed over the newest page and posted the alert again
    (test failed before: two copies). Now a lookup read to its end keeps no place."""
    sender, tried = cut_short_on_its_second_page(fresh_db, fake_slack)
    sender.deliver(fresh_db, now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 62))
    assert copies(fake_slack, 2) == 0, "read to its end: not there, and the late window open"
    assert fake_slack.do_held_work() == 1
    fake_slack.pace("conversations.history", one_in=1)
    sender.deliver(fresh_db, now=tried + timedelta(seconds=LATE_POST_WINDOW + 5))
    assert copies(fake_slack, 2) == 1, "found on the newest page, not posted again"
    assert fresh_db.execute("SELECT status FROM alerts WHERE id = 2").fetchone()[0] == "sent"


DAY_OF_CHATTER = 1440
"""A busy desk channel's day before the run started: a message a minute."""


def test_a_runs_first_try_is_looked_for_in_minutes_of_history_not_two_days(
        runtime, fresh_db, fake_slack):
    """A run's first post is answered 504 by the gateway and Slack never makes it, in a channel
    with a message a minute over the day before. Before, the run knew Slack's clock only from a
    post's ts, so that try's span was a day either side: each look read the whole day (96 pages
    of 15; at Slack's pace for apps outside its Marketplace, a page a minute, an hour and a half
    a look, the channel held all that while). Now the Date of start-up's auth.test answer sets
    the clock: the span is the try's minutes, a page a look."""
    fake_slack.page_size = 15
    started = time.time()
    for n in range(DAY_OF_CHATTER):
        fake_slack.add_message("C0DESK", text=f"desk chatter {n}",
                               at=started - 86_400 + 60 * n)
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port strike", query="dockworkers")
    follow(fresh_db, topic, "C0DESK")
    new_story(fresh_db, topic)
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    tried = datetime.now(UTC)
    assert runtime.deliver_pending(now=tried) == 0
    passes = int((LATE_POST_WINDOW + 2 * ANSWER_LATE_WAIT) // ANSWER_LATE_WAIT)
    for n in range(1, passes + 1):
        runtime.deliver_pending(now=tried + timedelta(seconds=n * (ANSWER_LATE_WAIT + 1)))
    assert copies(fake_slack, 1) == 1, "posted once the late window closed: nothing lost"
    reads = fake_slack.calls_to("conversations.history")
    looks = LATE_POST_WINDOW // ANSWER_LATE_WAIT
    lookups = [c for c in reads if "latest" in c.params]
    assert len(lookups) <= 2 * looks, f"{len(lookups)} pages read for {looks} looks"
    assert all(float(c.params["latest"]) - float(c.params["oldest"]) <
               2 * KNOWN_MARGIN_S + LATE_POST_WINDOW + 1 for c in lookups), "minutes, not days"
    assert all(float(c.params["oldest"]) > started - 2 * KNOWN_MARGIN_S for c in reads), \
        "a look for a stray of the try (posted again) reads from the try's span on"


def test_a_lookup_begun_while_slack_may_still_post_is_not_ended_by_reading_on(fresh_db,
                                                                              fake_slack):
    """A lookup Slack cut short (a 429 on its second page) while the late window is open;
    Slack then makes the post, the newest message; the next try comes after the late window
    closed and reads on from the second page to the end. Before: that read was taken for the
    whole span, and the alert was posted again (two copies), though its newest page had been
    read before Slack made the post. Now only a lookup whose newest page was read once the late
    window had closed says "not posted"; this one looks again from the newest page."""
    sender, tried = cut_short_on_its_second_page(fresh_db, fake_slack)
    assert fake_slack.do_held_work() == 1
    fake_slack.pace("conversations.history", one_in=1)
    for extra in (5, 70):
        sender.deliver(fresh_db, now=tried + timedelta(seconds=LATE_POST_WINDOW + extra))
    assert copies(fake_slack, 2) == 1, "found on the newest page, not posted again"
    assert fresh_db.execute("SELECT status FROM alerts WHERE id = 2").fetchone()[0] == "sent"


def test_a_post_slack_makes_after_the_late_window_is_deleted_one_copy_kept(
        fresh_db, fake_slack):
    """Slack makes the post of a try whose answer never came after its late window closed, and
    after the alert was posted again: two copies (left by the second pass). Now an alert posted
    again so is watched for a stray of that try (its metadata, in the try's span, the recorded
    post left out), and the stray is deleted: one copy, the one recorded."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    passes = int((LATE_POST_WINDOW + 2 * ANSWER_LATE_WAIT) // ANSWER_LATE_WAIT)
    for n in range(1, passes + 1):
        sender.deliver(fresh_db, now=tried + timedelta(seconds=n * (ANSWER_LATE_WAIT + 1)))
    [(status, ts)] = fresh_db.execute("SELECT status, ts FROM alerts WHERE id = 2").fetchall()
    assert status == "sent" and copies(fake_slack, 2) == 1
    assert fake_slack.do_held_work() == 1, "Slack makes the first try's post only now"
    posted_again = tried + timedelta(seconds=passes * (ANSWER_LATE_WAIT + 1))
    for minutes in (1, 2, 4, 8, 16, 32, 64, 128):
        sender.deliver(fresh_db, now=posted_again + timedelta(minutes=minutes))
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == 2] == [ts]
    for hours in (4, 8, 16, 24):
        sender.deliver(fresh_db, now=posted_again + timedelta(hours=hours, minutes=1))
    reads = len(fake_slack.calls_to("conversations.history"))
    sender.deliver(fresh_db, now=posted_again + timedelta(hours=25))
    assert len(fake_slack.calls_to("conversations.history")) == reads, "the watch ended"


def test_a_stray_slack_makes_hours_after_the_post_again_is_deleted(fresh_db, fake_slack):
    """Slack makes the stray two hours after the alert was posted again. Before: the watch
    ended at the hour, and two copies stayed. Now the looks go on, each twice as long after the
    post as the one before, for a day; past the hour each reads only what Slack stamped since
    the look before (a post it makes so late is stamped when made), so a day's watch in a busy
    channel costs pages of hours, not of the day (the next test)."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    posted_again = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    watch_for_two_hours(fresh_db, sender, posted_again)
    assert copies(fake_slack, 2) == 1 and fake_slack.do_held_work() == 1
    for hours in (4, 8):
        sender.deliver(fresh_db, now=posted_again + timedelta(hours=hours, minutes=1))
    assert copies(fake_slack, 2) == 1, "the stray is deleted"


def test_a_late_look_reads_only_since_the_look_before():
    """Within the hour each look reads the try's whole span; a look after which the next comes
    past the hour moves the span's start to its own beginning (Slack's clock) less the margin,
    only once it read its whole span and Slack's clock is known."""
    stray = Stray("alert 2", "wirewatch_alert", "alert_id", 2, "C0DESK", None, "1.0", 1000.0)
    since = "2026-12-01T05:00:00+00:00"

    def after(minutes: int) -> datetime:
        return datetime.fromisoformat(since) + timedelta(minutes=minutes)

    assert read_on_from(stray, since, after(16), 50_000.0, read=True) == 1000.0
    assert read_on_from(stray, since, after(32), 50_000.0, read=True) == 50_000.0 - KNOWN_MARGIN_S
    assert read_on_from(stray, since, after(32), 50_000.0, read=False) == 1000.0
    assert read_on_from(stray, since, after(32), None, read=True) == 1000.0


def posted_again_after_the_late_window(db, fake, sender: AlertSender,
                                       tried: datetime) -> datetime:
    """Passes a look apart until the alert in flight is posted (or found) again; when."""
    passes = int((LATE_POST_WINDOW + 2 * ANSWER_LATE_WAIT) // ANSWER_LATE_WAIT)
    for n in range(1, passes + 1):
        sender.deliver(db, now=tried + timedelta(seconds=n * (ANSWER_LATE_WAIT + 1)))
    assert db.execute("SELECT status FROM alerts WHERE id = 2").fetchone()[0] == "sent"
    return tried + timedelta(seconds=passes * (ANSWER_LATE_WAIT + 1))


def watch_for_two_hours(db, sender: AlertSender, posted: datetime) -> None:
    for minutes in (1, 2, 4, 8, 16, 32, 64, 128):
        sender.deliver(db, now=posted + timedelta(minutes=minutes))


def test_a_stray_of_an_earlier_try_is_deleted_when_a_later_try_was_answered(
        fresh_db, fake_slack):
    """The first try's answer never came (Slack holds its work); the try after the late window
    is answered 500 (Slack did not make it), so the third try, answered, posts the alert.
    Before: only the last try's answer was read, and it had come, so nothing was watched: when
    Slack made the first try's post, two copies stayed. Now the span of every try whose answer
    never came is kept, and the alert is watched from the earliest."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    fake_slack.fail_next(1, status=500, methods={"chat.postMessage"})
    posted = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = 2").fetchone()
    assert fake_slack.do_held_work() == 1, "Slack makes the first try's post only now"
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == 2] == [ts]


def test_a_stray_of_an_earlier_try_is_deleted_when_a_later_try_is_found(fresh_db, fake_slack):
    """The same, the second try's connection dropped after Slack made its post: found by the
    lookup and recorded. Before: an alert found was never watched, so the first try's post,
    made later, stayed beside it. Now it is, when an earlier try's answer never came."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    posted = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    assert copies(fake_slack, 2) == 1
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = 2").fetchone()
    assert fake_slack.do_held_work() == 1
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == 2] == [ts]


def test_a_stray_pages_back_while_slack_paces_reads_is_found_by_reading_on(
        fresh_db, fake_slack):
    """Slack makes the stray, then the desk posts 40 messages after it (three pages of 15),
    Slack answering one history read in two. Before: each look began again at the newest page
    and met the 429 on its second, so the stray was never reached (two copies). Now a look Slack
    cut short reads on from its page after the Retry-After."""
    fake_slack.page_size = 15
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    posted = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = 2").fetchone()
    assert fake_slack.do_held_work() == 1
    for n in range(40):
        fake_slack.add_message("C0DESK", text=f"desk chatter {n}")
    fake_slack.pace("conversations.history", one_in=2)
    watch_for_two_hours(fresh_db, sender, posted)
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == 2] == [ts]


def in_flight_as_an_older_wirewatch_left_it(db) -> None:
    """Alert 2 in flight as a wirewatch from before look windows (delivery/m015) kept it: no
    span, no late window; whether its try's answer came is not known."""
    with transaction(db):
        db.execute("UPDATE alerts SET look_from = NULL, look_until = NULL, late_until = NULL, "
                   "stray_from = NULL WHERE id = 2")


def test_a_stray_of_a_try_an_older_wirewatch_made_is_deleted(fresh_db, fake_slack):
    """An upgrade while an alert was in flight: the older wirewatch kept no span for its try,
    whose answer never came. The new run looks, does not find it, and posts the alert; then
    Slack makes the older try's post. Before: a try with no span was never counted among the
    tries whose posts may come (``stray_from``), so nothing was watched and two copies stayed.
    Now it counts, its span a day before the alert was queued on, and the stray is deleted."""
    _, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    in_flight_as_an_older_wirewatch_left_it(fresh_db)
    upgraded = sender_for(fake_slack)
    posted = tried + timedelta(seconds=ANSWER_LATE_WAIT + 1)
    assert upgraded.deliver(fresh_db, now=posted) == 1
    [ts] = fresh_db.execute("SELECT ts FROM alerts WHERE id = 2").fetchone()
    assert fake_slack.do_held_work() == 1, "Slack makes the older try's post only now"
    watch_for_two_hours(fresh_db, upgraded, posted)
    assert [m.ts for m in fake_slack.posts("C0DESK") if alert_of(m) == 2] == [ts]


def test_a_try_an_older_wirewatch_made_counts_among_the_tries_whose_posts_may_come(
        fresh_db, fake_slack):
    """The same try, and the new run's try after it unanswered too: the older try's span (a
    day before the alert was queued on) is kept in ``stray_from``. Before: left out (only a
    try with a span and a late window counted), so a stray of it stamped before the new try's
    span was never looked for."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    in_flight_as_an_older_wirewatch_left_it(fresh_db)
    fake_slack.time_out_at_gateway_next(1, None, methods={"chat.postMessage"})
    sender_for(fake_slack).deliver(fresh_db, now=tried + timedelta(seconds=ANSWER_LATE_WAIT + 1))
    [(stray_from, look_from, created)] = fresh_db.execute(
        "SELECT stray_from, look_from, created_at FROM alerts WHERE id = 2").fetchall()
    queued = datetime.fromisoformat(created).replace(tzinfo=UTC).timestamp()
    assert stray_from is not None and stray_from < look_from
    assert abs(stray_from - (queued - UNKNOWN_MARGIN_S)) < 1


def test_a_429_on_a_stray_look_holds_the_alerts_lookups(fresh_db, fake_slack):
    """A look for a stray answered 429 (conversations.history): the sender's lookup of an
    alert in flight waits out the Retry-After too, then finds Slack answering and posts it.
    Before: the stray look's 429 held nothing, and the lookup asked at once."""
    sender, tried = first_posted_then_one_in_flight(fresh_db, fake_slack)
    posted_again = posted_again_after_the_late_window(fresh_db, fake_slack, sender, tried)
    watch_for_two_hours(fresh_db, sender, posted_again)
    fake_slack.fail_next(1, status=429, retry_after=60, methods={"conversations.history"})
    looked_at = posted_again + timedelta(hours=8)
    sender.deliver(fresh_db, now=looked_at)
    reads = len(fake_slack.calls_to("conversations.history", ok_only=False))
    assert fake_slack.calls_to("conversations.history", ok_only=False)[-1].status == 429
    [topic] = fresh_db.execute("SELECT id FROM topics").fetchone()
    new_story(fresh_db, topic, title="Dockworkers vote on the offer")
    with transaction(fresh_db):
        mark_sending(fresh_db, 3, channel="C0DESK")
    assert sender.deliver(fresh_db, now=looked_at + timedelta(seconds=30)) == 0
    assert len(fake_slack.calls_to("conversations.history", ok_only=False)) == reads
    assert sender.deliver(fresh_db, now=looked_at + timedelta(seconds=61)) == 1
    assert copies(fake_slack, 3) == 1
