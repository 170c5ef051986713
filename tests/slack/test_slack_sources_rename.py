"""/wirewatch sources rename ID|URL NEW NAME over signed HTTP: an admin renames a feed and is told
what `source:` matches now; a member is refused as for `sources add`; a name another feed has,
or none, is refused and changes nothing."""

from __future__ import annotations

from storage.db import transaction
from storage.sources import add_source, list_sources
from tests.slack.conftest import run_command

MEMBER = "U0MEMBER"


def test_an_admin_renames_a_feed_and_is_told_what_source_matches(runtime, fake_slack, fresh_db):
    """Before: `/wirewatch sources rename` answered with the usage, renaming nothing."""
    with transaction(fresh_db):
        add_source(fresh_db, kind="feed", location="https://a.example/rss", name="Coast Desk")
        add_source(fresh_db, kind="feed", location="https://b.example/rss", name="Gulf Post")
    renamed = run_command(runtime, fake_slack, "/wirewatch",
                          "sources rename <https://a.example/rss> “Harbour &amp; Sound”")["text"]
    assert renamed == ('Renamed feed #1 https://a.example/rss: from its next poll on, `source:` '
                       'matches it as "Harbour &amp; Sound"; its articles stored before keep '
                       '"Coast Desk" (source:"Coast Desk" matches those, not its new ones).'), \
        renamed
    member = run_command(runtime, fake_slack, "/wirewatch", "sources rename 2 Mine",
                         user=MEMBER)["text"]
    taken = run_command(runtime, fake_slack, "/wirewatch", "sources rename 2 harbour & sound")
    bare = run_command(runtime, fake_slack, "/wirewatch", "sources rename 2")["text"]
    assert member.startswith("Only wirewatch admins") and ("can add, rename or remove sources. "
                                                           "Nothing was changed.") in member, member
    assert taken["text"].startswith('feed #1 is named "Harbour &amp; Sound" already'), taken
    assert bare.startswith("Usage:") and "sources rename ID|URL NEW NAME" in bare, bare
    assert [row.name for row in list_sources(fresh_db)] == ["Harbour & Sound", "Gulf Post"]


def test_add_refuses_a_name_another_feed_has_before_fetching(runtime, fake_slack, fresh_db):
    """Before: `/wirewatch sources add URL --name` took a name another feed had (rename refuses
    it) and added the feed; refused now, before the feed is fetched."""
    with transaction(fresh_db):
        add_source(fresh_db, kind="feed", location="https://a.example/rss", name="Coast Desk")
    taken = run_command(runtime, fake_slack, "/wirewatch",
                        "sources add https://b.example/rss --name “coast desk”")["text"]
    assert taken.startswith('feed #1 is named "Coast Desk" already: `source:` could not tell '
                            "the two apart; choose another name"), taken
    assert [row.location for row in list_sources(fresh_db)] == ["https://a.example/rss"]
