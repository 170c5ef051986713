"""`/wirewatch sources …` from Slack: list sources, add or remove a feed (folders: CLI only)."""

from __future__ import annotations

import re

from sqlite_utils import Database

from bot.alerts.mrkdwn import fit
from storage.db import transaction
from storage.sources import SourceError, add_source, get_source, health, list_sources, remove_source

USAGE = "/wirewatch sources [list | add FEED_URL [SECONDS] | remove NUMBER]"
SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
MAX_LISTED = 20


def sources_text(db: Database, args: str) -> str:
    """The answer to one `/wirewatch sources` command, as Slack mrkdwn."""
    verb, _, rest = args.strip().partition(" ")
    verb = verb.lower() or "list"
    try:
        if verb == "list":
            return list_text(db)
        if verb == "add":
            return _add(db, rest.split())
        if verb == "remove":
            return _remove(db, rest.strip())
    except SourceError as exc:
        return f"{fit(str(exc), 500)}\nUsage: `{USAGE}`"
    return f"Usage: `{USAGE}`"


def list_text(db: Database) -> str:
    rows = list_sources(db)
    if not rows:
        return f"No sources yet. Add a feed with `{USAGE}`."
    lines = [f"*Sources* ({len(rows)})"]
    for row in rows[:MAX_LISTED]:
        flag = "⚠️ " if row["unhealthy"] else ""
        lines.append(f"• {flag}#{row['id']} {row['kind']} {fit(row['location'], 300)}: "
                     f"{health(row)}, every {row['every']} s, last poll "
                     f"{row['last_poll_at'] or 'never'}")
        if row["last_error"]:
            lines.append(f"    last error: {fit(row['last_error'], 300)}")
    if len(rows) > MAX_LISTED:
        lines.append(f"…and {len(rows) - MAX_LISTED} more (`wirewatch sources list`)")
    return "\n".join(lines)


def _add(db: Database, words: list[str]) -> str:
    """Feeds only: a folder path from Slack would let anyone point the bot at the server's disk."""
    if not words or len(words) > 2:
        raise SourceError("give one feed address, and optionally seconds between polls")
    match = SLACK_LINK.match(words[0])
    url = match.group(1) if match else words[0]
    if len(words) == 2 and not words[1].isdigit():
        raise SourceError(f"'{words[1][:50]}' is not a number of seconds")
    every = int(words[1]) if len(words) == 2 else None
    with transaction(db):
        source = get_source(db, add_source(db, kind="feed", location=url, every=every))
    return (f"Added feed #{source['id']} {fit(source['location'], 300)}, polled every "
            f"{source['every']} s (picked up by the running bot within seconds).")


def _remove(db: Database, ident: str) -> str:
    if not ident.isdigit():
        raise SourceError("give the source number shown by `/wirewatch sources list`")
    with transaction(db):
        source = remove_source(db, int(ident))
    return f"Removed {source['kind']} #{source['id']} {fit(source['location'], 300)}."
