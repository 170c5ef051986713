"""`wirewatch sources rename FEED NAME`: what the feed reads from then on matches ``source:`` by
the new name; its articles stored before keep the name they came with. A real HTTP server on
127.0.0.2 serving the feed, the real CLI and worker pipeline (the real spaCy model), real
SQLite."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import FeedServer, Item, Route, at, rss
from tests.sources.stories import FERRY, LIBRARY
from tests.sources.test_feed_source_names import _poll, _tied


def test_a_renamed_feed_is_matched_by_its_new_name_from_its_next_poll(db_path, fresh_db,
                                                                      settings, nlp):
    """Before: no command renamed a feed (`sources rename` was no command); then its answer
    did not name the topics whose `source:` matched the old name alone."""
    with transaction(fresh_db):
        old = add_topic(fresh_db, name="Old", query='(ferry OR library) AND source:"Coast Desk"')
        new = add_topic(fresh_db, name="New", query='(ferry OR library) AND source:"Gulf Post"')
        add_topic(fresh_db, name="Shut out", query="ferry AND NOT source:coast*")
        add_topic(fresh_db, name="Either", query='ferry AND (source:coast OR source:gulf)')
    with FeedServer(host="127.0.0.2") as feed:
        feed.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1))]))
        with transaction(fresh_db):
            source_id = add_source(fresh_db, kind="feed", location=feed.url("/feed"),
                                   name="Coast Desk", alert_existing=True)
        _poll(fresh_db, settings, nlp, feed, source_id)
        renamed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "rename",
                                           str(source_id), "Gulf", "Post"])
        assert renamed.exit_code == 0, renamed.output
        feed.routes["/feed"] = Route(rss([Item("1", *FERRY, published=at(1)),
                                          Item("2", *LIBRARY, published=at(2))]))
        _poll(fresh_db, settings, nlp, feed, source_id)
    assert renamed.output.splitlines() == [
        f"renamed feed #{source_id}: {feed.url('/feed')}",
        'from its next poll on, source: matches it as "Gulf Post"; its articles stored before '
        'keep "Coast Desk" (source:"Coast Desk" matches those, not its new ones); topics whose '
        'source: matched "Coast Desk" and not the new name: Old (source:"Coast Desk"), '
        'Shut out (source:coast*)']
    assert source_row(fresh_db, source_id).name == "Gulf Post"
    assert _tied(fresh_db, old) == ["Coast Desk"] and _tied(fresh_db, new) == ["Gulf Post"]
