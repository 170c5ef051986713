"""A story a digest would list that its conversation gets otherwise: as an alert of its own,
or in the digest of another topic made first."""

from __future__ import annotations

from sqlite_utils import Database

from bot.alerts.mrkdwn import fit, plain
from bot.models import Subscription, TopicEvent
from bot.stories.left_out import leaves_in
from bot.stories.stored_queries import stored_query
from storage.alerts import alerted_events
from storage.subscriptions import earlier_digests_alike
from storage.topics import TopicError, stories_on_topic, topic_row

ALERTED = "alerts here"


def listed_elsewhere(db: Database, sub: Subscription,
                     events: list[TopicEvent]) -> dict[int, str]:
    """Event id → where else the conversation gets it: an alert of its own (a realtime
    subscription of another topic), or an earlier digest of the same period length (hourly,
    daily) whose topic matched the story, begun by the event's second, whose exclusions (NOT,
    ``source:``) leave the event in."""
    found = dict.fromkeys(alerted_events(db, sub.target_id, [e.event_id for e in events]),
                          ALERTED)
    for other in earlier_digests_alike(db, sub):
        on_topic = stories_on_topic(db, other.topic_id, sorted({e.story_id for e in events}))
        query = stored_query(topic_query(db, other.topic_id))
        for event in events:
            if (event.story_id in on_topic and event.event_id not in found
                    and event.created_at >= other.created_at
                    and leaves_in(db, query, event.article_id)):
                found[event.event_id] = f"the *{fit(plain(other.topic, 80), 120)}* digest"
    return found


def topic_query(db: Database, topic_id: int) -> str:
    """The topic's query, whose exclusions leave some of its stories' articles out (""
    for a topic removed meanwhile: it leaves none out)."""
    try:
        return topic_row(db, topic_id).query
    except TopicError:
        return ""
