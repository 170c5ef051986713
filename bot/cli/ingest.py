"""`wirewatch ingest PATH...`"""

from __future__ import annotations

import dataclasses

import click

from bot.alerts.why import no_alert_reason
from bot.cli.context import CliContext, emit_json, say_loading
from bot.pipeline import Outcome, Status


def describe(outcome: Outcome) -> str:
    if outcome.status == Status.FAILED:
        return f"failed     {outcome.origin}: {outcome.reason}"
    if outcome.status == Status.DUPLICATE:
        return f"duplicate  {outcome.origin}: {outcome.reason} (#{outcome.article_id or '?'})"
    verdict = outcome.verdict
    kind = {"new": "new story", "update": "update", "duplicate": "rewrite, nothing new"}
    label = kind.get(verdict.kind, verdict.kind) if verdict else "stored"
    story = f" #{verdict.story_id}" if verdict else ""
    return f"stored     {outcome.origin}: {label}{story} · {outcome.title}"


def silence(outcome: Outcome) -> str | None:
    """Why a stored article posts nothing (None when it alerts, or was not stored)."""
    if outcome.status != Status.STORED:
        return None
    return no_alert_reason(verdict=outcome.verdict.kind if outcome.verdict else None,
                           hold=outcome.reason, has_topic=bool(outcome.topic_ids),
                           left_out=(outcome.left_out_why or "") if outcome.left_out else None)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input.")
@click.pass_obj
def ingest(obj: CliContext, paths: tuple[str, ...], as_json: bool) -> None:
    """Read articles from files or folders (.txt, .html, .json, .jsonl).

    Exits with status 1 when any input failed; every good input is still stored.

    \b
    Example:
        wirewatch ingest copy/reuters-0412.txt feeds/archive.jsonl inbox/
    """
    counts = dict.fromkeys(Status, 0)
    if not as_json:
        say_loading("reading the files")
    for outcome in obj.pipeline.ingest_paths(paths):
        counts[outcome.status] += 1
        if as_json:
            emit_json(dataclasses.asdict(outcome))
        else:
            click.echo(describe(outcome), err=outcome.status == Status.FAILED)
            if reason := silence(outcome):
                click.echo(f"           no alert: {reason}")
    if not as_json:
        click.echo(f"{counts[Status.STORED]} stored, {counts[Status.DUPLICATE]} duplicate, "
                   f"{counts[Status.FAILED]} failed")
        if not any(counts.values()):
            click.echo(f"nothing to read: {' '.join(paths)} holds no file (hidden ones are "
                       "left out); ingest reads .txt, .html, .json and .jsonl files", err=True)
    if counts[Status.FAILED]:
        raise SystemExit(1)


def register(cli: click.Group) -> None:
    cli.add_command(ingest)
