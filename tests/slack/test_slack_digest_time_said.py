"""Subscribing to a digest says when it comes: the daily one at WIREWATCH_DIGEST_HOUR in the
desk's time zone, the hourly one at the top of each hour. The real Bolt app over HTTP, the
fake Slack, a real SQLite file."""

from __future__ import annotations

from tests.slack.conftest import run_command


def test_a_digest_subscription_says_when_it_is_posted(runtime, fake_slack):
    """Before: "This channel will now get *Harbour* as a daily digest." and nothing of when."""
    added = run_command(runtime, fake_slack, "/topics", "add Harbour harbour AND ferry")["text"]
    assert added.startswith("Tracking"), added
    daily = run_command(runtime, fake_slack, "/subscribe", "Harbour daily")["text"]
    assert daily == "This channel will now get *Harbour* as a daily digest, posted each day " \
                    "at 08:00 (UTC).", daily
    hourly = run_command(runtime, fake_slack, "/subscribe", "me Harbour hourly")["text"]
    assert hourly.startswith("You will now get *Harbour* as an hourly digest, posted at the "
                             "top of each hour"), hourly
    live = run_command(runtime, fake_slack, "/subscribe", "Harbour", channel="C0LIVE")["text"]
    assert live == "This channel will now get *Harbour* as it happens.", live


def test_a_quote_digest_subscription_says_when_it_is_posted_the_same_way(runtime, fake_slack):
    """Before: "… in a daily digest: the quote, …" and nothing of when, where a topic's said it."""
    query = 'quotes person:"Mira Okafor"'
    daily = run_command(runtime, fake_slack, "/subscribe", f"{query} daily")["text"]
    assert daily.startswith('This channel will get each new quote for `person:"Mira Okafor"` in '
                            "a daily digest, posted each day at 08:00 (UTC): the quote"), daily
    hourly = run_command(runtime, fake_slack, "/subscribe", f"me {query} hourly")["text"]
    assert hourly.startswith('You will get each new quote for `person:"Mira Okafor"` in an '
                             "hourly digest, posted at the top of each hour: the quote"), hourly
    live = run_command(runtime, fake_slack, "/subscribe", query, channel="C0LIVE")["text"]
    assert live.startswith('This channel will get each new quote for `person:"Mira Okafor"` as '
                           "it appears: the quote"), live
