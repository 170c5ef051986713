"""What every list of sources says of a feed's entries that link another host, and of the
name `source:` matches it by: the CLI's `sources list` and `/wirewatch sources` (where one
looks to write a filter; `/wirewatch status` says only the first), App Home's feeds to look at."""

from __future__ import annotations

from sqlite_utils import Database

from bot.alerts.mrkdwn import counted
from bot.models import Source
from bot.stories.query import TopicQueryError, parse_query
from bot.stories.topics import source_terms
from storage.topics import list_topics


def matched_as(row: Source) -> str:
    """What ``source:`` matches a feed's articles by (``Source.name``, ``Source.relays``); a
    feed not yet named (new, or stored before ``sources/m024``) takes its title then."""
    name = (f'as "{row.name}"' if row.name else
            "by its title at its next poll, kept (--name chooses another)")
    relayed = ", or the outlet an entry names in its own <source>" if row.relays else ""
    return f"source: matches it {name}{relayed}"


def listed_match(row: Source) -> str | None:
    """``matched_as`` where sources are listed; None for a folder, or for a paused feed no
    poll named (it is never fetched: no title to come)."""
    if row.kind != "feed" or (row.paused and not row.name):
        return None
    return matched_as(row)


def renamed(db: Database, row: Source, before: str | None) -> str:
    """What ``source:`` matches once a feed is renamed: the new name for what it reads from
    now on; its articles stored before keep the name they were stored under, and the topics
    whose ``source:`` named it by that name alone no longer match (nor leave out) its new
    ones."""
    if not before or before == row.name:
        return f"from its next poll on, {matched_as(row)}"
    left = _named_by(db, before, not_by=row.name or "")
    topics = (f'; topics whose source: matched "{before}" and not the new name: '
              f"{', '.join(left)}" if left else "")
    return (f'from its next poll on, {matched_as(row)}; its articles stored before keep '
            f'"{before}" (source:"{before}" matches those, not its new ones){topics}')


def _named_by(db: Database, name: str, *, not_by: str) -> list[str]:
    """``Harbour (source:"Coast Desk")``: each topic with a ``source:`` term matching ``name``
    and none matching ``not_by`` (a stored query no longer read matches nothing)."""
    found = []
    for topic in list_topics(db):
        try:
            query = parse_query(topic.query)
        except TopicQueryError:
            continue
        terms = source_terms(query, name)
        if terms and not source_terms(query, not_by):
            found.append(f"{topic.name} ({', '.join(dict.fromkeys(terms))})")
    return found


def links_elsewhere_line(count: int) -> str:
    """Why ``source:`` by host does not match some of a feed's articles
    (``storage.inbox.unvouched_by_source``)."""
    return (f"{counted(count, 'entry', 'entries')} linked another host than the feed's, the "
            "page not read there: `source:` matches them by the feed's name, not by that host")
