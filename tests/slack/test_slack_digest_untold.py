"""A digest never lists an update of a story its reader was never told about: when the story's
earlier reports reached this digest nowhere (the topic's NOT left them out, or they came before
the subscription), its update is listed as new, with its headline and fact (real pipeline and
runtime, the fake Slack, real SQLite and spaCy)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import RawArticle
from bot.pipeline import Pipeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.conftest import into_the_next_second
from tests.slack.test_slack_running_development import sections

STORM = """Storm wrecks moorings at Tolmey harbour

TOLMEY - A storm tore through Tolmey harbour overnight, snapping moorings and sinking two fishing boats, the harbour master said on Monday. Boats gathered for the weekend regatta were pushed onto the slipway. The harbour master, Orla Pennick, said divers would inspect the quay wall."""
"""The first report: it names the regatta, which the desk's topic leaves out."""

COST = ("Repairs to Tolmey harbour after the storm that sank two fishing boats will cost 1.2 "
        "million pounds, the harbour master said on Tuesday.")

REPAIRS = f"""Tolmey harbour storm damage put at 1.2 million

TOLMEY - {COST} Orla Pennick said divers had found a crack in the quay wall and the north berths would stay shut for a month."""
"""Its update, with one new figure and no regatta."""

HOURLY, LIVE = "C0HOURLY", "C0LIVE"


@pytest.fixture
def pipeline(fresh_db, slack_settings, nlp) -> Pipeline:
    return Pipeline(fresh_db, replace(slack_settings, alert_max_age_hours=0), nlp=nlp)


def follow(db, query: str, *, at: datetime) -> None:
    """Harbour news, hourly in one channel and as it happens in another, from ``at``."""
    with transaction(db):
        topic = add_topic(db, name="Harbour", query=query)
        for target, mode in ((HOURLY, "hourly"), (LIVE, "realtime")):
            subscribe(db, topic_id=topic, target_type="channel", target_id=target, mode=mode,
                      created_by="U1", at=at.isoformat(timespec="seconds"))


def ingest(pipeline: Pipeline, text: str, origin: str) -> None:
    list(pipeline.ingest([RawArticle(text=text, origin=origin)]))


def digest_lines(runtime, fake_slack) -> list[str]:
    while runtime.deliver_pending(now=datetime.now(UTC)):
        pass
    runtime.send_due_digests(now=datetime.now(UTC) + timedelta(hours=1, minutes=5))
    [digest] = fake_slack.posts(HOURLY)
    assert digest.text.startswith("Hourly digest · Harbour: 1 new story"), digest.text
    return sections(digest)[0].split("\n")


def test_the_update_of_a_story_whose_first_report_the_not_left_out_is_listed_new(
        runtime, fake_slack, fresh_db, pipeline):
    """Before: "🔄 Update:" of a story the digest had never listed."""
    follow(fresh_db, "harbour AND NOT regatta", at=datetime.now(UTC))
    ingest(pipeline, STORM, "storm")
    ingest(pipeline, REPAIRS, "repairs")
    lines = digest_lines(runtime, fake_slack)
    assert lines[0].startswith("🆕 New: *Tolmey harbour storm damage put at 1.2 million*"), lines
    assert lines[1].strip() == COST, "what it says, under it"
    [live] = fake_slack.posts(LIVE)
    assert live.text.startswith("New here: a developing story"), live.text


def test_the_update_of_a_story_first_reported_before_the_subscription_is_listed_new(
        runtime, fake_slack, fresh_db, pipeline):
    """Before: "🔄 Update:" of a story whose first report no digest of this channel held."""
    ingest(pipeline, STORM, "storm")
    follow(fresh_db, "harbour", at=datetime.now(UTC) + timedelta(seconds=1))
    into_the_next_second()  # the update comes in the subscription's first second or after
    ingest(pipeline, REPAIRS, "repairs")
    lines = digest_lines(runtime, fake_slack)
    assert lines[0].startswith("🆕 New: *Tolmey harbour storm damage put at 1.2 million*"), lines
    [live] = fake_slack.posts(LIVE)
    assert live.text.startswith("New here: a developing story"), live.text
