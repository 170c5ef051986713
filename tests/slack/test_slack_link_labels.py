"""A headline that names a web address never labels a link to another host (a deceptive label):
a feed entry, `/ingest` record or dropped file titled `https://harbourwire.example/…` and
linking `https://evil.example/…` showed, in digests and `/story`'s timeline, a link reading
`harbourwire.example` that opened `evil.example`. Now such a headline stands unlinked, and the
link beside it reads its own host. The real worker (spaCy, SQLite), the Bolt app over real
HTTP with signed requests, the fake Slack Web API; the digest line from the real builder.
Invented copy."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.alerts.digest_blocks import DigestItem, digest_blocks
from bot.models import RawArticle
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import enqueue
from tests.slack.conftest import run_command
from tests.slack.test_slack_page_encodings import desk_follows, mrkdwn_texts

EVIL = "https://evil.example/phish"
TITLES = ("https://harbourwire.example/ferry-strike-ends: crews back at work",
          "www.harbourwire.example/ferry-strike-ends: crews back at work",
          "Ferry strike ends, harbourwire.example/ferry reports")
LINK = re.compile(r"<(https?://[^|<>\s]+)\|([^<>]*)>")


def deceptive(texts: list[str]) -> list[str]:
    """Links whose label names another host than the one they open."""
    return [f"{target} | {label}" for text in texts for target, label in LINK.findall(text)
            if "harbourwire.example" in label and "harbourwire.example" not in target]


def test_a_digest_line_never_labels_a_link_with_another_address():
    items = [DigestItem(story_id=n, is_new=True, headline=title, url=EVIL, source="Wire",
                        whats_new=(), articles=1) for n, title in enumerate(TITLES, start=1)]
    blocks = digest_blocks("Ferries", "hourly", items, datetime.now(UTC) - timedelta(hours=1))
    texts = mrkdwn_texts(blocks)
    assert any("crews back at work" in text for text in texts)
    assert deceptive(texts) == []
    assert any("<https://evil.example/phish|evil.example>" in text for text in texts)


def test_the_story_timeline_never_labels_a_link_with_another_address(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    desk_follows(fresh_db, "Ferry strike", "ferry OR crews")
    now = datetime.now(UTC)
    with transaction(fresh_db):
        enqueue(fresh_db, RawArticle(
            origin=EVIL, url=EVIL, source="Harbour Wire", title=TITLES[0],
            published=(now - timedelta(hours=1)).isoformat(),
            text=("Ferry crews at Eastwick returned to work on Monday after a four-day "
                  "stoppage over a new timetable, their union said.\n\nThe first sailing left "
                  "at six in the morning, the harbour office said.")), now=now)
    assert IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp).drain() == 1
    story = fresh_db.execute("SELECT story_id FROM story_articles LIMIT 1").fetchone()[0]
    answer = run_command(runtime, fake_slack, "/story", str(story))
    texts = [answer.get("text") or "", *mrkdwn_texts(answer.get("blocks") or [])]
    assert any("crews back at work" in text for text in texts)
    assert deceptive(texts) == []
