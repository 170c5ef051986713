"""App Home says how often each subscription comes in the words of its own menu and of
`/subscribe` ("as it happens", "as a daily digest"), not the stored mode (signed HTTP, a real
SQLite file, the fake Slack Web API)."""

from __future__ import annotations

import json

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.slack.conftest import app_home, run_command

EDITOR = "U0REPORTER"


def test_app_home_says_how_often_as_its_menu_and_subscribe_do(runtime, fake_slack, fresh_db):
    """Before: "*Tides* (realtime)" above a menu reading "as it happens"."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Tides", query="tide")
        for target_type, target, mode in (("channel", "C0DESK", "realtime"),
                                          ("user", EDITOR, "daily")):
            subscribe(fresh_db, topic_id=topic, target_type=target_type, target_id=target,
                      mode=mode, created_by=EDITOR, at="2026-11-24T05:00:00+00:00")
    view = json.loads(app_home(runtime, fake_slack, EDITOR))
    sections = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
    shown = [s for s in sections if s.startswith("*Tides*")]
    assert "*Tides* (as it happens) · <#C0DESK>" in shown, sections
    assert "*Tides* (as a daily digest) · by direct message" in shown, sections
    menus = [e["initial_option"]["text"]["text"] for b in view["blocks"] if b["type"] == "actions"
             for e in b["elements"] if e["type"] == "static_select"]
    assert "as it happens" in menus, menus


def test_app_home_says_a_quote_subscription_comes_as_subscribe_lists_it(runtime, fake_slack):
    """Before: App Home read "Quotes for … (as it happens)" where `/subscribe`'s listing and
    answer of the same subscription read "as they appear"."""
    answer = run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                         channel="C0DESK")["text"]
    assert "as it appears" in answer, answer
    listing = run_command(runtime, fake_slack, "/subscribe", "", channel="C0DESK")["text"]
    assert '• quotes for `person:"Ada Brandt"` as they appear' in listing, listing
    view = json.loads(app_home(runtime, fake_slack, EDITOR))
    [shown] = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"
               and "Ada Brandt" in b["text"]["text"]]
    assert shown.startswith('Quotes for `person:"Ada Brandt"` (as they appear) · <#C0DESK>'), \
        shown
