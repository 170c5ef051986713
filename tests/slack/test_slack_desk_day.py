"""A desk's day read message by message: what an editor sees in alerts and answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from tests.slack.conftest import run_command

NOW = datetime.now(UTC).replace(microsecond=0)
STRIKE = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
          "the job on Thursday morning, halting container traffic at the main harbour. \"We have "
          "waited long enough for safe cranes,\" said union leader Ada Brandt. The port "
          "authority said ships were being held at anchor.")


def published(hours_ago: float) -> tuple[str, str]:
    """An ISO time ``hours_ago`` and the Slack date token that shows it in the reader's zone."""
    when = NOW - timedelta(hours=hours_ago)
    return when.isoformat(), f"<!date^{int(when.timestamp())}^{{date_short_pretty}} {{time}}|"


def strike(pipeline, *, hours_ago: float) -> str:
    """Ingests the strike report; returns the date token its time is shown with."""
    iso, token = published(hours_ago)
    [outcome] = pipeline.ingest([RawArticle(text=STRIKE, origin="s1", source="Example Wire",
                                            url="https://wire.example/strike-1", published=iso)])
    assert outcome.status == "stored"
    return token


def test_who_said_shows_the_date_in_the_readers_zone_and_links_the_article(
        runtime, fake_slack, pipeline):
    """Before: the date was the stored ISO string (UTC, seconds and offset) and no link."""
    token = strike(pipeline, hours_ago=3)
    answer = run_command(runtime, fake_slack, "/who-said", "safe cranes")
    [hit] = [line for line in answer["text"].split("\n") if "Example Wire" in line]
    assert f"Example Wire · {token}" in hit
    assert hit.endswith(" · <https://wire.example/strike-1|link>")
    assert "+00:00" not in answer["text"]


def test_a_quote_alert_shows_the_date_in_the_readers_zone(runtime, fake_slack, pipeline):
    """Before: the quote alert's article line ended with the stored ISO time."""
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                channel="C0QUOTES")
    token = strike(pipeline, hours_ago=2)
    assert runtime.deliver_pending() == 1
    [alert] = fake_slack.posts("C0QUOTES")
    [where] = [e["text"] for b in alert.blocks if b["type"] == "context"
               for e in b["elements"] if "Example Wire" in e["text"]]
    assert where.startswith("Dockworkers walk out at Northhaven port · Example Wire · " + token)
    assert "+00:00" not in where
