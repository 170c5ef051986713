"""Alerts: what one shows, the outbox, where it was posted, and what digests and muting
read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeyQuote:
    text: str
    speaker: str | None
    role: str | None


@dataclass(frozen=True)
class AlertView:
    """Everything one alert shows, gathered once so Slack blocks and the terminal render the same;
    ``kind`` is new (a new story) or update (new facts in a known story); ``story_title``, the
    story's own (its first report's headline, atop its thread); ``continues``, the earlier
    story (id, title) a new one takes up again."""

    kind: str
    story_id: int
    article_id: int
    topics: tuple[str, ...]
    headline: str
    summary: tuple[str, ...]
    whats_new: tuple[str, ...]
    source: str | None
    url: str | None
    published: str | None
    key_quote: KeyQuote | None = None
    story_title: str = ""
    continues: tuple[int, str] | None = None
    whats_new_at: tuple[int, ...] = ()
    """Where each what's-new sentence starts in the article's text (-1: not found), so the few
    an alert shows, chosen strongest first, are shown in the order the article tells them."""
    origin: str = ""
    """What brought the article (a file's path, a feed entry, an /ingest caller): said for one
    without an outlet, so its alert never reads as from nowhere."""
    arrived: str | None = None
    """When wirewatch stored it, shown for an article that gives no time of its own."""


@dataclass(frozen=True)
class FailedAlert:
    """An alert that will not be posted, and Slack's reason."""

    id: int
    story_id: int
    channel: str
    error: str | None
    created_at: str


@dataclass(frozen=True)
class HeldAlert:
    """A channel's (or person's) next alert, still waiting, and Slack's latest answer to it;
    ``behind``: that channel's alerts waiting after it; ``held_since``: when Slack first
    answered it so (None: held before that was kept)."""

    id: int
    channel: str
    error: str
    created_at: str
    behind: int
    held_since: str | None = None


@dataclass(frozen=True)
class HeldDigest:
    """A subscription's digest Slack keeps answering with an error wirewatch retries while it
    lasts: to whom, of what, since its first such answer (``since``, ISO) and the latest;
    when it is tried next (``next_try``, ISO; empty: at the next digest pass)."""

    subscription_id: int
    topic: str
    target_id: str
    since: str
    error: str
    next_try: str = ""


@dataclass(frozen=True)
class StrayWatch:
    """An alert posted again after a try whose answer never came, watched for that try's post
    (a stray Slack may make still): where it went, and where the stray can be."""

    alert_id: int
    channel: str
    ts: str
    thread_ts: str | None
    stray_from: float
    """Unix seconds by Slack's clock: the stray is stamped then or later."""
    since: str
    """When the alert was posted again (ISO)."""
    cursor: str | None = None
    """Where the last look stopped when Slack cut it short (``history.Progress.saved``)."""
    top_level: bool = False
    """The alert's second watch, at the top level (``thread_ts`` None), kept apart from the
    first's (delivery/m029): its tries whose answers never came went there and into a thread."""


@dataclass(frozen=True)
class DigestStrayWatch:
    """A digest posted (or found) after a try whose answer never came, watched for that try's
    post: which digest (``payload``, "SUB@UNTIL"), where its post went, where the stray can be."""

    id: int
    payload: str
    channel: str
    ts: str
    stray_from: float
    """Unix seconds by Slack's clock: the stray is stamped then or later."""
    since: str
    """When the digest was posted (ISO)."""
    cursor: str | None = None
    """Where the last look stopped when Slack cut it short (``history.Progress.saved``)."""


@dataclass(frozen=True)
class LookWindow:
    """Where, by Slack's clock (Unix seconds), the post of a try can be in a conversation's
    history: the "already posted?" lookup reads that span only, however busy the channel."""

    oldest: float
    latest: float | None = None


@dataclass(frozen=True)
class OutboxAlert:
    """One undelivered alert; a quote digest's has no story or article, and ``kind`` quote."""

    id: int
    story_id: int | None
    article_id: int | None
    channel: str
    kind: str
    status: str
    attempts: int
    next_attempt_at: str | None
    created_at: str
    posted_channel: str | None = None
    """The conversation its last try went to (a person's: the bot's direct messages then)."""
    look_from: float | None = None
    look_until: float | None = None
    """Where its last try's post can be in that conversation's history (LookWindow); None for a
    try made before this was kept."""
    late_until: str | None = None
    """Until when Slack may still make the post of its last try, whose answer never came (an
    ISO time); None once a try was answered."""
    look_cursor: str | None = None
    """Where its "already posted?" lookup stopped (Slack cut it short), for the next try to
    read on from, after a restart too (``bot.alerts.history.Progress``); None: from the top."""
    stray_from: float | None = None
    """Where the earliest of its tries before the last whose answer never came can be (Slack's
    clock): Slack may make that post still, after the alert is posted or found."""
    thread_ts: str | None = None
    """The thread its last try went to, in ``posted_channel``: the one its story's thread is
    while it is in flight (a fold since may have brought the story another thread there)."""
    tried_top_level: bool | None = None
    """Its last try went to the conversation's top level (a fold since may have brought the
    story a thread there); None: not tried, or tried before delivery/m026 kept it."""
    stray_thread_ts: str | None = None
    """The thread of ``posted_channel`` the earliest of its tries whose answer never came went
    to: Slack may make that post there still, after the alert is posted at the top level (the
    channel stopped taking replies)."""
    stray_top_from: float | None = None
    """Where the earliest of its tries at the top level whose answer never came can be, when one
    went there (Slack's clock): a stray of it is watched for there too, besides the thread."""


@dataclass(frozen=True)
class StoryQuoteLine:
    """A quote of a story with its article's title, source and link, as "Quotes" lists it."""

    text: str
    kind: str
    speaker: str | None
    speaker_role: str | None
    title: str
    source: str | None
    url: str | None
    origin: str | None = None
    """What brought its article: named for one without an outlet."""


@dataclass(frozen=True)
class TopicEvent:
    """A new story or an update on a topic's story, as a digest lists it."""

    story_id: int
    verdict: str
    whats_new: tuple[str, ...]
    created_at: str
    title: str
    url: str | None
    source: str | None
    event_id: int = 0
    moved_at: str | None = None
    """When a later correction (or a split) moved this report into its story, if one did."""
    article_id: int = 0
    origin: str | None = None
    """What brought it (a file, a feed, an /ingest caller): named for one without an outlet."""


@dataclass(frozen=True)
class MutedStory:
    """A story someone muted in a channel (or their direct messages), with its title if known;
    ``muted_with``: the title of the story its report was moved out of, whose mute, made before
    the move, kept it muted (``storage.mutes.carried_mutes``)."""

    story_id: int
    channel: str
    muted_at: str
    title: str | None
    muted_with: str | None = None


@dataclass(frozen=True)
class PostedMessage:
    """Where a Slack message was posted: its channel and its ``ts`` (a thread's root)."""

    channel: str
    ts: str


@dataclass(frozen=True)
class RunRecord:
    """One `wirewatch run` as the database keeps it (``storage.runs``); times ISO 8601, UTC;
    ``slack_answers``: 1 Slack's Web API answered it since ``slack_since``, 0 not (why in
    ``slack_why``), None never asked (console mode)."""

    run: str
    pid: int | None
    host: str | None
    mode: str | None
    started_at: str | None
    heartbeat_at: str | None
    stopped_at: str | None
    slack_answers: int | None
    slack_since: str | None
    slack_why: str | None
