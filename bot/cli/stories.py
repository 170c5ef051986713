"""`wirewatch stories replay|list|split`"""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path

import click

from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.cli.context import CliContext, emit_json, say_loading, where
from bot.cli.numbers import COUNT, ROW_ID
from bot.replay import replay as replay_lines
from bot.stories.split import split_article
from storage import stories as store
from storage.db import transaction

NO_RECORD = ('no line of INPUT.jsonl is an article: each line is one JSON object, {"id": "a1", '
             '"time": "2026-12-03T06:00:00Z", "title": "…", "text": "…"}; articles in .txt, '
             '.html or .json files are read by `wirewatch ingest FILE`')


@click.group()
def stories() -> None:
    """Stories that articles are grouped into.

    \b
    Example:
        wirewatch stories list --limit 5
        wirewatch stories replay bench/data/stories_stream.jsonl > verdicts.jsonl
    """


@stories.command("replay")
@click.argument("input_path", metavar="INPUT.jsonl",
                type=click.File("r", encoding="utf-8-sig", errors="surrogateescape"))
@click.option("--keep", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the replay database here instead of a temporary file.")
@click.pass_obj
def replay(obj: CliContext, input_path, keep: Path | None) -> None:
    """Replay articles in arrival order into a fresh database; one verdict line each.

    Each input line is {"id", "time", "title", "text"}; each output line is
    {"id", "story", "running", "verdict", "whats_new", "running_verdict",
    "running_whats_new"}, where running is the running story the article's story
    (an event) is in, and verdict is new, duplicate, update or failed; at the
    running story's level, a new event that continues a running story is an update
    of it (what it adds) or a duplicate. The input's time is the article's time, so
    stories go quiet as they would have then.

    \b
    Example:
        wirewatch stories replay bench/data/stories_stream.jsonl > verdicts.jsonl
    """
    say_loading("replaying the articles")
    read = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for line in replay_lines(input_path, db_path=keep or Path(tmp) / "replay.db",
                                 settings=obj.settings):
            emit_json(line)
            read += 1
            failed += line["verdict"] == "failed"
    if read and failed == read:
        click.echo(NO_RECORD, err=True)
        raise click.exceptions.Exit(1)


@stories.command("list")
@click.option("--limit", default=20, show_default=True, type=COUNT,
              help="How many stories to show.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def list_(obj: CliContext, limit: int, as_json: bool) -> None:
    """List the most recently active stories.

    \b
    Example:
        wirewatch stories list --limit 5
    """
    rows = store.list_stories(obj.db, limit=limit)
    if as_json:
        emit_json([{**asdict(row), "summary": _sentences(row.summary)} for row in rows])
        return
    if not rows:
        click.echo(f"no stories yet in {where(obj)}; ingest some articles with: "
                   "wirewatch ingest PATH")
    for row in rows:
        held = counted(row.article_count, "article") if row.folded_into is None else \
            f"joined to #{row.folded_into}"
        click.echo(f"#{row.id}  {held}  last {when_text(row.last_seen)}  {row.title}")


def _sentences(stored: str) -> list[str]:
    """The summary's sentences, as `topics show --json` and `stories timeline --json` give
    them, not the stored JSON text inside JSON."""
    try:
        sentences = json.loads(stored or "[]")
    except json.JSONDecodeError:
        return [stored]
    return [s for s in sentences if isinstance(s, str)] if isinstance(sentences, list) else []


@stories.command("split")
@click.argument("article_id", type=ROW_ID)
@click.pass_obj
def split(obj: CliContext, article_id: int) -> None:
    """Move ARTICLE_ID out of the story it was wrongly merged into, into a story of its own.

    Each article's number is on its line of `wirewatch stories timeline STORY`.

    \b
    Example:
        wirewatch stories split 1234
    """
    with transaction(obj.db):
        moved = split_article(obj.db, article_id)
    click.echo(f"article {article_id} moved from story #{moved.old_story} to new story "
               f"#{moved.new_story}")


def register(cli: click.Group) -> None:
    cli.add_command(stories)
