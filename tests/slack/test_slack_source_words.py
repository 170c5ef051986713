"""What the desk sees of its sources and of a sub-command word typed a little off: the real Bolt
app over HTTP with signed requests, the fake Slack, a real SQLite file. Invented entries."""

from __future__ import annotations

import json

from bot.models import RawArticle
from storage.db import transaction
from storage.inbox import enqueue
from storage.sources import add_source
from tests.slack.conftest import app_home, run_command

ELSEWHERE = ("2 entries linked another host than the feed's, the page not read there: "
             "`source:` matches them by the feed's name, not by that host")


def test_status_sources_and_app_home_say_how_many_entries_linked_another_host(
        runtime, fake_slack, fresh_db):
    """Before: only the CLI's `sources list` said it; `/wirewatch status`, `/wirewatch sources`
    and App Home listed the relay as any feed, so a topic's `source:HOST` leaving its articles
    out had no reason in Slack."""
    with transaction(fresh_db):
        relay = add_source(fresh_db, kind="feed", location="https://relay.example/all.rss")
        add_source(fresh_db, kind="feed", location="https://own.example/news.rss")
        for n in (1, 2):
            enqueue(fresh_db, RawArticle(text="The ferry runs late again.", origin=f"relay:{n}",
                                         url=f"https://elsewhere.example/{n}",
                                         link_vouched=False), source_id=relay)
    for text in ("status", "sources"):
        answer = run_command(runtime, fake_slack, "/wirewatch", text)["text"]
        [line] = [line for line in answer.splitlines() if "relay.example" in line]
        assert line.endswith(f" · {ELSEWHERE}"), line
        [own] = [line for line in answer.splitlines() if "own.example" in line]
        assert "linked another host" not in own, own
    home = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
            if b["type"] == "section"]
    [feeds] = [s for s in home if s.startswith("*Feeds to look at*")]
    assert f"• feed https://relay.example/all.rss: {ELSEWHERE}" in feeds, feeds
    assert "own.example" not in feeds, feeds


def test_a_sources_word_typed_a_little_off_is_answered_with_the_command_meant(
        runtime, fake_slack, fresh_db):
    """Before: `/wirewatch sources ad URL` said "I don't know `sources ad`." and the usage, the
    command meant left to be made out from it; a word near none still gets the usage."""
    def typed(text: str) -> str:
        return run_command(runtime, fake_slack, "/wirewatch", text)["text"]

    assert typed("sources ad <https://wire.example/a.rss> --every 60") == (
        "I don't know `ad`. Did you mean `/wirewatch sources add https://wire.example/a.rss "
        "--every 60`?")
    assert typed("sources lsit") == "I don't know `lsit`. Did you mean `/wirewatch sources list`?"
    assert typed("sources remvoe 3") == \
        "I don't know `remvoe`. Did you mean `/wirewatch sources remove 3`?"
    assert typed("topcs") == "I don't know `topcs`. Did you mean `/topics`?"
    far = typed("sources export 1")
    assert far.startswith("I don't know `export`.\nUsage: `/wirewatch sources` lists them"), far
    assert fresh_db.execute("SELECT count(*) FROM sources").fetchone() == (0,), "none added"
