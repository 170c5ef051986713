"""Nothing leaks through Slack answers: credentials in feed addresses are masked, and text a
person typed is echoed escaped, so it can never ping a channel."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from handlers.shortcuts.who_said_message import CALLBACK_ID
from storage.db import transaction
from storage.sources import add_source, record_failure
from tests.fakes.interactive import message_shortcut_body
from tests.fakes.signing import post_signed
from tests.slack.conftest import events_url, run_command, wait_for

FEED = "https://editor:hunter2@wire.example/rss?apikey=K3Y0000secret&format=rss"
SECRETS = ("hunter2", "K3Y0000secret")


@pytest.mark.parametrize("text", ["from:<!channel>", "from:<!here|here>", "from:<@U0BOSS>",
                                  "from:<#C0GENERAL|general>"])
def test_who_said_from_never_echoes_a_mention(runtime, fake_slack, text):
    answer = run_command(runtime, fake_slack, "/who-said", text)["text"]
    assert "No quotes from" in answer
    assert "<!" not in answer and "<@" not in answer and "<#" not in answer
    assert "&lt;!" in answer or "&lt;@" in answer or "&lt;#" in answer


def test_feed_credentials_are_masked_in_every_answer(runtime, fake_slack, fresh_db):
    added = run_command(runtime, fake_slack, "/wirewatch", f"sources add <{FEED}>")["text"]
    assert "Added feed #1" in added
    with transaction(fresh_db):
        record_failure(fresh_db, 1, now=datetime.now(UTC),
                       reason=f"cannot connect to {FEED} (Connection refused)")
    with transaction(fresh_db):
        add_source(fresh_db, kind="feed", location="https://x.example/feed?token=tok3n-value")
    answers = [added] + [run_command(runtime, fake_slack, "/wirewatch", text)["text"]
                         for text in ("status", "sources", "sources remove 1")]
    for answer in answers:
        assert not any(secret in answer for secret in (*SECRETS, "tok3n-value")), answer
    assert "editor:***@wire.example" in answers[1] and "apikey=***" in answers[1]


@pytest.mark.parametrize("pasted", ["from:&lt;!channel&gt; said",
                                    "from:&lt;!subteam^S0DESK&gt; said",
                                    "from:&lt;@U0BOSS&gt; said"])
def test_who_said_this_on_a_message_never_echoes_a_mention(runtime, fake_slack, pasted):
    """A message showing `<!channel>` as text (Slack sends it as `&lt;!channel&gt;`): the
    shortcut's "no quotes from …" answer echoes the name escaped, as /who-said does."""
    body = message_shortcut_body(CALLBACK_ID, pasted, response_url=fake_slack.response_url())
    assert post_signed(events_url(runtime), body).status == 200
    answer = wait_for(lambda: fake_slack.responses())[0]["text"]
    assert "No quotes from" in answer
    assert "<!" not in answer and "<@" not in answer, answer
