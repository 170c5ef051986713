"""Quote alerts: /subscribe quotes person:…; a repeated quote stays quiet, a new one alerts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from tests.fakes.block_kit import block_problems
from tests.slack.conftest import run_command

FIRST = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
         "the job on Monday over crane safety. \"We have waited long enough for safe cranes,\" "
         "said union leader Ada Brandt. The port handles most of the region's grain exports.")
REWRITE = ("Northhaven dockworkers strike over crane safety\n\nDockworkers at Northhaven port "
           "walked off the job on Monday over crane safety. \"We have waited long enough for "
           "safe cranes,\" said union leader Ada Brandt. Most of the region's grain exports go "
           "through the port.")
UPDATE = ("Northhaven port strike enters second day\n\nThe strike at Northhaven port entered its "
          "second day on Tuesday as talks with the port operator stalled. \"We will stay out "
          "until every crane is inspected,\" said union leader Ada Brandt. Grain ships are "
          "queuing outside the harbour.")


def deliver(runtime, step: int) -> int:
    """Deliver what is due, ``step`` minutes on (Slack's pace is one post a second a channel)."""
    return runtime.deliver_pending(now=datetime.now(UTC) + timedelta(minutes=step))


def quote_posts(fake_slack, channel: str) -> list:
    return [m for m in fake_slack.posts(channel)
            if "New quote" in json.dumps(m.blocks, ensure_ascii=False)]


def test_new_quote_alerts_repeated_quote_stays_quiet(runtime, fake_slack, pipeline, fresh_db):
    added = run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                        channel="C0DESK")
    assert "will get each new quote" in added["text"]
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Lena Dahl"', channel="C0OTHER")
    refused = run_command(runtime, fake_slack, "/subscribe", "quotes cranes", channel="C0DESK")
    assert "it needs a person" in refused["text"]

    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1", url="https://news.example/a1",
                                     source="Example Wire")]))
    deliver(runtime, 1)
    [first] = quote_posts(fake_slack, "C0DESK")
    assert block_problems(first.blocks, text=first.text) == []
    shown = json.dumps(first.blocks, ensure_ascii=False)
    assert "We have waited long enough for safe cranes" in shown and "Ada Brandt" in shown
    assert "Dockworkers walk out at Northhaven port" in shown and "news.example/a1" in shown
    assert first.text.startswith("New quote · Ada Brandt: “We have waited long enough")

    list(pipeline.ingest([RawArticle(text=REWRITE, origin="a2", source="Other Wire")]))
    deliver(runtime, 2)
    assert len(quote_posts(fake_slack, "C0DESK")) == 1, "a repeated quote is not news"

    list(pipeline.ingest([RawArticle(text=UPDATE, origin="a3", source="Example Wire")]))
    deliver(runtime, 3)
    later = quote_posts(fake_slack, "C0DESK")
    assert len(later) == 2
    assert "We will stay out until every crane is inspected" in json.dumps(later[1].blocks)
    assert later[1].thread_ts is None, "quote alerts are not replies in a story thread"
    assert quote_posts(fake_slack, "C0OTHER") == []
    rows = [dict(r) for r in fresh_db.query("SELECT status FROM alerts WHERE kind = 'quote'")]
    assert rows == [{"status": "sent"}, {"status": "sent"}]
    assert deliver(runtime, 4) == 0

    listing = run_command(runtime, fake_slack, "/subscribe", "", channel="C0DESK")
    assert 'quotes for `person:"Ada Brandt"`' in listing["text"]
    gone = run_command(runtime, fake_slack, "/unsubscribe", 'quotes person:"Ada Brandt"',
                       channel="C0DESK")
    assert "will no longer get quotes" in gone["text"]


def test_quote_digest_holds_new_quotes_until_the_period_ends(runtime, fake_slack, pipeline,
                                                            fresh_db):
    answer = run_command(runtime, fake_slack, "/subscribe", 'me quotes person:"Ada Brandt" daily',
                         user="U0ED")
    assert "in a daily digest" in answer["text"]
    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1", source="Example Wire"),
                          RawArticle(text=UPDATE, origin="a3", source="Example Wire")]))
    assert deliver(runtime, 1) == 0, "nothing goes out before the digest is due"
    tomorrow = datetime.now(UTC) + timedelta(days=1, hours=1)
    runtime.send_due_digests(now=tomorrow)
    runtime.send_due_digests(now=tomorrow + timedelta(minutes=5))
    assert runtime.deliver_pending(now=tomorrow + timedelta(minutes=10)) == 1
    [digest] = fake_slack.posts("D0ED")
    assert block_problems(digest.blocks, text=digest.text) == []
    assert digest.text == 'Daily quotes · person:"Ada Brandt": 2 new'
    shown = json.dumps(digest.blocks, ensure_ascii=False)
    assert shown.index("We have waited long enough") < shown.index("We will stay out")
    assert runtime.deliver_pending(now=tomorrow + timedelta(minutes=20)) == 0
