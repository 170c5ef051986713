"""Every article page of a feed sits behind the same wall (a cookie-consent page the site
redirects servers to, a sign-in page, a "not found" page answered 200): each entry is stored
from its own teaser, not as the wall, and none is dropped as a copy of another (real feed
server, the worker with spaCy, real SQLite). Invented copy."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.ingest.feeds import poll_feed
from bot.ingest.fetch import Fetcher
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import results
from storage.sources import add_source, source_row
from tests.sources.feedserver import LOOPBACK, Item, Route, at, page, rss
from tests.sources.stories import ALL

CRANES = ("Brisport signs contract for two electric harbour cranes",
          "The Brisport harbour board signed a contract on Monday for two electric cranes to "
          "replace its diesel ones on the container quay by next spring.\n\n"
          "\"The new cranes halve our noise at night and cut the quay's fuel bill,\" said "
          "harbour master Ines Valdt.\n\n"
          "The cranes will be built abroad and shipped in parts, the board said, and crews "
          "will train on a simulator before the first one is assembled.")

CONSENT = page("Before you continue", "\n\n".join([
    "We use cookies and similar data to run and protect our services, to count visits and "
    "to understand how the site is used, so that we can improve it over time.",
    "If you accept all, we will also use them to develop new services, to show and measure "
    "advertising, and to tailor what you see to the settings you choose here.",
    "If you reject all, we will not use them for these further purposes. What you see is "
    "then shaped only by the page you are on and your general location.",
    "Choose more options to read about each purpose and to manage your privacy settings. "
    "You can change your mind at any time on our privacy page."]))
NOT_FOUND = page("Page not found", "\n\n".join([
    "Sorry, we could not find the page you asked for. It may have been moved, renamed or "
    "taken down, or the address may have been typed wrongly.",
    "Try the search box at the top of this page, or go back to our front page to browse "
    "the latest sections, columns and podcasts from our newsroom.",
    "If you followed a link from another site, please let its owner know that it is out of "
    "date, and thank you for reading us."]))


def teaser(story: tuple[str, str]) -> str:
    return story[1].split("\n\n")[0][:180] + "…"


@pytest.mark.parametrize("wall", [CONSENT, NOT_FOUND], ids=["consent", "not found"])
def test_entries_behind_one_wall_are_each_stored_from_their_teaser(
        server, db_path, fresh_db, settings, nlp, caplog, wall):
    server.routes["/wall"] = Route(wall, content_type="text/html; charset=utf-8")
    items = []
    for n, story in enumerate(ALL):
        server.routes[f"/news/{n}"] = Route(b"", status=302, content_type="text/html",
                                            headers={"Location": server.url("/wall")})
        items.append(Item(f"g{n}", story[0], teaser(story), link=server.url(f"/news/{n}"),
                          published=at(n), full=False))
    server.routes["/news/real"] = Route(page(*CRANES), content_type="text/html")
    items.append(Item("real", CRANES[0], teaser(CRANES), link=server.url("/news/real"),
                      published=at(9), full=False))
    server.routes["/feed"] = Route(rss(items))
    with transaction(fresh_db):
        source = add_source(fresh_db, kind="feed", location=server.url("/feed"), every=60,
                            alert_existing=True)
    polled = poll_feed(fresh_db, source_row(fresh_db, source), now=datetime.now(UTC),
                       fetcher=Fetcher(policy=LOOPBACK))
    assert polled.queued == len(ALL) + 1
    IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain()
    outcomes = results(fresh_db, list(range(1, len(ALL) + 2)))
    statuses = [outcomes[i].status for i in sorted(outcomes)]
    assert statuses == ["stored"] * (len(ALL) + 1), [o.reason for o in outcomes.values()]
    stored = dict(fresh_db.execute("SELECT title, body FROM articles ORDER BY id").fetchall())
    for story in ALL:
        assert stored[story[0]] == teaser(story)
    assert caplog.text.count("does not read as the entry's article") == len(ALL)
    assert "simulator" in stored[CRANES[0]], "the real page of the last entry is read as before"
