"""A paid feed's credentials in an article's own link never reach Slack.

A feed that needs a key or a password may give its entries links that carry them
(``user:pass@host``, ``?apikey=…``, ``;token=…``): the alert, its **Open article** button and
`/who-said` showed the link as it came, to every reader of the channel. The link shown keeps
the address and its ordinary parameters (it still opens the page) without the credentials.
Real pipeline, real SQLite, the bot posting to the fake Slack over HTTP.
"""

from __future__ import annotations

import json

import pytest

from bot.models import RawArticle
from bot.redact import redact_url
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.conftest import run_command

LINK = ("https://desk:hunter2@paid.example/news/harbour-cranes?id=7&apikey=K3Y0000secret"
        ";token=tok3nvalue&pw=letmein9&p=s3cretpass")
SHOWN = "https://paid.example/news/harbour-cranes?id=7"
SECRETS = ("hunter2", "desk:", "K3Y0000secret", "tok3nvalue", "letmein9", "s3cretpass")
TEXT = ("Harbour cranes stand idle at Northhaven\n\nThe harbour cranes at Northhaven stood idle "
        "on Monday after the inspectors left. \"Nobody climbs a crane until the brakes are "
        "fixed,\" said harbour master Ada Brandt.")


def test_the_alert_button_and_who_said_show_the_link_without_its_credentials(
        runtime, fake_slack, pipeline, fresh_db):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Harbour", query="cranes")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-12-05T05:00:00+00:00")
    [outcome] = pipeline.ingest([RawArticle(text=TEXT, origin="t1", url=LINK,
                                            source="Paid Wire")])
    assert outcome.status == "stored"
    assert runtime.deliver_pending() == 1
    [post] = fake_slack.posts("C0DESK")
    posted = json.dumps(post.blocks)
    assert f"<{SHOWN}|link>" in posted
    [opened] = [e for e in post.blocks[-1]["elements"] if e["text"]["text"] == "Open article"]
    assert opened["url"] == SHOWN
    answer = json.dumps(run_command(runtime, fake_slack, "/who-said", "brakes are fixed"))
    assert "Ada Brandt" in answer and SHOWN in answer
    for shown in (posted, answer):
        assert not any(secret in shown for secret in SECRETS), shown
    assert fresh_db["articles"].get(outcome.article_id)["url"] == LINK


@pytest.mark.parametrize("url, masked", [
    ("https://x.example/a?pw=letmein9", "https://x.example/a?pw=***"),
    ("https://x.example/a?p=s3cretpass", "https://x.example/a?p=***"),
    ("https://x.example/a?id=7;apikey=K3Y0000secret", "https://x.example/a?id=7;apikey=***"),
    ("https://x.example/?p=123", "https://x.example/?p=123"),
    ("https://x.example/?p=news", "https://x.example/?p=news"),
])
def test_the_log_masks_short_and_semicolon_credentials(url, masked):
    assert redact_url(url) == masked
