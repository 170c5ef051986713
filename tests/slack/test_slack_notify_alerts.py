"""Whom a channel subscription notifies is pinged on a story's first alert, on an important
story's updates and once at a digest's top; never by a title, a quote or a source."""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.alerts.notify import with_mentions
from bot.models import RawArticle, Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.important import mark_important
from storage.subscriptions import subscribe
from tests.fakes.block_kit import block_problems
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import run_command
from tests.slack.test_slack_delivery_faults import deliver_all
from tests.slack.test_slack_quote_alerts import FIRST, deliver, quote_posts
from tests.slack.test_slack_sender import new_story, update
from tests.slack.world import add_article, add_story

PINGS = "<@U0EDITOR> <!subteam^S0EUROPE>"


def follow(db, topic_id: int, channel: str = "C0DESK", *, mode: str = "realtime",
           notify: tuple[str, ...] = ("U0EDITOR", "S0EUROPE")) -> None:
    with transaction(db):
        subscribe(db, topic_id=topic_id, target_type="channel", target_id=channel, mode=mode,
                  created_by="U1", at="2026-11-24T05:00:00+00:00", notify=notify)


def first_section(message) -> str:
    return next(b["text"]["text"] for b in message.blocks if b["type"] == "section")


def pings(message) -> int:
    """How many times the message mentions the europe desk, text and blocks together."""
    return (message.text + str(message.blocks)).count("<!subteam^S0EUROPE>")


def test_the_first_alert_pings_its_thread_updates_do_not(runtime, fake_slack, fresh_db,
                                                         topic, at):  # noqa: F811
    follow(fresh_db, topic)
    story_id, _ = new_story(fresh_db, topic)
    update(fresh_db, topic, story_id, "Talks resume on Thursday")
    assert runtime.deliver_pending(now=at(0)) == 1
    assert runtime.deliver_pending(now=at(2)) == 1
    first, second = fake_slack.posts("C0DESK")
    assert first.text == f"{PINGS} New story · Port strike: Dockworkers walk out (Test Wire)"
    assert first_section(first).startswith(f"{PINGS} ")
    assert pings(first) == 2, "the text and the first section, nowhere else"
    assert second.thread_ts == first.ts and "<@" not in second.text + str(second.blocks)
    assert "<!subteam" not in second.text + str(second.blocks)


def test_an_important_storys_updates_ping_as_they_go_to_the_channel(runtime, fake_slack,
                                                                    fresh_db,
                                                                    topic, at):  # noqa: F811
    follow(fresh_db, topic)
    story_id, _ = new_story(fresh_db, topic)
    assert runtime.deliver_pending(now=at(0)) == 1
    with transaction(fresh_db):
        mark_important(fresh_db, story_id=story_id, channel="C0DESK", user="U0ED",
                       at="2026-11-24T05:30:00+00:00")
    update(fresh_db, topic, story_id, "Union rejects the offer")
    assert runtime.deliver_pending(now=at(2)) == 1
    loud = fake_slack.calls_to("chat.postMessage")[-1].params
    assert loud["reply_broadcast"] is True
    assert loud["text"].startswith(f"{PINGS} Update · Port strike")


def test_a_title_holding_mentions_stays_escaped_next_to_the_real_ones(runtime, fake_slack,
                                                                      fresh_db,
                                                                      topic, at):  # noqa: F811
    follow(fresh_db, topic)
    new_story(fresh_db, topic, title="Dockworkers <!subteam^S1> and <@U2> <!channel> walk out",
              source="Wire <!here>")
    assert runtime.deliver_pending(now=at(0)) == 1
    [posted] = fake_slack.posts("C0DESK")
    assert posted.text.startswith(f"{PINGS} New story · Port strike: Dockworkers "
                                  "&lt;!subteam^S1&gt; and &lt;@U2&gt; &lt;!channel&gt;")
    everything = posted.text + str([b for b in posted.blocks if b["type"] != "header"])
    assert posted.blocks[1]["text"]["type"] == "plain_text", "a header never pings"
    for forged in ("<!subteam^S1>", "<@U2>", "<!channel>", "<!here>"):
        assert forged not in everything
    assert block_problems(posted.blocks, text=posted.text) == [], "only the notify prefix pings"


def test_a_dropped_connection_on_the_alert_still_posts_it_once(runtime, fake_slack, fresh_db,
                                                               topic, at):  # noqa: F811
    follow(fresh_db, topic)
    new_story(fresh_db, topic)
    fake_slack.drop_next(1, methods={"chat.postMessage"})
    deliver_all(runtime, at)
    [posted] = fake_slack.posts("C0DESK")
    assert posted.text.startswith(PINGS) and posted.metadata["event_payload"]["alert_id"] == 1
    assert fresh_db.execute("SELECT status FROM alerts").fetchone()[0] == "sent"


def test_a_channel_pings_the_people_of_each_topic_the_story_is_in(runtime, fake_slack,
                                                                  fresh_db,
                                                                  topic, at):  # noqa: F811
    with transaction(fresh_db):
        other = add_topic(fresh_db, name="Harbours", query="harbour")
    follow(fresh_db, topic, notify=("S0EUROPE", "U0EDITOR"))
    follow(fresh_db, other, notify=("U0PORTS",))
    follow(fresh_db, topic, "C0QUIET", notify=())
    article_id = add_article(fresh_db, title="Harbour closed by strike", url="https://n.example/h")
    add_story(fresh_db, article_id=article_id, title="Harbour closed by strike",
              topic_ids=(topic, other))
    with transaction(fresh_db):
        enqueue_alerts(fresh_db, Verdict(1, VerdictKind.NEW), article_id, [topic, other])
    assert runtime.deliver_pending(now=at(0)) == 2
    [desk] = fake_slack.posts("C0DESK")
    assert desk.text.startswith("<!subteam^S0EUROPE> <@U0EDITOR> <@U0PORTS> New story")
    [quiet] = fake_slack.posts("C0QUIET")
    assert quiet.text.startswith("New story")


def test_a_digest_pings_once_at_its_top(fresh_db, fake_slack, topic):  # noqa: F811
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    follow(fresh_db, topic, "C0DIG", mode="hourly")
    for n in range(12):
        article_id = add_article(fresh_db, title=f"Dockworkers story {n}",
                                 url=f"https://n.example/{n}")
        add_story(fresh_db, article_id=article_id, title=f"Dockworkers story {n}",
                  topic_ids=(topic,), at="2026-11-24T05:20:00+00:00")
    now = datetime(2026, 11, 24, 6, 0, 30, tzinfo=UTC)
    assert send_due_digests(fresh_db, client, now=now) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert digest.text.startswith(f"{PINGS} Hourly digest · Port strike: 12 new stories")
    assert first_section(digest).startswith(f"{PINGS} 🆕 New:")
    assert pings(digest) == 2, "the text and the first section only, not each section"


def test_mentions_get_a_section_of_their_own_when_the_first_is_full():
    full = {"type": "section", "text": {"type": "mrkdwn", "text": "x" * 2990}}
    text, blocks = with_mentions("New story", [{"type": "header"}, full], ("U0EDITOR",))
    assert text == "<@U0EDITOR> New story"
    assert blocks[1] == {"type": "section", "text": {"type": "mrkdwn", "text": "<@U0EDITOR>"}}
    assert blocks[2] == full
    assert with_mentions("x", [full], ("not an id", "C0CHANNEL")) == ("x", [full])


def test_a_quote_alert_pings_whom_its_channel_subscription_notifies(runtime, fake_slack,
                                                                    pipeline, fresh_db):
    said = run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt" notify '
                       "<@U0EDITOR|anna> <!subteam^S0EUROPE|@europe-desk>", channel="C0DESK")
    assert "notifies <@U0EDITOR>, <!subteam^S0EUROPE>" in said["text"]
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"', channel="C0QUIET")
    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1", url="https://news.example/a1",
                                     source="Wire <!channel>")]))
    deliver(runtime, 1)
    [alert] = quote_posts(fake_slack, "C0DESK")
    assert alert.text.startswith(f"{PINGS} New quote · Ada Brandt: “We have waited long enough")
    assert first_section(alert).startswith(f"{PINGS} ")
    assert pings(alert) == 2 and "<!channel>" not in alert.text + str(alert.blocks)
    assert block_problems(alert.blocks, text=alert.text) == []
    [quiet] = quote_posts(fake_slack, "C0QUIET")
    assert quiet.text.startswith("New quote · Ada Brandt")


def test_an_alert_slack_refuses_as_blocks_pings_once_as_plain_text(runtime, fake_slack,
                                                                   fresh_db,
                                                                   topic, at):  # noqa: F811
    follow(fresh_db, topic)
    new_story(fresh_db, topic)
    fake_slack.refuse_next(1, error="invalid_blocks")
    assert runtime.deliver_pending(now=at(0)) == 1
    [posted] = fake_slack.posts("C0DESK")
    assert posted.blocks is None and posted.text.startswith(f"{PINGS} 🆕 *New story*")
    assert pings(posted) == 1


def test_a_digest_slack_refuses_as_blocks_pings_once_as_plain_text(fresh_db, fake_slack,
                                                                   topic):  # noqa: F811
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    follow(fresh_db, topic, "C0DIG", mode="hourly")
    article_id = add_article(fresh_db, title="Dockworkers walk out", url="https://n.example/1")
    add_story(fresh_db, article_id=article_id, title="Dockworkers walk out", topic_ids=(topic,),
              at="2026-11-24T05:20:00+00:00")
    fake_slack.refuse_next(1, error="invalid_blocks")
    assert send_due_digests(fresh_db, client, now=datetime(2026, 11, 24, 6, 1, tzinfo=UTC)) == 1
    [digest] = fake_slack.posts("C0DIG")
    assert digest.blocks is None and digest.text.startswith(f"{PINGS} Hourly digest")
    assert pings(digest) == 1
