"""An update in flight when a second fold changes its story's thread: its try went into the
thread of the story folded first; before it is settled another story, with a newer thread in
that channel, folds in too. The "already posted?" lookup reads the thread the try went to, so
the update is found there and not posted again in the newer thread. Stories stored directly,
the sender over the fake Slack's HTTP."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.in_flight import fold, past_the_late_wait
from tests.slack.test_slack_sender import follow, new_story, update


def strike_and_pickets(db, channel: str) -> tuple[int, int, int]:
    """The port topic, followed in ``channel``, and two stories: the council strike (of the
    city topic, followed nowhere: no alert) and the pickets (the port's, alerting)."""
    with transaction(db):
        port = add_topic(db, name="Port", query="harbour")
        city = add_topic(db, name="City", query="council")
    follow(db, port, channel)
    strike, _ = new_story(db, city, title="Council staff strike")
    pickets, _ = new_story(db, port, title="Pickets at the harbour gates")
    return port, strike, pickets


def test_an_update_in_flight_across_a_second_fold_is_posted_once(
        runtime, fake_slack, fresh_db, at):
    port, strike, pickets = strike_and_pickets(fresh_db, "C0PORT")
    ferries, _ = new_story(fresh_db, port, title="Harbour ferries cancelled")
    assert runtime.deliver_pending(now=at(0)) == 1
    assert runtime.deliver_pending(now=at(1)) == 1
    first, _ = fake_slack.posts("C0PORT")
    fold(fresh_db, later=pickets, into=strike)
    update(fresh_db, port, strike, "Talks set for Friday")
    fake_slack.drop_next(1, methods={"chat.postMessage"})  # posted; the answer is lost
    runtime.deliver_pending(now=at(2))
    fold(fresh_db, later=ferries, into=strike)
    past_the_late_wait(runtime, at)
    posts = fake_slack.posts("C0PORT")
    assert len(posts) == 3, [(m.thread_ts, m.text) for m in posts]
    assert posts[2].thread_ts == first.ts, "in the thread of the story folded first"
    assert fresh_db.execute("SELECT status, thread_ts FROM alerts ORDER BY id DESC LIMIT 1"
                            ).fetchone() == ("sent", first.ts)
