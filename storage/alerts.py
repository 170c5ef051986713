"""The outbox (one row per alert to deliver) and the alert views read back for rendering."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlite_utils import Database

from bot.models import (
    AlertView,
    FailedAlert,
    KeyQuote,
    LookWindow,
    OutboxAlert,
    StoryQuoteLine,
    TopicEvent,
    Verdict,
)
from bot.models.alert_bounds import bounded_view
from storage.articles import now_iso, shown_published
from storage.db import change_in, marks, rows_in
from storage.stories import continued_story, folded_reports, folds, make_choice

ALERTING = ("new", "update")
NOT_HELD = "AND NOT EXISTS (SELECT 1 FROM alert_holds h WHERE h.article_id = sa.article_id) "
EVENTS = ("SELECT sa.id, sa.story_id, sa.verdict, sa.whats_new, sa.created_at, articles.title, "
          "articles.url, articles.source, sa.moved_at, sa.article_id, articles.origin "
          "FROM story_articles sa "
          "JOIN articles ON articles.id = sa.article_id ")
"""The columns of a digest event, in the order _event unpacks them: one list for both readers
(topic_events_between, moved_first_reports), so neither drifts from the other."""


def enqueue_alerts(db: Database, verdict: Verdict, article_id: int,
                   topic_ids: Sequence[int]) -> int:
    """Queue one alert per realtime channel or person subscribed to a matched topic."""
    if verdict.kind not in ALERTING or not topic_ids:
        return 0
    targets = dict.fromkeys(row[0] for row in rows_in(
        db, "SELECT DISTINCT target_id FROM subscriptions WHERE mode = 'realtime' "
        "AND paused_at IS NULL AND topic_id IN ({marks})", topic_ids))
    now = now_iso()
    for channel in targets:
        db.execute(
            "INSERT OR IGNORE INTO alerts (story_id, article_id, channel, kind, status, attempts, "
            "next_attempt_at, created_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)",
            [verdict.story_id, article_id, channel, verdict.kind, now, now],
        )
    return len(targets)


def hold_alerts(db: Database, article_id: int, *, reason: str) -> None:
    """Record why an article alerts nobody, so digests and the console skip it as well."""
    db.execute("INSERT OR REPLACE INTO alert_holds (article_id, reason, created_at) "
               "VALUES (?, ?, ?)", [article_id, reason, now_iso()])


def is_held(db: Database, article_id: int) -> bool:
    """Whether the article alerts nobody (too old, first-poll background)."""
    return db.execute("SELECT 1 FROM alert_holds WHERE article_id = ?",
                      [article_id]).fetchone() is not None


def alert_view(db: Database, story_id: int, article_id: int, kind: str,
               target: str | None = None) -> AlertView:
    """What an alert shows; ``target``: the channel (or person) it goes to, whose topics of the
    story it names (every topic of the story when none is followed there any more)."""
    article = db.table("articles").get(article_id)
    story = db.table("stories").get(story_id)
    link = db.execute(
        "SELECT whats_new FROM story_articles WHERE article_id = ?", [article_id]
    ).fetchone()
    whats_new = tuple(json.loads(link[0]) if link and link[0] else ())
    topics = _topic_names(db, story_id, target) if target else []
    topics = topics or _topic_names(db, story_id)
    return bounded_view(AlertView(
        kind=kind,
        story_id=story_id,
        article_id=article_id,
        topics=tuple(topics),
        headline=article["title"],
        summary=tuple(json.loads(story["summary"] or "[]")),
        whats_new=whats_new,
        source=article["source"],
        url=article["url"],
        published=db.execute(f"SELECT {shown_published('articles')} FROM articles WHERE id = ?",
                             [article_id]).fetchone()[0],
        key_quote=_key_quote(db, article_id),
        story_title=story["title"] or "",
        continues=continued_story(db, story_id) if kind == "new" else None,
        whats_new_at=tuple(article["body"].find(sentence) for sentence in whats_new),
        origin=article["origin"] or "",
        arrived=article["ingested_at"],
    ))


def _topic_names(db: Database, story_id: int, target: str | None = None) -> list[str]:
    """The story's topics by name; with ``target``, those it subscribes to."""
    followed = " AND topics.id IN (SELECT topic_id FROM subscriptions WHERE target_id = ?)" \
        if target else ""
    return [r[0] for r in db.execute(
        "SELECT topics.name FROM story_topics JOIN topics ON topics.id = story_topics.topic_id "
        f"WHERE story_topics.story_id = ?{followed} ORDER BY topics.name",
        [story_id, target] if target else [story_id])]


def _key_quote(db: Database, article_id: int) -> KeyQuote | None:
    row = db.execute(
        "SELECT text, speaker, speaker_role FROM quotes WHERE article_id = ? AND kind = 'direct' "
        "ORDER BY (speaker IS NULL), confidence DESC, start LIMIT 1",
        [article_id],
    ).fetchone()
    return KeyQuote(*row) if row else None



def pending_alerts(db: Database, *, limit: int = 500) -> list[OutboxAlert]:
    """Each channel's (or person's) next alert not yet delivered (pending, or in flight when
    the sender stopped), oldest first: a channel's alerts go in order, so only its first can
    go, and a backlog of hundreds in one channel never hides another channel's first."""
    return [OutboxAlert(**r) for r in db.query(
        "SELECT id, story_id, article_id, channel, kind, status, attempts, next_attempt_at, "
        "created_at, posted_channel, look_from, look_until, late_until, look_cursor, stray_from, "
        "thread_ts, tried_top_level, stray_thread_ts, stray_top_from FROM alerts "
        "WHERE id IN (SELECT min(id) FROM alerts "
        "WHERE status IN ('pending', 'sending') GROUP BY channel) ORDER BY id LIMIT ?",
        [limit])]


def alerted_article(db: Database, channel: str, ts: str) -> tuple[int, int] | None:
    """The story and article of the alert posted as this message (its channel and ``ts``), if
    wirewatch posted one so."""
    row = db.execute("SELECT story_id, article_id FROM alerts WHERE posted_channel = ? AND ts = ? "
                     "ORDER BY id LIMIT 1", [channel, ts]).fetchone()
    return (row[0], row[1]) if row else None


def alert_channel(db: Database, alert_id: int) -> str | None:
    """The channel (or person) an alert is queued for; None when the alert is gone."""
    row = db.execute("SELECT channel FROM alerts WHERE id = ?", [alert_id]).fetchone()
    return str(row[0]) if row else None


def withdraw_waiting(db: Database, *, story_id: int, article_id: int) -> int:
    """Close the article's alerts, still waiting, for a story it has left, so it is not shown
    in that story's thread as well as in its own; one in flight may have gone out, and stays."""
    return db.execute("UPDATE alerts SET status = 'withdrawn', last_error = 'moved to a story "
                      "of its own' WHERE story_id = ? AND article_id = ? AND status = 'pending'",
                      [story_id, article_id]).rowcount


def still_queued(db: Database, alert_id: int) -> bool:
    """Whether an alert read from the outbox is still waiting: a channel move may have dropped
    it for its twin, or closed it, since."""
    return db.execute("SELECT 1 FROM alerts WHERE id = ? AND status IN ('pending', 'sending')",
                      [alert_id]).fetchone() is not None


def mark_sending(db: Database, alert_id: int, *, channel: str, thread_ts: str | None = None,
                 look_after: str | None = None, window: LookWindow | None = None,
                 late_until: str | None = None, spanless_from: float | None = None) -> None:
    """Record that a post is about to go out, in ``channel`` (the thread ``thread_ts``, else the
    top level, kept as such), so a restart knows to look for it first, there, and not before
    ``look_after`` (Slack may still be making a post whose sender died); where in that history
    to look (``window``), and until when Slack may still make it (``late_until``, kept until an
    answer comes). The span of a try before whose answer never came is kept too (``stray_from``,
    the earliest such): Slack may make its post still. A try in flight kept with no span (by a
    wirewatch from before delivery/m015: whether its answer came is not known) counts from
    ``spanless_from``, where the lookup read for it. The thread of the earliest try whose answer
    never came that went into one is kept (``stray_thread_ts``): a later try may go to the
    top level (the channel stopped taking replies), and the stray watch reads the thread; so is
    the span of the earliest that went to the top level (``stray_top_from``), watched there."""
    db.execute("UPDATE alerts SET status = 'sending', attempts = attempts + 1, "
               "posted_channel = ?, thread_ts = ?, tried_top_level = ?, "
               "next_attempt_at = coalesce(?, next_attempt_at), "
               "stray_from = CASE WHEN late_until IS NOT NULL AND look_from IS NOT NULL "
               "THEN min(coalesce(stray_from, look_from), look_from) "
               "WHEN status = 'sending' AND look_from IS NULL AND ? IS NOT NULL "
               "THEN min(coalesce(stray_from, ?), ?) ELSE stray_from END, "
               "stray_thread_ts = CASE WHEN stray_thread_ts IS NULL AND late_until IS NOT NULL "
               "AND look_from IS NOT NULL AND coalesce(tried_top_level, 0) = 0 "
               "THEN thread_ts ELSE stray_thread_ts END, "
               "stray_top_from = CASE WHEN late_until IS NOT NULL AND look_from IS NOT NULL "
               "AND tried_top_level = 1 THEN min(coalesce(stray_top_from, look_from), look_from) "
               "ELSE stray_top_from END, look_from = ?, look_until = ?, "
               "late_until = ?, look_cursor = NULL WHERE id = ?",
               [channel, thread_ts, int(thread_ts is None), look_after, spanless_from,
                spanless_from, spanless_from, window.oldest if window else None,
                window.latest if window else None, late_until, alert_id])


def mark_sent(db: Database, alert_id: int, *, channel: str, ts: str, thread_ts: str | None,
              sent_at: str) -> None:
    db.execute("UPDATE alerts SET status = 'sent', posted_channel = ?, ts = ?, thread_ts = ?, "
               "sent_at = ?, last_error = NULL, look_cursor = NULL, stray_from = NULL, "
               "stray_thread_ts = NULL, stray_top_from = NULL "
               "WHERE id = ?",
               [channel, ts, thread_ts, sent_at, alert_id])


def mark_retry(db: Database, alert_id: int, *, error: str, next_attempt_at: str,
               in_flight: bool, count: bool = False, answered: bool = False,
               held_at: str | None = None) -> None:
    """Try again later; ``in_flight`` keeps it marked as possibly posted (5xx, network error);
    ``count`` counts this failure among its attempts (so the backoff grows); ``answered``:
    Slack answered the try, so it will not make its post later; ``held_at``: when this answer
    came, one that holds the alert (the first such is kept)."""
    status = "sending" if in_flight else "pending"
    db.execute("UPDATE alerts SET status = ?, last_error = ?, next_attempt_at = ?, "
               "attempts = attempts + ?, late_until = CASE WHEN ? THEN NULL ELSE late_until END, "
               "held_since = coalesce(held_since, ?) WHERE id = ?",
               [status, error, next_attempt_at, int(count), int(answered), held_at, alert_id])


def mark_done(db: Database, alert_id: int, *, status: str, error: str | None = None,
              may_be_posted: bool = False) -> None:
    """Close an alert that will not be posted: ``status`` is failed or muted; ``may_be_posted``:
    failed while a try of it may be in Slack (never given back to a digest)."""
    db.execute("UPDATE alerts SET status = ?, last_error = ?, look_cursor = NULL, "
               "may_be_posted = ? WHERE id = ?",
               [status, error, 1 if may_be_posted else None, alert_id])


def keep_look_cursor(db: Database, alert_id: int, cursor: str | None) -> None:
    """Where the alert's "already posted?" lookup stopped (None: it read to the end)."""
    db.execute("UPDATE alerts SET look_cursor = ? WHERE id = ?", [cursor, alert_id])


def fail_pending(db: Database, target: str, *, error: str) -> int:
    """Close every undelivered alert to ``target`` (its channel is gone); returns how many."""
    return db.execute("UPDATE alerts SET status = 'failed', last_error = ?, look_cursor = NULL "
                      "WHERE channel = ? AND status IN ('pending', 'sending')",
                      [error, target]).rowcount


def refused_since(db: Database, target: str, *, errors: Sequence[str], since: str) -> list[int]:
    """Alerts to ``target`` queued since ``since`` that failed with one of ``errors``: the
    ones a channel refused while its id was changing, to queue again once it has its new id."""
    return [row[0] for row in db.execute(
        f"SELECT id FROM alerts WHERE channel = ? AND status = 'failed' AND created_at >= ? "
        f"AND last_error IN ({marks(errors)}) ORDER BY id", [target, since, *errors])]


def requeue(db: Database, alert_ids: Sequence[int], *, at: str) -> int:
    """Queue failed alerts again; one that was tried goes back as in flight, so the sender
    asks Slack whether it went out before posting it (never twice). Slack answered its try
    (it failed), so it is looked for at once, not waited for as one whose answer never came."""
    return change_in(
        db, "UPDATE alerts SET status = CASE WHEN posted_channel IS NULL THEN 'pending' "
        "ELSE 'sending' END, attempts = 0, last_error = NULL, next_attempt_at = ?, "
        "late_until = NULL, look_cursor = NULL, held_since = NULL "
        "WHERE id IN ({marks}) AND status = 'failed'", alert_ids, before=[at])


def queue_missed(db: Database, target: str, *, reason: str, since: str) -> int:
    """Queue the alerts ``target``'s realtime subscriptions, paused for ``reason`` since
    ``since`` or later, did not get while paused (new stories and updates on their topics,
    stored after the pause), oldest first; one already queued is not queued twice."""
    at = now_iso()
    return db.execute(
        "INSERT OR IGNORE INTO alerts (story_id, article_id, channel, kind, status, attempts, "
        "next_attempt_at, created_at) SELECT DISTINCT sa.story_id, sa.article_id, s.target_id, "
        "sa.verdict, 'pending', 0, ?, ? FROM subscriptions s "
        "JOIN story_topics st ON st.topic_id = s.topic_id "
        "JOIN story_articles sa ON sa.story_id = st.story_id "
        "WHERE s.target_id = ? AND s.mode = 'realtime' AND s.paused_reason = ? "
        "AND s.paused_at >= ? AND sa.created_at >= s.paused_at "
        "AND sa.verdict IN ('new', 'update') " + NOT_HELD + "ORDER BY sa.id",
        [at, at, target, reason, since]).rowcount


def failed_alerts(db: Database, *, targets: list[str] | None = None,
                  limit: int = 10) -> list[FailedAlert]:
    """The most recent failed alerts (to ``targets``, when given), newest first: all of them
    read in order by ``alerts_failed``, a target's by its own index."""
    sql = ("SELECT id, story_id, channel, last_error, created_at FROM alerts {by}"
           "WHERE status = 'failed' ")
    if targets is None:
        rows = db.execute(sql.format(by="INDEXED BY alerts_failed ") + "ORDER BY id DESC LIMIT ?",
                          [limit]).fetchall()
    else:
        rows = sorted(rows_in(db, sql.format(by="") + "AND channel IN ({marks}) "
                              "ORDER BY id DESC LIMIT ?", targets, limit), reverse=True)[:limit]
    return [FailedAlert(*row) for row in rows]


def count_failed(db: Database) -> int:
    return db.execute("SELECT count(*) FROM alerts WHERE status = 'failed'").fetchone()[0]


def forget_thread(db: Database, target: str, ts: str, *, at: str) -> None:
    """Someone deleted the message ``ts`` in ``target`` that a story's alerts (its own, or
    those of the stories continuing it) threaded under: they thread elsewhere from now on."""
    db.execute("UPDATE alerts SET thread_gone_at = ? WHERE channel = ? AND ts = ? "
               "AND thread_ts IS NULL", [at, target, ts])


def mute_story(db: Database, *, story_id: int, channel: str, user: str | None, at: str) -> bool:
    """False when the story was muted there already (by whoever muted it first)."""
    return make_choice(db, "mutes", story_id=story_id, channel=channel, user=user, at=at)


def is_muted(db: Database, story_id: int | None, channels: list[str]) -> bool:
    """A quote digest's alert (no story) is never muted."""
    if story_id is None:
        return False
    row = db.execute(f"SELECT 1 FROM mutes WHERE story_id = ? AND channel IN "
                     f"({marks(channels)}) LIMIT 1", [story_id, *channels]).fetchone()
    return row is not None


def story_quotes(db: Database, story_id: int, *, limit: int = 10,
                 own: bool = False) -> list[StoryQuoteLine]:
    """The story's quotes, direct ones with a named speaker first; ``own``: of a folded story,
    only those of the reports it held when folded (``folded_reports``)."""
    where, params = folded_reports(db, story_id) if own else ("sa.story_id = ?", [story_id])
    return [StoryQuoteLine(**r) for r in db.query(
        "SELECT quotes.text, quotes.kind, quotes.speaker, quotes.speaker_role, articles.title, "
        "articles.source, articles.url, articles.origin FROM quotes "
        "JOIN story_articles sa ON sa.article_id = quotes.article_id "
        f"JOIN articles ON articles.id = quotes.article_id WHERE {where} "
        "ORDER BY (quotes.kind != 'direct'), (quotes.speaker IS NULL), quotes.confidence DESC, "
        "quotes.id LIMIT ?", [*params, limit])]


def topic_events_between(db: Database, topic_id: int, since: str, until: str,
                         after: int | None = None) -> list[TopicEvent]:
    """New stories and updates on a topic's stories with since <= time <= until, oldest first
    (times have whole seconds: an event of the subscription's second is in its first digest);
    with ``after`` (the last event a digest took), every later event stamped up to until."""
    start = "sa.id > :after " if after is not None else "sa.created_at >= :since "
    rows = db.execute(
        EVENTS + "JOIN story_topics st ON st.story_id = sa.story_id AND st.topic_id = :topic "
        "WHERE sa.verdict IN ('new', 'update') " + NOT_HELD + "AND " + start +
        "AND sa.created_at <= :until ORDER BY sa.id",
        {"topic": topic_id, "since": since, "until": until, "after": after})
    return [_event(row) for row in rows]


def told_of(db: Database, story_id: int, target: str) -> bool:
    """Whether ``target`` (a channel or a person) was told of the story, or of a story folded
    into it: an alert of it posted there, or in flight (its post may be in Slack; the outbox
    finds it or posts it once, a crash or not), or a line of it in a digest delivered there
    (``digest_told``); not one still queued (nothing of it is in Slack, and a channel that
    refuses it fails it for good), nor whether a topic would have matched its reports."""
    return db.execute(
        f"WITH RECURSIVE {folds()}, told(id) AS (SELECT ? UNION SELECT id FROM folds "
        "WHERE folded_into = ?) SELECT 1 FROM alerts a WHERE a.channel = ? "
        "AND a.story_id IN (SELECT id FROM told) AND a.kind IN ('new', 'update') "
        "AND a.status IN ('sending', 'sent') UNION ALL SELECT 1 FROM digest_told "
        "WHERE target_id = ? AND story_id IN (SELECT id FROM told) LIMIT 1",
        [story_id, story_id, target, target]).fetchone() is not None


def record_told(db: Database, target: str, story_ids: Sequence[int]) -> None:
    """A digest listing these stories was delivered to ``target``. Call inside the transaction
    that closes its period, so a crash never leaves one recorded without the other (a digest
    found in Slack after a lost answer is recorded as it closes)."""
    db.conn.executemany("INSERT OR IGNORE INTO digest_told (target_id, story_id) VALUES (?, ?)",
                        [(target, story) for story in story_ids])


def alerted_events(db: Database, target: str, event_ids: Sequence[int], *,
                   statuses: Sequence[str] = ("pending", "sending", "sent")) -> frozenset[int]:
    """Which of these story events (story_articles ids) go to ``target`` as alerts of their own:
    queued, being sent or sent (or in ``statuses``); one of a story folded into the event's
    since (a fold of a fold too) counts: its alerts keep the thread they were posted in. With
    sent, one failed while it may have gone out counts as sent: a digest never lists in its
    place what may be in Slack already."""
    unsure = "OR a.status = 'failed' AND a.may_be_posted = 1" if "sent" in statuses else ""
    return frozenset(row[0] for row in rows_in(
        db, f"WITH RECURSIVE {folds()} SELECT sa.id FROM story_articles sa JOIN alerts a "
        "ON a.article_id = sa.article_id AND (a.story_id = sa.story_id OR a.story_id IN "
        "(SELECT id FROM folds WHERE folded_into = sa.story_id)) WHERE a.channel = ? "
        f"AND a.kind != 'quote' AND (a.status IN ({marks(statuses)}) {unsure}) "
        "AND sa.id IN ({marks})", event_ids, before=(target, *statuses)))


def story_events(db: Database, event_ids: Sequence[int]) -> list[TopicEvent]:
    """These story events as a digest reads them, oldest first (an event of an article held
    from alerting, or one no longer stored, left out)."""
    if not event_ids:
        return []
    return [_event(row) for row in rows_in(
        db, EVENTS + "WHERE sa.id IN ({marks}) " + NOT_HELD + "ORDER BY sa.id", event_ids)]


def moved_first_reports(db: Database, story_ids: Sequence[int], *, before: int,
                        taken: int | None, subscription: int) -> list[TopicEvent]:
    """The first reports of these stories that a later correction (or a split) moved in from
    another story, as events before ``before``: a digest may have taken them as that other
    story's news. ``taken``, the last event an earlier digest took: a story holding a report
    of its own by then had been made, so that digest listed its first report in it; and one
    the ``subscription``'s digest read after the move, it listed as its story's start."""
    rows = rows_in(
        db, EVENTS + "WHERE sa.story_id IN ({marks}) AND sa.verdict = 'new' AND sa.id < ? "
        "AND sa.moved_from IS NOT NULL " + NOT_HELD + "AND NOT EXISTS (SELECT 1 FROM "
        "story_articles own WHERE own.story_id = sa.story_id AND own.moved_from IS NULL "
        "AND own.verdict IN ('new', 'update') AND own.id <= ?) AND NOT EXISTS (SELECT 1 FROM "
        "digest_moved_reports d WHERE d.subscription_id = ? AND d.event_id = sa.id) "
        "ORDER BY sa.id", story_ids, before, taken or 0, subscription)
    return [_event(row) for row in rows]


def _event(row: Sequence) -> TopicEvent:
    """A row of EVENTS as a digest reads it."""
    event_id, story_id, verdict, whats_new, created_at, title, url, source, moved_at, \
        article_id, origin = row
    return TopicEvent(story_id, verdict, tuple(json.loads(whats_new or "[]")), created_at,
                      title, url, source, event_id, moved_at, article_id, origin)
