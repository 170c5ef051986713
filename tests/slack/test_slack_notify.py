"""A channel subscription names people and user groups to notify: picked in Slack, stored as
ids, pinged on a story's first alert (and an important story's updates) and at a digest's top."""

from __future__ import annotations

from storage.subscriptions import find_subscription
from storage.topics import get_topic
from tests.slack.conftest import run_command

EDITOR = "<@U0EDITOR|anna>"
DESK = "<!subteam^S0EUROPE|@europe-desk>"
HINT = "type @ and pick the person or the user group from Slack's list"


def nato(runtime, fake_slack, fresh_db) -> int:
    run_command(runtime, fake_slack, "/topics", "add NATO nato OR alliance")
    topic = get_topic(fresh_db, "NATO")
    assert topic is not None
    return topic.id


def stored(db, topic_id: int, channel: str = "C0DESK"):
    return find_subscription(db, topic_id=topic_id, target_type="channel", target_id=channel)


def test_subscribe_with_picked_people_and_groups_stores_their_ids(runtime, fake_slack,
                                                                  fresh_db):
    topic = nato(runtime, fake_slack, fresh_db)
    said = run_command(runtime, fake_slack, "/subscribe", f"NATO notify {EDITOR} {DESK}",
                       channel="C0DESK")
    assert said["text"] == ("This channel will now get *NATO* as it happens; notifies "
                            "<@U0EDITOR>, <!subteam^S0EUROPE>.")
    sub = stored(fresh_db, topic)
    assert sub is not None and sub.notify == ("U0EDITOR", "S0EUROPE") and sub.mode == "realtime"
    raw = fresh_db.execute("SELECT notify FROM subscriptions").fetchone()[0]
    assert raw == '["U0EDITOR", "S0EUROPE"]'
    listing = run_command(runtime, fake_slack, "/subscribe", "", channel="C0DESK")
    assert "*NATO* as it happens; notifies <@U0EDITOR>, <!subteam^S0EUROPE>" in listing["text"]


def test_notify_changes_who_not_how_often_and_none_clears(runtime, fake_slack, fresh_db):
    topic = nato(runtime, fake_slack, fresh_db)
    run_command(runtime, fake_slack, "/subscribe", "NATO daily", channel="C0DESK")
    said = run_command(runtime, fake_slack, "/subscribe", f"nato notify {DESK} {DESK}",
                       channel="C0DESK")
    assert said["text"] == ("This channel now gets *NATO* as a daily digest; notifies "
                            "<!subteam^S0EUROPE>.")
    again = run_command(runtime, fake_slack, "/subscribe", "NATO daily", channel="C0DESK")
    assert "already gets *NATO* as a daily digest; notifies <!subteam^S0EUROPE>" in again["text"]
    cleared = run_command(runtime, fake_slack, "/subscribe", "NATO notify none",
                          channel="C0DESK")
    assert cleared["text"] == "This channel now gets *NATO* as a daily digest; notifies nobody."
    sub = stored(fresh_db, topic)
    assert sub is not None and sub.notify == () and sub.mode == "daily"
    assert fresh_db.execute("SELECT notify FROM subscriptions").fetchone()[0] is None


def test_whole_channel_pings_and_typed_names_are_refused_with_the_hint(runtime, fake_slack,
                                                                       fresh_db):
    topic = nato(runtime, fake_slack, fresh_db)
    for typed in ("<!channel>", "<!here|here>", "<!everyone>", "@channel"):
        said = run_command(runtime, fake_slack, "/subscribe", f"NATO notify {EDITOR} {typed}",
                           channel="C0DESK")
        assert "never pings a whole channel" in said["text"] and HINT in said["text"]
        assert "Nothing was subscribed" in said["text"]
    for typed in ("@bob", "bob", "<#C0OTHER|general>", "<@not-an-id>", "<https://x.example>"):
        said = run_command(runtime, fake_slack, "/subscribe", f"NATO notify {typed}",
                           channel="C0DESK")
        assert "is not a person or a user group Slack knows" in said["text"], typed
        assert HINT in said["text"] and "<" not in said["text"].split("Slack knows")[0][1:]
    many = " ".join(f"<@U0PERSON{n}>" for n in range(11))
    said = run_command(runtime, fake_slack, "/subscribe", f"NATO notify {many}",
                       channel="C0DESK")
    assert "at most 10" in said["text"]
    assert stored(fresh_db, topic) is None


def test_a_guest_cannot_set_whom_a_channel_notifies(runtime, fake_slack, fresh_db):
    topic = nato(runtime, fake_slack, fresh_db)
    fake_slack.add_user("U0GUEST", guest=True)
    said = run_command(runtime, fake_slack, "/subscribe", f"NATO notify {EDITOR}",
                       channel="C0DESK", user="U0GUEST")
    assert said["text"].startswith("Only members of this workspace")
    assert stored(fresh_db, topic) is None
    member = run_command(runtime, fake_slack, "/subscribe", f"NATO notify {EDITOR}",
                         channel="C0DESK", user="U0MEMBER")
    assert member["text"].endswith("notifies <@U0EDITOR>.")


def test_a_direct_message_subscription_takes_no_notify_list(runtime, fake_slack, fresh_db):
    nato(runtime, fake_slack, fresh_db)
    said = run_command(runtime, fake_slack, "/subscribe", f"me NATO notify {EDITOR}",
                       user="U0ED")
    assert "pings only you" in said["text"] and "Nothing was subscribed" in said["text"]
    assert fresh_db.execute("SELECT count(*) FROM subscriptions").fetchone()[0] == 0


def test_a_topic_named_with_the_word_notify_still_subscribes(runtime, fake_slack, fresh_db):
    run_command(runtime, fake_slack, "/topics", 'add "Notify rules" notification')
    said = run_command(runtime, fake_slack, "/subscribe", "Notify rules hourly", channel="C0DESK")
    assert said["text"] == ("This channel will now get *Notify rules* as an hourly digest, "
                            "posted at the top of each hour.")
    said = run_command(runtime, fake_slack, "/subscribe", f"Notify rules notify {EDITOR}",
                       channel="C0DESK")
    assert said["text"].endswith("as an hourly digest; notifies <@U0EDITOR>.")


def test_notify_with_nobody_named_asks_whom(runtime, fake_slack, fresh_db):
    topic = nato(runtime, fake_slack, fresh_db)
    said = run_command(runtime, fake_slack, "/subscribe", "NATO notify", channel="C0DESK")
    assert said["text"].startswith("Notify whom? Type @ and pick") and "notify none" in said["text"]
    assert said["text"].endswith("Nothing was subscribed.") and stored(fresh_db, topic) is None


def test_a_quote_subscription_names_whom_it_notifies_the_same_way(runtime, fake_slack,
                                                                   fresh_db):
    query = 'quotes person:"Ada Brandt"'
    said = run_command(runtime, fake_slack, "/subscribe", f"{query} hourly notify {EDITOR}",
                       channel="C0DESK")
    assert said["text"].startswith('This channel will get each new quote for `person:"Ada '
                                   'Brandt"` in an hourly digest, posted at the top of each hour; '
                                   "notifies <@U0EDITOR>: the quote")
    said = run_command(runtime, fake_slack, "/subscribe", f"{query} notify {DESK}",
                       channel="C0DESK")
    assert said["text"].endswith("in an hourly digest; notifies <!subteam^S0EUROPE>.")
    listing = run_command(runtime, fake_slack, "/subscribe", "", channel="C0DESK")
    assert "hourly digest; notifies <!subteam^S0EUROPE>" in listing["text"]
    refused = run_command(runtime, fake_slack, "/subscribe", f"{query} notify <!here>",
                          channel="C0DESK")
    assert "never pings a whole channel" in refused["text"]
    mine = run_command(runtime, fake_slack, "/subscribe", f"me {query} notify {EDITOR}",
                       user="U0ED")
    assert "pings only you" in mine["text"]
    cleared = run_command(runtime, fake_slack, "/subscribe", f"{query} notify none",
                          channel="C0DESK")
    assert cleared["text"].endswith("in an hourly digest; notifies nobody.")
    rows = fresh_db.execute("SELECT target_id, mode, notify FROM quote_subscriptions").fetchall()
    assert rows == [("C0DESK", "hourly", None)]
