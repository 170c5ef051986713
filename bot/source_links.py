"""What every list of sources says of a feed's entries that link another host: the CLI's
`sources list`, `/wirewatch status` and `/wirewatch sources`, App Home's feeds to look at."""

from __future__ import annotations

from bot.alerts.mrkdwn import counted


def links_elsewhere_line(count: int) -> str:
    """Why ``source:`` by host does not match some of a feed's articles
    (``storage.inbox.unvouched_by_source``)."""
    return (f"{counted(count, 'entry', 'entries')} linked another host than the feed's, the "
            "page not read there: `source:` matches them by the feed's name, not by that host")
