"""An alert names the topics of its story that the channel (or person) it is posted to follows,
not every topic the story matches (signed /subscribe over real HTTP, the real spaCy model and
pipeline, the fake Slack Web API)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import run_command

WALKOUT = RawArticle(
    title="Tram drivers strike in Kelmsford over rosters",
    text="Tram drivers in Kelmsford went on strike on Saturday after talks over new rosters broke "
         "down, their union said. Only two of the city's five tram lines ran, the council said.",
    source="Harbour Gazette", origin="walkout", published=datetime.now(UTC).isoformat())


def test_a_channel_reads_only_the_topics_it_follows_in_an_alerts_label(
        runtime, fake_slack, fresh_db, slack_settings, nlp, t0):
    """#desk follows "Transport strikes"; "Kelmsford council" matches the same story and a
    reporter gets it by direct message. Before: #desk read `New story · Kelmsford council,
    Transport strikes`, a topic it never subscribed to; docs/slack.md: "a new story on a
    subscribed topic posts … topic, headline"."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Transport strikes", query="strike AND tram*")
        add_topic(fresh_db, name="Kelmsford council", query="council AND gpe:Kelmsford")
    run_command(runtime, fake_slack, "/subscribe", "Transport strikes", channel="C0DESK")
    run_command(runtime, fake_slack, "/subscribe", "me Kelmsford council", channel="C0DESK")
    list(Pipeline(fresh_db, slack_settings, nlp=nlp).ingest([WALKOUT]))
    sent = 0
    while runtime.deliver_pending(now=t0 + timedelta(seconds=sent)):
        sent += 1
    [desk] = fake_slack.posts("C0DESK")
    assert desk.text.startswith("New story · Transport strikes: Tram drivers strike"), desk.text
    assert desk.blocks and "Kelmsford council" not in str(desk.blocks[0]), desk.blocks[0]
    [direct] = [m for m in fake_slack.posts() if m.channel != "C0DESK"]
    assert direct.text.startswith("New story · Kelmsford council: Tram drivers"), direct.text
