"""A feed its first poll named by its host, its title being another feed's name, is said in
`/wirewatch status` and `/wirewatch sources` (it was only logged), once a feed, with the rename
that chooses its name; over signed HTTP against the fake Slack."""

from __future__ import annotations

from storage.db import transaction
from storage.sources import add_source, pin_name
from tests.slack.conftest import run_command


def test_a_feed_named_by_its_host_is_said_in_status_and_sources(runtime, fake_slack, fresh_db):
    with transaction(fresh_db):
        add_source(fresh_db, kind="feed", location="https://a.example/rss", name="Coast Desk")
        second = add_source(fresh_db, kind="feed", location="https://b.example/rss")
        pin_name(fresh_db, second, "b.example",
                 instead='its title "Coast <!here> Desk" is feed #1\'s name')
    said = ('named "b.example" by its host: its title "Coast &lt;!here&gt; Desk" is feed #1\'s '
            "name, and `source:` could not tell the two apart; to choose its name (this one "
            f"too): `/wirewatch sources rename {second} NAME`")
    for asked in ("status", "sources"):
        shown = run_command(runtime, fake_slack, "/wirewatch", asked)["text"]
        assert shown.count(said) == 1, shown
