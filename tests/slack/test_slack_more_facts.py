"""Where an update's alert sends the desk for the facts it could not show, when the report has
no address to link: the Timeline, which lists them (articles through the real pipeline, the
alert through the running bot to the fake Slack, the button clicked over real HTTP)."""

from __future__ import annotations

import json

from bot.alerts.blocks import TIMELINE
from bot.alerts.timeline_blocks import entry_line
from bot.models import TimelineEntry
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_whats_new_shown import the_update_alerted


def test_an_update_without_an_address_points_to_the_timeline_which_lists_the_rest(
        runtime, fake_slack, pipeline, fresh_db):
    """Before: "+1 more: *Show quotes* has the story's quotes", for a fact that is no quote
    (the button lists quotes alone)."""
    update, _, threaded = the_update_alerted(runtime, fake_slack, pipeline, fresh_db,
                                             linked=False)
    [body] = [b["text"]["text"] for b in threaded.blocks
              if b["type"] == "section" and b["text"]["text"].startswith("What's new")]
    assert body.splitlines()[-1] == "+1 more: *Timeline* lists what each report added", body
    assert "Tourist offices" not in body
    story = update.story_id
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
