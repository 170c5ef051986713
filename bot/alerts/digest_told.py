"""Whether a digest's reader was told of a story before one of its events: else its update is
listed as new, never as an update of a story they never saw."""

from __future__ import annotations

from sqlite_utils import Database

from bot.models import Subscription, TopicEvent
from bot.stories.left_out import leaves_in
from bot.stories.query import Node
from bot.stories.stored_queries import Skipped
from storage.alerts import reports_before
from storage.threads import posted_in


def told_here(db: Database, event: TopicEvent, sub: Subscription, since: str,
              query: Node | Skipped) -> bool:
    """An alert of the story reached the conversation, or one of its earlier reports came in
    the subscription's time (``since``, ISO in UTC) and the topic's exclusions left it in (a
    held late copy, a report NOT left out, one before the subscription were listed nowhere)."""
    if posted_in(db, event.story_id, sub.target_id):
        return True
    return any(leaves_in(db, query, article)
               for article in reports_before(db, event.story_id, event.event_id, since=since))
