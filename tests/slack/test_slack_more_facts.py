"""Where an update's alert sends the desk for the facts it could not show, when the report has
no address to link: the Timeline, which lists them (articles through the real pipeline, the
alert through the running bot to the fake Slack, the button clicked over real HTTP)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.alerts.blocks import TIMELINE
from bot.alerts.timeline_blocks import entry_line
from bot.models import RawArticle, TimelineEntry
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_whats_new_shown import UPDATE
from tests.stories.test_whats_new_order import REPORT


def test_an_update_without_an_address_points_to_the_timeline_which_lists_the_rest(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: "+1 more: *Show quotes* has the story's quotes", for a fact that is no quote
    (the button lists quotes alone)."""
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Ferries", query="ferry")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2025-01-01T00:00:00+00:00")
    now = datetime.now(UTC)
    outcomes = list(pipeline.ingest([
        RawArticle(text=text, origin=f"file f{i}.txt", source="Harbour Wire",
                   published=(now - timedelta(hours=2 - i)).isoformat())
        for i, text in enumerate((REPORT, UPDATE))]))
    assert len(outcomes[1].verdict.whats_new) == 4
    sent = datetime.now(UTC)
    runtime.deliver_pending(now=sent)
    runtime.deliver_pending(now=sent + timedelta(seconds=2))
    _, threaded = fake_slack.posts("C0DESK")
    [body] = [b["text"]["text"] for b in threaded.blocks
              if b["type"] == "section" and b["text"]["text"].startswith("What's new")]
    assert body.splitlines()[-1] == "+1 more: *Timeline* lists what each report added", body
    assert "Tourist offices" not in body
    story = outcomes[1].verdict.story_id
    click = action_body(TIMELINE, str(story), response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), click).status == 200
    [reply] = wait_for(lambda: fake_slack.responses())
    assert "Tourist offices" in json.dumps(reply["blocks"], ensure_ascii=False)


def test_a_timeline_entry_counts_one_more_fact_as_one():
    """Before: "…and 1 more facts"."""
    entry = TimelineEntry(article_id=1, title="Ferry talks", source="Harbour Wire", url=None,
                          when="2026-11-24T09:00:00+00:00", verdict="update",
                          whats_new=tuple(f"Fact number {n} of the talks." for n in range(5)))
    assert entry_line(entry).endswith("    …and 1 more fact")
