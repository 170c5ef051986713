"""A feed's first poll is background (stored, no alerts); old news arriving late does not alert."""

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from click.testing import CliRunner
from slack_sdk import WebClient

from bot.alerts.digest import send_due_digests
from bot.alerts.eligibility import BACKGROUND
from bot.cli import cli
from bot.ingest.feeds import poll_feed
from bot.permissions import Role
from bot.slack.services import Services
from bot.stories.tracking import add_topic
from bot.worker import IngestWorker
from handlers.commands.sources import sources_text
from storage.db import ThreadLocalDb, transaction
from storage.sources import add_source, source_row
from storage.subscriptions import subscribe
from tests.fakes.slack_api import VALID_TOKEN, FakeSlack
from tests.sources.feedserver import Item, Route, at, loopback_fetcher, rss
from tests.sources.stories import BRIDGE, FERRY, LIBRARY, ORCHARD

FERRY_UPDATE = (
    "Tarnby ferry strike ends as operator drops new rotas",
    FERRY[1] + "\n\nOn Thursday evening Tarnby Sound Lines withdrew the new rotas after six hours "
    "of talks with the union, and the first ferry is due to sail at six on Friday morning.\n\n"
    "\"Common sense has won,\" said Maren Solberg, who said crews would be paid for the days "
    "they were on strike.")


@pytest.fixture
def dbs(db_path):
    return ThreadLocalDb(db_path)


@pytest.fixture
def desk(dbs):
    """A topic followed live in one channel and hourly in another."""
    db = dbs.get()
    an_hour_ago = (datetime.now(UTC) - timedelta(hours=1)).isoformat(timespec="seconds")
    with transaction(db):
        topic = add_topic(db, name="Desk", query="ferry OR library OR frost OR bridge")
        for channel, mode in (("C0LIVE", "realtime"), ("C0HOUR", "hourly")):
            subscribe(db, topic_id=topic, target_type="channel", target_id=channel, mode=mode,
                      created_by="U1", at=an_hour_ago)
    return db


@pytest.fixture
def worker(dbs, settings, nlp):
    return IngestWorker(dbs, settings, nlp=nlp)


def add_feed(db, url, **kw):
    with transaction(db):
        return add_source(db, kind="feed", location=url, every=60, **kw)


def poll(db, source_id, *, now=None, stopping=None):
    return poll_feed(db, source_row(db, source_id), fetcher=loopback_fetcher(max_bytes=200_000),
                     now=now or datetime.now(UTC), stopping=stopping)


def item(n, story, minutes, **kw):
    return Item(guid=f"urn:gazette:{n}", title=story[0], text=story[1], published=at(minutes),
                **kw)


def alerted(db):
    """Headlines with a queued realtime alert, in order."""
    return [r[0] for r in db.execute(
        "SELECT articles.title FROM alerts JOIN articles ON articles.id = alerts.article_id "
        "ORDER BY alerts.id")]


def holds(db):
    return {r[0]: r[1] for r in db.execute(
        "SELECT articles.title, alert_holds.reason FROM alert_holds "
        "JOIN articles ON articles.id = alert_holds.article_id")}


def test_an_empty_feed_first_poll_says_so_and_its_first_entry_alerts(server, desk, worker,
                                                                     caplog):
    server.routes["/feed"] = Route(rss([]))
    source = add_feed(desk, server.url("/feed"))
    with caplog.at_level(logging.INFO, logger="bot.ingest.feeds"):
        poll(desk, source)
    notes = [r.getMessage() for r in caplog.records if "first poll" in r.getMessage()]
    assert notes == [f"feed #{source} {server.url('/feed')}: first poll, the feed has no entries "
                     "yet; alerts start with its first entry"]
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]))
    assert (poll(desk, source).queued, desk["inbox"].count) == (1, 1)
    assert worker.drain() == 1
    assert holds(desk) == {}


def test_first_poll_is_background_then_new_entries_alert(server, desk, worker, caplog):
    server.routes["/feed"] = Route(rss([item(3, ORCHARD, 30), item(2, LIBRARY, 20),
                                        item(1, FERRY, 10)]))
    source = add_feed(desk, server.url("/feed"))
    with caplog.at_level(logging.INFO, logger="bot.ingest.feeds"):
        first = poll(desk, source)
    assert (first.queued, first.background) == (3, True)
    assert [r["background"] for r in desk["inbox"].rows] == [1, 1, 1]
    assert worker.drain() == 3
    assert desk["articles"].count == 3 and desk["story_articles"].count == 3
    assert alerted(desk) == []
    assert holds(desk) == {FERRY[0]: BACKGROUND, LIBRARY[0]: BACKGROUND, ORCHARD[0]: BACKGROUND}
    assert {r["reason"] for r in desk["inbox"].rows} == {BACKGROUND}
    notes = [r.getMessage() for r in caplog.records if "first poll" in r.getMessage()]
    assert notes == [f"feed #{source} {server.url('/feed')}: first poll, 3 existing entries "
                     "stored as background (no alerts); alerts start with the next new entry"]
    stored = source_row(desk, source)
    assert stored.backlog_entries == 3 and stored.backlog_done_at

    server.routes["/feed"] = Route(rss([item(4, BRIDGE, 40), item(3, ORCHARD, 30),
                                        item(2, LIBRARY, 20), item(1, FERRY, 10)]))
    caplog.clear()
    second = poll(desk, source)
    assert (second.queued, second.skipped, second.background) == (1, 3, False)
    assert not [r for r in caplog.records if "first poll" in r.getMessage()]
    worker.drain()
    assert alerted(desk) == [BRIDGE[0]]


def test_rewrites_of_background_articles_are_duplicates_and_updates_alert(server, desk, worker):
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]))
    source = add_feed(desk, server.url("/feed"))
    poll(desk, source)
    worker.drain()
    ferry_story = desk.execute("SELECT story_id FROM story_articles").fetchone()[0]
    rewrite = (FERRY[0], FERRY[1].replace("Tuesday morning", "Tuesday"))
    server.routes["/feed"] = Route(rss([item(3, FERRY_UPDATE, 50), item(2, rewrite, 30),
                                        item(1, FERRY, 10)]))
    assert poll(desk, source).queued == 2
    worker.drain()
    verdicts = [tuple(r) for r in desk.execute(
        "SELECT story_id, verdict FROM story_articles ORDER BY id")]
    assert verdicts == [(ferry_story, "new"), (ferry_story, "duplicate"),
                        (ferry_story, "update")]
    [alert] = [dict(r) for r in desk.query("SELECT story_id, kind, channel FROM alerts")]
    assert alert == {"story_id": ferry_story, "kind": "update", "channel": "C0LIVE"}


def test_alert_existing_alerts_on_the_first_poll(server, desk, worker):
    server.routes["/feed"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]))
    source = add_feed(desk, server.url("/feed"), alert_existing=True)
    result = poll(desk, source)
    assert (result.queued, result.background) == (2, False)
    worker.drain()
    assert alerted(desk) == [FERRY[0], LIBRARY[0]] and holds(desk) == {}
    assert source_row(desk, source).backlog_entries == 0


def test_first_successful_poll_after_failures_is_still_background(server, desk, worker):
    server.routes["/feed"] = Route(b"overloaded", status=503, content_type="text/plain")
    source = add_feed(desk, server.url("/feed"))
    assert poll(desk, source).error
    assert poll(desk, source).error
    assert source_row(desk, source).failures == 2
    server.routes["/feed"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]))
    result = poll(desk, source)
    assert (result.queued, result.background) == (2, True)
    worker.drain()
    assert desk["articles"].count == 2 and alerted(desk) == []


def test_interrupted_first_poll_stays_background_until_it_completes(server, desk):
    server.routes["/feed"] = Route(rss([item(3, ORCHARD, 30), item(2, LIBRARY, 20),
                                        item(1, FERRY, 10)]))
    source = add_feed(desk, server.url("/feed"))
    calls = iter([False, False, True])  # before and after the first entry, then stop
    cut = poll(desk, source, stopping=lambda: next(calls, True))
    assert cut.queued == 1 and not source_row(desk, source).backlog_done_at
    rest = poll(desk, source)
    assert (rest.queued, rest.background) == (2, True)
    assert [r["background"] for r in desk["inbox"].rows] == [1, 1, 1]
    assert source_row(desk, source).backlog_entries == 3


def test_old_entry_under_a_new_guid_does_not_alert_but_a_fresh_one_does(server, desk, worker):
    server.routes["/feed"] = Route(rss([item(1, FERRY, 10)]))
    source = add_feed(desk, server.url("/feed"))
    poll(desk, source)
    worker.drain()
    archive = Item(guid="urn:archive:77", title=ORCHARD[0], text=ORCHARD[1],
                   published=datetime.now(UTC) - timedelta(days=9))
    server.routes["/feed"] = Route(rss([item(2, BRIDGE, 60), archive, item(1, FERRY, 10)]))
    assert poll(desk, source).queued == 2
    worker.drain()
    assert alerted(desk) == [BRIDGE[0]]
    assert holds(desk)[ORCHARD[0]].startswith("too old to alert: published ")
    assert "9 days before it arrived (limit 72 h)" in holds(desk)[ORCHARD[0]]


def background_then_an_old_entry(server, desk, worker, *, days: int) -> None:
    """A first poll's background (library, ferry), then a poll bringing a fresh entry (the
    bridge) and one published ``days`` days ago (the orchard), all stored."""
    server.routes["/feed"] = Route(rss([item(2, LIBRARY, 20), item(1, FERRY, 10)]))
    source = add_feed(desk, server.url("/feed"))
    poll(desk, source)
    worker.drain()
    old = Item(guid="urn:archive:1", title=ORCHARD[0], text=ORCHARD[1],
               published=datetime.now(UTC) - timedelta(days=days))
    server.routes["/feed"] = Route(rss([item(3, BRIDGE, 40), old, item(2, LIBRARY, 20),
                                        item(1, FERRY, 10)]))
    poll(desk, source)
    worker.drain()


def test_sources_list_says_what_was_stored_without_alerting(server, desk, worker, db_path):
    background_then_an_old_entry(server, desk, worker, days=4)
    listed = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list"])
    assert "existing entries stored as background" in listed.output
    assert "stored without alerting: 2 background, 1 too old to alert" in listed.output
    as_json = CliRunner().invoke(cli, ["--db", str(db_path), "sources", "list", "--json"])
    [row] = json.loads(as_json.output)
    assert row["held"] == {"background": 2, "too old to alert": 1}
    assert row["backlog_entries"] == 2


def test_digest_leaves_out_background_and_old_articles(server, desk, worker):
    background_then_an_old_entry(server, desk, worker, days=30)
    with FakeSlack() as fake:
        client = WebClient(token=VALID_TOKEN, base_url=fake.base_url)
        assert send_due_digests(desk, client, now=datetime.now(UTC) + timedelta(hours=1)) == 1
        [digest] = fake.posts("C0HOUR")
    assert BRIDGE[0] in str(digest.blocks)
    for title in (FERRY[0], LIBRARY[0], ORCHARD[0]):
        assert title not in str(digest.blocks)


def test_slack_command_adds_a_feed_with_or_without_alert_existing(dbs, settings):
    svc = Services(store=dbs, settings=settings)
    admin = {"role": Role.ADMIN}
    quiet = sources_text(svc, "add <https://wire.example/world.rss>", admin)
    assert "stored as background, without alerts" in quiet
    loud = sources_text(svc, "add <https://wire.example/live.rss> --alert-existing --every 60",
                        admin)
    assert "first poll alerts on the entries already in it" in loud
    rows = {r["location"]: r for r in dbs.get()["sources"].rows}
    assert rows["https://wire.example/world.rss"]["alert_existing"] == 0
    live = rows["https://wire.example/live.rss"]
    assert (live["alert_existing"], live["every"]) == (1, 60)
