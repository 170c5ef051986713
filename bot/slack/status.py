"""What `/wirewatch status` reports: sources, the last ingest, alerts waiting to go out."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from bot.activity import named_words
from bot.alerts.instances import Instances
from bot.alerts.mrkdwn import counted, fit, slack_date, within
from bot.alerts.token import TokenReport
from bot.alerts.why import ONLY_QUOTES
from bot.config import Settings
from bot.desk_status import DeskStatus, muted_line, read_status
from bot.models import RunRecord, Source, Totals
from bot.permissions import whom_to_ask
from bot.redact import redact
from bot.run_lines import run_lines, sources_heading, waiting_line
from bot.slack.activity_lines import source_trouble
from bot.slack.command_words import ADD_TOPIC
from bot.slack.delivery_status import Viewer, delivery_lines
from bot.slack.instance_status import instance_lines
from bot.slack.reach import Reach
from bot.source_links import links_elsewhere_line, listed_match
from bot.topic_health import mend_line
from storage.db import snapshot
from storage.inbox import failed_by_source, held_by_source, unvouched_by_source
from storage.quote_subscriptions import count_quote_subscriptions
from storage.sources import health, list_sources, unreadable_files

MAX_SOURCES = 15
HOME_FEEDS = 10
HOME_CHARS = 2900
"""The room of App Home's feed lines: a section takes 3,000 characters, the heading and the
line that points to the rest among them."""


def status_lines(db: Database, settings: Settings, *, errors: bool = False,
                 token: TokenReport | None = None, viewer: Viewer | None = None,
                 sources: bool = True, instances: Instances | None = None,
                 manages: bool = True, subscribes: bool = True,
                 reach: Reach | None = None) -> list[str]:
    """``errors``: each failing source's error text, for admins only (to anyone else it would
    tell which internal addresses answer and which refuse); ``viewer``: who asks, where, when
    not an admin (``delivery_lines``); ``sources``: list each source (not to guests: feed
    addresses are internal configuration), else only how many. Every line is read in one read
    transaction (``storage.db.snapshot``; no network call here: ``token`` and ``viewer`` are
    asked before); ``instances``: for admins, the other wirewatch runs posting with this app,
    right under the heading (they explain every doubled alert), read in the same transaction;
    ``manages``: the reader may add topics (else they are told who does); ``subscribes``: the
    reader may subscribe (else they are told who does); ``reach``: what a guest may read (the
    counts then say which are the workspace's and which they see)."""
    with snapshot(db):  # one moment: an alert failing meanwhile is counted once
        lines = _lines(db, settings, errors=errors, token=token, viewer=viewer, sources=sources,
                       manages=manages, subscribes=subscribes, reach=reach)
        if instances is not None:
            lines[1:1] = instance_lines(instances, datetime.now(UTC))
        return lines


def _lines(db: Database, settings: Settings, *, errors: bool, token: TokenReport | None,
           viewer: Viewer | None, sources: bool, manages: bool, subscribes: bool,
           reach: Reach | None) -> list[str]:
    mode = "Socket Mode" if settings.slack_app_token else "HTTP events"
    desk = read_status(db, now=datetime.now(UTC))
    stored = desk.totals
    subscribed = stored.subscriptions + count_quote_subscriptions(db)
    lines = [
        f"*wirewatch status* ({mode}, time zone {fit(settings.timezone, 60)})",
        f"• Last ingest: {_date(stored.last_ingest, 'nothing ingested yet')}",
        f"• {waiting_line(desk.pending, desk.oldest_pending, desk.at, desk.waits)}",
    ]
    lines += [f"• {muted_line(desk.waits.muted)}"] if desk.waits.muted else []
    lines.append(f"• {stored_line(stored, subscribed, reach)}")
    lines += slack_run_lines(desk.runs, desk.at, server=errors)
    lines += nothing_posted(stored, subscribed, settings.admins, manages=manages,
                            subscribes=subscribes)
    lines += _mend_lines(desk, reach)
    listed = source_lines(db, errors=errors, rows=desk.sources, unread=desk.unread,
                          empty=no_sources(None if manages else settings.admins))
    return lines + delivery_lines(db, token, viewer=viewer) + \
        (listed if sources else listed[:1]) + failed_lines(db, errors=errors)




def _mend_lines(desk: DeskStatus, reach: Reach | None) -> list[str]:
    """The topics to mend, of those the reader may see."""
    mend = [(topic, found) for topic, found in desk.mend if reach is None or reach.topic(topic.id)]
    if not mend:
        return []
    return [f"• ⚠️ {mend_line(mend, named=_bold, listed_by='`/topics`')}"]


def _bold(name: str) -> str:
    return f"*{fit(name, 100)}*"


def nothing_posted(stored: Totals, subscribed: int, admins: tuple[str, ...], *, manages: bool,
                   subscribes: bool) -> list[str]:
    """Why nothing can be posted (no topic, nobody subscribed) and what changes it, as the
    reader may do it: else who does, and whom to ask (``admins``: WIREWATCH_ADMINS)."""
    ask = whom_to_ask(admins)
    if not stored.topics:
        alerting = ONLY_QUOTES if subscribed > stored.subscriptions else "nothing alerts"
        who = "" if manages else "a wirewatch admin adds one with "
        return [f"• No topics yet, so {alerting}: {who}{ADD_TOPIC}"
                + ("" if manages else f" ({ask})")]
    if subscribed:
        return []
    how = ("`/subscribe TOPIC` in a channel (or `/subscribe me TOPIC`)" if subscribes else
           "a member of this workspace types `/subscribe TOPIC` in the channel that should get "
           f"the alerts (ask one, {ask.removeprefix('ask ')})")
    return [f"• Nobody subscribes yet, so nothing is posted: {how}"]


def stored_line(stored: Totals, subscribed: int, reach: Reach | None) -> str:
    """What is stored; to a guest, whose `/topics` lists only what their channels follow, the
    workspace's counts said as such, then the topics they see."""
    articles = (f"{counted(stored.articles, 'article')} in "
                f"{counted(stored.stories, 'story', 'stories')}")
    topics, subscriptions = counted(stored.topics, "topic"), counted(subscribed, "subscription")
    if reach is None:
        return f"{articles}; {topics}; {subscriptions}"
    seen = counted(len(reach.topics), "topic") if reach.topics else "no topic"
    return (f"{articles}; this workspace: {topics}, {subscriptions}; followed in the channels "
            f"you are in: {seen}")


def slack_run_lines(runs: list[RunRecord], now: datetime, *, server: bool) -> list[str]:
    """The runs in `wirewatch status`'s words (``bot.run_lines``), with Slack's date tokens;
    ``server``: their pid, host and why Slack did not answer them (admins only)."""
    lines = run_lines(runs, now, _date, indent="    ", server=server)
    return [f"• {lines[0]}", *lines[1:]]


def _date(moment: str | None, missing: str = "time unknown") -> str:
    """A date token each reader sees in their own time zone."""
    return (slack_date(moment) or fit(moment, 60)) if moment else missing


def failed_lines(db: Database, *, errors: bool = False) -> list[str]:
    """Articles that failed for good, so a lost article is never silent; why, for admins."""
    lost = failed_by_source(db)
    total = sum(tally.count for tally in lost.values())
    if not total:
        return []
    latest = max(lost.values(), key=lambda tally: tally.count).latest_reason if errors else None
    why = f" (e.g. {fit(redact(latest), 150)})" if latest else ""
    return [f"• ⚠️ Articles that failed for good: {total}{why}; `wirewatch inbox retry` on "
            "the server queues them again"]


def no_sources(admins: tuple[str, ...] | None) -> str:
    """None yet, said in Slack (never the server's command): to an admin, the command; to
    anyone else (``admins``: WIREWATCH_ADMINS), who adds one and whom to ask."""
    if admins is None:
        return "Sources: none yet (`/wirewatch sources add URL`)"
    return ("Sources: none yet: a wirewatch admin adds one with `/wirewatch sources add URL` "
            f"({whom_to_ask(admins)})")


def source_lines(db: Database, *, errors: bool = False, rows: list[Source] | None = None,
                 unread: dict[int, int] | None = None,
                 empty: str = no_sources(None), named: bool = False) -> list[str]:
    """One line per source with its health, the unhealthy ones first; since when one fails or
    a feed has brought nothing new, and what to do; ``errors`` adds why; a source that is ok
    with nothing else to say is only counted (a desk with nothing wrong reads one line, as
    `wirewatch status` says it; `/wirewatch sources` lists them all); ``rows``: the sources
    already read, ``unread`` each folder's files not read, counted with them
    (``DeskStatus.unread``); ``empty``: what to say of none (``no_sources``); ``named``: every
    source listed, each feed with what ``source:`` matches it by (`/wirewatch sources`, where a
    filter is written)."""
    rows = list(rows) if rows is not None else list_sources(db)
    now = datetime.now(UTC)
    if not rows:
        return [f"• {empty}"]
    rows.sort(key=lambda r: (not r.unhealthy, r.id))
    held = held_by_source(db)
    elsewhere = unvouched_by_source(db)
    lines = [f"• {sources_heading(rows, now)}"]
    for row in rows[:MAX_SOURCES]:
        flag = "⚠️ " if row.unhealthy else ""
        failing = errors and row.last_error  # a poll's, or the check's as it was added
        error = f": {fit(redact(str(row.last_error)), 200)}" if failing else ""
        trouble = source_trouble(row, now=now)
        trouble = f" · {trouble}" if trouble else ""
        stored = ", ".join(f"{t.count} {t.reason}" for t in held.get(row.id, []))
        stored = f" · stored without alerting: {stored}" if stored else ""
        not_read = _not_read(db, row, unread) if errors and row.kind == "folder" else ""
        linked = f" · {links_elsewhere_line(elsewhere[row.id])}" if row.id in elsewhere else ""
        linked += f" · {fit(clash, 500)}" if (clash := named_words(row)) else ""
        matched = f" · {fit(match, 300)}" if named and (match := listed_match(row)) else ""
        said = f"{error}{trouble}{stored}{not_read}{linked}"
        if named or said or health(row) != "ok":
            lines.append(f"    {flag}{_named(row)}{matched} · {health(row)}{said}")
    return lines


def _named(row: Source) -> str:
    return f"{row.kind} {fit(redact(str(row.location)), 200)}"


def feed_trouble_section(db: Database) -> list[dict]:
    """For App Home's admins: each source failing or bringing nothing new, with since when and
    what to do, or with entries linking another host (the rest of `/wirewatch status` is a
    command away)."""
    now = datetime.now(UTC)
    elsewhere = unvouched_by_source(db)
    found = [(row, trouble) for row in list_sources(db)
             if (trouble := _to_look_at(row, now, elsewhere.get(row.id, 0)))]
    if not found:
        return []
    listed = within(HOME_CHARS, [f"• {_named(row)}: {trouble}"
                                 for row, trouble in found[:HOME_FEEDS]])
    lines = ["*Feeds to look at*", *listed]
    if len(found) > len(listed):
        lines.append(f"…and {len(found) - len(listed)} more: `/wirewatch status` lists them")
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}]


def _to_look_at(row: Source, now: datetime, linked_elsewhere: int) -> str:
    """What App Home says of a source: its trouble, its entries linking another host; empty
    for one with neither."""
    said = [source_trouble(row, now=now) or "",
            links_elsewhere_line(linked_elsewhere) if linked_elsewhere else ""]
    return "; ".join(part for part in said if part)


def _not_read(db: Database, folder: Source, unread: dict[int, int] | None) -> str:
    """A folder's files never read (a .docx, a binary .txt), which polls do not count as
    failures: only their number here, their names and why on the server (counted already in
    ``unread``, else read now)."""
    count = unread.get(folder.id, 0) if unread is not None else \
        unreadable_files(db, folder.location, limit=0)[0]
    if not count:
        return ""
    return (f" · ⚠️ {counted(count, 'file')} not read (`wirewatch sources list` on the server "
            "names them and why)")
