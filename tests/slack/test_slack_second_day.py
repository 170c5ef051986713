"""A newsroom's second day, in Slack: what `topics list` and `sources list` tell the desk at
the terminal, `/topics`, `/wirewatch status` and App Home tell it where it lives (signed
requests over real HTTP, a real SQLite file, the fake Slack Web API)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.runner import Runner
from bot.slack.runtime import SlackRuntime
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.quiet_feeds import note_quiet
from storage.sources import add_source, record_failure, record_success, source_row
from tests.fakes.signing import REPORTER
from tests.fakes.slack_api import FakeSlack
from tests.slack.conftest import app_home, run_command, wait_for
from tests.slack.world import add_article, add_story
from tests.sources.feedserver import LOOPBACK_NETWORK, FeedServer, Item, Route, rss
from tests.sources.stories import FERRY
from tests.stopping import LAST_RESORT_S


@pytest.fixture
def now() -> datetime:
    """The time each test runs, not when the suite was collected."""
    return datetime.now(UTC)


def _topics_a_week_on(db, now: datetime) -> None:
    """Two topics added eight days ago: one matched a story nine hours ago, one never."""
    with transaction(db):
        weather = add_topic(db, name="Hail damage", query="hail AND orchard*")
        add_topic(db, name="Tram bridge", query='"tram bridge" AND clos*')
        db.execute("UPDATE topics SET created_at = ?", [(now - timedelta(days=8)).isoformat()])
    article = add_article(db, title="Orchards in the Venn valley count hail damage")
    add_story(db, article_id=article, title="Orchards in the Venn valley count hail damage",
              topic_ids=(weather,), at=(now - timedelta(hours=9)).isoformat())


def test_topics_say_when_each_last_had_a_story_or_that_none_matched(runtime, fake_slack,
                                                                    fresh_db, now):
    """Before: `/topics` and App Home listed a topic that matched nothing for a week as they
    list one alerting every hour: its name and query."""
    _topics_a_week_on(fresh_db, now)
    listed = run_command(runtime, fake_slack, "/topics", "")["text"]
    hail, bridge = listed.split("• ")[1:]
    assert "latest story <!date^" in hail and "days ago" not in hail, hail
    assert ("no story matched in the 8 days since it was added: `/topics add` alone opens a "
            "form that previews what a query matches, then an admin changes it: "
            '`/topics edit "Tram bridge" QUERY`') in bridge, bridge
    sections = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
                if b["type"] == "section"]
    [hail_home] = [s for s in sections if s.startswith("*Hail damage*")]
    assert "latest story <!date^" in hail_home, hail_home
    [quiet] = [s for s in sections if "Tram bridge" in s]
    assert "no story matched in the 8 days since it was added" in quiet, quiet
    assert '/topics edit "Tram bridge" QUERY' in quiet, quiet


def _feeds_the_morning_after(db, now: datetime) -> None:
    """A feed that died overnight, one answering every poll with nothing new for three days,
    and one that works."""
    with transaction(db):
        for name in ("died", "frozen", "busy"):
            add_source(db, kind="feed", location=f"https://wire.example/{name}")
        record_success(db, 1, now=now - timedelta(days=2, hours=1), items=3)
        record_success(db, 2, now=now - timedelta(days=3, hours=1), items=2)
        record_success(db, 2, now=now - timedelta(minutes=4))
        note_quiet(db, source_row(db, 2), at=now.isoformat(), usual="12 hours")
        record_success(db, 3, now=now - timedelta(minutes=4), items=1)
        for hours in (9, 5, 2):
            record_failure(db, 1, reason="connection refused", now=now - timedelta(hours=hours))


def test_status_and_app_home_name_the_feeds_that_fail_or_bring_nothing(runtime, fake_slack,
                                                                       fresh_db, now):
    """Before: `/wirewatch status` said 'UNHEALTHY (3 failures in a row)' with no word of
    since when or what to do, the frozen feed 'ok'; App Home said nothing of either."""
    _feeds_the_morning_after(fresh_db, now)
    status = run_command(runtime, fake_slack, "/wirewatch", "status")["text"]
    [died] = [line for line in status.splitlines() if "wire.example/died" in line]
    [frozen] = [line for line in status.splitlines() if "wire.example/frozen" in line]
    assert "last worked <!date^" in died and ", 2 days ago: open its address in a browser; if " \
        "the feed moved, `/wirewatch sources remove 1` and add its new address" in died, died
    assert "no new entry in 3 days (latest <!date^" in frozen and "the feed may have stopped " \
        "or moved; open it in a browser" in frozen, frozen
    assert "wire.example/busy" not in status, "a feed that works is only counted"
    assert "• Sources: 3 (2 failing or quiet)" in status, status
    listed = run_command(runtime, fake_slack, "/wirewatch", "sources")["text"]
    assert "`/wirewatch sources remove 1` and add its new address" in listed, listed
    home = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
            if b["type"] == "section"]
    [feeds] = [s for s in home if s.startswith("*Feeds to look at*")]
    assert "wire.example/died" in feeds and "last worked <!date^" in feeds, feeds
    assert "wire.example/frozen" in feeds and "no new entry in 3 days" in feeds, feeds
    assert "wire.example/busy" not in feeds, feeds



def test_app_home_says_how_many_more_feeds_fail_whatever_their_addresses(runtime, fake_slack,
                                                                        fresh_db, now):
    """Before: twelve failing feeds with addresses of 150 characters made the section longer
    than Slack takes (3,000 characters); cut to fit, it showed seven and a bare '…', the line
    pointing to `/wirewatch status` for the rest lost."""
    query = "search?q=harbour+strike&region=north-coast&edition=evening&format=rss" * 2
    with transaction(fresh_db):
        for n in range(12):
            source = add_source(fresh_db, kind="feed", location=f"https://wire.example/{n}/{query}")
            record_success(fresh_db, source, now=now - timedelta(days=2))
            for hours in (3, 2, 1):
                record_failure(fresh_db, source, reason="connection refused",
                               now=now - timedelta(hours=hours))
    home = [b["text"]["text"] for b in json.loads(app_home(runtime, fake_slack))["blocks"]
            if b["type"] == "section"]
    [feeds] = [s for s in home if s.startswith("*Feeds to look at*")]
    shown = feeds.count("• feed https://wire.example/")
    assert 0 < shown < 12 and len(feeds) <= 3000, feeds
    assert feeds.endswith(f"…and {12 - shown} more: `/wirewatch status` lists them"), feeds


def _runner(settings: Settings, nlp) -> tuple[Runner, SlackRuntime]:
    """`wirewatch run`'s parts with Slack (its scheduler not started: the test polls)."""
    made: list[SlackRuntime] = []

    def slack(routes: dict) -> SlackRuntime:
        made.append(SlackRuntime(settings, extra_routes=routes or None))
        return made[0]

    runner = Runner(settings, nlp=nlp, slack_factory=slack)
    made[0].start()
    return runner, made[0]


def _poll(runner: Runner, at: datetime) -> str | None:
    """The error of one poll of feed #1 at ``at`` (None: it worked)."""
    result = runner.poll_feed(1, now=at)
    assert result is not None
    return result.error


def _deliver(runner: Runner) -> bool:
    runner.deliver()
    return True


def _notices(fake: FakeSlack, channel: str) -> list[str]:
    return [m.text for m in fake.posts(channel) if "wire.example" not in m.text]


def test_a_feed_that_stops_working_and_comes_back_is_told_once_each_way(
        slack_settings, fake_slack, fresh_db, nlp, now):
    """Before: a feed that died said so only in the server's log and `/wirewatch status` when
    asked; nobody in Slack was told, nor when it came back."""
    settings = replace(slack_settings, allow_networks=(LOOPBACK_NETWORK,),
                       fetch_timeout=LAST_RESORT_S, admin_channel="C0ADMIN")
    fake_slack.add_channel("C0ADMIN")
    with FeedServer() as feeds:
        working = Route(rss([Item("1", *FERRY, published=now - timedelta(hours=6))]))
        feeds.routes["/wire"] = working
        runner, slack = _runner(settings, nlp)
        try:
            added = run_command(slack, fake_slack, "/wirewatch",
                                f"sources add {feeds.url('/wire')} --every 60")["text"]
            assert "you get a direct message if it stops working" in added, added
            assert _poll(runner, now - timedelta(hours=5)) is None
            feeds.routes["/wire"] = Route(b"down", status=503, content_type="text/plain")
            for hours in (4, 3, 2):
                assert _poll(runner, now - timedelta(hours=hours))
        finally:
            runner.stop()
        dm = fake_slack._dm_channel(REPORTER)
        restarted, _ = _runner(settings, nlp)  # the notice was kept with the failure
        try:
            restarted.deliver()
            restarted.deliver()
            assert _poll(restarted, now - timedelta(hours=1))  # still down
            restarted.deliver()
            [admins] = _notices(fake_slack, "C0ADMIN")
            assert _notices(fake_slack, dm) == [admins]
            assert admins.startswith(f"⚠️ The feed #1 {feeds.url('/wire')} stopped working: 3 "
                                     "failed polls in a row, the latest at <!date^"), admins
            assert "it last worked <!date^" in admins and "`/wirewatch sources remove 1`" in admins
            feeds.routes["/wire"] = working
            assert _poll(restarted, now - timedelta(minutes=5)) is None
            assert _poll(restarted, now) is None
            wait_for(lambda: _deliver(restarted) and len(_notices(fake_slack, dm)) == 2)
            restarted.deliver()
        finally:
            restarted.stop()
    down, back = _notices(fake_slack, "C0ADMIN")
    assert _notices(fake_slack, dm) == [down, back]
    assert back.startswith(f"✅ The feed #1 {feeds.url('/wire')} works again, at <!date^"), back
    assert "after 4 failed polls (it last worked <!date^" in back, back
    posts = [c.params for c in fake_slack.calls_to("chat.postMessage")]
    assert all(str(p.get("unfurl_links")).lower() == "false" for p in posts), posts


def test_the_admin_channel_is_a_channel_id():
    assert load_settings({"WIREWATCH_ADMIN_CHANNEL": "C0ADMIN"}).admin_channel == "C0ADMIN"
    assert load_settings({}).admin_channel is None
    with pytest.raises(ConfigError, match="WIREWATCH_ADMIN_CHANNEL takes a Slack channel ID"):
        load_settings({"WIREWATCH_ADMIN_CHANNEL": "#desk"})


def test_a_topic_name_with_a_typo_is_answered_with_the_one_meant(runtime, fake_slack, fresh_db,
                                                                  now):
    """Before: `/topics show Tram bridg` said only "No topic named …. See `/topics` for the
    list.", and the desk typed the whole name again; edit and remove the same."""
    _topics_a_week_on(fresh_db, now)
    shown = run_command(runtime, fake_slack, "/topics", "show Tram bridg")["text"]
    assert shown == ("No topic named “Tram bridg”. Did you mean *Tram bridge*? "
                     '`/topics show "Tram bridge"`'), shown
    edited = run_command(runtime, fake_slack, "/topics", "edit hail-damage hail")["text"]
    assert edited.endswith('Did you mean *Hail damage*? `/topics edit "Hail damage" hail`'), \
        edited
    removed = run_command(runtime, fake_slack, "/topics", "remove Tram bridges")["text"]
    assert removed.endswith('`/topics remove "Tram bridge"`'), removed
    far = run_command(runtime, fake_slack, "/topics", "show Elections")["text"]
    assert far == "No topic named “Elections”. See `/topics` for the list.", far


def test_subscribe_with_a_typo_is_answered_with_the_topic_meant(runtime, fake_slack, fresh_db,
                                                                 now):
    """Before: `/subscribe Tram bridg` listed every topic's name, as `/topics` did before it
    offered the one meant; `/unsubscribe` the same."""
    _topics_a_week_on(fresh_db, now)
    typed = run_command(runtime, fake_slack, "/subscribe", "Tram bridg daily")["text"]
    assert typed == ("No topic named “Tram bridg”. Did you mean *Tram bridge*? "
                     '`/subscribe "Tram bridge" daily`'), typed
    again = run_command(runtime, fake_slack, "/subscribe", '"Tram bridge" daily')["text"]
    assert again == ("This channel will now get *Tram bridge* as a daily digest, posted each "
                     "day at 08:00 (UTC)."), again
    left = run_command(runtime, fake_slack, "/unsubscribe", "tram-bridge")["text"]
    assert left.endswith('Did you mean *Tram bridge*? `/unsubscribe "Tram bridge"`'), left
    far = run_command(runtime, fake_slack, "/subscribe", "Elections")["text"]
    assert far.startswith("No topic named “Elections”. Topics: "), far


def test_the_subscribe_offered_back_keeps_what_else_was_typed(runtime, fake_slack, fresh_db, now):
    """Before: `/subscribe me Tram bridg daily` offered `/subscribe "Tram bridge"` back, which
    typed again subscribed the whole channel to each alert as it happens, not the asker to a
    daily digest by direct message."""
    _topics_a_week_on(fresh_db, now)
    typed = run_command(runtime, fake_slack, "/subscribe", "me Tram bridg daily")["text"]
    offered = typed.split("`")[-2]
    assert offered == '/subscribe me "Tram bridge" daily', typed
    again = run_command(runtime, fake_slack, "/subscribe", offered.removeprefix("/subscribe "))
    assert again["text"] == ("You will now get *Tram bridge* as a daily digest, posted each day "
                             "at 08:00 (UTC)."), again
    left = run_command(runtime, fake_slack, "/unsubscribe", "me tram-bridge")["text"]
    assert left.endswith('`/unsubscribe me "Tram bridge"`'), left
    pinged = run_command(runtime, fake_slack, "/subscribe",
                         "Tram bridg hourly notify <@U0ANNA|anna> <!subteam^S0DESK|@desk>")
    assert pinged["text"].endswith(
        '`/subscribe "Tram bridge" hourly notify @anna @desk`'), pinged
