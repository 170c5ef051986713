"""An outbox of interleaved stories and updates, and the check that Slack got each alert once."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlite_utils import Database

from bot.models import Verdict, VerdictKind
from bot.stories.tracking import add_topic
from storage.alerts import enqueue_alerts
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.slack_api import FakeSlack, Message
from tests.slack.world import add_article, add_story, add_update

CHANNELS = ("C0DESK", "C0NEWS")
PEOPLE = ("U0EDITOR",)


def build_outbox(db: Database, *, stories: int, updates: int, name: str = "Harbour",
                 targets: dict[str, tuple[str, ...]] | None = None) -> int:
    """Stories round-robin (all first alerts, then first updates, …) to every target, so their
    threads interleave in the outbox as a busy night's do; how many alerts the outbox holds.
    ``targets``: kind → ids, the desk's channels and editor unless given; ``name``: the topic's,
    which the stories' titles start with."""
    with transaction(db):
        topic_id = add_topic(db, name=name, query=name.lower())
        for kind, ids in (targets or {"channel": CHANNELS, "user": PEOPLE}).items():
            for target in ids:
                subscribe(db, topic_id=topic_id, target_type=kind, target_id=target,
                          mode="realtime", created_by="U0ADMIN", at="2026-01-01T00:00:00+00:00")
    story_ids: list[int] = []
    for round_no in range(updates + 1):
        for n in range(stories):
            title = f"{name} story {n} development {round_no}"
            article_id = add_article(db, title=title, quotes=((f"Quote {n}.{round_no}", "Ruiz"),))
            if round_no == 0:
                story_ids.append(add_story(db, article_id=article_id, title=title,
                                           topic_ids=(topic_id,)))
                verdict = Verdict(story_ids[n], VerdictKind.NEW)
            else:
                news = (f"Development {round_no} in story {n}",)
                add_update(db, story_id=story_ids[n], article_id=article_id, whats_new=news)
                verdict = Verdict(story_ids[n], VerdictKind.UPDATE, whats_new=news)
            with transaction(db):
                enqueue_alerts(db, verdict, article_id, [topic_id])
    return db.execute("SELECT count(*) FROM alerts").fetchone()[0]


def alert_id_of(message: Message) -> int:
    return int(((message.metadata or {}).get("event_payload") or {})["alert_id"])


def check_each_alert_posted_once_in_order(db: Database, fake: FakeSlack) -> int:
    """Every alert sent and posted exactly once; updates in their story's thread, in order."""
    alerts = {r["id"]: dict(r) for r in db.query("SELECT * FROM alerts")}
    assert {r["status"] for r in alerts.values()} == {"sent"}
    posts = fake.posts()
    posted = Counter(alert_id_of(m) for m in posts)
    assert posted == Counter(alerts.keys()), "each alert posted exactly once"
    roots: dict[tuple[int, str], Message] = {}
    threads: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for message in posts:
        alert = alerts[alert_id_of(message)]
        key = (alert["story_id"], alert["channel"])
        if alert["kind"] == "new":
            assert message.thread_ts is None
            roots[key] = message
        else:
            assert message.thread_ts == roots[key].ts, "an update goes in its story's thread"
        threads[(message.channel, message.thread_ts)].append(alert["id"])
    for ids in threads.values():
        assert ids == sorted(ids), "alerts arrive in order within each thread and channel"
    return len(posts)
