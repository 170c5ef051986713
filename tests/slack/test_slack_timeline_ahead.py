"""The Timeline button and `/story` answer as `stories timeline` does of an article dated far
ahead of its arrival, and unfurl nothing (signed requests over real HTTP, a real SQLite file,
the fake Slack Web API)."""

from __future__ import annotations

import json

from bot.alerts.blocks import TIMELINE
from storage.db import transaction
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.world import add_article, add_story

WRITTEN = "Tue, 14 Mar 2028 09:30:00 +0100"


def _story_of_a_report_dated_ahead(db) -> int:
    """A report whose site gave it a date over a year ahead (a CMS's wrong year), kept as
    written and not as its time (``articles.dated_ahead``)."""
    article = add_article(db, title="Kiln fire shuts the pottery works",
                          url="https://wire.example/kiln", source="Valley Wire")
    with transaction(db):
        db.execute("UPDATE articles SET published = NULL, dated_ahead = ? WHERE id = ?",
                   [WRITTEN, article])
    return add_story(db, article_id=article, title="Kiln fire shuts the pottery works")


def test_the_timeline_button_says_the_date_a_report_gave_ahead_of_its_arrival(runtime,
                                                                             fake_slack,
                                                                             fresh_db):
    """Before: the button's timeline said only when it arrived, counted '1 articles', and its
    answer could unfurl the reports' links under it."""
    story = _story_of_a_report_dated_ahead(fresh_db)
    body = action_body(TIMELINE, str(story), response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    [reply] = wait_for(lambda: fake_slack.responses())
    shown = json.dumps(reply["blocks"], ensure_ascii=False)
    assert f"(dated {WRITTEN} as written, ahead of its arrival)" in shown, shown
    assert "*arrived <!date^" in shown, shown
    assert f"Story {story} · 1 article, in the order they reached us" in shown, "not '1 articles'"
    assert reply["unfurl_links"] is False and reply["unfurl_media"] is False, reply


def test_story_unfurls_nothing_under_its_timeline(runtime, fake_slack, fresh_db):
    story = _story_of_a_report_dated_ahead(fresh_db)
    reply = run_command(runtime, fake_slack, "/story", str(story))
    assert "ahead of its arrival" in json.dumps(reply["blocks"]), reply
    assert reply["unfurl_links"] is False and reply["unfurl_media"] is False, reply
