"""The timeline's order and its words agree: reports are listed as they reached the desk
(what each one added is read against those before it), said so in /story, the Timeline button
and `stories timeline`; a report that gives a time earlier than one listed above it also says
when it arrived. The real Bolt app over HTTP, the fake Slack, a real SQLite file. Invented copy."""

from __future__ import annotations

from storage.db import transaction
from tests.invoke import invoke
from tests.slack.conftest import run_command
from tests.slack.world import add_article, add_story, add_update

ORDER = "in the order they reached us"


def late_but_earlier(db) -> int:
    """A first report at 08:00, then one that says it was published at 07:15 arriving at 09:30."""
    first = add_article(db, title="Lock gates jam on the Tallow Canal", source="Canal Post")
    story = add_story(db, article_id=first, title="Lock gates jam on the Tallow Canal",
                      at="2026-11-24T08:05:00+00:00")
    late = add_article(db, title="Barges queue at the jammed Tallow lock", source="Towpath News")
    add_update(db, story_id=story, article_id=late, at="2026-11-24T09:30:00+00:00",
               whats_new=("Eleven barges wait above the lock.",))
    with transaction(db):
        db.execute("UPDATE articles SET published = ? WHERE id = ?",
                   ["2026-11-24T08:00:00+00:00", first])
        db.execute("UPDATE articles SET published = ? WHERE id = ?",
                   ["2026-11-24T07:15:00+00:00", late])
        db.execute("UPDATE stories SET article_count = 2 WHERE id = ?", [story])
    return story


def test_story_says_the_order_it_lists_reports_in(runtime, fake_slack, fresh_db):
    """Before: "Story 1 · 2 articles, oldest first" over a 07:15 report listed after 08:00."""
    story = late_but_earlier(fresh_db)
    blocks = run_command(runtime, fake_slack, "/story", str(story))["blocks"]
    assert blocks[2]["elements"][0]["text"] == f"Story {story} · 2 articles, {ORDER}"
    body = "\n".join(b["text"]["text"] for b in blocks[3:])
    assert body.index("Lock gates jam") < body.index("Barges queue")
    [late] = [part for part in body.split("\n\n") if "Barges queue" in part]
    assert "reached us <!date^" in late and "after the reports above" in late, late
    [first] = [part for part in body.split("\n\n") if "Lock gates jam" in part]
    assert "reached us" not in first, first


def test_stories_timeline_says_the_same_order(db_path, fresh_db):
    """Before: the CLI listed the reports with no word of their order."""
    story = late_but_earlier(fresh_db)
    printed = invoke(db_path, "stories", "timeline", str(story)).output
    assert f"Reports, {ORDER}:" in printed, printed
    [late] = [line for line in printed.splitlines() if "Barges queue" in line]
    assert "(reached us 2026-11-24 09:30 UTC, after the reports above)" in late, late
    [first] = [line for line in printed.splitlines() if line.startswith("  article 1 ")]
    assert "reached us" not in first, first
