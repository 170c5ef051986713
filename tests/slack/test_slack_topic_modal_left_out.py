"""The Add-a-topic form's preview names what the query's exclusions leave out, briefly, as
`wirewatch topics preview` does (the Bolt app over real HTTP, the fake Slack, real SQLite and
spaCy)."""

from __future__ import annotations

import json

from bot.models import RawArticle
from handlers.views.topic_view import PREVIEW
from tests.fakes.block_kit import view_problems
from tests.fakes.interactive import view_action_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, wait_for
from tests.slack.test_slack_topic_modal import PORT, fill, open_modal

CRUISE = ("Cruise ship hits pier in fog\n\nA cruise ship ran into the pier at Velmar in "
          "thick fog on Thursday. No one was hurt, the harbour master said.")


def previewed(runtime, fake_slack, query: str) -> str:
    modal = open_modal(runtime, fake_slack)
    post_signed(events_url(runtime), view_action_body(modal, fill("Port", query), PREVIEW))
    wait_for(lambda: fake_slack.calls_to("views.update"))
    shown = fake_slack.modals[modal["id"]]
    assert view_problems(shown) == []
    return json.dumps(shown["blocks"], ensure_ascii=False)


def test_the_preview_lists_the_stories_a_not_leaves_out_with_the_term(runtime, fake_slack,
                                                                      pipeline):
    """Before: "Would have matched 1 story" alone; the story NOT cruise took away was not
    said, so a desk could not tell the NOT at work."""
    list(pipeline.ingest([RawArticle(text=PORT, origin="p1"),
                          RawArticle(text=CRUISE, origin="c1")]))
    text = previewed(runtime, fake_slack, "(strike OR pier) AND NOT cruise")
    assert "Would have matched 1 story of the last 7 days" in text
    assert "1 more story its exclusions leave out" in text
    assert "Cruise ship hits pier in fog" in text
    assert "left out: NOT cruise (title: cruise)" in text


def test_a_query_without_exclusions_says_nothing_of_them(runtime, fake_slack, pipeline):
    list(pipeline.ingest([RawArticle(text=PORT, origin="p1"),
                          RawArticle(text=CRUISE, origin="c1")]))
    text = previewed(runtime, fake_slack, "strike OR pier")
    assert "Would have matched 2 stories of the last 7 days" in text
    assert "leave out" not in text
