"""An article's link that Python cannot read as an address (``http://[`` opens an IPv6 host it
never closes), or that names no host, can never lose the article's alert or digest, nor link
to nowhere.

``/ingest``, a dropped ``.json`` file and a feed entry all keep a link as it came; the
messages built from it read it to decide whether it gets a button. Real SQLite, the real
sender and digests, the fake Slack refusing what Slack refuses.
"""

from __future__ import annotations

import pytest

from bot.stories.tracking import add_topic
from storage.db import transaction
from tests.slack.posted import posted_alert, posted_digest

UNREADABLE = ("http://[ferry.example/harbour", "https://[::1/x", "http://[v1.fe]:80/",
              "https://news.example:port/x")
NO_HOST = ("https://desk:secret@/story", "https://:443/story", "http://@/x")
SAILS = "Ferry sails again"


@pytest.fixture
def ferry(fresh_db) -> int:
    with transaction(fresh_db):
        return add_topic(fresh_db, name="Ferry", query="ferry")


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_unreadable_link_never_loses_an_alert(runtime, fake_slack, fresh_db, ferry, t0, url):
    """Reading the link raised ValueError out of the alert's blocks: the alert failed."""
    assert SAILS in posted_alert(runtime, fake_slack, fresh_db, ferry, t0, title=SAILS, url=url)


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_unreadable_link_never_loses_a_digest(fresh_db, fake_slack, ferry, url):
    """The digest of every story of the hour was lost for one article's link."""
    links = (url, "https://news.example/ok")
    blocks = posted_digest(fake_slack, fresh_db, ferry,
                           {f"Ferry story {n} sails again": link for n, link in enumerate(links)})
    assert all(f"Ferry story {n}" in blocks for n in range(2))


@pytest.mark.parametrize("url", NO_HOST)
def test_a_link_without_a_host_gets_no_button(runtime, fake_slack, fresh_db, ferry, t0, url):
    """Its credentials taken out, the link opened nothing (`https:///story`): a button and a
    linked title to nowhere, which Slack may refuse as no URL."""
    blocks = posted_alert(runtime, fake_slack, fresh_db, ferry, t0, title=SAILS, url=url)
    assert SAILS in blocks
    assert "Open article" not in blocks and ":///" not in blocks
