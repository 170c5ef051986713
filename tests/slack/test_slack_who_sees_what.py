"""Who can see what through Slack: what a private channel or a person's direct messages follow
is told to that channel and that person (and to admins), never to whoever asks elsewhere.
Signed requests over real HTTP, the fake Slack Web API with its channel membership."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlencode

import pytest

from bot.alerts.blocks import MUTE, QUOTES, TIMELINE
from bot.stories.tracking import add_topic
from handlers.home_view import HOME_MODE, HOME_QUOTES_REMOVE, HOME_REMOVE, UNMUTE
from storage.alerts import is_muted
from storage.db import transaction
from storage.sources import add_source
from storage.subscriptions import subscriptions_of
from tests.fakes.quiet_http import serving
from tests.fakes.signing import REPORTER, action_body, command_body, event_body, post_signed
from tests.slack.conftest import app_home, events_url, home_after, run_command, wait_for
from tests.slack.test_slack_home_controls import home_action, home_showing
from tests.slack.world import add_article, add_story

EDITOR, SOURCER, MEMBER, GUEST = "U0EDITOR", "U0SOURCER", "U0MEMBER", "U0GUEST"
PRIVATE = "G0MERGERS"
WHEN = "2026-12-02T09:00:00+00:00"


@pytest.fixture
def private_desk(runtime, fake_slack, fresh_db):
    """A private channel (the bot and the editor in it) following a topic, paused as wirewatch
    was removed from it; a reporter following a person's quotes by direct message, paused as
    their DMs refused; an alert to the private channel that failed."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(PRIVATE, private=True).members.add(EDITOR)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
    said = run_command(runtime, fake_slack, "/subscribe", "Harbour takeover", user=EDITOR,
                       channel=PRIVATE)["text"]
    assert "Harbour takeover" in said
    said = run_command(runtime, fake_slack, "/subscribe", 'me quotes person:"Vera Quill"',
                       user=SOURCER, channel="D0SOURCER")["text"]
    assert "Vera Quill" in said
    event = {"type": "group_left", "channel": PRIVATE, "event_ts": "1700000000.000100"}
    reply = post_signed(events_url(runtime), event_body(event), content_type="application/json")
    assert reply.status == 200
    wait_for(lambda: fresh_db.execute("SELECT count(*) FROM subscriptions WHERE paused_at "
                                      "IS NOT NULL").fetchone()[0])
    with transaction(fresh_db):
        fresh_db.execute("UPDATE quote_subscriptions SET paused_at = ?, paused_reason = "
                         "'user_disabled'", [WHEN])
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, created_at, last_error) VALUES (1, 1, ?, 'new', 'failed', "
                         "1, ?, 'msg_too_long')", [PRIVATE, WHEN])


@pytest.mark.parametrize("asker", [MEMBER, GUEST])
def test_status_elsewhere_never_tells_what_a_private_channel_or_a_persons_dms_follow(
        runtime, fake_slack, private_desk, asker):
    status = run_command(runtime, fake_slack, "/wirewatch", "status", user=asker,
                         channel="C0LOBBY")["text"]
    assert "Failed alerts" in status
    for secret in ("Harbour takeover", "Vera Quill", PRIVATE, SOURCER, "msg_too_long"):
        assert secret not in status, (secret, status)


def test_status_tells_the_channel_the_person_and_admins_what_they_follow(
        runtime, fake_slack, private_desk):
    in_channel = run_command(runtime, fake_slack, "/wirewatch", "status", user=EDITOR,
                             channel=PRIVATE)["text"]
    assert "Harbour takeover" in in_channel and "msg_too_long" in in_channel
    assert "Vera Quill" not in in_channel
    own = run_command(runtime, fake_slack, "/wirewatch", "status", user=SOURCER,
                      channel="D0SOURCER")["text"]
    assert "Vera Quill" in own and "Harbour takeover" not in own
    admin = run_command(runtime, fake_slack, "/wirewatch", "status", user=REPORTER,
                        channel="C0LOBBY")["text"]
    assert all(s in admin for s in ("Harbour takeover", "Vera Quill", "msg_too_long"))
    elsewhere = run_command(runtime, fake_slack, "/wirewatch", "status", user=EDITOR,
                            channel="C0LOBBY")["text"]
    assert "Harbour takeover" in elsewhere and "msg_too_long" in elsewhere, "they set it up"
    fake_slack.channel(PRIVATE).members.discard(EDITOR)
    left = run_command(runtime, fake_slack, "/wirewatch", "status", user=EDITOR,
                       channel="C0LOBBY")["text"]
    assert "Harbour takeover" not in left and "msg_too_long" not in left, left


PARTNER_ADMIN, PARTNER, BOT = "U0PARTNERADM", "U0PARTNER", "U0OTHERBOT"


@pytest.mark.parametrize("user", [PARTNER_ADMIN, PARTNER, BOT])
def test_people_of_another_organisation_and_bots_only_read(runtime, fake_slack, fresh_db, user):
    """A channel shared with another organisation (Slack Connect): its people can type our
    commands there, and users.info tells their role in their own organisation. An admin there
    is no admin here; they, and bot users, may read (as guests: what the channel follows), not
    change topics nor subscribe."""
    fake_slack.add_user(PARTNER_ADMIN, admin=True, team="T0PARTNER")
    fake_slack.add_user(PARTNER, team="T0PARTNER")
    fake_slack.add_user(BOT, bot=True)
    added = run_command(runtime, fake_slack, "/topics", "add Wildfire", user=user,
                        channel="C0SHARED")["text"]
    assert added.startswith("Only") and "Nothing was changed" in added, added
    with transaction(fresh_db):
        add_topic(fresh_db, name="Drought", query="drought")
    subscribed = run_command(runtime, fake_slack, "/subscribe", "Drought", user=user,
                             channel="C0SHARED")["text"]
    assert subscribed.startswith("Only"), subscribed
    assert fresh_db["subscriptions"].count == 0
    assert [t["name"] for t in fresh_db["topics"].rows] == ["Drought"]
    listed = run_command(runtime, fake_slack, "/topics", "", user=user, channel="C0SHARED")
    assert "Drought" not in listed["text"], "they read as guests: what the channel follows"
    run_command(runtime, fake_slack, "/subscribe", "Drought", channel="C0SHARED")
    listed = run_command(runtime, fake_slack, "/topics", "", user=user, channel="C0SHARED")
    assert "Drought" in listed["text"]


class _Inside(BaseHTTPRequestHandler):
    """A host inside the newsroom's network: records every request it gets."""

    asked: list[str] = []

    def do_POST(self) -> None:
        self.asked.append(self.path)
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def inside():
    _Inside.asked = []
    with serving(_Inside) as server:
        yield server


def test_a_response_url_that_is_not_slacks_is_never_called(runtime, fake_slack, inside, caplog):
    """Only Slack's own hooks (or the Web API's host) are answered: a request signed with a
    leaked secret, or relayed by a tool holding it, cannot make wirewatch POST inside."""
    port = inside.server_address[1]
    urls = [f"http://127.0.0.1:{port}/hook", f"https://hooks.slack.com@127.0.0.1:{port}/x",
            "http://[::1"]
    for url in urls:
        for body in (command_body("/wirewatch", "help", response_url=url),
                     command_body("/who-said", "anything at all", response_url=url),
                     action_body(TIMELINE, "1", response_url=url)):
            assert post_signed(events_url(runtime), body).status == 200
    wait_for(lambda: caplog.text.count("is not Slack's") == len(urls) * 3)
    said = run_command(runtime, fake_slack, "/wirewatch", "help")  # answered after them all
    assert said["text"].startswith("*wirewatch*"), "Slack's own response_url is answered"
    assert _Inside.asked == []
    assert fake_slack.responses() == [said]


def test_someone_no_longer_in_a_private_channel_cannot_change_its_subscriptions(
        runtime, fake_slack, fresh_db):
    """The editor set up the private desk's subscriptions, then left the desk (or was removed):
    App Home still lists what they set up, but its controls no longer change the channel's
    subscription, its quote subscription nor unmute a story there; a member still may."""
    desk = fake_slack.add_channel(PRIVATE, private=True)
    desk.members.update({EDITOR, MEMBER})
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
    for text in ("Harbour takeover", 'quotes person:"Vera Quill"'):
        said = run_command(runtime, fake_slack, "/subscribe", text, user=EDITOR,
                           channel=PRIVATE)["text"]
        assert "This channel will" in said, said
    story = add_story(fresh_db, article_id=add_article(fresh_db, title="Harbour sold"),
                      title="Harbour sold")
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(MUTE, str(story), user=EDITOR, channel=PRIVATE,
                                                 response_url=fake_slack.response_url()))
    wait_for(lambda: fake_slack.responses()[before:])
    desk.members.discard(EDITOR)
    for action in ({"action_id": HOME_MODE, "block_id": "subscription_1",
                    "type": "static_select", "action_ts": "1",
                    "selected_option": {"value": "1:daily"}},
                   {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "2"},
                   {"action_id": HOME_QUOTES_REMOVE, "value": "1", "type": "button",
                    "action_ts": "3"},
                   {"action_id": UNMUTE, "value": f"{story}:{PRIVATE}", "type": "button",
                    "action_ts": "4"}):
        fake_slack.views.pop(EDITOR, None)
        post_signed(events_url(runtime), home_action(action, user=EDITOR))
        home = home_showing(fake_slack, "only its members", user=EDITOR)
        assert "Harbour takeover" in json.dumps(home)
    [sub] = subscriptions_of(fresh_db, [PRIVATE])
    assert sub.mode == "realtime"
    assert fresh_db["quote_subscriptions"].count == 1
    assert is_muted(fresh_db, story, [PRIVATE])
    desk.members.add(EDITOR)
    post_signed(events_url(runtime), home_action(
        {"action_id": HOME_REMOVE, "value": "1", "type": "button", "action_ts": "5"},
        user=EDITOR))
    wait_for(lambda: subscriptions_of(fresh_db, [PRIVATE]) == [])


def test_app_home_no_longer_lists_what_a_private_channel_one_left_follows(
        runtime, fake_slack, fresh_db):
    """App Home lists the subscriptions a person set up; once they are out of a private
    channel, what it follows (topics, quotes, whom it notifies, its pauses and failures) is no
    longer theirs to see. Their own and a public channel's stay listed."""
    desk = fake_slack.add_channel(PRIVATE, private=True)
    desk.members.update({EDITOR, MEMBER})
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
        add_topic(fresh_db, name="Ferries", query="ferry")
    for channel, text in ((PRIVATE, "Harbour takeover notify <@U0ANNA>"),
                          (PRIVATE, 'quotes person:"Vera Quill"'), ("C0PUBLIC", "Ferries"),
                          ("D0EDITOR", "Ferries")):
        run_command(runtime, fake_slack, "/subscribe", text, user=EDITOR, channel=channel)
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, created_at, last_error) VALUES (1, 1, ?, 'new', 'failed', "
                         "1, ?, 'msg_too_long')", [PRIVATE, WHEN])
    wait_for(lambda: "by direct message" in json.dumps(fake_slack.views.get(EDITOR, {})))
    assert "Vera Quill" in json.dumps(fake_slack.views[EDITOR])
    desk.members.discard(EDITOR)
    home = home_after(runtime, fake_slack, EDITOR, "1700000000.000200",
                      settled=lambda view: PRIVATE not in view)
    assert "by direct message" in home and "<#C0PUBLIC>" in home
    assert "*Ferries* (as it happens)" in home, "the topic's own list still names every topic"
    for secret in ("*Harbour takeover* (", "Vera Quill", "U0ANNA", PRIVATE, "msg_too_long"):
        assert secret not in home, secret


def test_a_request_of_another_organisation_naming_no_workspace_is_refused(runtime, fake_slack):
    """An interaction payload may name no team (Slack leaves `team` null in org-wide installs)
    and another Enterprise organisation: it was served as if it came from this workspace."""
    payload = {"type": "block_actions", "team": None, "user": {"id": "U0ELSEWHERE"},
               "enterprise": {"id": "E0ELSEWHERE"}, "api_app_id": "A0WIREWATCH",
               "container": {"type": "message", "channel_id": "C0NEWS"},
               "channel": {"id": "C0NEWS"}, "response_url": fake_slack.response_url(),
               "actions": [{"action_id": TIMELINE, "value": "1", "type": "button",
                            "action_ts": "1"}]}
    reply = post_signed(events_url(runtime), urlencode({"payload": json.dumps(payload)}))
    assert reply.status == 200 and "another Slack workspace" in reply.body
    payload["enterprise"] = None
    reply = post_signed(events_url(runtime), urlencode({"payload": json.dumps(payload)}))
    assert reply.status == 200 and "names no Slack workspace" in reply.body, \
        "a click naming no workspace at all is refused too (tests/slack/test_slack_no_workspace.py)"
    payload["user"] = {"id": "U0ELSEWHERE", "team_id": "T00000001"}
    assert post_signed(events_url(runtime), urlencode({"payload": json.dumps(payload)})).status \
        == 200
    wait_for(lambda: fake_slack.responses())
    assert len(fake_slack.responses()) == 1, "one whose user names this workspace is served"


DESK = "<!subteam^S0NIGHTDESK|@night-desk>"


def test_only_an_admin_sets_a_user_group_to_notify(runtime, fake_slack, fresh_db):
    """A user group may be one the workspace lets only admins mention: a member may have a
    channel's alerts (or its quotes) ping themselves or named people, not a group; one an admin
    set keeps pinging, and a member's later change that keeps it stands."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Ferries", query="ferry")
    for text in (f"Ferries notify {DESK}", f'quotes person:"Vera Quill" notify {DESK}'):
        said = run_command(runtime, fake_slack, "/subscribe", text, user=MEMBER,
                           channel="C0LOBBY")["text"]
        assert said.startswith("Only wirewatch admins") and "user group" in said, said
    assert fresh_db["subscriptions"].count == 0
    assert fresh_db["quote_subscriptions"].count == 0
    said = run_command(runtime, fake_slack, "/subscribe", f"Ferries notify <@{MEMBER}>",
                       user=MEMBER, channel="C0LOBBY")["text"]
    assert f"notifies <@{MEMBER}>" in said, said
    said = run_command(runtime, fake_slack, "/subscribe", f"Ferries notify {DESK}",
                       user=REPORTER, channel="C0LOBBY")["text"]
    assert "notifies <!subteam^S0NIGHTDESK>" in said, said
    said = run_command(runtime, fake_slack, "/subscribe", f"Ferries notify {DESK} <@{MEMBER}>",
                       user=MEMBER, channel="C0LOBBY")["text"]
    assert f"notifies <!subteam^S0NIGHTDESK>, <@{MEMBER}>" in said, said
    [sub] = subscriptions_of(fresh_db, ["C0LOBBY"])
    assert sub.notify == ("S0NIGHTDESK", MEMBER)


def test_app_home_no_longer_lists_a_mute_in_a_private_channel_one_left(runtime, fake_slack,
                                                                      fresh_db):
    """A story muted in a private desk is listed under "Your mutes" while its muter is in the
    desk; once they are out, the desk (and the story it followed) is no longer theirs to see.
    A mute in a public channel stays."""
    desk = fake_slack.add_channel(PRIVATE, private=True)
    desk.members.update({EDITOR, MEMBER})
    secret = add_story(fresh_db, article_id=add_article(fresh_db, title="Harbour sold"),
                       title="Harbour sold")
    public = add_story(fresh_db, article_id=add_article(fresh_db, title="Ferry late again"),
                       title="Ferry late again")
    for story, channel in ((secret, PRIVATE), (public, "C0PUBLIC")):
        before = len(fake_slack.responses())
        post_signed(events_url(runtime), action_body(MUTE, str(story), user=EDITOR,
                                                     channel=channel,
                                                     response_url=fake_slack.response_url()))
        wait_for(lambda n=before: fake_slack.responses()[n:])
    wait_for(lambda: all(title in json.dumps(fake_slack.views.get(EDITOR, {}))
                         for title in ("Harbour sold", "Ferry late again")))
    desk.members.discard(EDITOR)
    home = home_after(runtime, fake_slack, EDITOR, "1700000000.000300",
                      settled=lambda view: "Harbour sold" not in view)
    assert "Ferry late again" in home and "<#C0PUBLIC>" in home
    assert PRIVATE not in home, home


LOUNGE, NEWSROOM, FEED = "C0LOUNGE", "C0NEWSROOM", "http://10.1.2.3/internal-wire.xml"


@pytest.mark.parametrize("single", [False, True])
def test_a_guest_reads_only_what_the_channels_they_are_in_follow(runtime, fake_slack, fresh_db,
                                                                 single):
    """A guest (single-channel or not) in a channel that follows one topic: they see that
    topic, its stories and the story alerted there; never another topic, its query or its
    stories, nor the sources list (feed addresses are internal configuration). A member reads
    everything, as before."""
    fake_slack.add_user(GUEST, guest=not single, single_channel_guest=single)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    fake_slack.add_channel(NEWSROOM).members.add(MEMBER)
    with transaction(fresh_db):
        ferries = add_topic(fresh_db, name="Ferries", query="ferry OR ferries")
        secret = add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
        add_source(fresh_db, kind="feed", location=FEED, allow_private=True)
    for channel, topic in ((LOUNGE, "Ferries"), (NEWSROOM, "Harbour takeover")):
        run_command(runtime, fake_slack, "/subscribe", topic, channel=channel)
    theirs = add_story(fresh_db, article_id=add_article(fresh_db, title="Ferry late again"),
                       title="Ferry late again", topic_ids=(ferries,))
    hidden = add_story(fresh_db, article_id=add_article(fresh_db, title="Harbour sold"),
                       title="Harbour sold", topic_ids=(secret,))
    alerted = add_story(fresh_db, article_id=add_article(fresh_db, title="Quay closed"),
                        title="Quay closed")
    with transaction(fresh_db):
        fresh_db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                         "attempts, created_at) VALUES (?, 3, ?, 'new', 'sent', 1, ?)",
                         [alerted, LOUNGE, WHEN])

    def ask(command: str, text: str, user: str = GUEST) -> str:
        return json.dumps(run_command(runtime, fake_slack, command, text, user=user,
                                      channel=LOUNGE))

    listed = ask("/topics", "")
    assert "Ferries" in listed and "Harbour" not in listed, listed
    shown = ask("/topics", 'show "Harbour takeover"')
    assert "No topic named" in shown and "takeover`" not in shown, shown
    assert "Ferry late again" in ask("/topics", "show Ferries")
    for story in (theirs, alerted):
        assert "No story" not in ask("/story", str(story))
    assert "No story" in ask("/story", str(hidden))
    assert "No story title" in ask("/story", "Harbour")
    assert "Quay closed" in ask("/story", "Quay")
    sources = ask("/wirewatch", "sources")
    assert "Only members" in sources and "10.1.2.3" not in sources, sources
    status = ask("/wirewatch", "status")
    assert "Sources: 1" in status and "10.1.2.3" not in status, status
    home = app_home(runtime, fake_slack, GUEST, event_ts="1700000000.000400")
    assert "Ferries" in home and "Harbour" not in home, home
    everything = ask("/topics", "", user=MEMBER) + ask("/story", str(hidden), user=MEMBER) + \
        ask("/wirewatch", "sources", user=MEMBER)
    assert all(s in everything for s in ("Ferries", "Harbour takeover", "Harbour sold",
                                         "10.1.2.3")), everything


def test_a_guest_reads_through_a_story_button_only_what_their_channels_follow(
        runtime, fake_slack, fresh_db):
    """**Timeline** and **Show quotes** under an alert forwarded into the guest's channel (or a
    signed click naming another story) answer as if a story their channels do not follow did
    not exist; one users.conversations call a click, for guests only."""
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_channel(LOUNGE).members.add(GUEST)
    fake_slack.add_channel(NEWSROOM).members.add(MEMBER)
    with transaction(fresh_db):
        ferries = add_topic(fresh_db, name="Ferries", query="ferry OR ferries")
        secret = add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
    for channel, topic in ((LOUNGE, "Ferries"), (NEWSROOM, "Harbour takeover")):
        run_command(runtime, fake_slack, "/subscribe", topic, channel=channel)
    said = add_article(fresh_db, title="Ferry late again",
                       quotes=(("The timetable slipped twice", "Ola Fenn"),))
    theirs = add_story(fresh_db, article_id=said, title="Ferry late again", topic_ids=(ferries,))
    said = add_article(fresh_db, title="Harbour sold",
                       quotes=(("The bid closes on Friday", "Ida Marsh"),))
    hidden = add_story(fresh_db, article_id=said, title="Harbour sold", topic_ids=(secret,))

    def click(button: str, story: int, user: str = GUEST) -> str:
        seen = len(fake_slack.responses())
        body = action_body(button, str(story), channel=LOUNGE, user=user,
                           response_url=fake_slack.response_url(f"{button}{story}{user}"))
        assert post_signed(events_url(runtime), body).status == 200
        return json.dumps(wait_for(lambda: fake_slack.responses()[seen:])[0])

    def asked() -> list[str]:
        return [c.params.get("user") for c in fake_slack.calls_to("users.conversations")
                if c.params.get("types") == "public_channel,private_channel"]

    timeline, quotes = click(TIMELINE, hidden), click(QUOTES, hidden)
    assert "no longer stored" in timeline and "Harbour sold" not in timeline, timeline
    assert "No quotes found" in quotes and "Ida Marsh" not in quotes, quotes
    assert "Ferry late again" in click(TIMELINE, theirs)
    assert "Ola Fenn" in click(QUOTES, theirs)
    assert asked() == [GUEST] * 4, asked()
    member = click(TIMELINE, hidden, user=MEMBER) + click(QUOTES, hidden, user=MEMBER)
    assert "Harbour sold" in member and "Ida Marsh" in member, member
    assert asked() == [GUEST] * 4, "members read everything, Slack not asked"
