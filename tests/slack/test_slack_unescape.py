"""Command text arrives HTML-escaped from Slack; it is stored and shown as the person typed it."""

from __future__ import annotations

from storage.topics import get_topic
from tests.slack.conftest import run_command


def test_ampersand_in_a_topic_is_stored_once_and_shown_once(runtime, fake_slack, fresh_db):
    reply = run_command(runtime, fake_slack, "/topics", 'add "AT&amp;T" AT&amp;T')
    assert get_topic(fresh_db, "AT&T") is not None, reply["text"]
    assert get_topic(fresh_db, "AT&amp;T") is None
    assert "AT&amp;T" in reply["text"] and "&amp;amp;" not in reply["text"]
    shown = run_command(runtime, fake_slack, "/subscribe", "AT&amp;T")["text"]
    assert "AT&amp;T" in shown and "&amp;amp;" not in shown and "No topic" not in shown


def test_angle_brackets_are_decoded_and_never_become_a_mention(runtime, fake_slack, fresh_db):
    reply = run_command(runtime, fake_slack, "/topics", 'add "&lt;!channel&gt; news" harbour')
    assert get_topic(fresh_db, "<!channel> news") is not None, reply["text"]
    assert "<!channel>" not in reply["text"] and "&lt;!channel&gt;" in reply["text"]
