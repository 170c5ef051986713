"""End to end over real HTTP: signed requests in, calls to the fake Slack Web API out."""

from __future__ import annotations

import time

from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.alerts import pending_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import command_body, post_signed
from tests.slack.conftest import events_url, health_of, run_command
from tests.slack.world import add_article


def test_who_said_answers_through_response_url(runtime, fake_slack, fresh_db):
    add_article(fresh_db, title="Harbour talks stall",
                quotes=(("We will not go back to work until the cranes are safe", "Mara Lindqvist"),))
    answer = run_command(runtime, fake_slack, "/who-said", "cranes are safe")
    assert answer["response_type"] == "ephemeral"
    assert "Mara Lindqvist" in answer["text"]
    assert "Harbour talks stall" in answer["text"]


def test_health_endpoint(runtime):
    status, said = health_of(runtime.port)
    assert status == 200
    assert said["status"] == "ok"


def test_wrong_signature_and_stale_timestamp_are_rejected(runtime, fake_slack):
    body = command_body("/who-said", "anything", response_url=fake_slack.response_url())
    forged = post_signed(events_url(runtime), body, secret="not-the-secret")
    stale = post_signed(events_url(runtime), body, timestamp=int(time.time()) - 5 * 60 - 5)
    future = post_signed(events_url(runtime), body, timestamp=int(time.time()) + 5 * 60 + 5)
    unsigned = post_signed(events_url(runtime), body, headers={"X-Slack-Signature": ""})
    tampered = post_signed(events_url(runtime), body, headers={
        "X-Slack-Signature": "v0=" + "0" * 64})
    fresh = post_signed(events_url(runtime), body, timestamp=int(time.time()) - 4 * 60)
    assert [r.status for r in (forged, stale, future, unsigned, tampered)] == [401] * 5
    assert fresh.status == 200
    assert len(fake_slack.responses()) <= 1, "only the fresh request reached a listener"


def test_ingested_article_is_posted_by_the_running_bot(runtime, fake_slack, pipeline, fresh_db):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Port strike", query="dockworkers")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
    text = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven walked off the "
            "job on Monday. \"We have waited long enough,\" said union leader Ada Brandt.")
    outcomes = list(pipeline.ingest([RawArticle(text=text, origin="t1", url="https://news.example/a1",
                                                source="Example Wire")]))
    assert outcomes[0].status == "stored"
    assert runtime.deliver_pending() == 1
    [post] = fake_slack.calls_to("chat.postMessage")
    assert post.params["channel"] == "C0DESK"
    assert post.params["unfurl_links"] is False and post.params["unfurl_media"] is False
    assert "thread_ts" not in post.params or post.params["thread_ts"] is None
    blocks = post.params["blocks"]
    assert blocks[1] == {"type": "header", "text": {"type": "plain_text", "emoji": True,
                                                    "text": "Dockworkers walk out at Northhaven port"}}
    buttons = [e["text"]["text"] for e in blocks[-1]["elements"]]
    assert buttons == ["Mute story", "Show quotes", "Timeline", "Mark important", "Open article"]
    alert_id = post.params["metadata"]["event_payload"]["alert_id"]
    row = fresh_db["alerts"].get(alert_id)
    assert row["status"] == "sent" and row["ts"] == fake_slack.posts("C0DESK")[0].ts
    assert pending_alerts(fresh_db) == []
    assert runtime.deliver_pending() == 0
