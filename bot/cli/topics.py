"""`wirewatch topics add|edit|list|show|preview|remove`"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import click

from bot.alerts.mrkdwn import counted
from bot.alerts.timeline_blocks import when_text
from bot.cli.context import CliContext, emit_json, where
from bot.cli.numbers import COUNT, MOST_DAYS
from bot.cli.query_words import QueryCommand
from bot.cli.topic_quiet import latest_story_line
from bot.models import NotFound
from bot.query_grouping import grouping_note
from bot.stories.left_out import left_out_of_story
from bot.stories.query import TopicQueryError
from bot.stories.tracking import add_topic
from bot.topic_edit import change_query
from bot.topic_health import cli_mark, nearly_all, not_read
from bot.topic_names import (
    close_names,
    named_with,
    plain_words,
    shell_quoted,
    shell_word,
    unsearched_note,
)
from bot.topic_preview import PREVIEW_DAYS, left_out, matched_terms, preview, why_text
from storage.db import transaction
from storage.topics import (
    folded,
    get_topic,
    list_topics,
    recent_stories,
    remove_topic,
    topic_row,
    topics_last_seen,
)


@click.group()
def topics() -> None:
    """Tracked topics decide which stories alert.

    \b
    Example:
        wirewatch topics add "Ukraine NATO bid" 'org:NATO AND (Ukraine OR Kyiv)'
        wirewatch topics list
    """


@topics.command("add", cls=QueryCommand)
@click.argument("name")
@click.argument("words", metavar="[QUERY]", nargs=-1)
@click.option("--query", "-q", "query_option", metavar="QUERY",
              help="The query, when NAME is one word and the query plain words: "
                   "topics add Port --query strike.")
@click.pass_obj
def add(obj: CliContext, name: str, words: tuple[str, ...], query_option: str | None) -> None:
    """Track NAME, matching stories by QUERY (default: every word of the name).

    The query may be quoted as one argument or typed as several words, as in
    Slack's /topics add; quote it when it holds parentheses or * for the shell.
    Quote a NAME of several words: `topics add Port strike` is refused, since it
    reads as the topic "Port strike" as much as "Port" with the query strike.

    QUERY words match any inflection; combine them with AND, OR, NOT and
    parentheses (AND binds tighter than OR: a AND b OR c is (a AND b) OR c);
    quote "exact phrases"; end a word with * for a prefix; filter on entities
    with person:, org:, gpe:, loc:, place:, norp:, fac:, event:, product: or
    law:.

    \b
    Example:
        wirewatch topics add "NATO membership" 'NATO AND (membership OR invit*)'
        wirewatch topics add "Sybiha" 'person:"Andrii Sybiha" NOT gpe:Russia'
    """
    if not folded(name):
        typed = query_option or " ".join(words)
        raise click.ClickException("the topic's name is empty: give it one, then the query: "
                                   f"wirewatch topics add \"Port strike\" {shell_word(typed)}"
                                   .strip())
    there = get_topic(obj.db, name)
    if there is not None:
        raise click.ClickException(f"topic '{there.name}' already exists ({there.query}); to "
                                   "change its query, keeping its subscriptions: wirewatch "
                                   f"topics edit {shell_word(there.name)} QUERY")
    if _name_or_query(name, words):
        raise click.ClickException(_which_one(name, " ".join(words)) if query_option is None
                                   else _quote_the_name(name, " ".join(words), query_option))
    if query_option is not None and words:
        raise click.ClickException("give the query after the name or with --query, not both")
    query = query_option or " ".join(words) or None
    with transaction(obj.db):
        topic = topic_row(obj.db, add_topic(obj.db, name=name, query=query,
                                            quiet_hours=obj.settings.story_quiet_hours))
        running = recent_stories(obj.db, topic.id, limit=1000)
    click.echo(f"tracking '{topic.name}': {topic.query}")
    _say_grouping(topic.query)
    note = "" if query else unsearched_note(
        topic.name, f"wirewatch topics edit {shell_word(topic.name)} QUERY")
    if note:
        click.echo(note)
    if running:
        click.echo(f"{counted(len(running), 'running story', 'running stories')} already "
                   f"match{'es' if len(running) == 1 else ''} it")


def _say_grouping(query: str) -> None:
    if note := grouping_note(query):
        click.echo(note)


def _name_or_query(name: str, words: tuple[str, ...]) -> bool:
    """A one-word name followed by plain words as separate arguments (`topics add Port
    strike`): whatever quotes were typed, the shell took them. A query given as one argument
    with spaces in it was quoted, so it is a query."""
    one_argument = len(words) == 1 and " " in words[0].strip()
    return " " not in name.strip() and not one_argument and plain_words(words)


def _which_one(name: str, rest: str) -> str:
    """The refusal: both readings, each as the command that means it."""
    whole = f"{name} {rest}"
    return (f"is the topic \"{whole}\"? A name of several words needs quotes: wirewatch topics "
            f"add {shell_quoted(whole)} (its query is then its words; add one after the quotes)."
            f" For the topic \"{name}\" with the query {rest}: wirewatch topics add "
            f"{shell_word(name)} --query {shell_word(rest)}. Nothing was added.")


def _quote_the_name(name: str, rest: str, given: str) -> str:
    """`topics add Port strike --query x`: with the query given to --query, the words after
    the name are the name's; the command that adds that topic."""
    whole = f"{name} {rest}"
    return (f"is the topic \"{whole}\"? A name of several words needs quotes: wirewatch topics "
            f"add {shell_quoted(whole)} --query {shell_word(given)} (the query goes after the "
            "name or with --query, not both). Nothing was added.")


@topics.command("edit", cls=QueryCommand)
@click.argument("name")
@click.argument("words", metavar="QUERY", nargs=-1)
@click.option("--query", "-q", "query_option", metavar="QUERY",
              help="The query, as add takes it: topics edit Port --query strike.")
@click.pass_obj
def edit(obj: CliContext, name: str, words: tuple[str, ...], query_option: str | None) -> None:
    """Give NAME a new QUERY, keeping its subscriptions; the stories still running are
    matched again (those the new query does not match stop alerting under NAME).

    \b
    Example:
        wirewatch topics edit "Port strikes" 'strike AND (port OR dock* OR harbour)'
        wirewatch topics edit Ports --query strike
    """
    if query_option is None and not words:
        raise click.UsageError("give the new QUERY after the name (or with --query)")
    query = query_option if query_option is not None else " ".join(words)
    with transaction(obj.db):
        topic = get_topic(obj.db, name)
        if topic is None:
            raise _no_topic(obj, name, words, query_option or "")
        if query_option is not None and words:
            raise click.ClickException("give the query after the name or with --query, not "
                                       "both")
        change = change_query(obj.db, topic, query, quiet_hours=obj.settings.story_quiet_hours)
    click.echo(f"'{topic.name}': {change.old} -> {change.new}")
    _say_grouping(change.new)
    dropped = (f"; {counted(change.dropped, 'running story', 'running stories')} no longer"
               if change.dropped else "")
    click.echo(f"{counted(change.running, 'running story', 'running stories')} match"
               f"{'es' if change.running == 1 else ''} it{dropped}")


@topics.command("list")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def list_(obj: CliContext, as_json: bool) -> None:
    """List tracked topics; one whose stored query is no longer read (it matches nothing) or
    matches nearly every article is marked, with why and the topics edit that mends it.

    \b
    Example:
        wirewatch topics list --json
    """
    rows = list_topics(obj.db)
    latest = topics_last_seen(obj.db)
    if as_json:
        emit_json([{**dataclasses.asdict(row), "not_read": not_read(row.query),
                    "matches_nearly_all": nearly_all(row.query),
                    "latest_story_at": latest.get(row.id)} for row in rows])
    elif not rows:
        click.echo(f"no topics yet in {where(obj)}; add one with: wirewatch topics add "
                   "NAME [QUERY]")
    for row in rows if not as_json else []:
        mark = cli_mark(row.name, row.query)
        click.echo(f"{row.name}: {row.query}{mark}")
        if not mark:
            click.echo(f"  {latest_story_line(row, latest.get(row.id), now=datetime.now(UTC))}")


@topics.command("show")
@click.argument("words", metavar="NAME", nargs=-1, required=True)
@click.option("--limit", default=10, show_default=True, type=COUNT,
              help="How many stories to show.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def show(obj: CliContext, words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Show NAME's query and its latest stories, with why each matched and which of their
    articles its exclusions (NOT, source:) leave out; a query that matches nothing until
    edited is said once, with the edit that mends it.

    \b
    Example:
        wirewatch topics show "NATO membership" --limit 5
    """
    name = " ".join(words)
    topic = get_topic(obj.db, name)
    if topic is None:
        raise _no_topic(obj, name)
    stories = recent_stories(obj.db, topic.id, limit=limit)
    mark = cli_mark(topic.name, topic.query)
    left_out = {story.id: [] if mark else left_out_of_story(obj.db, topic.query, story.id)
                for story in stories}
    if as_json:
        emit_json({"topic": dataclasses.asdict(topic), "not_read": not_read(topic.query),
                   "matches_nearly_all": nearly_all(topic.query),
                   "stories": [{**dataclasses.asdict(story),
                                "left_out": [{"article_id": a, "why": why}
                                             for a, why in left_out[story.id]]}
                               for story in stories]})
        return
    click.echo(f"{topic.name}: {topic.query}{mark}")
    if not stories:
        click.echo("  no stories yet")
    for story in stories:
        click.echo(f"  story {story.id} ({counted(story.article_count, 'article')}, last "
                   f"{when_text(story.last_seen)}): {story.title}")
        why = matched_terms(((r.term, r.where, r.text) for r in story.reasons), limit=4)
        if why:
            click.echo(f"    matched: {why}")
        for article_id, left in left_out[story.id]:
            click.echo(f"    left out: article #{article_id}, {left}")


@topics.command("preview", cls=QueryCommand)
@click.argument("words", metavar="QUERY", nargs=-1, required=True)
@click.option("--days", default=PREVIEW_DAYS, show_default=True,
              type=click.IntRange(min=1, max=MOST_DAYS),
              help="How many days of stories to try the query on.")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_obj
def preview_(obj: CliContext, words: tuple[str, ...], days: int, as_json: bool) -> None:
    """Show which stories of the last days QUERY would have matched, and why, then those its
    exclusions (NOT, source:) leave out, without adding a topic.

    \b
    Example:
        wirewatch topics preview 'strike AND (port OR dock*)'
    """
    query = " ".join(words)
    try:
        hits = preview(obj.db, query, days=days)
    except TopicQueryError as exc:
        raise click.ClickException(f"bad query: {exc.describe()}") from exc
    if as_json:
        emit_json([dataclasses.asdict(hit) for hit in hits])
        return
    click.echo(f"{counted(len(hits), 'story', 'stories')} of the last {days:g} days would have "
               f"matched {query}")
    _say_grouping(query)
    for hit in hits:
        click.echo(f"  story {hit.story_id} ({counted(hit.article_count, 'article')}, last "
                   f"{when_text(hit.last_seen)}): {hit.title}")
        click.echo(f"    matched: {why_text(hit)}")
    left = left_out(obj.db, query, matched={hit.story_id for hit in hits}, days=days)
    if left:
        click.echo(f"{counted(len(left), 'more story', 'more stories')} its exclusions leave "
                   "out:")
    for hit, why in left:
        click.echo(f"  story {hit.story_id} ({counted(hit.article_count, 'article')}, last "
                   f"{when_text(hit.last_seen)}): {hit.title}")
        click.echo(f"    left out: {why}")


@topics.command("remove")
@click.argument("words", metavar="NAME", nargs=-1, required=True)
@click.pass_obj
def remove(obj: CliContext, words: tuple[str, ...]) -> None:
    """Stop tracking NAME (its subscriptions go too).

    \b
    Example:
        wirewatch topics remove "NATO membership"
    """
    name = " ".join(words)
    with transaction(obj.db):
        topic = get_topic(obj.db, name)
        if topic is None:
            raise _no_topic(obj, name)
        remove_topic(obj.db, name)
    click.echo(f"removed '{topic.name}'")


def _no_topic(obj: CliContext, name: str, query: tuple[str, ...] = (),
              given: str = "") -> NotFound:
    """Names the topics there are, and those near the name (``close_names``): a newcomer types
    a word of the name, or another database; for `topics edit`, the topic the name's words
    and the first of the query's name, if any (``given``: the query given to --query, for
    words that are all the name's)."""
    names = [topic.name for topic in list_topics(obj.db)]
    if not names:
        return NotFound(f"no topic named '{name}': no topics yet in {where(obj)}")
    if meant := named_with(name, query, names):
        typed = meant[1] or given
        return NotFound(f"no topic named '{name}'; is it \"{meant[0]}\"? A name of several words "
                        f"needs quotes: wirewatch topics edit {shell_quoted(meant[0])} "
                        f"{shell_word(typed) if typed else 'QUERY'}. Nothing was changed.")
    shown = ", ".join(shell_word(n) for n in names[:10]) + (", …" if len(names) > 10 else "")
    near = " or ".join(shell_word(n) for n in close_names(name, names))
    offered = f" (did you mean {near}?)" if near else ""
    return NotFound(f"no topic named '{name}'; the topics are: {shown}{offered}")


def register(cli: click.Group) -> None:
    cli.add_command(topics)
