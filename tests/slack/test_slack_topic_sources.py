"""`source:` in Slack: a story alert skips an update from a source its topic leaves out, and
alerts for another source's; the Add-a-topic preview and /topics show say the source that
matched; digests (NOT words too) and quote subscriptions leave the same articles out; an empty
one is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.models import RawArticle
from bot.stories.tracking import add_topic
from handlers.views.topic_view import PREVIEW
from storage.db import transaction
from storage.subscriptions import subscribe
from storage.topics import get_topic
from tests.cli.test_cli_topic_exclusions import STREAM as DAMS
from tests.fakes.interactive import view_action_body
from tests.fakes.signing import post_signed
from tests.fakes.slack_api import VALID_TOKEN
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_digest import follow, story, utc
from tests.slack.test_slack_quote_alerts import FIRST as QUOTED
from tests.slack.test_slack_quote_alerts import UPDATE as QUOTED_LATER
from tests.slack.test_slack_quote_alerts import deliver, quote_posts
from tests.slack.test_slack_topic_modal import fill, open_modal
from tests.slack.world import add_article, add_update
from tests.stories.test_topic_sources import STREAM, recent


def test_a_source_left_out_alerts_nobody_and_another_source_alerts(runtime, fake_slack,
                                                                   pipeline, fresh_db):
    added = run_command(runtime, fake_slack, "/topics",
                        'add Port dockworkers AND NOT source:"Example Wire"')
    assert "Tracking *Port*" in added["text"], added["text"]
    topic = get_topic(fresh_db, "Port")
    assert topic is not None
    with transaction(fresh_db):
        subscribe(fresh_db, topic_id=topic.id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    for article in recent():  # Example Wire's first report, Harbour Daily's, Example Wire's
        list(pipeline.ingest([article]))
        runtime.deliver_pending(now=datetime.now(UTC) + timedelta(minutes=5))
    [post] = fake_slack.posts("C0DESK")
    assert "Dockworkers at Northhaven port stay out for a second day" in json.dumps(post.blocks)
    assert "Nine ships" not in json.dumps(post.blocks), "the third came from Example Wire"

    shown = run_command(runtime, fake_slack, "/topics", "show Port")["text"]
    assert "matched dockworkers in title" in shown
    run_command(runtime, fake_slack, "/topics", "add Harbour source:harbourdaily.example")
    assert "matched source www.harbourdaily.example" in run_command(
        runtime, fake_slack, "/topics", "show Harbour")["text"]
    empty = run_command(runtime, fake_slack, "/topics", "add Wire strike AND source:")
    assert "'source:' needs a name after it" in empty["text"] and "^" in empty["text"]


def test_the_preview_says_which_source_matched(runtime, fake_slack, pipeline, fresh_db):
    list(pipeline.ingest(recent(STREAM[:2])))
    modal = open_modal(runtime, fake_slack)
    values = fill("Harbour", 'dockworkers AND source:"harbour daily"', "C0DESK")
    post_signed(events_url(runtime), view_action_body(modal, values, PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    text = json.dumps(fake_slack.modals[modal["id"]]["blocks"], ensure_ascii=False)
    assert "Would have matched 1 story" in text
    assert "matched dockworkers in title; source Harbour Daily" in text


def test_a_digest_leaves_out_the_updates_of_a_source_left_out(fresh_db, fake_slack):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Wildfire",
                             query='wildfire AND NOT source:"Rumour Mill"')
    follow(fresh_db, topic_id, "C0DIG", "hourly")
    fire = story(fresh_db, topic_id, "Wildfire spreads near Alder Creek",
                 "2026-11-24T05:20:00+00:00")
    for source, news, at in (("Rumour Mill", "Arson suspected, a neighbour says", "05:30"),
                             ("Test Wire", "Evacuations ordered for 3,000 homes", "05:40")):
        article_id = add_article(fresh_db, title=news, source=source)
        add_update(fresh_db, story_id=fire, article_id=article_id, whats_new=(news,),
                   at=f"2026-11-24T{at}:00+00:00")
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    assert send_due_digests(fresh_db, client, now=utc("2026-11-24T06:00:30")) == 1
    [digest] = fake_slack.posts("C0DIG")
    body = json.dumps(digest.blocks, ensure_ascii=False)
    assert "Evacuations ordered for 3,000 homes" in body and "Arson" not in body


def test_a_digest_leaves_out_an_update_a_not_word_leaves_out(fresh_db, fake_slack, pipeline):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Dams", query='dam AND NOT "beaver"')
    start = datetime.now(UTC).replace(microsecond=0)
    follow(fresh_db, topic_id, "C0DIG", "daily", at=(start - timedelta(hours=1)).isoformat())
    first, beavers, sealing = DAMS
    outcomes = list(pipeline.ingest(recent((first, sealing, beavers))))  # the last shows first
    assert [o.verdict.kind for o in outcomes if o.verdict] == ["new", "update", "update"]
    client = WebClient(token=VALID_TOKEN, base_url=fake_slack.base_url)
    assert send_due_digests(fresh_db, client, now=start + timedelta(days=1, hours=1)) == 1
    [digest] = fake_slack.posts("C0DIG")
    body = json.dumps(digest.blocks, ensure_ascii=False)
    assert "Halvard Construction" in body
    assert "beaver" not in body.lower(), "the latest update holds the word the topic leaves out"


def test_a_quote_subscription_leaves_a_source_out(runtime, fake_slack, pipeline, fresh_db):
    added = run_command(runtime, fake_slack, "/subscribe",
                        'quotes person:"Ada Brandt" AND NOT source:"Example Wire"',
                        channel="C0DESK")
    assert "will get each new quote" in added["text"]
    list(pipeline.ingest([RawArticle(text=QUOTED, origin="a1", source="Example Wire")]))
    deliver(runtime, 1)
    assert quote_posts(fake_slack, "C0DESK") == []
    list(pipeline.ingest([RawArticle(text=QUOTED_LATER, origin="a2", source="Harbour Daily")]))
    deliver(runtime, 2)
    [post] = quote_posts(fake_slack, "C0DESK")
    assert "We will stay out until every crane is inspected" in json.dumps(post.blocks)


def test_a_hostile_source_name_is_shown_escaped(runtime, fake_slack, pipeline, fresh_db):
    text, _, url, _ = STREAM[0]
    list(pipeline.ingest([RawArticle(text=text, origin="odd", url=url,
                                     source="<!channel> Wire <https://evil.example|click>")]))
    run_command(runtime, fake_slack, "/topics", "add Odd dockworkers AND source:wire")
    shown = run_command(runtime, fake_slack, "/topics", "show Odd")["text"]
    assert "matched dockworkers in title; source &lt;!channel&gt; Wire" in shown
    assert "<!channel>" not in shown and "<https://evil" not in shown
