"""Who follows what: topic and quote subscriptions, which share where and how often alerts go."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Following:
    """What a topic and a quote subscription share: where alerts go (a channel, or a person's
    direct messages), how often (``mode``), who set it up, the last digest, and
    ``paused_reason`` while Slack refuses it."""

    id: int
    target_type: str
    target_id: str
    mode: str
    created_by: str | None
    created_at: str
    last_digest_at: str | None
    paused_at: str | None = None
    paused_reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class Subscription(Following):
    """A channel or person following a topic; a channel's ``notify`` lists the Slack user and
    user-group ids its first alerts of a story mention, so they are pinged."""

    topic_id: int
    topic: str
    notify: tuple[str, ...] = ()
    last_digest_event: int | None = None
    """The newest story event its last digest took (None: the digest goes by time alone)."""


@dataclass(frozen=True, kw_only=True)
class QuoteSubscription(Following):
    """A channel or person following the quotes a query selects; ``notify`` as for topics."""

    query: str
    notify: tuple[str, ...] = ()
