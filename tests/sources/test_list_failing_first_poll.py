"""`wirewatch sources list` says of a feed failing before its first poll worked only what is
true of it: no promise of what 'first poll' will store beside its last error. Real SQLite,
the real command."""

from __future__ import annotations

from datetime import UTC, datetime

from click.testing import CliRunner

from bot.cli import cli
from storage.db import open_db, transaction
from storage.sources import add_source, record_check, record_failure

PROMISE = "first poll will store the entries already in the feed as background"
TRUE_OF_IT = ("its first poll that works will store the entries the feed carries then as "
              "background, no alerts")


def test_a_failing_feed_is_not_listed_with_the_first_poll_promise(db_path):
    """Before: 'first poll will store the entries already in the feed as background, no
    alerts' under 'failing (1 in a row)' and its last error."""
    db = open_db(db_path)
    with transaction(db):
        polled = add_source(db, kind="feed", location="https://wire.example/down.xml", every=60)
        record_failure(db, polled, reason="the server answered 503 Service Unavailable",
                       now=datetime.now(UTC))
        checked = add_source(db, kind="feed", location="https://wire.example/gone.xml", every=60)
        record_check(db, checked, problem="the server answered 404 Not Found")
        add_source(db, kind="feed", location="https://wire.example/new.xml", every=60)
    db.close()
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"])
    assert listed.exit_code == 0, listed.output
    blocks = listed.output.split("\n#")
    assert len(blocks) == 3, listed.output
    for failing in blocks[:2]:
        assert PROMISE not in failing and TRUE_OF_IT in failing, listed.output
    assert PROMISE in blocks[2] and TRUE_OF_IT not in blocks[2], listed.output
