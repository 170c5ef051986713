"""An update's alert shows its strongest three what's-new sentences, in the order the article
tells them, says how many more there are and where, and does not repeat a key quote they already hold: articles through the real pipeline, the alert through the
running bot and the real alert blocks to the fake Slack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.stories.test_whats_new_order import REPORT

UPDATE = """Lindholm ferry strike talks set for Thursday

Mediators from the Norrvik labour court met representatives of both sides in Kalmarby on Wednesday.

Ferry crews at Lindholm harbour walked out on Monday in a dispute over overtime pay.

Tourist offices on Österö and Brännskär reported cancelled hotel bookings across the archipelago.

The company said it had lost 240,000 euros in ticket sales since the walkout began.

Union negotiator Petra Solberg said: "Our members are exhausted, and we will not sail again until every missed overtime hour is paid in full.\""""


def the_update_alerted(runtime, fake_slack, pipeline, db, *, linked: bool = True):
    """The ferry report and its update of four facts through the pipeline, #desk following
    "ferry"; the update's verdict, the first alert and the update's (``linked``: each report
    with an address)."""
    with transaction(db):
        topic_id = add_topic(db, name="Ferries", query="ferry")
        subscribe(db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2025-01-01T00:00:00+00:00")
    now = datetime.now(UTC)
    outcomes = list(pipeline.ingest([
        RawArticle(text=text, origin=f"f{i}", source="Harbour Wire",
                   url=f"https://news.example/f{i}" if linked else None,
                   published=(now - timedelta(hours=2 - i)).isoformat())
        for i, text in enumerate((REPORT, UPDATE))]))
    update = outcomes[1].verdict
    assert update.kind == "update" and len(update.whats_new) == 4
    sent = datetime.now(UTC)
    runtime.deliver_pending(now=sent)
    runtime.deliver_pending(now=sent + timedelta(seconds=2))
    first, threaded = fake_slack.posts("C0DESK")
    return update, first, threaded


def test_the_alert_shows_the_strongest_three_and_counts_the_rest(runtime, fake_slack, pipeline,
                                                                 fresh_db):
    _, first, threaded = the_update_alerted(runtime, fake_slack, pipeline, fresh_db)
    assert threaded.thread_ts == first.ts
    [body] = [b["text"]["text"] for b in threaded.blocks
              if b["type"] == "section" and b["text"]["text"].startswith("What's new")]
    lines = body.splitlines()
    assert len(lines) == 5, body
    assert "Mediators" in lines[1]
    assert "240,000 euros" in lines[2]
    assert "every missed overtime hour" in lines[3]
    assert lines[4] == "+1 more in <https://news.example/f1|the article>"
    quotes = [b for b in threaded.blocks
              if b["type"] == "section" and b["text"]["text"].startswith("“")]
    assert quotes == [], "the key quote is the first fact shown: not said twice"
