"""When a topic last had a story, and since when a feed worked or brought anything: one rule
under `topics list`, `sources list`, `/topics`, `/wirewatch status` and App Home, so the CLI
and Slack never call the same topic or feed quiet differently; and one wording of it, each
output saying times its own way (``When``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.alerts.mrkdwn import counted
from bot.durations import span_words, utc_time
from bot.models import Source, Topic

When = Callable[[str], str]
"""How an output says a stored time: the CLI's '2026-12-03 22:49 UTC, 9 days ago', Slack's
date token."""

LONG = timedelta(days=1)
"""A wait this long or longer has its length said."""


def moment(value: str) -> datetime:
    """A stored ISO time; one that cannot be read counts as now (nothing said of its age)."""
    try:
        return utc_time(value)
    except ValueError:
        return datetime.now(UTC)


def age(value: str, now: datetime) -> timedelta:
    return now - moment(value)


def days_ago(value: str, now: datetime) -> int | None:
    """Whole days since ``value``, once that is a day or more; None before."""
    waited = age(value, now)
    return waited.days if waited >= LONG else None


def quiet_topic_days(topic: Topic, latest: str | None, *, now: datetime) -> int | None:
    """Days since a topic no story has matched was added, once a day or more; None for one
    that has had a story, or was added less than a day ago."""
    return None if latest else days_ago(topic.created_at, now)


def failing(row: Source) -> bool:
    return bool(row.failures)


def quiet_feed_days(row: Source, *, now: datetime) -> int | None:
    """Days a working feed has brought no new entry, when that is far longer than its own
    usual gap (``sources.quiet_at``: noted by the poll that told it, ``bot.ingest.quiet_feeds``,
    or by the plainer rule for a short history), or it has brought none in the day or more
    since it was added; None otherwise (a weekly feed five days on)."""
    if row.kind != "feed" or row.failures or not row.last_success_at:
        return None
    if row.last_item_at:
        return age(row.last_item_at, now).days if row.quiet_at else None
    return days_ago(row.added_at, now)


def worked_words(row: Source, when: When) -> str | None:
    """For a failing source, when it last worked (or that it never has); None otherwise."""
    if not failing(row):
        return None
    if not row.last_success_at:
        return f"has not worked since it was added, {when(row.added_at)}"
    return f"last worked {when(row.last_success_at)}"


def quiet_feed_words(row: Source, when: When, *, now: datetime) -> str | None:
    """For a feed quiet by ``quiet_feed_days``, how long, in the words of its notice (a short
    history's told by the plainer rule, ``quiet_short``, as its notice says it); None
    otherwise."""
    if quiet_feed_days(row, now=now) is None:
        return None
    if not row.last_item_at:
        return (f"no entry in the {counted(age(row.added_at, now).days, 'day')} since it was "
                "added (too few to learn how often it brings one): if its site publishes, "
                f"open the feed {IN_A_BROWSER}")
    judged = f"; {row.quiet_short}" if row.quiet_short else ", far longer than its usual gap"
    return (f"no new entry in {span_words(age(row.last_item_at, now))} (latest "
            f"{when(row.last_item_at)}){judged}: if its site still publishes, the feed may have "
            f"stopped or moved; open it {IN_A_BROWSER}")


SLACK_REMOVE = "/wirewatch sources remove"
IN_A_BROWSER = "in a browser"
CLI_REMOVE = "wirewatch sources remove"
SLACK_RENAME = "/wirewatch sources rename"
CLI_RENAME = "wirewatch sources rename"


def named_words(row: Source, *, rename: str = SLACK_RENAME) -> str | None:
    """For a feed its first poll named by its host (``Source.named_instead``: its title was
    another feed's name), why, and the command that names it otherwise or keeps the name (said
    no more once renamed); None otherwise."""
    if not row.named_instead:
        return None
    return (f'named "{row.name}" by its host: {row.named_instead}, and `source:` could not tell '
            f"the two apart; to choose its name (this one too): `{rename} {row.id} NAME`")


def paused_words(row: Source, *, remove: str = SLACK_REMOVE) -> str | None:
    """For a feed paused (its stored address, read as a browser reads it, would be refused
    now), why and what to do; None for one fetched."""
    if not row.paused:
        return None
    return (f"not fetched: {row.paused}; to fetch it: `{remove} {row.id}`, then add the "
            "address meant")


def failing_advice(kind: str, source_id: int, *, remove: str = SLACK_REMOVE,
                   reason: str = "") -> str:
    """What an admin does about a source that fails (`/wirewatch status` and `sources`, App
    Home, the notice that it stopped working; ``remove``: the CLI's command in `sources
    list`). A ``reason`` shown beside it that says already to open it in a browser (a web
    page, a feed moved) keeps its own advice: only the command to remove it is added."""
    if kind != "feed":
        return "check on the server that the folder is there and wirewatch may read it"
    if IN_A_BROWSER in reason:
        return f"to remove it: `{remove} {source_id}`"
    return (f"open its address {IN_A_BROWSER}; if the feed moved, `{remove} {source_id}` "
            "and add its new address")
