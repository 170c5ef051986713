"""`wirewatch stories timeline ID|WORDS`: a story as it grew, as /story shows it in Slack."""

from __future__ import annotations

import copy
import dataclasses

import click

from bot.alerts.came_from import shown_source
from bot.alerts.mrkdwn import counted
from bot.alerts.story_now import known_now
from bot.alerts.timeline_blocks import (
    ORDER,
    dated_ahead_words,
    joined_line,
    kinds,
    moved_out_lines,
    reached_late,
    reached_words,
    when_text,
)
from bot.alerts.why import LEFT_OUT
from bot.cli.context import CliContext, emit_json, shown_origin
from bot.models import StoryTimeline
from bot.stories.left_out import why_left_out
from bot.stories.running import events_text
from bot.topic_names import shell_word
from bot.topic_preview import matched_terms
from storage.db import row_id
from storage.timeline import find_stories, story_timeline
from storage.topics import story_matches

_LATEST = "wirewatch stories list shows the latest stories with their numbers"


@click.command("timeline")
@click.argument("story", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def timeline(obj: CliContext, story: tuple[str, ...], as_json: bool) -> None:
    """Show STORY (an id, or words from its title in any order) as it grew: what it says now
    (its latest updates' facts, newest first, then the first report's summary), then each
    article in the order it reached the desk, with its number (for `stories split`), time,
    source and the facts it added.

    \b
    Example:
        wirewatch stories timeline 42
        wirewatch stories timeline harbour strike
    """
    story_id = _story_id(obj, " ".join(story).strip().removeprefix("#"))
    grown = story_timeline(obj.db, story_id, limit=1000)
    if grown is None:
        raise click.ClickException(f"no story {story_id}; {_LATEST}")
    matches = [(name, matched_terms(((r.term, r.where, r.text) for r in reasons), limit=4))
               for name, reasons in story_matches(obj.db, grown.story_id)]
    if as_json:
        whole = dataclasses.asdict(grown)
        left = _left_out(obj, grown)
        emit_json({**whole, **{part: [{**shown_origin(e), "left_out": left.get(e["article_id"])}
                                      for e in whole[part]] for part in ("entries", "latest")},
                   "topics": [{"name": name, "matched": why} for name, why in matches]})
        return
    click.echo(f"{grown.title} (story {grown.story_id}, {counted(grown.article_count, 'article')})")
    if joined := joined_line(grown):
        click.echo(joined)
    chain = events_text(grown.events, grown.story_id)
    if chain:
        click.echo(chain)
    summary = " ".join(grown.summary) or "no summary yet"
    known = known_now(grown)
    click.echo(f"Now: {summary}" if not known else "Now:")
    for item in known:
        when = when_text(item.when) if item.dated else f"arrived {when_text(item.when)}"
        where = " · ".join(x for x in (item.source, when) if x)
        click.echo(f"  • {where}: {' '.join(item.facts)}")
    if known:
        click.echo(f"First reported: {summary}")
    _echo_entries(grown, _left_out(obj, grown))
    if grown.moved_count:
        click.echo(f"Moved out since: {counted(grown.moved_count, 'report')}")
        for line in moved_out_lines(grown.moved_out, grown.moved_count):
            click.echo(f"  {line}")
    click.echo(_why_it_alerts(matches))


def _story_id(obj: CliContext, text: str) -> int:
    """The story a number names, or the first whose title (or an article's) holds the words."""
    if text.isascii() and text.isdigit():
        story_id = row_id(text)
        if story_id is None:
            raise click.ClickException(f"no story {text}; {_LATEST}")
        return story_id
    found = find_stories(obj.db, text, limit=1)
    if not found:
        raise click.ClickException(f"no story or article title holds every word of "
                                   f"'{text}'; {_LATEST}")
    return found[0].id


def _echo_entries(grown: StoryTimeline, left: dict[int, str]) -> None:
    """Each article in the order it arrived: number, time, source, kind, title, the facts it
    added, and whether every topic left it out."""
    click.echo(f"Reports, {ORDER}:")
    for entry, kind, reached in zip(grown.entries, kinds(grown.entries),
                                    reached_late(grown.entries), strict=True):
        source = shown_source(entry.source, entry.url, entry.origin, linked=False)
        when = when_text(entry.when) if entry.dated else f"arrived {when_text(entry.when)}"
        if ahead := dated_ahead_words(entry) or (reached_words(when_text(reached))
                                                 if reached else None):
            when += f" ({ahead})"
        where = " · ".join(x for x in (f"article {entry.article_id}", when,
                                       source, kind) if x)
        click.echo(f"  {where}: {entry.title}")
        for fact in entry.whats_new:
            click.echo(f"      • {fact}")
        if entry.article_id in left:
            click.echo(f"      no alert: {LEFT_OUT} ({left[entry.article_id]})")


def _left_out(obj: CliContext, grown: StoryTimeline) -> dict[int, str]:
    """The reports that alerted nobody because every topic the story matches leaves them out
    (NOT, ``source:``), and how: the story alerts under those topics, those reports did not."""
    found = {entry.article_id: why_left_out(obj.db, grown.story_id, entry.article_id)
             for entry in grown.entries if entry.verdict in ("new", "update")}
    return {article: why for article, why in found.items() if why}


def _why_it_alerts(matches: list[tuple[str, str]]) -> str:
    """Which topics the story alerts under and the words that matched: a desk's "why did this
    alert?" answered where it reads the story."""
    if not matches:
        return "Why it alerts: no tracked topic matches it (only quote subscriptions can)"
    return "Why it alerts: " + "; ".join(
        f"topic {shell_word(name)}" + (f" matched {why}" if why else "")
        for name, why in matches)


def register(cli: click.Group) -> None:
    group = cli.commands["stories"]
    assert isinstance(group, click.Group)
    group.add_command(timeline)
    group.add_command(_show)


_show = copy.copy(timeline)
_show.name, _show.hidden = "show", True
"""`stories show 3`, as `topics show` reads: a newcomer's first guess, answered by the timeline."""
