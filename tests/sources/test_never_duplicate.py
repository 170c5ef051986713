"""Sources marked "never a duplicate": a rewrite from them still alerts, as an update."""

from __future__ import annotations

from click.testing import CliRunner

from bot.cli import cli
from bot.models import RawArticle
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.inbox import enqueue, pending
from storage.never_duplicate import mark_never_duplicate
from storage.sources import add_source
from storage.subscriptions import subscribe

FIRST = ("Dockworkers walk out at Northhaven port\n\nDockworkers at Northhaven port walked off "
         "the job on Monday over crane safety, halting grain exports from the region's largest "
         "harbour. The union said the walkout would last until the cranes are inspected.")
REWRITE = ("Northhaven dockworkers walk out over crane safety\n\nOn Monday, dockworkers at "
           "Northhaven port walked off the job over crane safety, halting grain exports from the "
           "region's largest harbour. The walkout will last until the cranes are inspected, the "
           "union said.")
OWN_COPY = ("Northhaven port dockworkers walk off the job\n\nDockworkers walked off the job at "
            "Northhaven port on Monday over crane safety, halting grain exports from the region's "
            "biggest harbour. The union said the walkout would continue until the cranes are "
            "inspected.")


def test_a_rewrite_from_a_never_duplicate_source_alerts_as_an_update(pipeline, fresh_db):
    with transaction(fresh_db):
        topic = add_topic(fresh_db, name="Port", query="dockworkers")
        subscribe(fresh_db, topic_id=topic, target_type="channel", target_id="C0DESK",
                  mode="realtime", created_by="U1", at="2026-11-24T05:00:00+00:00")
        own = add_source(fresh_db, kind="feed", location="https://own.example/rss")
        mark_never_duplicate(fresh_db, own)
        enqueue(fresh_db, RawArticle(text=OWN_COPY, origin="own-1"), source_id=own)
    first, rewrite = pipeline.ingest([RawArticle(text=FIRST, origin="w1"),
                                      RawArticle(text=REWRITE, origin="w2")])
    assert rewrite.verdict and rewrite.verdict.kind == "duplicate", rewrite
    [row] = pending(fresh_db, limit=10)
    raw = row.article
    assert raw.never_duplicate
    [own_copy] = pipeline.ingest([raw])
    assert own_copy.verdict.kind == "update"
    assert own_copy.verdict.story_id == first.verdict.story_id
    verdicts = [r["verdict"] for r in fresh_db.query(
        "SELECT verdict FROM story_articles ORDER BY id")]
    assert verdicts == ["new", "duplicate", "update"]
    alerts = [(r["article_id"], r["kind"]) for r in fresh_db.query(
        "SELECT article_id, kind FROM alerts ORDER BY id")]
    assert alerts == [(first.article_id, "new"), (own_copy.article_id, "update")]


def test_cli_adds_and_lists_a_never_duplicate_source(db_path, tmp_path):
    runner = CliRunner()
    added = runner.invoke(cli, ["--db", str(db_path), "sources", "add", str(tmp_path),
                                "--never-duplicate"], catch_exceptions=False)
    assert added.exit_code == 0 and "never a duplicate" in added.output
    listed = runner.invoke(cli, ["--db", str(db_path), "sources", "list"])
    assert "never a duplicate: its articles always alert" in listed.output
