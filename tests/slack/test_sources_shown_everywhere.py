"""An article without an outlet is named by what brought it wherever a source is shown, as its
alert names it: a digest's line, a story's timeline (Slack and `stories timeline`), the
terminal's alert. And an article dated without a time shows its date alone, never "00:00 UTC".
Real files read as the folder reads them, the real pipeline and spaCy, real SQLite, the digest
posted to the fake Slack over HTTP. Invented copy."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from bot.alerts.blocks import QUOTES
from bot.alerts.console_feed import print_pending
from bot.alerts.digest import send_due_digests
from bot.alerts.timeline_blocks import timeline_blocks
from bot.cli import cli
from bot.ingest.files import read_path
from bot.models import RawArticle, StoryTimeline
from bot.stories.tracking import add_topic
from storage.db import transaction
from storage.subscriptions import subscribe
from storage.timeline import story_timeline
from tests.fakes.signing import action_body, post_signed
from tests.slack.conftest import events_url, run_command, wait_for
from tests.slack.test_slack_digest import client  # noqa: F401
from tests.slack.test_slack_file_update_source import FIRST, UPDATE


def _dropped(tmp_path: Path, name: str, text: str) -> RawArticle:
    path = tmp_path / "inbox" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    [raw] = list(read_path(path, max_bytes=1_000_000))
    assert isinstance(raw, RawArticle) and raw.source is None and raw.url is None
    return raw


def _timeline(db, story_id: int) -> StoryTimeline:
    grown = story_timeline(db, story_id)
    assert grown is not None
    return grown


def _story_from_two_files(fresh_db, pipeline, tmp_path: Path) -> int:
    with transaction(fresh_db):
        topic_id = add_topic(fresh_db, name="Port strike", query="dockworkers")
        subscribe(fresh_db, topic_id=topic_id, target_type="channel", target_id="C0DESK",
                  mode="hourly", created_by="U1",
                  at=(datetime.now(UTC) - timedelta(hours=3)).isoformat(timespec="seconds"))
    [first] = pipeline.ingest([_dropped(tmp_path, "port-strike.txt", FIRST)])
    [update] = pipeline.ingest([_dropped(tmp_path, "port-update.txt", UPDATE)])
    assert update.verdict is not None and update.verdict.story_id == first.verdict.story_id
    return first.verdict.story_id


def test_a_digest_names_the_file_a_story_came_from(fresh_db, pipeline, tmp_path, client,  # noqa: F811
                                                   fake_slack):
    """Before: the digest's line had the headline alone, no source."""
    _story_from_two_files(fresh_db, pipeline, tmp_path)
    assert send_due_digests(fresh_db, client, now=datetime.now(UTC) + timedelta(hours=1)) == 1
    [digest] = fake_slack.posts("C0DESK")
    [line] = [line for b in digest.blocks if b["type"] == "section"
              for line in b["text"]["text"].splitlines() if line.startswith("🆕")]
    assert " · file port-strike.txt" in line, line
    assert str(tmp_path) not in json.dumps(digest.blocks)


def test_timelines_name_the_files_their_articles_came_from(fresh_db, pipeline, tmp_path,
                                                           db_path):
    """Before: each article's line in /story and `stories timeline` had no source at all."""
    story_id = _story_from_two_files(fresh_db, pipeline, tmp_path)
    shown = json.dumps(timeline_blocks(_timeline(fresh_db, story_id)), ensure_ascii=False)
    assert "file port-strike.txt · first report" in shown, shown
    assert "file port-update.txt · update" in shown
    assert "*file port-update.txt*" in shown  # "What we know now" names who reported it
    printed = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                       str(story_id)], catch_exceptions=False).output
    assert " · file port-strike.txt · first report: " in printed, printed
    assert " · file port-update.txt · update: " in printed
    assert str(tmp_path) not in shown + printed


def test_the_terminal_alert_names_the_file_and_its_time_as_the_timeline_does(
        fresh_db, pipeline, tmp_path):
    """Before: `run --console` printed no source for a dropped file and no time for it."""
    _story_from_two_files(fresh_db, pipeline, tmp_path)
    printed: list[str] = []
    assert print_pending(fresh_db, printed.append) == 2
    arrived = fresh_db["articles"].get(2)["ingested_at"]
    minute = datetime.fromisoformat(arrived).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    assert f"   file port-update.txt · arrived {minute}" in printed[1], printed[1]


def test_an_article_dated_without_a_time_shows_its_date_alone(fresh_db, pipeline, db_path):
    """Before: `2026-12-04 00:00 UTC` in the timeline and on the terminal, and a Slack date
    token of that midnight, which a reader west of UTC saw as 3 December."""
    with transaction(fresh_db):
        add_topic(fresh_db, name="Port strike", query="dockworkers")
    day = (datetime.now(UTC) - timedelta(days=1)).date().isoformat()
    [stored] = pipeline.ingest([RawArticle(text=FIRST, origin="t", title="Dockworkers walk out",
                                           source="Harbour Post", published=day)])
    printed: list[str] = []
    assert print_pending(fresh_db, printed.append) == 1
    assert f"   Harbour Post · {day}\n" in printed[0] + "\n", printed[0]
    timeline = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline", "1"],
                                  catch_exceptions=False).output
    assert f"article {stored.article_id} · {day} · Harbour Post · first report" in timeline
    blocks = json.dumps(timeline_blocks(_timeline(fresh_db, 1)), ensure_ascii=False)
    when = datetime.fromisoformat(day)
    assert f"*{when.day} {when:%b %Y}* · Harbour Post" in blocks, blocks
    assert "00:00" not in timeline + printed[0] + blocks


def test_who_said_names_the_file_a_quote_came_from(runtime, fake_slack, fresh_db, pipeline,
                                                   tmp_path, db_path):
    """Before: `/who-said` and `wirewatch who-said` gave its article's title and time alone."""
    list(pipeline.ingest([_dropped(tmp_path, "port-strike.txt", FIRST)]))
    said = run_command(runtime, fake_slack, "/who-said", "waited long enough")["text"]
    assert "_Dockworkers walk out at Northhaven port_ · file port-strike.txt" in said, said
    printed = CliRunner().invoke(cli, ["--db", str(db_path), "who-said", "waited long enough"],
                                 catch_exceptions=False).output
    assert "   Dockworkers walk out at Northhaven port · file port-strike.txt · arrived " in \
        printed, printed
    assert str(tmp_path) not in said + printed


def test_a_quote_alert_and_show_quotes_name_the_file(runtime, fake_slack, pipeline, tmp_path):
    """Before: the quote alert's article line and **Show quotes** had the title alone."""
    run_command(runtime, fake_slack, "/subscribe", 'quotes person:"Ada Brandt"',
                channel="C0QUOTES")
    [first] = pipeline.ingest([_dropped(tmp_path, "port-strike.txt", FIRST)])
    assert runtime.deliver_pending() == 1
    [alert] = fake_slack.posts("C0QUOTES")
    context = [e["text"] for b in alert.blocks if b["type"] == "context" for e in b["elements"]]
    assert "Dockworkers walk out at Northhaven port · file port-strike.txt" in context, context
    before = len(fake_slack.responses())
    post_signed(events_url(runtime), action_body(
        QUOTES, str(first.verdict.story_id), channel="C0QUOTES",
        response_url=fake_slack.response_url()))
    [shown] = wait_for(lambda: fake_slack.responses()[before:])
    [line] = [line for line in shown["text"].split("\n") if "waited long enough" in line]
    assert line.endswith("*Ada Brandt, union leader* · file port-strike.txt"), line
    assert str(tmp_path) not in json.dumps(alert.blocks) + shown["text"]


def test_a_timeline_says_an_undated_article_s_time_is_its_arrival(fresh_db, pipeline, tmp_path,
                                                                  db_path):
    """The alert says `arrived …`; the timeline gave the same time bare, as if the article's."""
    story_id = _story_from_two_files(fresh_db, pipeline, tmp_path)
    arrived = datetime.fromisoformat(fresh_db["articles"].get(1)["ingested_at"]).astimezone(UTC)
    printed = CliRunner().invoke(cli, ["--db", str(db_path), "stories", "timeline",
                                       str(story_id)], catch_exceptions=False).output
    assert f"article 1 · arrived {arrived:%Y-%m-%d %H:%M} UTC · file port-strike.txt" in printed
    assert "  • file port-update.txt · arrived " in printed, printed
    shown = json.dumps(timeline_blocks(_timeline(fresh_db, story_id)), ensure_ascii=False)
    assert f"*arrived <!date^{int(arrived.timestamp())}^" in shown, shown
    assert "• *file port-update.txt* · arrived <!date^" in shown
