"""A feed that answers every poll but has brought nothing new far longer than its own usual gap
is told once, where a failing feed is told, and once again when it brings entries; a weekly
feed is not silent after two days, a new feed without history is never judged, and a restart
tells nothing twice (a real feed server on 127.0.0.1, a real SQLite file, polls at given
times)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.ingest.feeds import poll_feed
from bot.models import SourceChange
from bot.source_notices import notice_text, queue_notices
from storage.db import open_db, transaction
from storage.sources import add_source, source_row
from tests.sources.feedserver import Item, Route, loopback_fetcher, rss

START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
ADMINS = "C0ADMIN"
PLACES = ("Lodmark", "Northhaven", "Easterby", "Wynford", "Callow", "Brindle", "Ashcombe",
          "Penmore", "Dunstow", "Harlow", "Kestrel", "Mossley", "Oakridge", "Ravensby")


def entry(n: int, when: datetime) -> Item:
    """A whole article of our own: a council notice about a different place each time."""
    place = f"{PLACES[n % len(PLACES)]} ward {n}"
    text = "\n\n".join(
        f"Residents of {place} were told on {when:%A} that the council will review item {n} "
        f"of its works plan, covering drainage paragraph {k}, the bus shelters by the green "
        "and the lighting on the lane behind the school, after a meeting that ran late."
        for k in range(6))
    return Item(guid=f"urn:notice:{n}", title=f"Council reviews works plan for {place}",
                text=text, published=when)


class Desk:
    """One feed on the server, polled at the times a test gives."""

    def __init__(self, server, db_path, fresh_db) -> None:
        self.server, self.db_path, self.db = server, db_path, fresh_db
        self.items: list[Item] = []
        self.fetcher = loopback_fetcher(max_bytes=400_000)
        self.serve()
        with transaction(fresh_db):
            self.id = add_source(fresh_db, kind="feed", location=server.url("/notices"),
                                 every=3600)

    def serve(self) -> None:
        self.server.routes["/notices"] = Route(rss(self.items[-20:][::-1]),
                                               etag=f'"v{len(self.items)}"')

    def publish(self, when: datetime) -> None:
        self.items.append(entry(len(self.items), when))
        self.serve()

    def poll(self, when: datetime) -> None:
        result = poll_feed(self.db, source_row(self.db, self.id), fetcher=self.fetcher, now=when)
        assert result.error is None, result.error

    def restart(self) -> None:
        self.db.close()
        self.db = open_db(self.db_path)

    def changes(self, kind: str) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT at FROM source_changes WHERE change = ? ORDER BY id", [kind])]


@pytest.fixture
def desk(server, db_path, fresh_db):
    made = Desk(server, db_path, fresh_db)
    yield made
    made.db.close()


def hours(start: datetime, count: int, step: int = 1):
    return [start + timedelta(hours=step * n) for n in range(count)]


def test_a_feed_that_went_quiet_is_told_once_and_once_again_when_it_comes_back(desk):
    """Eight days of an entry every three hours by day (none at night: 12 h), polled hourly;
    then the same entries, 304 or the same bytes, for three days. Before: nothing noted; the
    silence was said only when asked (`sources list`, status, App Home)."""
    for moment in hours(START, 8 * 24):
        if 8 <= moment.hour <= 20 and moment.hour % 3 == 2:
            desk.publish(moment)
        desk.poll(moment)
    last = desk.items[-1].published
    assert desk.changes("quiet") == []
    silent = hours(START + timedelta(days=8), 3 * 24)
    for moment in silent[:36]:
        desk.poll(moment)
    desk.restart()  # a restart in the silence tells nothing twice
    for moment in silent[36:]:
        desk.poll(moment)
    told = desk.changes("quiet")
    assert len(told) == 1, told
    quiet_at = datetime.fromisoformat(told[0])
    assert timedelta(hours=24) <= quiet_at - last <= timedelta(hours=25), (quiet_at, last)
    assert queue_notices(desk.db, admin_channel=ADMINS) == 1
    text = notice_text(_last(desk.db))
    assert text.startswith(f"🔇 The feed #{desk.id} {desk.server.url('/notices')} has brought "
                           "no new entry since"), text
    assert "its longest wait between new entries in the 60 days before was 12 hours" in text
    assert "`/wirewatch sources remove 1`" in text

    back = START + timedelta(days=11, hours=3)
    desk.publish(back)
    desk.poll(back)
    desk.restart()
    desk.publish(back + timedelta(hours=2))
    for moment in hours(back + timedelta(hours=1), 5):
        desk.poll(moment)
    assert desk.changes("resumed") == [back.isoformat()]
    assert len(desk.changes("quiet")) == 1
    assert queue_notices(desk.db, admin_channel=ADMINS) == 1
    assert notice_text(_last(desk.db)).startswith(
        f"✅ The feed #{desk.id} {desk.server.url('/notices')} brings new entries again")
    assert source_row(desk.db, desk.id).quiet_at is None


def _last(db) -> SourceChange:
    return SourceChange(**next(iter(db.query(
        "SELECT * FROM source_changes ORDER BY id DESC LIMIT 1"))))


def weekly_backlog(desk: Desk) -> None:
    """A weekly feed's first poll carries its last three weeks' entries, dated a week apart."""
    for week in (3, 2, 1):
        desk.publish(START - timedelta(days=7 * week))


def test_a_weekly_feed_is_not_silent_after_two_days_but_is_after_three_weeks(desk):
    """Its usual gap is a week: two days, or ten, without an entry is its habit (from its
    first poll on, by its entries' own dates, then by when they came)."""
    weekly_backlog(desk)
    for week in range(4):
        desk.publish(START + timedelta(days=7 * week))
        for moment in hours(START + timedelta(days=7 * week), 7 * 4, step=6):
            desk.poll(moment)
    after = START + timedelta(days=21)
    for moment in hours(after + timedelta(days=2), 12 * 4, step=6):
        desk.poll(moment)
    assert desk.changes("quiet") == []
    for moment in hours(after + timedelta(days=14), 8, step=6):
        desk.poll(moment)
    told = desk.changes("quiet")
    assert len(told) == 1 and datetime.fromisoformat(told[0]) - after >= timedelta(days=14)
