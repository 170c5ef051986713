"""A new newsroom user's first walk through the desk's Slack surfaces: each answer offers what
that person may do (a guest only reads), and says when what it found differs from what was
asked. The real Bolt app over HTTP with signed requests, the fake Slack, a real SQLite file."""

from __future__ import annotations

from bot.models import RawArticle
from bot.stories.tracking import add_topic
from bot.who_said import who_said
from storage.db import transaction
from tests.slack.conftest import app_home, run_command

MEMBER, GUEST, VISITOR = "U0MEMBER", "U0GUEST", "U0VISITOR"
LOUNGE = "C0LOUNGE"
NOT_WORD_FOR_WORD = " · _not word for word_"


def test_status_tells_each_role_who_subscribes_a_channel(runtime, fake_slack, fresh_db):
    """Before: a guest, or someone of another organisation in a shared channel (a member there,
    who reads here as a guest), read "Nobody subscribes yet, so nothing is posted: `/subscribe
    TOPIC` in a channel (or `/subscribe me TOPIC`)", a command that refuses them."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_user(VISITOR, team="T0ELSEWHERE")  # a member of their own organisation
    for reader in (GUEST, VISITOR):
        said = run_command(runtime, fake_slack, "/wirewatch", "status", user=reader,
                           channel=LOUNGE)["text"]
        assert "• Nobody subscribes yet, so nothing is posted: a member of this workspace " \
               "types `/subscribe TOPIC` in the channel that should get the alerts (ask one, " \
               "<@U0REPORTER> or a workspace admin or owner)" in said, (reader, said)
        assert "/subscribe me" not in said, (reader, said)
    for user in (MEMBER, "U0REPORTER"):
        said = run_command(runtime, fake_slack, "/wirewatch", "status", user=user)["text"]
        assert "• Nobody subscribes yet, so nothing is posted: `/subscribe TOPIC` in a channel " \
               "(or `/subscribe me TOPIC`)" in said, (user, said)


def test_a_guest_s_first_app_home_offers_nothing_they_may_not_do(runtime, fake_slack):
    """Before: a guest's App Home said "None yet: `/subscribe me TOPIC` to get one by DM." and
    "*Mute story* under an alert stops its updates.", both refused to a guest."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    home = app_home(runtime, fake_slack, GUEST).replace("\\n", "\n")
    assert "*Your subscriptions*\nNone: a member of this workspace subscribes a channel " \
           "(`/subscribe TOPIC` in it); you read what the channels you are in follow." in home, \
        home
    assert "*Your mutes*\nNone: muting a story is for members of this workspace" in home, home
    assert "/subscribe me" not in home and "*Mute story* under" not in home, home
    member = app_home(runtime, fake_slack, MEMBER, event_ts="1700000000.000200")
    assert "None yet: `/subscribe me TOPIC` to get one by DM." in member, member
    assert "*Mute story* under an alert stops its updates." in member, member


PILOTS = ("Harbour pilots vote to stop work\n\nHarbour pilots at Greywick voted on Tuesday to "
          "stop work. \u201cWe won\u2019t go back until the tugs are safe\u2026 and that means "
          "every one of them,\u201d said pilots' spokeswoman Mara Quill. \"Nobody listens to us,\" "
          "she added.")


def test_who_said_says_when_the_quote_found_is_not_the_words_asked(runtime, fake_slack,
                                                                   pipeline, fresh_db):
    """Before: "Nobody listens to me" found “Nobody listens to us” and showed it as the quote
    asked for, unmarked; and a quote asked with an ellipsis for words left out (as a desk cuts
    one) was only a near match (score 83.5), though every part of it is in the quote."""
    [done] = pipeline.ingest([RawArticle(text=PILOTS, origin="pilots.txt")])
    assert done.status == "stored"

    def asked(text: str) -> str:
        return run_command(runtime, fake_slack, "/who-said", text)["text"]

    differs = asked("Nobody listens to me")
    assert "“Nobody listens to us” — *Mara Quill, spokeswoman*" in differs, differs
    assert differs.count(NOT_WORD_FOR_WORD) == 1, differs
    for same in ("we won't go back until the tugs are safe", "“Nobody listens to us”",
                 "the tugs are safe... and that means", "We won't go back ... every one of them",
                 "we won’t go back […] every one of them"):
        said = asked(same)
        assert "— *Mara Quill, spokeswoman*" in said and NOT_WORD_FOR_WORD not in said, said
    elided = who_said(fresh_db, "We won't go back ... every one of them").hits[0]
    assert elided.score >= 100, elided  # was 83.5: ranked as a near match


def test_topics_show_tells_a_guest_who_subscribes_the_channel(runtime, fake_slack, fresh_db):
    """Before: a guest's `/topics show` of a topic their channels follow ended "This channel is
    not subscribed: `/subscribe Ferries`.", a command that refuses them."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    run_command(runtime, fake_slack, "/subscribe", "Ferries", channel=LOUNGE)
    shown = run_command(runtime, fake_slack, "/topics", "show Ferries", user=GUEST)["text"]
    assert "This channel is not subscribed (a member of this workspace subscribes it with " \
           "`/subscribe Ferries` typed here)." in shown, shown
    member = run_command(runtime, fake_slack, "/topics", "show Ferries", user=MEMBER)["text"]
    assert "This channel is not subscribed: `/subscribe Ferries`." in member, member


def test_a_guest_s_who_said_that_finds_nothing_says_what_it_searched(runtime, fake_slack):
    """Before: "No quote matches that. …", as if nothing were stored, where a guest's search
    reads only the quotes of the stories the channels they are in follow."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    said = run_command(runtime, fake_slack, "/who-said", "the tide waits for no one",
                       user=GUEST, channel=LOUNGE)["text"]
    assert said.endswith("(searched for “the tide waits for no one” in the stories the "
                         "channels you are in follow)"), said
    member = run_command(runtime, fake_slack, "/who-said", "the tide waits for no one",
                         user=MEMBER)["text"]
    assert member.endswith("(searched for “the tide waits for no one”)"), member


def test_topics_show_without_a_name_gives_each_role_its_own_usage(runtime, fake_slack):
    """Before: a member's `/topics show` alone read "Which topic?" and the admin's usage, whose
    add, edit and remove refuse them."""
    member = run_command(runtime, fake_slack, "/topics", "show", user=MEMBER)["text"]
    assert member.startswith("Which topic? Usage: `/topics` lists topics · `/topics show NAME` "
                             "shows one"), member
    assert "/topics add" not in member and "/topics remove" not in member, member
    admin = run_command(runtime, fake_slack, "/topics", "show")["text"]
    assert admin.startswith("Which topic? Usage: `/topics` lists topics · `/topics add NAME "
                            "[QUERY]` tracks one"), admin


def test_who_said_usage_names_the_speaker_search_its_misses_suggest(runtime, fake_slack):
    """Before: `/who-said help` named only a quote's words, while a search finding nothing
    suggests "a speaker's name as `from:NAME`", which the usage never explained."""
    usage = run_command(runtime, fake_slack, "/who-said", "help")["text"]
    missed = run_command(runtime, fake_slack, "/who-said", "nothing stored here")["text"]
    assert "`from:NAME`" in missed, missed
    assert "`/who-said from:NAME` lists a speaker's latest quotes" in usage, usage


def test_a_guest_s_story_search_that_finds_nothing_says_what_it_searched(runtime, fake_slack):
    """Before: "No story title contains “…”" to a guest too, whose search reads only the stories
    the channels they are in follow, as their `/who-said` does."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    said = run_command(runtime, fake_slack, "/story", "ferry crews", user=GUEST,
                       channel=LOUNGE)["text"]
    assert said.startswith("No story title contains “ferry crews”, nor does the title of any "
                           "article of one, among the stories the channels you are in "
                           "follow. Usage:"), said
    member = run_command(runtime, fake_slack, "/story", "ferry crews", user=MEMBER)["text"]
    assert member.startswith("No story title contains “ferry crews”, nor does the title of any "
                             "article of one. Usage:"), member
