"""/story marks the reports a topic's exclusions (NOT) left out, as `stories timeline` does, but
only with the topics of the channel or person asking: a guest never reads another topic's NOT
terms (the Bolt app over real HTTP, the fake Slack, real SQLite and spaCy)."""

from __future__ import annotations

import json

import pytest

from bot.alerts.blocks import TIMELINE
from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.cli.test_cli_topic_exclusions import BEAVERS, FIRST, THIRD
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for

DESK, OTHER, LOUNGE, GUEST = "C0DESK", "C0OTHER", "C0LOUNGE", "U0GUEST"


@pytest.fixture
def dams(fresh_db, pipeline) -> None:
    """The dam story, its beavers report left out by both topics: the desk's Dams (NOT beaver)
    and another channel's Kelmor works (NOT forestry)."""
    with transaction(fresh_db):
        for name, query, target in (("Dams", 'dam AND NOT "beaver"', DESK),
                                    ("Kelmor works", "dam AND NOT forestry", OTHER)):
            topic = add_topic(fresh_db, name=name, query=query)
            subscribe(fresh_db, topic_id=topic, target_type="channel", target_id=target,
                      mode="realtime", created_by="U1", at="2026-12-01T00:00:00+00:00")
    list(pipeline.ingest([RawArticle(text=text, origin=f"dam{i}")
                          for i, text in enumerate((FIRST, BEAVERS, THIRD))]))


def beavers_line(reply: dict) -> str:
    body = "\n\n".join(b["text"]["text"] for b in reply["blocks"] if b["type"] == "section")
    [line] = [entry for entry in body.split("\n\n") if "Beavers blamed" in entry]
    return line


def said(reply: dict) -> set[str]:
    """Which of the other topic's name and term the reply holds."""
    text = json.dumps(reply, ensure_ascii=False)
    return {word for word in ("NOT forestry", "Kelmor works") if word in text}


def test_the_desk_s_story_marks_the_report_its_topic_left_out_and_how(runtime, fake_slack,
                                                                        dams):
    """Before: the beavers' update listed as any other, as if it had alerted the desk."""
    reply = run_command(runtime, fake_slack, "/story", "1", channel=DESK)
    line = beavers_line(reply)
    assert line.endswith('_no alert here: Dams leaves it out (NOT "beaver" (title: '
                         'beavers))_'), line
    assert not {"NOT forestry", "Kelmor works"} & said(reply), "another channel's topic"
    assert sum("no alert here" in b.get("text", {}).get("text", "")
               for b in reply["blocks"]) == 1, "only the report left out is marked"


def test_a_guest_sees_only_their_channel_s_terms_and_elsewhere_nothing_is_marked(
        runtime, fake_slack, dams):
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(DESK).members.add(GUEST)
    fake_slack.add_channel(LOUNGE)
    guest = run_command(runtime, fake_slack, "/story", "1", channel=DESK, user=GUEST)
    assert "Dams leaves it out" in beavers_line(guest)
    assert not {"NOT forestry", "Kelmor works"} & said(guest)
    unfollowed = run_command(runtime, fake_slack, "/story", "1", channel=LOUNGE)
    assert "no alert here" not in json.dumps(unfollowed), "no topic of theirs to mark with"


def test_the_timeline_button_marks_with_the_topics_of_the_channel_it_is_clicked_in(
        runtime, fake_slack, dams):
    """Before: the Timeline button under an alert marked nothing."""
    body = action_body(TIMELINE, "1", channel=DESK, response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    [reply] = wait_for(lambda: fake_slack.responses())
    assert "Dams leaves it out" in beavers_line(reply)
    assert not said(reply)
