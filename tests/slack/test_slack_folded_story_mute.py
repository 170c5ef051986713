"""A mute of a story folded since into an earlier one: the mute stays on the folded story
(carried, it would silence a story the channel follows), so it mutes nothing now; App Home's
list of mutes says so and names the story its reports come in, unmuted. Signed events over
real HTTP, the fake Slack's views.publish."""

from __future__ import annotations

import json

from storage import stories as store
from storage.alerts import mute_story
from storage.db import transaction
from tests.fakes.signing import REPORTER
from tests.slack.conftest import app_home
from tests.storage.test_story_fold import at, two_stories

EARLIER = "Ferry runs aground off Skerra"


def mute_lines(home: str) -> list[str]:
    return [b["text"]["text"] for b in json.loads(home)["blocks"]
            if b.get("block_id", "").startswith("mute_")]


def test_app_home_says_a_muted_story_was_joined_to_one_whose_reports_come_unmuted(
        runtime, fake_slack, fresh_db):
    earlier, later, _, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        mute_story(fresh_db, story_id=later, channel="C0DESK", user=REPORTER, at=at(9))
    [before] = mute_lines(app_home(runtime, fake_slack))
    assert "joined" not in before, before
    with transaction(fresh_db):
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    [line] = mute_lines(app_home(runtime, fake_slack, event_ts="1700000000.000200"))
    assert line.startswith("_Skerra ferry passengers brought ashore_ · muted in <#C0DESK>"), line
    assert f"joined to _{EARLIER}_ since: its reports come there, not muted" in line, line


def test_app_home_of_a_member_made_a_guest_since_names_no_story_holding_their_muted_one(
        runtime, fake_slack, fresh_db):
    """Their mute was made as a member; a guest reads what their channels follow only, and
    the story holding the reports may be outside it: the join is said, that story not named."""
    fake_slack.add_user("U0GUEST", guest=True)
    earlier, later, _, _ = two_stories(fresh_db)
    with transaction(fresh_db):
        mute_story(fresh_db, story_id=later, channel="C0DESK", user="U0GUEST", at=at(9))
        store.fold_story(fresh_db, later=later, into=earlier, by=99, now=at(10))
    home = app_home(runtime, fake_slack, user="U0GUEST")
    [line] = mute_lines(home)
    assert "joined to another story since: its reports come there, not muted" in line, line
    assert EARLIER not in home, home
