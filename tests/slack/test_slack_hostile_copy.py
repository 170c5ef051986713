"""Copy written to ping or mislead (an attack through a feed, `/ingest` or the folder): a
headline, outlet, quote, speaker and link holding `<!channel>`, `<!here>`, `<@U…>`, `<#C…>`
and `<https://evil|label>`, through the surfaces the 3 December changes added (an update's
notification text with its outlet and fact, `/who-said`'s link to the article, `/story`'s
latest updates). The real worker (spaCy, SQLite), the Bolt app over real HTTP with signed
requests, the fake Slack Web API. Invented copy."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

from bot.models import RawArticle
from bot.worker import IngestWorker
from storage.db import ThreadLocalDb, transaction
from storage.inbox import enqueue
from tests.slack.conftest import run_command
from tests.slack.test_slack_page_encodings import desk_follows, mrkdwn_texts

PING = "<!channel> <!here> <@U0BOSS> <#C0GENERAL|general> <https://evil.example/login|Click>"
SAFE = re.compile(r"<(?:https?://[^|<>\s]+(?:\|[^<>]*)?|!date\^[^<>]+)>")
"""What may stand in angle brackets in a mrkdwn text: a link to a web address, a date."""


def first_report_and_update(db) -> None:
    now = datetime.now(UTC)
    first = RawArticle(
        origin="https://wire.example/a|b>c", url="https://wire.example/a|b>c",
        source=f"Harbour Wire {PING}", published=(now - timedelta(hours=2)).isoformat(),
        title=f"Dockworkers walk out at Northhaven port {PING}",
        text=("Dockworkers at Northhaven port walked out on Monday over new shift rotas, the "
              "dockworkers' union said.\n\n"
              f"“We will not load a single ship until the rotas go, {PING},” said union leader "
              "Mira Holt.\n\nThe port authority said talks would be held later this week."))
    update = RawArticle(
        origin="https://gazette.example/strike", url="https://gazette.example/strike",
        source=f"Northhaven Gazette {PING}", published=(now - timedelta(hours=1)).isoformat(),
        title="Northhaven port strike: talks set for Friday",
        text=("Dockworkers at Northhaven port stayed out on Tuesday over new shift rotas, the "
              "dockworkers' union said.\n\n"
              f"Talks between the union and the port authority will be held on Friday, {PING}, "
              "the authority said, and 40 ships are now waiting to berth."))
    with transaction(db):
        enqueue(db, first, now=now - timedelta(minutes=2))
    with transaction(db):
        enqueue(db, update, now=now - timedelta(minutes=1))


def unsafe(texts: list[str]) -> list[str]:
    """Texts holding a `<` that is neither a link nor a date, or a link to the hostile site."""
    return [t for t in texts if "<" in SAFE.sub("", t) or "<https://evil" in t]


def test_copy_written_to_ping_is_shown_escaped_on_every_new_surface(
        db_path, fresh_db, settings, nlp, runtime, fake_slack):
    desk_follows(fresh_db, "Port strike", "strike OR dockworkers")
    first_report_and_update(fresh_db)
    worker = IngestWorker(ThreadLocalDb(db_path), settings, nlp=nlp)
    assert worker.drain() == 2
    now = datetime.now(UTC)
    for second in range(4):
        runtime.deliver_pending(now=now + timedelta(seconds=second * 2))
    posts = fake_slack.posts("C0DESK")
    assert len(posts) == 2, [p.text for p in posts]
    shown = [text for post in posts for text in (post.text, *mrkdwn_texts(post.blocks))]
    story = fresh_db.execute("SELECT story_id FROM story_articles LIMIT 1").fetchone()[0]
    for command, text in (("/who-said", "single ship"), ("/who-said", "from:Mira Holt"),
                          ("/story", str(story))):
        answer = run_command(runtime, fake_slack, command, text)
        shown += [answer.get("text") or "", *mrkdwn_texts(answer.get("blocks") or [])]
    assert any("&lt;!channel&gt;" in text for text in shown)
    assert unsafe(shown) == [], json.dumps(unsafe(shown), indent=1)[:3000]
