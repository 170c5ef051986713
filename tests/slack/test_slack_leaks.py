"""Nothing leaks through Slack answers: credentials in feed addresses are masked, and text a
person typed is echoed escaped, so it can never ping a channel."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.db import transaction
from storage.sources import add_source, record_failure
from tests.slack.conftest import run_command

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
