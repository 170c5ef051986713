"""Schema changes for delivery, in order. Add new ones at the end; never edit an applied one."""

from __future__ import annotations

import uuid

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("delivery")

@MIGRATIONS()
def m001_delivery(db: Database) -> None:
    db.table("subscriptions").create(
        {
            "id": int,
            "topic_id": int,
            "target_type": str,
            "target_id": str,
            "mode": str,
            "created_by": str,
            "created_at": str,
            "last_digest_at": str,
        },
        pk="id",
        foreign_keys=[("topic_id", "topics", "id")],
    )
    db.table("subscriptions").create_index(["topic_id", "target_type", "target_id"], unique=True)
    db.table("alerts").create(
        {
            "id": int,
            "story_id": int,
            "article_id": int,
            "channel": str,
            "kind": str,
            "status": str,
            "attempts": int,
            "next_attempt_at": str,
            "created_at": str,
            "sent_at": str,
            "ts": str,
            "thread_ts": str,
            "last_error": str,
        },
        pk="id",
        defaults={"status": "pending", "attempts": 0},
    )
    db.table("alerts").create_index(["story_id", "channel", "article_id"], unique=True)
    db.table("alerts").create_index(["status", "next_attempt_at"])
    db.table("state").create({"key": str, "value": str}, pk="key")


@MIGRATIONS()
def m002_mutes_and_posted_channel(db: Database) -> None:
    db.table("alerts").add_column("posted_channel", str)
    db.table("mutes").create(
        {"story_id": int, "channel": str, "muted_by": str, "muted_at": str},
        pk=("story_id", "channel"),
    )


@MIGRATIONS()
def m003_alert_holds(db: Database) -> None:
    db.table("alert_holds").create({"article_id": int, "reason": str, "created_at": str},
                             pk="article_id", not_null={"reason", "created_at"})


@MIGRATIONS()
def m004_paused_subscriptions(db: Database) -> None:
    db.table("subscriptions").add_column("paused_at", str)
    db.table("subscriptions").add_column("paused_reason", str)


@MIGRATIONS()
def m005_thread_gone(db: Database) -> None:
    db.table("alerts").add_column("thread_gone_at", str)


@MIGRATIONS()
def m006_subscription_notify(db: Database) -> None:
    """Who a channel subscription pings: a JSON list of Slack user and user-group ids."""
    db.table("subscriptions").add_column("notify", str)


@MIGRATIONS()
def m007_moved_channels(db: Database) -> None:
    """A channel's old id and its new one (channel_id_changed), so a late post follows it."""
    db.table("moved_channels").create({"old": str, "new": str, "moved_at": str}, pk="old",
                                      not_null={"new", "moved_at"})


@MIGRATIONS()
def m008_digest_events(db: Database) -> None:
    """The last story event a subscription's digest took: what comes after it goes in the next
    one, even stamped earlier (a clock set back, a write committed as the period closed)."""
    db.table("subscriptions").add_column("last_digest_event", int)


@MIGRATIONS()
def m009_install_id(db: Database) -> None:
    """This database's own id, stamped on its Slack posts: alert and digest ids start again in
    a new database, and an "already posted?" lookup must not take another one's post for its."""
    db.execute("INSERT OR IGNORE INTO state (key, value) VALUES ('install_id', ?)",
               [uuid.uuid4().hex])


@MIGRATIONS()
def m010_alerts_by_channel(db: Database) -> None:
    """A channel's alerts without reading them all: a channel's new id moves them (and the
    threads they started, by ``posted_channel``), a gone channel closes its waiting ones, App
    Home and `/wirewatch status` list a person's failed ones; a year of alerts is ~600,000."""
    db.table("alerts").create_index(["channel", "status"], if_not_exists=True)
    db.table("alerts").create_index(["posted_channel"], if_not_exists=True)


@MIGRATIONS()
def m011_digest_moved_reports(db: Database) -> None:
    """The moved first reports a subscription's digest listed as their story's start, read
    after the move: a digest held past its period (Slack down) must not list them new again."""
    db.execute("CREATE TABLE digest_moved_reports (subscription_id INTEGER NOT NULL "
               "REFERENCES subscriptions(id) ON DELETE CASCADE, event_id INTEGER NOT NULL, "
               "PRIMARY KEY (subscription_id, event_id))")


@MIGRATIONS()
def m012_channel_memory(db: Database) -> None:
    """What Slack taught about a channel, kept across a restart: the latest pausing or resuming
    event applied to it (Slack resends an older one minutes later) and that it takes no thread
    replies (one refused call teaches it)."""
    db.table("channel_events").create({"channel": str, "event_time": int, "kind": str},
                                      pk="channel", not_null={"event_time", "kind"})
    db.table("channels_without_threads").create({"channel": str, "since": str}, pk="channel",
                                                not_null={"since"})


@MIGRATIONS()
def m013_boots(db: Database) -> None:
    """Each run of wirewatch on this database (its boot id, stamped on its Slack posts, and
    when it began): a post of this database's id by a run it never had is a copy's."""
    db.table("boots").create({"boot": str, "started_at": str}, pk="boot",
                             not_null={"started_at"})


@MIGRATIONS()
def m014_other_posters(db: Database) -> None:
    """Another wirewatch posting with this Slack app, as last seen (its database's instance id,
    its run, its latest post and when a look here found it): said to admins after a restart."""
    db.table("other_posters").create(
        {"install": str, "boot": str, "kind": str, "channel": str, "ts": str, "seen_at": str},
        pk=("install", "boot"), not_null={"kind", "channel", "ts", "seen_at"})


@MIGRATIONS()
def m015_look_windows(db: Database) -> None:
    """Where an alert's last try can be in Slack's history (Slack's clock, Unix seconds), and
    until when Slack may still make a post whose answer never came: the "already posted?"
    lookup reads that span only, and waits that long before posting again."""
    alerts = db.table("alerts")
    alerts.add_column("look_from", float)
    alerts.add_column("look_until", float)
    alerts.add_column("late_until", str)


@MIGRATIONS()
def m016_look_cursors(db: Database) -> None:
    """Where an alert's "already posted?" lookup stopped when Slack cut it short (a 429 on a
    page of history), kept so a restart reads on from there instead of from the first page."""
    db.table("alerts").add_column("look_cursor", str)


@MIGRATIONS()
def m017_strays(db: Database) -> None:
    """An alert posted again once the late window of a try whose answer never came had closed:
    where that try's post (a stray, should Slack make it still) can be (Slack's clock, from
    ``stray_from``), when the alert was posted again, and when it is next looked for (None: not
    watched). Indexed on the last, which the sender's every pass asks."""
    alerts = db.table("alerts")
    alerts.add_column("stray_from", float)
    alerts.add_column("stray_since", str)
    alerts.add_column("stray_look_at", str)
    db.execute("CREATE INDEX alerts_stray_look ON alerts (stray_look_at) "
               "WHERE stray_look_at IS NOT NULL")


@MIGRATIONS()
def m018_stray_cursors(db: Database) -> None:
    """Where a look for an alert's stray stopped when Slack cut it short (a 429 on a page of
    history), so the next look reads on from there instead of from the newest page."""
    db.table("alerts").add_column("stray_cursor", str)


@MIGRATIONS()
def m019_digest_strays(db: Database) -> None:
    """A digest posted (or found) after a try whose answer never came, watched for that try's
    post (a stray, should Slack make it still): its subscription and payload, where its post
    went, where the stray can be (Slack's clock), when it was posted, the next look and where a
    look Slack cut short stopped. Indexed on the next look, which each digest pass asks."""
    db.table("digest_strays").create(
        {"id": int, "subscription_id": int, "payload": str, "channel": str, "ts": str,
         "stray_from": float, "since": str, "look_at": str, "cursor": str},
        pk="id", not_null={"payload", "channel", "ts", "stray_from", "since", "look_at"})
    db.execute("CREATE INDEX digest_strays_look ON digest_strays (look_at)")


@MIGRATIONS()
def m020_sayings(db: Database) -> None:
    """Messages the app says outside the outbox (an unmute's word, a pause told by direct
    message) not yet settled: what, where, the span of history its tries can be in (Slack's
    clock), when it is next tried, tries left, whether it is looked for first, when a try
    began (its answer may still come) and a turn, so only the latest timer acts on it."""
    db.table("sayings").create(
        {"key": str, "channel": str, "person": str, "text": str, "install": str, "what": str,
         "oldest": float, "latest": float, "due": float, "tries": int, "look_first": int,
         "tried_at": float, "turn": int},
        pk="key", not_null={"text", "install", "what", "oldest", "due", "tries", "turn"},
        defaults={"look_first": 0, "turn": 0})


@MIGRATIONS()
def m021_thread_links(db: Database) -> None:
    """The permalink Slack gave for a thread's first message (it does not change), so digests
    linking the same threads ask for it once."""
    db.table("thread_links").create({"channel": str, "ts": str, "permalink": str},
                                    pk=("channel", "ts"), not_null={"permalink"})


@MIGRATIONS()
def m022_alerts_held_since(db: Database) -> None:
    """When Slack first answered an alert's try with a code wirewatch does not know, so a held
    alert says since when it is held, not when it was queued (NULL: never so, or held before
    this was kept)."""
    db.table("alerts").add_column("held_since", str)


@MIGRATIONS()
def m023_runs(db: Database) -> None:
    """Each `wirewatch run` on this database as it goes (its pid and host, its heartbeat, when it
    stopped) and what it last knew of Slack's Web API (answering or not, since when, why), so
    `wirewatch status` on the server tells it from the database alone."""
    db.table("runs").create(
        {"run": str, "pid": int, "host": str, "mode": str, "started_at": str,
         "heartbeat_at": str, "stopped_at": str, "slack_answers": int, "slack_since": str,
         "slack_why": str},
        pk="run")


@MIGRATIONS()
def m024_slack_holds(db: Database) -> None:
    """Holds Slack asked for (a 429's Retry-After) on a method, a channel or every channel
    ("all"): until when and how long, so a restart inside one honours it."""
    db.table("slack_holds").create({"key": str, "until": str, "seconds": float}, pk="key",
                                   not_null={"until", "seconds"})


@MIGRATIONS()
def m025_digest_told(db: Database) -> None:
    """The stories a digest told its reader (a channel or a person) of, a line delivered, so a
    later update there is listed as one only where the story was told; kept by the reader, not
    the subscription, which may go while the reader stays told. A database from before it:
    each story on a digest's topic with a report the digest took since its subscription began
    (the rule digests read before, the topic's exclusions aside)."""
    db.execute("CREATE TABLE digest_told (target_id TEXT NOT NULL, story_id INTEGER NOT NULL, "
               "PRIMARY KEY (target_id, story_id))")
    db.execute("INSERT OR IGNORE INTO digest_told (target_id, story_id) "
               "SELECT s.target_id, sa.story_id FROM subscriptions s "
               "JOIN story_topics st ON st.topic_id = s.topic_id "
               "JOIN story_articles sa ON sa.story_id = st.story_id "
               "WHERE s.mode != 'realtime' AND sa.id <= s.last_digest_event "
               "AND sa.created_at >= s.created_at AND sa.verdict IN ('new', 'update') "
               "AND NOT EXISTS (SELECT 1 FROM alert_holds h WHERE h.article_id = sa.article_id)")


@MIGRATIONS()
def m026_alerts_tried_top_level(db: Database) -> None:
    """Whether an alert's last try went to its conversation's top level (1) or into the thread
    ``thread_ts`` (0): a fold before it is settled may bring its story a thread there, and the
    "already posted?" lookup reads where the try went. NULL: tried before this was kept (its
    place is chosen anew, as it was)."""
    db.table("alerts").add_column("tried_top_level", int)


@MIGRATIONS()
def m027_digest_owed(db: Database) -> None:
    """The story events a subscription's digest left out because an alert of its own was still
    to go to the same reader (queued, or in flight): if that alert then fails for good, the next
    digest lists the event, once; if it is posted, the event is settled."""
    db.execute("CREATE TABLE digest_owed (subscription_id INTEGER NOT NULL "
               "REFERENCES subscriptions(id) ON DELETE CASCADE, event_id INTEGER NOT NULL, "
               "PRIMARY KEY (subscription_id, event_id))")


@MIGRATIONS()
def m028_alerts_stray_thread(db: Database) -> None:
    """The thread the earliest try of an alert whose answer never came went to, when the alert
    is posted elsewhere (its channel stopped taking replies between tries): the stray watch
    reads there. NULL: where the alert is posted."""
    db.table("alerts").add_column("stray_thread_ts", str)


@MIGRATIONS()
def m029_alerts_stray_top_level(db: Database) -> None:
    """A second stray watch of an alert, at its conversation's top level, when its tries whose
    answers never came went both into a thread and to the top level (the channel stopped
    taking replies between them): where the earliest top-level try's post can be (Slack's
    clock), the next look, and where a look Slack cut short stopped. The first watch
    (``stray_look_at``) reads the thread, each look one conversation. Indexed on the next look,
    which the sender's every pass asks."""
    alerts = db.table("alerts")
    alerts.add_column("stray_top_from", float)
    alerts.add_column("stray_top_look_at", str)
    alerts.add_column("stray_top_cursor", str)
    db.execute("CREATE INDEX alerts_stray_top_look ON alerts (stray_top_look_at) "
               "WHERE stray_top_look_at IS NOT NULL")


@MIGRATIONS()
def m030_alerts_may_be_posted(db: Database) -> None:
    """An alert failed while its post may be in Slack (its lookups refused until given up, or
    only the app's earlier bot user could read where it went): 1. A digest counts it as posted
    and never lists its story in its place; other failed alerts (refused: not posted) are
    given back to the next digest."""
    db.table("alerts").add_column("may_be_posted", int)


@MIGRATIONS()
def m031_failed_alerts_latest(db: Database) -> None:
    """The latest failed alerts read in order: `/wirewatch status` asks for the five newest,
    and the status index read every failed alert of the archive and sorted them (1.8 ms at a
    year's 1,000, growing with the failures). Only a failed alert is in it, so an alert sent
    writes no entry (``storage.alerts.failed_alerts`` names it: no statistics would)."""
    db.execute("CREATE INDEX alerts_failed ON alerts (id) WHERE status = 'failed'")
