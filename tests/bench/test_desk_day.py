"""bench/desk_day.py: its feeds publish in batches and read as wirewatch reads a real feed."""

from __future__ import annotations

import urllib.request

from bench.desk_day import Alert, Feeds, Item, reading, serve, twice_and_lost
from bot.ingest.feed_parse import parse_feed
from tests.fakes.slack_api import Message
from tests.stopping import LAST_RESORT_S

LONG = ("Dockworkers at Northhaven walked off the job on Monday. " * 25).strip()


def _items() -> list[Item]:
    return [Item("a1", "2026-03-02T08:00:00Z", "Dockworkers strike", LONG, "s1", "wire"),
            Item("a2", "2026-03-02T09:00:00Z", "Cranes stand idle", "Cranes stood idle.", "s1",
                 "wire"),
            Item("a3", "2026-03-02T10:00:00Z", "Talks resume", "Talks resumed on Tuesday.",
                 "s1", "wire")]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=LAST_RESORT_S) as response:  # noqa: S310
        return response.read()


def test_a_feed_shows_what_was_published_full_texts_whole_and_short_ones_as_teasers():
    feeds = Feeds(_items())
    server = serve(feeds)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        assert parse_feed(_get(f"{base}/feed/wire"), url=base).entries == []
        feeds.publish(2)
        entries = parse_feed(_get(f"{base}/feed/wire"), url=base).entries
        assert [e.title for e in entries] == ["Dockworkers strike", "Cranes stand idle"]
        assert [e.teaser for e in entries] == [False, True]
        assert b"Cranes stood idle." in _get(f"{base}/a/a2.html")
    finally:
        server.shutdown()


def test_reading_counts_what_a_desk_would_trip_over():
    def alert(*sections: str) -> Message:
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": s}} for s in sections]
        return Message("C1", "1.0", "Update · Ports: x", blocks, None,
                       {"event_type": "wirewatch_alert", "event_payload": {"alert_id": 1}})

    found = reading([alert("WASHINGTON – The port closed.", "What's new:\n• Talks stalled over"),
                     alert("The strike ended.")])
    assert found["summaries or items not ending a sentence"] == 1
    assert found["summaries or items starting with a dateline"] == 1
    assert found["updates without what's new"] == 1


def _alert(alert_id: int, article: int, status: str) -> Alert:
    return Alert(alert_id, story=1, article=article, channel="C0DESK", kind="update",
                 status=status, url="", stored="", queued="")


def _post(alert: Alert) -> tuple[Message, Alert]:
    meta = {"event_type": "wirewatch_alert", "event_payload": {"alert_id": alert.id}}
    return Message("C0DESK", "1.0", "", None, None, meta), alert


def test_a_withdrawn_update_is_lost_only_when_its_article_never_reached_the_channel():
    moved, moved_as_new = _alert(1, 10, "withdrawn"), _alert(2, 10, "sent")
    dropped, sent = _alert(3, 11, "withdrawn"), _alert(4, 12, "sent")
    figures = twice_and_lost([moved, moved_as_new, dropped, sent],
                             [_post(moved_as_new), _post(sent)])
    assert figures["lost (not in Slack)"] == 1
    assert figures["alerts posted"] == 2
