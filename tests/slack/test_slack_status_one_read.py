"""`/wirewatch status` is read in one read transaction: an alert failing between the read of
the alerts waiting and the read of the failed ones is counted once, never as both (a real
SQLite file; the failure is written on a second connection the moment the status's connection
starts its next query after the one counting the alerts waiting)."""

from __future__ import annotations

import time

from bot.alerts.instances import ANOTHER, Instances
from bot.config import Settings
from bot.permissions import Role, RoleAnswer
from bot.slack.services import Services
from bot.slack.status import status_lines
from bot.stories.tracking import add_topic
from handlers.commands.wirewatch import status_text
from storage.alerts import fail_pending
from storage.articles import now_iso
from storage.db import ThreadLocalDb, transaction
from storage.instances import keep_poster
from tests.fakes.mid_read import written_mid_read
from tests.fakes.signing import REPORTER
from tests.slack.world import add_article, add_story

WAITING = "• Alerts waiting to be posted: "
FAILED = "• Failed alerts: "


def counts(lines: list[str]) -> tuple[str, str]:
    """The alerts waiting (without the oldest's wait) and the failed ones, as the status says
    them."""
    [waiting] = [line.removeprefix(WAITING).split(" ")[0] for line in lines
                 if line.startswith(WAITING)]
    [failed] = [line.removeprefix(FAILED) for line in lines if line.startswith(FAILED)]
    return waiting, failed


def test_an_alert_failing_while_the_status_is_read_is_counted_once(fresh_db, settings: Settings):
    """Before: read waiting, then failed (the channel gone meanwhile): 'waiting 1' and
    'failed 1' for the one alert. Now the status before the failure; the next read the one
    after."""
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Ferries", query="ferry")
    article = add_article(fresh_db, title="Ferry crews walk out")
    story = add_story(fresh_db, article_id=article, title="Ferry crews walk out",
                      topic_ids=(topic,))
    with transaction(fresh_db):
        fresh_db.execute(
            "INSERT INTO alerts (story_id, article_id, channel, kind, status, attempts, "
            "next_attempt_at, created_at) VALUES (?, ?, 'C0DESK', 'new', 'pending', 0, ?, ?)",
            [story, article, now_iso(), now_iso()])
    before = counts(status_lines(fresh_db, settings))
    with written_mid_read(fresh_db, after="status IN ('pending', 'sending')",
                          write=lambda failer: fail_pending(failer, "C0DESK",
                                                            error="channel_not_found")) as seen:
        during = counts(status_lines(fresh_db, settings))
    after = counts(status_lines(fresh_db, settings))
    assert "written" in seen, "the alert failed while the status was read"
    assert before == ("1", "0") and after == ("0", "1"), (before, after)
    assert during == before, (during, before, after)


def test_another_wirewatch_kept_while_the_status_is_read_is_shown_with_the_rest(
        db_path, settings: Settings):
    """An admin's status opens with the other wirewatch runs posting with this Slack app
    (kept in the database). Before: those lines were read after the status's read
    transaction, so a poster kept in between showed in a status whose other lines were read
    before it (and, the other way, one dropped showed in none of them while the rest did)."""
    store = ThreadLocalDb(db_path)
    db = store.get()
    svc = Services(store, settings, instances=Instances(store.get))
    admin = {"role": RoleAnswer(Role.ADMIN), "user_id": REPORTER, "channel_id": "C0DESK"}

    def seen(other) -> None:
        keep_poster(other, {"install": "0therinstall0", "boot": "0therboot000", "kind": ANOTHER,
                            "channel": "C0DESK", "ts": f"{time.time():.6f}",
                            "seen_at": now_iso()})

    before = status_text(svc, "", admin)
    with written_mid_read(db, after="status IN ('pending', 'sending')", write=seen) as trace:
        during = status_text(svc, "", admin)
    after = status_text(svc, "", admin)
    assert "written" in trace, "the other wirewatch was kept while the status was read"
    assert "another wirewatch database" not in before, before
    assert "another wirewatch database (instance `0therinstall`" in after, after
    assert during == before, (during, before, after)
