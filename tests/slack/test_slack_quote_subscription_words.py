"""A quote subscription is told and listed in the words a topic's is: "This channel already
gets …", "as a daily digest". The real Bolt app over HTTP, the fake Slack, a real SQLite file."""

from __future__ import annotations

from tests.slack.conftest import run_command

QUERY = 'quotes person:"Mira Okafor"'


def told_after(runtime, fake_slack, first: str, then: str) -> str:
    """What `/subscribe THEN` answers once `/subscribe FIRST` was typed."""
    run_command(runtime, fake_slack, "/subscribe", first)
    return run_command(runtime, fake_slack, "/subscribe", then)["text"]


def test_a_channel_already_following_quotes_is_told_so_in_good_english(runtime, fake_slack):
    """Before: "This channel already get quotes for …" (the person's verb, said of a channel)."""
    again = told_after(runtime, fake_slack, f"{QUERY} daily", f"{QUERY} daily")
    assert again == 'This channel already gets quotes for `person:"Mira Okafor"` in a daily ' \
                    "digest.", again
    mine = told_after(runtime, fake_slack, f"me {QUERY}", f"me {QUERY}")
    assert mine == 'You already get quotes for `person:"Mira Okafor"` as they appear.', mine


def test_the_listing_says_how_often_quotes_come_as_it_says_a_topics(runtime, fake_slack):
    """Before: "• quotes for `person:…` daily digest" under "• *Harbour* as a daily digest"."""
    assert run_command(runtime, fake_slack, "/topics", "add Harbour harbour AND ferry")["text"] \
        .startswith("Tracking")
    run_command(runtime, fake_slack, "/subscribe", "Harbour daily")
    run_command(runtime, fake_slack, "/subscribe", f"{QUERY} daily")
    run_command(runtime, fake_slack, "/subscribe", "me quotes person:Brandt hourly")
    run_command(runtime, fake_slack, "/subscribe", "quotes person:Lunde", channel="C0DESK")
    lines = run_command(runtime, fake_slack, "/subscribe", "")["text"].splitlines()
    assert "• *Harbour* as a daily digest" in lines, lines
    assert '• quotes for `person:"Mira Okafor"` as a daily digest' in lines, lines
    assert "• quotes for `person:Brandt` as an hourly digest (to you by DM)" in lines, lines
    desk = run_command(runtime, fake_slack, "/subscribe", "", channel="C0DESK")["text"]
    assert "• quotes for `person:Lunde` as they appear" in desk.splitlines(), desk


def test_a_quote_subscription_changed_is_told_it_now_comes_so_as_a_topics_is(runtime,
                                                                             fake_slack):
    """Before: "This channel will get each new quote for … in an hourly digest …: the quote,
    …" again, as if it were new, where a topic's change reads "now gets … as an hourly
    digest"."""
    hourly = told_after(runtime, fake_slack, f"{QUERY} daily", f"{QUERY} hourly")
    assert hourly == 'This channel now gets quotes for `person:"Mira Okafor"` in an hourly ' \
                     "digest, posted at the top of each hour.", hourly
    mine = told_after(runtime, fake_slack, f"me {QUERY} daily", f"me {QUERY}")
    assert mine == 'You now get quotes for `person:"Mira Okafor"` as they appear.', mine
