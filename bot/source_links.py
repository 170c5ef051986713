"""What every list of sources says of a feed's entries that link another host, and of the
name `source:` matches it by: the CLI's `sources list`, `/wirewatch status` and
`/wirewatch sources`, App Home's feeds to look at."""

from __future__ import annotations

from bot.alerts.mrkdwn import counted
from bot.models import Source


def matched_as(row: Source) -> str:
    """What ``source:`` matches a feed's articles by (``Source.name``, ``Source.relays``); a
    feed not yet named (new, or stored before ``sources/m024``) takes its title then."""
    name = (f'as "{row.name}"' if row.name else
            "by its title at its next poll, kept (--name chooses another)")
    relayed = ", or the outlet an entry names in its own <source>" if row.relays else ""
    return f"source: matches it {name}{relayed}"


def renamed(row: Source, before: str | None) -> str:
    """What ``source:`` matches once a feed is renamed: the new name for what it reads from
    now on; its articles stored before keep the name they were stored under."""
    kept = (f'; its articles stored before keep "{before}" (source:"{before}" matches those, '
            "not its new ones)" if before and before != row.name else "")
    return f"from its next poll on, {matched_as(row)}{kept}"


def links_elsewhere_line(count: int) -> str:
    """Why ``source:`` by host does not match some of a feed's articles
    (``storage.inbox.unvouched_by_source``)."""
    return (f"{counted(count, 'entry', 'entries')} linked another host than the feed's, the "
            "page not read there: `source:` matches them by the feed's name, not by that host")
