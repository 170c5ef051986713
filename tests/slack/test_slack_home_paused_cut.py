"""App Home's paused section is cut between whole items, never inside a mention, a link or an
escape, and says how many it left out: a signed app_home_opened, the fake Slack's
views.publish."""

from __future__ import annotations

import re

from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from tests.fakes.block_kit import block_problems
from tests.slack.conftest import open_home, wait_for

EDITOR = "U0ED"
WHEN = "2026-11-24T05:00:00+00:00"
ERROR = "Slack gave an error & explained it: " + "e" * 30 + " end."  # 75 once escaped
REASON = "a_reason_of_slacks_own_that_is_long_"
MENTION = re.compile(r"<[^<>]*>")


def many_paused_and_failed(db, *, paused: int, failed: int) -> None:
    """Paused channel subscriptions with long names holding '&' (escaped as &amp;) and long
    reasons, two more paused for other reasons (so every way back is said), and failed alerts
    to those channels, all the editor's: more than a section takes."""
    with transaction(db):
        for n in range(paused):
            topic = add_topic(db, name=f"Ports & docks {n:02d} " + "x" * 79, query=f"port{n}")
            subscribe(db, topic_id=topic, target_type="channel", target_id=f"C0DESK{n:03d}",
                      mode="realtime", created_by=EDITOR, at=WHEN)
        db.execute("UPDATE subscriptions SET paused_at = ?, paused_reason = ? || id || "
                   "'_' || ?", [WHEN, REASON, "r" * 30])
        for name, target, reason in (("Zeta restricted", "C0ZETA", "restricted_action"),
                                     ("Zeta gone", EDITOR, "user_disabled")):
            topic = add_topic(db, name=name, query="zeta")
            subscribe(db, topic_id=topic, target_type="user" if target == EDITOR else
                      "channel", target_id=target, mode="realtime", created_by=EDITOR, at=WHEN)
            db.execute("UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE "
                       "topic_id = ?", [WHEN, reason, topic])
        for n in range(failed):
            db.execute("INSERT INTO alerts (story_id, article_id, channel, kind, status, "
                       "attempts, created_at, last_error) VALUES (?, ?, ?, 'new', 'failed', 1, "
                       "?, ?)", [n + 1, n + 1, f"C0DESK{n:03d}", WHEN, ERROR])


def paused_section(fake_slack) -> str:
    wait_for(lambda: fake_slack.views.get(EDITOR))
    blocks = fake_slack.views[EDITOR]["blocks"]
    assert block_problems(blocks, allow_links=True, max_blocks=100) == []
    [text] = [b["text"]["text"] for b in blocks
              if "Paused subscriptions" in str((b.get("text") or {}).get("text"))]
    return text


def whole(text: str) -> None:
    """No mention or link cut open, no escape cut short."""
    assert "<" not in MENTION.sub("", text) and ">" not in MENTION.sub("", text), text[-300:]
    assert all(re.fullmatch(r"<#C[A-Z0-9]+>", m) for m in MENTION.findall(text)), text
    assert re.search(r"&(?!amp;|lt;|gt;)", text) is None, text[-300:]


def test_a_paused_section_too_long_for_slack_keeps_whole_items_and_counts_the_rest(
        runtime, fake_slack, fresh_db):
    many_paused_and_failed(fresh_db, paused=14, failed=5)
    open_home(runtime, "U0ED")
    text = paused_section(fake_slack)
    assert len(text) <= 3000
    whole(text)
    lines = text.splitlines()
    paused = [line for line in lines if line.startswith("• *Ports")]
    failed = [line for line in lines if line.startswith("• <#")]
    assert paused and all(line.endswith(")") for line in paused), "each reason said in full"
    assert all(line.endswith(" end.") for line in failed), "each error said in full"
    assert f"+{16 - len(paused)} more in `/wirewatch status`" in text, lines[-3:]
    assert "Alerts that could not be posted" in text, "the failed alerts are not cut silently"
    if len(failed) < 5:
        assert f"…and {5 - len(failed)} more" in text, lines[-3:]


def test_a_short_paused_section_is_whole(runtime, fake_slack, fresh_db):
    many_paused_and_failed(fresh_db, paused=2, failed=1)
    open_home(runtime, "U0ED")
    text = paused_section(fake_slack)
    whole(text)
    assert "more" not in text
    assert len([line for line in text.splitlines() if line.startswith("• ")]) == 5
