"""`wirewatch status`: on the server, what `/wirewatch status` tells in Slack and what Slack
cannot tell while it does not answer: the runs and their heartbeats, whether Slack answers them,
the outbox, feeds failing or quiet, the last article. Reads the database only (no network), in
one read transaction (``bot.desk_status``)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

import click

from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.cli.context import CliContext, emit_json
from bot.cli.source_quiet import quiet_line, worked_line
from bot.desk_status import RUNNING, SILENT, DeskStatus, read_status, run_state
from bot.models import RunRecord, Source
from bot.redact import redact
from storage.sources import health


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def status(obj: CliContext, as_json: bool) -> None:
    """How this database's wirewatch is doing, read from the database alone (no network).

    Each run with its last heartbeat, whether Slack's Web API answers it and since when, the
    alerts waiting (the oldest's age) and failed, feeds failing or quiet, the last article.

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
    lines = ["Runs:" if desk.runs else "Runs: none recorded (`wirewatch run` starts one)"]
    for run in desk.runs:
        lines += _run_lines(run, desk.at)
    oldest = f" (the oldest queued {_age(desk.oldest_pending, desk.at)} ago)" \
        if desk.oldest_pending else ""
    lines.append(f"Outbox: {counted(desk.pending, 'alert')} waiting to be posted{oldest}; "
                 f"{desk.failed} failed")
    lines.append(_last_line(desk))
    troubled = [(row, why) for row in desk.sources if (why := _trouble(row, desk.at))]
    lines.append(f"Sources: {len(desk.sources)} ({len(troubled)} failing or quiet)"
                 if desk.sources else "Sources: none yet (`wirewatch sources add URL`)")
    lines += [f"  {row.kind} {redact(row.location)} · {health(row)} · {why}"
              for row, why in troubled]
    stored = desk.totals
    lines.append(f"Stored: {counted(stored.articles, 'article')} in "
                 f"{counted(stored.stories, 'story', 'stories')}; "
                 f"{counted(stored.topics, 'topic')}; "
                 f"{counted(stored.subscriptions, 'subscription')}")
    return lines


def _run_lines(run: RunRecord, now: datetime) -> list[str]:
    state = run_state(run, now)
    beat = f"last heartbeat {_age(run.heartbeat_at, now)} ago" if run.heartbeat_at else \
        "no heartbeat"
    said = {RUNNING: f"running, {beat}",
            SILENT: f"not running: {beat} and it never said it stopped (killed, or its "
                    "machine went down)"}.get(state, f"stopped {when_text(run.stopped_at)}")
    where = f"pid {run.pid} on {run.host}" if run.pid else "its start not recorded"
    lines = [f"  run {run.run} · {where} · {run.mode or 'mode unknown'} · {said} "
             f"(began {when_text(run.started_at)})"]
    if run.slack_answers is not None:
        lines.append(f"    Slack: {_slack_line(run)}")
    return lines


def _slack_line(run: RunRecord) -> str:
    if run.slack_answers:
        return f"answering since {when_text(run.slack_since)}"
    return (f"not reachable since {when_text(run.slack_since)} ({redact(run.slack_why or '')}); "
            "alerts wait in the outbox")


def _last_line(desk: DeskStatus) -> str:
    if desk.last_article is None:
        return "Last article: nothing ingested yet"
    article_id, title, at = desk.last_article
    return f"Last article: #{article_id} “{title}”, stored {when_text(at)}"


def _trouble(row: Source, now: datetime) -> str | None:
    return worked_line(row, now=now) or quiet_line(row, now=now)


def _age(iso: str | None, now: datetime) -> str:
    """'12 s', '4 min', '3 h', '2 days': how long ago, to a glance's precision."""
    if not iso:
        return "?"
    seconds = max(0, int((now - datetime.fromisoformat(iso)).total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h" if seconds < 172800 else f"{seconds // 86400} days"


def _as_json(desk: DeskStatus) -> dict:
    return {
        "runs": [{**asdict(run), "slack_answers": None if run.slack_answers is None
                  else bool(run.slack_answers), "slack_why": redact(run.slack_why or "") or None,
                  "state": run_state(run, desk.at)} for run in desk.runs],
        "outbox": {"pending": desk.pending, "oldest_pending_at": desk.oldest_pending,
                   "failed": desk.failed},
        "last_article": None if desk.last_article is None else dict(
            zip(("id", "title", "ingested_at"), desk.last_article, strict=True)),
        "sources": [{"id": row.id, "kind": row.kind, "location": redact(row.location),
                     "health": health(row), "trouble": _trouble(row, desk.at)}
                    for row in desk.sources],
        "totals": asdict(desk.totals),
    }


def register(cli: click.Group) -> None:
    cli.add_command(status)
