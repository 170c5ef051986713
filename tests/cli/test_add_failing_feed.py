"""`sources add` of a feed that does not work now says what will happen to it, not that its
first poll stores what it carries as if all were well: the real `wirewatch` command in a
subprocess, a real feed server on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.cli.test_first_hour import add_feed, feeds  # noqa: F401 (the fixture)
from tests.sources.feedserver import Route

AS_IF_WELL = "its first poll stores the entries already in the feed"


@pytest.mark.parametrize("path", ["/dsk.xml", "/broken.xml", "/empty.xml"])
def test_a_failing_feed_is_told_what_its_first_working_poll_does(tmp_path, feeds,  # noqa: F811
                                                                  path):
    """Before: 'its first poll stores the entries already in the feed as background', under
    a WARNING that the feed does not work; a feed answering 200 with an empty body was a
    traceback out of feedparser, exit 1."""
    feeds.routes["/empty.xml"] = Route(b"")
    added = add_feed(tmp_path, feeds.url(path))
    assert added.returncode == 0 and "Traceback" not in added.stderr, added.stderr
    assert added.stderr.startswith("WARNING: this feed does not work now: ")
    assert AS_IF_WELL not in added.stdout
    assert "nothing is stored from it until it works; the first poll that works stores the " \
        "entries the feed carries then as background, without alerts" in added.stdout


def test_a_working_feed_is_told_its_first_poll_stores_what_it_carries(tmp_path,
                                                                      feeds):  # noqa: F811
    added = add_feed(tmp_path, feeds.url("/desk.xml"))
    assert added.returncode == 0, added.stderr
    assert AS_IF_WELL in added.stdout and "until it works" not in added.stdout
