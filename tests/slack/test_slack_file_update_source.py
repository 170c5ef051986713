"""An update from a file dropped in the watched folder says where and when it came from.

A file holds no link and often no outlet or time: its update was posted in the story's
thread with no source line at all, reading as from nowhere. The alert now names the file and
the time it arrived. Real files read as the folder reads them, real pipeline, real SQLite,
the bot posting to the fake Slack over HTTP.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.ingest.files import read_path
from bot.models import RawArticle, VerdictKind
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe

FIRST = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven walked off the "
         "job on Monday over broken crane brakes. \"We have waited long enough,\" said union "
         "leader Ada Brandt.")
UPDATE = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven walked off the "
          "job on Monday over broken crane brakes. \"We have waited long enough,\" said union "
          "leader Ada Brandt.\n\nThe port operator said 14 cranes would be inspected by Friday. "
          "\"Every crane gets new brakes before anyone climbs it,\" said operator spokesman "
          "Tomas Reyes.")


def test_an_update_from_a_dropped_file_names_the_file_and_when_it_arrived(
        runtime, fake_slack, pipeline, fresh_db, tmp_path: Path):
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Port strike", query="dockworkers")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-12-05T05:00:00+00:00")
    list(pipeline.ingest([RawArticle(text=FIRST, origin="a1", url="https://news.example/a1",
                                     source="Example Wire")]))
    assert runtime.deliver_pending() == 1
    dropped = tmp_path / "inbox" / "port-update.txt"
    dropped.parent.mkdir()
    dropped.write_text(UPDATE, encoding="utf-8")
    [raw] = list(read_path(dropped, max_bytes=1_000_000))
    assert isinstance(raw, RawArticle) and raw.url is None and raw.source is None
    [update] = pipeline.ingest([raw])
    assert update.verdict is not None and update.verdict.kind == VerdictKind.UPDATE
    later = datetime.now(UTC) + timedelta(seconds=5)  # Slack's pace: one post a second
    assert runtime.deliver_pending(now=later) == 1
    head, reply = fake_slack.posts("C0DESK")
    assert reply.thread_ts == head.ts
    [meta] = [b["elements"][0]["text"] for b in reply.blocks if b["type"] == "context"
              and "port-update.txt" in json.dumps(b)]
    arrived = datetime.fromisoformat(fresh_db["articles"].get(update.article_id)["ingested_at"])
    assert meta.startswith(f"file port-update.txt · arrived <!date^{int(arrived.timestamp())}^")
    assert str(dropped.parent) not in meta
