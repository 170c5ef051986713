"""Who may do what, over signed HTTP against the fake Slack: admins change, members follow,
guests read; another workspace is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.alerts.blocks import MUTE
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.sources import add_source, get_source, record_failure
from storage.subscriptions import subscriptions_of
from storage.topics import get_topic
from tests.fakes.signing import REPORTER, action_body, command_body, event_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for

DESK_GROUP = "S0DESK"
EDITOR, MEMBER, GUEST, OWNER, ADMIN, GONE = ("U0EDITOR", "U0MEMBER", "U0GUEST", "U0OWNER",
                                             "U0WSADMIN", "U0GONE")


@pytest.fixture
def runtime(slack_settings, fake_slack, fresh_db):
    fake_slack.add_usergroup(DESK_GROUP, [EDITOR, "U0OTHER"])
    fake_slack.add_user(GUEST, guest=True)
    fake_slack.add_user(OWNER, owner=True)
    fake_slack.add_user(ADMIN, admin=True)
    fake_slack.add_user(GONE, deleted=True)
    rt = SlackRuntime(replace(slack_settings, admins=(REPORTER, DESK_GROUP)))
    rt.start()
    yield rt
    rt.stop()


def test_a_member_cannot_add_or_remove_topics_or_sources(runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour", query="harbour")
        add_source(fresh_db, kind="feed", location="https://desk.example/rss")
    for command, text in (("/topics", "add Wildfire wildfire"), ("/topics", "remove Harbour"),
                          ("/topics", "edit Harbour ferry"),
                          ("/wirewatch", "sources add https://other.example/rss"),
                          ("/wirewatch", "sources remove 1")):
        answer = run_command(runtime, fake_slack, command, text, user=MEMBER)
        assert answer["response_type"] == "ephemeral"
        assert answer["text"].startswith("Only wirewatch admins") and "WIREWATCH_ADMINS" in \
            answer["text"], answer
    harbour = get_topic(fresh_db, "Harbour")
    assert harbour and harbour.query == "harbour" and get_topic(fresh_db, "Wildfire") is None
    assert get_source(fresh_db, 1) and get_source(fresh_db, "https://other.example/rss") is None
    listed = run_command(runtime, fake_slack, "/topics", "", user=MEMBER)
    assert "Harbour" in listed["text"]
    followed = run_command(runtime, fake_slack, "/subscribe", "Harbour", user=MEMBER,
                           channel="C0DESK")
    assert "This channel will now get *Harbour*" in followed["text"]


def test_a_member_refused_what_admins_do_is_told_how_to_become_one(runtime, fake_slack):
    """A newsroom's first `/topics add` (the form, or typed) and `/wirewatch sources add`, by a
    member: the refusal names their member ID, where it goes and where anyone's is found
    (before: only who may, so the newcomer did not know what to ask for)."""
    for command, text in (("/topics", "add"), ("/topics", "add Wildfire wildfire"),
                          ("/wirewatch", "sources add https://other.example/rss")):
        said = run_command(runtime, fake_slack, command, text, user=MEMBER)["text"]
        assert f"your member ID, {MEMBER}, to WIREWATCH_ADMINS and restart it" in said, said
        assert "Copy member ID" in said and "Nothing was changed." in said, said
    assert fake_slack.calls_to("views.open") == []
    told = run_command(runtime, fake_slack, "/topics", "add X x", user=GUEST)["text"]
    assert told.startswith("Only wirewatch admins") and "member ID" not in told, told


def test_help_tells_a_member_who_adds_topics_and_an_admin_to_add_one(runtime, fake_slack):
    """Before: "To start: `/topics add NAME QUERY`" to everyone, which a member is refused."""
    for text in ("help", "nonsense"):
        member = run_command(runtime, fake_slack, "/wirewatch", text, user=MEMBER)["text"]
        assert "To start, a wirewatch admin adds a topic (`/topics add NAME [QUERY]`)" in member
        assert f"your member ID, {MEMBER}, to WIREWATCH_ADMINS" in member, member
        admin = run_command(runtime, fake_slack, "/wirewatch", text, user=REPORTER)["text"]
        assert "To start: `/topics add NAME [QUERY]`, then `/subscribe NAME`" in admin, admin
        assert "member ID" not in admin, admin
    guest = run_command(runtime, fake_slack, "/wirewatch", "help", user=GUEST)["text"]
    assert "a wirewatch admin adds a topic" in guest and "member ID" not in guest, guest
    missing = run_command(runtime, fake_slack, "/subscribe", "Wildfire", user=MEMBER)["text"]
    assert "A wirewatch admin adds one with `/topics add NAME [QUERY]`" in missing, missing


@pytest.mark.parametrize("user", [REPORTER, EDITOR, OWNER, ADMIN])
def test_admins_by_id_group_and_workspace_role_may_change_topics(runtime, fake_slack, fresh_db,
                                                                 user):
    answer = run_command(runtime, fake_slack, "/topics", "add Wildfire wildfire OR bushfire", user=user)
    assert "Tracking *Wildfire*" in answer["text"]
    topic = get_topic(fresh_db, "Wildfire")
    assert topic is not None and topic.created_by == user


@pytest.mark.parametrize("user", [GUEST, GONE])
def test_guests_only_read(runtime, fake_slack, fresh_db, user):
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour", query="harbour")
    for command, text in (("/subscribe", "Harbour"), ("/unsubscribe", "Harbour"),
                          ("/topics", "add X x")):
        answer = run_command(runtime, fake_slack, command, text, user=user)
        assert answer["text"].startswith("Only "), answer
    assert subscriptions_of(fresh_db, ["C0NEWS", user]) == []
    assert "Harbour" in run_command(runtime, fake_slack, "/topics", "show Harbour",
                                    user=user)["text"]
    before = len(fake_slack.responses())
    body = action_body(MUTE, "1", response_url=fake_slack.response_url(), user=user)
    assert post_signed(events_url(runtime), body).status == 200
    muted = wait_for(lambda: fake_slack.responses()[before:])[0]
    assert muted["text"].startswith("Only members") and fresh_db.execute("SELECT count(*) FROM mutes").fetchone()[0] == 0


def test_status_shows_source_errors_to_admins_only(runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        feed = add_source(fresh_db, kind="feed", location="https://intranet.example/rss")
        record_failure(fresh_db, feed, reason="cannot connect to intranet.example "
                       "(Connection refused)", now=datetime.now(UTC))
    seen = run_command(runtime, fake_slack, "/wirewatch", "status", user=MEMBER)["text"]
    assert "failing (1 in a row)" in seen and "Connection refused" not in seen
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources", user=MEMBER)["text"]
    assert "intranet.example/rss" in listed and "Connection refused" not in listed
    admin = run_command(runtime, fake_slack, "/wirewatch", "status", user=REPORTER)["text"]
    assert "Connection refused" in admin


def test_roles_are_cached_briefly(runtime, fake_slack):
    for _ in range(3):
        run_command(runtime, fake_slack, "/topics", "add X x", user=MEMBER)
    assert len([c for c in fake_slack.calls_to("users.info")
                if c.params.get("user") == MEMBER]) == 1


def test_another_workspace_is_refused(runtime, fake_slack, fresh_db):
    body = command_body("/topics", "add Wildfire wildfire", response_url=fake_slack.response_url(),
                        team="T0ELSEWHERE")
    reply = post_signed(events_url(runtime), body)
    assert reply.status == 200 and "another Slack workspace" in reply.body
    assert get_topic(fresh_db, "Wildfire") is None and fake_slack.responses() == []


def test_a_role_changed_in_slack_counts_at_once(runtime, fake_slack, fresh_db):
    """A workspace admin demoted, and an editor taken out of the admin user group: Slack's
    signed ``user_change`` and ``subteam_members_changed`` events end their cached role, so
    their next command is refused, not up to a minute later."""
    for user in (ADMIN, EDITOR):
        said = run_command(runtime, fake_slack, "/topics", f"remove Nothing{user}", user=user)
        assert "Only" not in said["text"], said
    fake_slack.add_user(ADMIN)
    fake_slack.add_usergroup(DESK_GROUP, ["U0OTHER"])
    changes: list[dict] = [{"type": "user_change", "user": {"id": ADMIN, "is_admin": False}},
                           {"type": "subteam_members_changed", "subteam_id": DESK_GROUP,
                            "added_users": [], "removed_users": [EDITOR]}]
    for n, event in enumerate(changes):
        reply = post_signed(events_url(runtime), event_body(
            {**event, "event_ts": f"170000000{n}.000100"}), content_type="application/json")
        assert reply.status == 200
    for user in (ADMIN, EDITOR):
        wait_for(lambda user=user: run_command(runtime, fake_slack, "/topics", "remove Nothing",
                                               user=user)["text"].startswith("Only wirewatch"))
    added = run_command(runtime, fake_slack, "/topics", "add Wildfire", user=ADMIN)["text"]
    assert added.startswith("Only wirewatch admins") and get_topic(fresh_db, "Wildfire") is None
