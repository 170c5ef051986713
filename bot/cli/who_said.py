"""`wirewatch who-said TEXT`"""

from __future__ import annotations

import dataclasses

import click

from bot.alerts.came_from import shown_source
from bot.alerts.timeline_blocks import when_text
from bot.cli.context import CliContext, emit_json, shown_origin, where
from bot.cli.numbers import COUNT
from bot.shown_link import shown_url
from bot.who_said import QuoteHit, holds_words_asked
from bot.who_said import who_said as lookup
from storage.quotes import any_quote

NEAR = "not word for word"


@click.command("who-said")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=5, show_default=True, type=COUNT,
              help="How many matches to show.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def who_said(obj: CliContext, text: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Find who said a quote, from any fragment of it, or list a speaker's latest quotes.

    Tolerates curly or straight quotes, punctuation, case and small typos. A speaker's
    name, or from:NAME, lists that speaker's latest quotes.

    \b
    Example:
        wirewatch who-said "not off the table"
        wirewatch who-said from:Stefanishyna
    """
    if not " ".join(text).strip():
        raise click.UsageError('give a few words of the quote: wirewatch who-said "not off the '
                               'table", or a speaker: wirewatch who-said from:NAME')
    answer = lookup(obj.db, " ".join(text), limit=limit)
    if as_json:
        whole = dataclasses.asdict(answer)
        emit_json({**whole, "hits": [
            {**shown_origin(row), "word_for_word": holds_words_asked(answer, hit)}
            for row, hit in zip(whole["hits"], answer.hits, strict=True)]})
        return
    if not answer.hits and not any_quote(obj.db):
        click.echo(f"no quotes yet in {where(obj)}; ingest some articles with: "
                   "wirewatch ingest PATH")
    elif answer.message:
        click.echo(answer.message)
    for hit in answer.hits:
        click.echo(render_hit(hit, near=holds_words_asked(answer, hit) is False))


def render_hit(hit: QuoteHit, *, near: bool = False) -> str:
    """A quote, its speaker, article, source and time; ``near`` marks one that does not hold
    the words asked, as `/who-said` does, so a near match never passes for the words checked."""
    who = ", ".join(x for x in (hit.speaker or "unattributed", hit.role) if x)
    when = when_text(hit.published) if hit.published else \
        hit.arrived and f"arrived {when_text(hit.arrived)}"
    source = shown_source(hit.source, hit.url, hit.origin)
    where = " · ".join(x for x in (hit.article_title, source, when, NEAR if near else None) if x)
    lines = [f"“{hit.text}” — {who}", f"   {where}"]
    if link := shown_url(hit.url or ""):
        lines.append(f"   {link}")
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    cli.add_command(who_said)
