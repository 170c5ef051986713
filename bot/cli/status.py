"""`wirewatch status`: on the server, what `/wirewatch status` tells in Slack and what Slack
cannot tell while it does not answer: the runs and their heartbeats, whether Slack answers them,
the alerts waiting, feeds failing or quiet, the last article. Reads the database only (no
network), in one read transaction (``bot.desk_status``)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import click

from bot.activity import CLI_RENAME, named_words
from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.cli.context import CliContext, emit_json
from bot.cli.source_quiet import quiet_line, worked_line
from bot.desk_status import DeskStatus, muted_line, read_status, run_state
from bot.models import Source
from bot.nlp.compiled import current
from bot.redact import redact
from bot.run_lines import failed_line, run_lines, sources_heading, waiting_line
from bot.topic_health import mend_line
from storage.sources import health


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def status(obj: CliContext, as_json: bool) -> None:
    """How this database's wirewatch is doing, read from the database alone (no network).

    Each run with its last heartbeat, whether Slack's Web API answers it and since when, the
    alerts waiting (the oldest's age, and why they wait) and failed, feeds failing or quiet,
    the last article. Alerts of a story muted where they go are counted apart: their turn
    closes them, unposted. Last, whether a run started now runs the quote and speaker code
    compiled or interpreted, and why (a run's banner and `-v` log say it for that run).

    \b
    --json "outbox": pending (waiting to be posted), oldest_pending_at, due (due now),
    due_channels (the channels or people they go to: one post a second in each),
    to_try_again (after an error Slack gave), next_try_at (the first such try, ISO 8601),
    muted (of muted stories, not in pending), failed. Each of "sources": id, kind, location,
    health, trouble, name (what source: matches a feed by), named_instead (why its first poll
    named it by its host, its title being another feed's name; null otherwise), and a
    folder's unreadable_files. "quote_and_speaker_code": compiled (true or false) and why.

    \b
    Example:
        wirewatch status
        wirewatch --db /srv/wirewatch/desk.db status --json
    """
    now = datetime.now(UTC)
    desk = read_status(obj.db, now=now)
    if as_json:
        emit_json(_as_json(desk))
        return
    for line in _lines(desk):
        click.echo(line)


def _lines(desk: DeskStatus) -> list[str]:
    lines = run_lines(desk.runs, desk.at, when_text)
    lines.append(waiting_line(desk.pending, desk.oldest_pending, desk.at, desk.waits))
    lines += [muted_line(desk.waits.muted)] if desk.waits.muted else []
    lines.append(failed_line(desk.failed))
    lines.append(_last_line(desk))
    if desk.mend:
        lines.append(mend_line(desk.mend, named=str, listed_by="wirewatch topics list"))
    lines.append(sources_heading(desk.sources, desk.at))
    lines += [f"  {row.kind} {redact(row.location)} · {health(row)} · {' · '.join(said)}"
              for row in desk.sources if (said := _said(row, desk))]
    stored = desk.totals
    lines.append(f"Stored: {counted(stored.articles, 'article')} in "
                 f"{counted(stored.stories, 'story', 'stories')}; "
                 f"{counted(stored.topics, 'topic')}; "
                 f"{counted(stored.subscriptions, 'subscription')}")
    line = current().line
    lines.append(line[0].upper() + line[1:])
    return lines


def _last_line(desk: DeskStatus) -> str:
    if desk.last_article is None:
        return "Last article: nothing ingested yet"
    article_id, title, at = desk.last_article
    return f"Last article: #{article_id} “{title}”, stored {when_text(at)}"


def _said(row: Source, desk: DeskStatus) -> list[str]:
    """What is wrong with a source: its trouble, and a folder's files it could not read (only
    logged as the run met them, each a poll that still worked)."""
    said = [why] if (why := _trouble(row, desk.at)) else []
    said += [named] if (named := named_words(row, rename=CLI_RENAME)) else []
    if count := desk.unread.get(row.id, 0):
        said.append(f"{counted(count, 'file')} not read (`wirewatch sources list` names them "
                    "and why)")
    return said


def _trouble(row: Source, now: datetime) -> str | None:
    return worked_line(row, now=now) or quiet_line(row, now=now)


def _as_json(desk: DeskStatus) -> dict:
    build = current()
    return {
        "runs": [{**asdict(run), "slack_answers": None if run.slack_answers is None
                  else bool(run.slack_answers), "slack_why": redact(run.slack_why or "") or None,
                  "state": run_state(run, desk.at)} for run in desk.runs],
        "outbox": _outbox(desk),
        "last_article": None if desk.last_article is None else dict(
            zip(("id", "title", "ingested_at"), desk.last_article, strict=True)),
        "sources": [{"id": row.id, "kind": row.kind, "location": redact(row.location),
                     "health": health(row), "trouble": _trouble(row, desk.at),
                     "name": row.name, "named_instead": row.named_instead,
                     **({"unreadable_files": desk.unread.get(row.id, 0)}
                        if row.kind == "folder" else {})}
                    for row in desk.sources],
        "totals": asdict(desk.totals),
        "topics_to_mend": [{"name": topic.name, "query": topic.query, **asdict(found)}
                           for topic, found in desk.mend],
        "quote_and_speaker_code": {"compiled": build.compiled, "why": build.why},
    }


def _outbox(desk: DeskStatus) -> dict:
    """The alerts waiting to be posted and why (as the text says), the muted apart, the failed."""
    waits = desk.waits
    return {"pending": desk.pending, "oldest_pending_at": desk.oldest_pending,
            "due": waits.due, "due_channels": waits.due_channels,
            "to_try_again": waits.later, "next_try_at": waits.next_try,
            "muted": waits.muted, "failed": desk.failed}


def register(cli: click.Group) -> None:
    cli.add_command(status)
