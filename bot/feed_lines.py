"""What `wirewatch run`'s first lines say of its feeds: what a feed's first poll, made as the
run starts, does with what the feed already carries, and where a feed that stops working or
goes quiet is told in Slack (``bot.source_notices``)."""

from __future__ import annotations

from bot.models import Source
from bot.redact import redact


def check_line(source: Source) -> str | None:
    """For a feed whose fetch as it was added failed and that no poll tried since, why: said
    before the log's first failure of it, not lines after a banner that reads as all well."""
    if source.kind != "feed" or source.last_poll_at or not source.last_error:
        return None
    return (f"its check when added failed: {redact(source.last_error)}; its first poll as this "
            "run starts tries again")


def first_poll_line(source: Source) -> str | None:
    """For a feed not yet through its first poll, what that poll does; None otherwise."""
    if source.kind != "feed" or source.last_success_at and (
            source.backlog_done_at or source.alert_existing):
        return None
    if source.alert_existing:
        return ("first poll as this run starts: alerts on what the feed already carries too "
                "(--alert-existing)")
    if check_line(source):
        return ("its first poll that works stores what the feed carries then as background (no "
                "alerts; a line says how many); alerts start with its next new entry")
    if source.backlog_entries:
        return (f"first poll under way: {source.backlog_entries} existing entries stored as "
                "background so far (no alerts); the rest as this run goes on")
    return ("first poll as this run starts: what the feed already carries is stored as "
            "background (no alerts; a line says how many); alerts start with its next new entry")


def notices_line(admin_channel: str | None) -> str:
    """Where a feed's notices go with Slack: the admin channel, and whoever added it there."""
    what = "feed notices (one stops working or goes quiet, and when it is back)"
    if admin_channel:
        return (f"{what}: to {admin_channel} (WIREWATCH_ADMIN_CHANNEL) and whoever added the "
                "feed with /wirewatch sources add")
    return (f"{what}: only to whoever added the feed with /wirewatch sources add, so nobody "
            "hears of one added with wirewatch sources add; set WIREWATCH_ADMIN_CHANNEL to a "
            "channel's ID to have them there")
