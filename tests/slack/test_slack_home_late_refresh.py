"""App Home read after an event is the view that event published, even when a refresh an
earlier command began lands after the event: Bolt serves each on its own thread, and under
load the earlier one's publish can be the first to arrive. The real Bolt app over HTTP, the
fake Slack (its views.publish slowed), a real SQLite file."""

from __future__ import annotations

import json

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.conftest import home_after, run_command, wait_for

EDITOR, PRIVATE = "U0EDITOR", "G0MERGERS"


def test_a_late_refresh_begun_before_the_event_is_not_read_as_its_view(runtime, fake_slack,
                                                                       fresh_db):
    """The editor's `/subscribe` in a public channel makes their App Home while they are in a
    private desk; its publish is slow. They leave the desk and open App Home: what that event
    publishes, the latest view, no longer lists the desk. Before: the helper took the first
    publish after the event, the late refresh (the race seen at load 18)."""
    desk = fake_slack.add_channel(PRIVATE, private=True)
    desk.members.add(EDITOR)
    with transaction(fresh_db):
        add_topic(fresh_db, name="Harbour takeover", query="harbour AND takeover")
        add_topic(fresh_db, name="Ferries", query="ferry")
    run_command(runtime, fake_slack, "/subscribe", "Harbour takeover", user=EDITOR,
                channel=PRIVATE)
    wait_for(lambda: PRIVATE in json.dumps(fake_slack.views.get(EDITOR, {})))
    fake_slack.slow_down(1.0, methods={"views.publish"}, late=True)
    begun = fake_slack.begun.count("views.publish")
    run_command(runtime, fake_slack, "/subscribe", "Ferries", user=EDITOR, channel="C0PUBLIC")
    wait_for(lambda: fake_slack.begun.count("views.publish") > begun)  # made, on its way
    desk.members.discard(EDITOR)
    home = home_after(runtime, fake_slack, EDITOR, "1700000000.000500",
                      settled=lambda view: PRIVATE not in view)
    assert "<#C0PUBLIC>" in home, home
    assert PRIVATE not in home and "*Harbour takeover* (" not in home, home
