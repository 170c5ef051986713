"""/subscribe typed in a group direct message: Slack lets no app join one (conversations.join
has no such conversation type; `/invite` adds people), so the answer gives what a person can
do there instead. The real Bolt app over HTTP with signed requests, the fake Slack, a real
SQLite file."""

from __future__ import annotations

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.quote_subscriptions import quote_subscriptions_of
from storage.subscriptions import subscriptions_of
from tests.slack.conftest import run_command

GROUP, PEOPLE = "C0GROUPDM", "D0PEOPLE"
GROUP_NAME = "mpdm-reporter--editor--stringer-1"
REPORTER = "U0REPORTER"


def test_subscribe_in_a_group_dm_says_what_to_do_instead_of_inviting(runtime, fake_slack,
                                                                     fresh_db):
    """Before: "I cannot see this channel: it is private and I am not in it. Type `/invite
    @wirewatch` here, then subscribe again.", which Slack does not allow there."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_conversation(GROUP, {REPORTER, "U0EDITOR", "U0STRINGER"}, kind="mpim")

    def typed(text: str) -> str:
        return run_command(runtime, fake_slack, "/subscribe", text, channel=GROUP,
                           channel_name=GROUP_NAME)["text"]

    said = typed("Ferries daily")
    assert "/invite @wirewatch` here" not in said, said
    assert "wirewatch cannot post in a group direct message" in said, said
    assert "create a private channel with the same people, type `/invite @wirewatch` in it, " \
           "then `/subscribe Ferries daily` there" in said, said
    assert "or type `/subscribe me Ferries daily` here to get it yourself by direct message" \
        in said, said
    assert said.endswith("Nothing was subscribed."), said
    quotes = typed('quotes person:"Ada Brandt"')
    assert "then `/subscribe quotes person:\"Ada Brandt\"` there" in quotes, quotes
    assert "`/subscribe me quotes person:\"Ada Brandt\"` here" in quotes, quotes
    assert subscriptions_of(fresh_db, [GROUP]) == [] == quote_subscriptions_of(fresh_db, [GROUP])
    mine = typed("me Ferries daily")
    assert mine.startswith("You will now get *Ferries* as a daily digest"), mine
    assert [s.target_id for s in subscriptions_of(fresh_db, [REPORTER])] == [REPORTER]


def test_a_private_channel_wirewatch_is_not_in_is_still_told_to_invite_it(runtime, fake_slack,
                                                                          fresh_db):
    """Slack names a private channel wirewatch is not in `privategroup`: `/invite` works there."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_channel("C0DESK", private=True, member=False)
    said = run_command(runtime, fake_slack, "/subscribe", "Ferries", channel="C0DESK",
                       channel_name="privategroup")["text"]
    assert "Type `/invite @wirewatch` here, then subscribe again." in said, said


def test_subscribe_in_a_direct_message_between_people_is_the_person_s_own(runtime, fake_slack,
                                                                          fresh_db):
    """A direct message with a colleague: no invite asked, the subscription is the asker's
    (as `/subscribe me` gives it), and conversations.info is not asked about it."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_conversation(PEOPLE, {REPORTER, "U0EDITOR"})
    calls = len(fake_slack.calls)
    said = run_command(runtime, fake_slack, "/subscribe", "Ferries", channel=PEOPLE,
                       channel_name="directmessage")["text"]
    assert said.startswith("You will now get *Ferries* as it happens. "), said
    assert subscriptions_of(fresh_db, [PEOPLE]) == []
    assert [s.target_id for s in subscriptions_of(fresh_db, [REPORTER])] == [REPORTER]
    assert "conversations.info" not in [c.method for c in fake_slack.calls[calls:]]


def test_unsubscribe_in_a_group_dm_says_nothing_can_be_followed_there(runtime, fake_slack,
                                                                      fresh_db):
    """Before: "This channel was not subscribed to *Ferries*." (and "This channel did not
    follow quotes …"), of a conversation no subscription can be made in; `/subscribe` and its
    help said "`/subscribe TOPIC` subscribes this channel" there."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_conversation(GROUP, {REPORTER, "U0EDITOR", "U0STRINGER"}, kind="mpim")

    def typed(command: str, text: str) -> str:
        return run_command(runtime, fake_slack, command, text, channel=GROUP,
                           channel_name=GROUP_NAME)["text"]

    assert typed("/subscribe", "me Ferries").startswith("You will now get *Ferries*")
    said = typed("/unsubscribe", "Ferries daily")
    assert "This channel" not in said, said
    assert "wirewatch cannot post in a group direct message, so nothing is subscribed here" \
        in said, said
    assert "Type `/unsubscribe me Ferries daily` here to stop what comes to you" in said, said
    quotes = typed("/unsubscribe", 'quotes person:"Ada Brandt"')
    assert "This channel" not in quotes, quotes
    assert "`/unsubscribe me quotes person:\"Ada Brandt\"` here" in quotes, quotes
    assert [s.target_id for s in subscriptions_of(fresh_db, [REPORTER])] == [REPORTER]
    for text in ("", "help"):
        listed = typed("/subscribe", text)
        assert "wirewatch cannot post in a group direct message" in listed, listed
        assert "then `/subscribe TOPIC` there; or type `/subscribe me TOPIC` here" in listed, \
            listed
    assert "wirewatch cannot post in a group direct message" in typed("/unsubscribe", "")
    assert typed("/unsubscribe", "me Ferries") == "You will no longer get *Ferries*."


def test_a_direct_message_between_people_says_the_alerts_come_to_the_typist_alone(
        runtime, fake_slack, fresh_db):
    """Before: "You will now get *Ferries* as it happens.", and a desk typing it to a colleague
    took it that both would get them. In the typist's own direct message with wirewatch, and
    with `me` typed, the answer stays as it was."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_conversation(PEOPLE, {REPORTER, "U0EDITOR"})

    def typed(text: str, channel: str = PEOPLE) -> str:
        return run_command(runtime, fake_slack, "/subscribe", text, channel=channel,
                           channel_name="directmessage")["text"]

    said = typed("Ferries daily")
    assert said.startswith("You will now get *Ferries* as a daily digest"), said
    assert "wirewatch cannot post in a direct message between people, so it sends these to " \
           "you alone, by direct message. For you both, create a private channel with the " \
           "two of you, type `/invite @wirewatch` in it, then `/subscribe Ferries daily` " \
           "there." in said, said
    quotes = typed('quotes person:"Ada Brandt"')
    assert "then `/subscribe quotes person:\"Ada Brandt\"` there." in quotes, quotes
    assert "between people" not in typed("me Ferries hourly")
    own = typed("Ferries", channel="D" + REPORTER[1:])
    assert own == "You now get *Ferries* as it happens.", own


def test_the_usage_in_a_direct_message_says_a_subscription_there_is_the_typist_s(
        runtime, fake_slack, fresh_db):
    """Before: in a direct message `/subscribe` said "`/subscribe TOPIC …` subscribes this
    channel", where it subscribes the typist alone (as `/subscribe me TOPIC`)."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    fake_slack.add_conversation(PEOPLE, {REPORTER, "U0EDITOR"})
    for channel in (PEOPLE, "D" + REPORTER[1:]):
        for command, text in (("/subscribe", ""), ("/subscribe", "help"), ("/unsubscribe", ""),
                              ("/subscribe", "Nope")):
            said = run_command(runtime, fake_slack, command, text, channel=channel,
                               channel_name="directmessage")["text"]
            assert said.endswith(" In a direct message, `/subscribe TOPIC` is yours alone, as "
                                 "`/subscribe me TOPIC` is: its alerts come to you by direct "
                                 "message from wirewatch."), (channel, text, said)
    said = run_command(runtime, fake_slack, "/subscribe", "help")["text"]
    assert "In a direct message" not in said, said


def test_unsubscribe_in_a_group_dm_naming_a_channel_or_asking_help_says_what_stops_what(
        runtime, fake_slack, fresh_db):
    """Before: `/unsubscribe quotes … #pub` in a group DM got "nothing is subscribed here"
    (`/subscribe quotes … #pub` got "type it in #pub"), and `/unsubscribe help` there told how
    to subscribe (a private channel, then `/subscribe TOPIC` there)."""
    fake_slack.add_conversation(GROUP, {REPORTER, "U0EDITOR", "U0STRINGER"}, kind="mpim")

    def typed(text: str) -> str:
        return run_command(runtime, fake_slack, "/unsubscribe", text, channel=GROUP,
                           channel_name=GROUP_NAME)["text"]

    named = typed('quotes person:"Ada Brandt" <#C0PUB|pub>')
    assert named.endswith("type `/unsubscribe quotes person:\"Ada Brandt\"` in <#C0PUB> "
                          "itself. Nothing was changed."), named
    for text in ("", "help"):
        usage = typed(text)
        assert "`/subscribe TOPIC` there" not in usage, usage
        assert usage.endswith("nothing is subscribed here: Slack lets no app join one. Type "
                              "`/unsubscribe me TOPIC` here to stop what comes to you by "
                              "direct message."), usage
