"""Who gets which topic: a channel or a person, in realtime, hourly or daily mode."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlite_utils import Database

from bot.models import Subscription
from storage.held_digests import forget_held
from storage.stories import FOLDS, folds

MODES = ("realtime", "hourly", "daily")

LATEST = "(SELECT coalesce(max(id), 0) FROM story_articles)"
"""The last story event stored: a digest starting afresh (a resume, a new mode) takes the
events after it, by the order they were stored, not by their stamps: a stamp has whole
seconds, and the events of the resume's second before it were listed or paused."""


def subscribe(db: Database, *, topic_id: int, target_type: str, target_id: str, mode: str,
              created_by: str | None, at: str, notify: Sequence[str] | None = None) -> str:
    """Add or change a subscription; returns added, changed or unchanged. ``notify`` (who its
    alerts mention) replaces the list when given; None keeps it."""
    row = db.execute("SELECT id, mode, notify FROM subscriptions WHERE topic_id = ? AND "
                     "target_type = ? AND target_id = ?",
                     [topic_id, target_type, target_id]).fetchone()
    stored = None if notify is None else notify_json(notify)
    if row and row[1] == mode and (notify is None or notify_ids(row[2]) == tuple(notify)):
        return "unchanged"
    if row:
        if row[1] != mode:
            _set_mode(db, row[0], mode, at)
        if notify is not None:
            db.execute("UPDATE subscriptions SET notify = ? WHERE id = ?", [stored, row[0]])
        return "changed"
    db.table("subscriptions").insert({"topic_id": topic_id, "target_type": target_type,
                                "target_id": target_id, "mode": mode, "created_by": created_by,
                                "created_at": at, "last_digest_at": at, "notify": stored})
    return "added"


def set_mode(db: Database, subscription_id: int, mode: str, *, at: str) -> bool:
    """Change how often a stored subscription comes; False when it is stored no more (removed,
    or its topic, since it was read): nothing is added back."""
    row = db.execute("SELECT mode FROM subscriptions WHERE id = ?", [subscription_id]).fetchone()
    if row and row[0] != mode:
        _set_mode(db, subscription_id, mode, at)
    return row is not None


def _set_mode(db: Database, subscription_id: int, mode: str, at: str) -> None:
    """The digest in its new mode starts afresh after the events stored by now (``LATEST``)."""
    db.execute(f"UPDATE subscriptions SET mode = ?, last_digest_at = ?, last_digest_event = "
               f"{LATEST} WHERE id = ?", [mode, at, subscription_id])


def find_subscription(db: Database, *, topic_id: int, target_type: str,
                      target_id: str) -> Subscription | None:
    """This target's subscription to this topic, or None."""
    found = _subs(db, "s.topic_id = :topic AND s.target_type = :type AND s.target_id = :target",
                  topic=topic_id, type=target_type, target=target_id)
    return found[0] if found else None


def story_notify(db: Database, target_id: str, story_id: int) -> tuple[str, ...]:
    """Who the running realtime subscriptions of ``target_id`` to the story's topics notify,
    each once, in the order they were named."""
    rows = db.execute("SELECT s.notify FROM subscriptions s WHERE s.target_id = ? AND "
                      "s.mode = 'realtime' AND s.paused_at IS NULL AND s.notify IS NOT NULL AND "
                      "s.topic_id IN (SELECT topic_id FROM story_topics WHERE story_id = ?) "
                      "ORDER BY s.id", [target_id, story_id]).fetchall()
    return tuple(dict.fromkeys(i for (value,) in rows for i in notify_ids(value)))


def notify_json(notify: Sequence[str]) -> str | None:
    """The stored form of a notify list: a JSON list of ids, NULL for nobody."""
    return json.dumps(list(notify)) if notify else None


def notify_ids(value: str | None) -> tuple[str, ...]:
    """The stored notify list; anything that is not a list of strings counts as nobody."""
    try:
        ids = json.loads(value) if value else []
    except ValueError:
        return ()
    return tuple(i for i in ids if isinstance(i, str)) if isinstance(ids, list) else ()


def unsubscribe(db: Database, *, topic_id: int, target_type: str, target_id: str) -> bool:
    where, params = "topic_id = ? AND target_type = ? AND target_id = ?", \
        [topic_id, target_type, target_id]
    forget_held(db, [row[0] for row in db.execute(f"SELECT id FROM subscriptions WHERE {where}",
                                                  params)])
    cursor = db.execute(f"DELETE FROM subscriptions WHERE {where}", params)
    return cursor.rowcount > 0


def subscription(db: Database, subscription_id: int) -> Subscription | None:
    found = _subs(db, "s.id = :id", id=subscription_id)
    return found[0] if found else None


def subscriptions_of(db: Database, target_ids: list[str]) -> list[Subscription]:
    """Subscriptions of these channels or people, with topic names, by topic."""
    if not target_ids:
        return []
    targets = {f"target{i}": target for i, target in enumerate(target_ids)}
    marks = ",".join(f":{name}" for name in targets)
    return _subs(db, f"s.target_id IN ({marks}) ORDER BY t.name COLLATE NOCASE, s.target_id",
                 **targets)


def subscriptions_by(db: Database, user: str) -> list[Subscription]:
    """A person's own DM subscriptions and the channel subscriptions they set up."""
    return _subs(db, "s.target_id = :user OR (s.target_type = 'channel' AND s.created_by = :user) "
                 "ORDER BY t.name COLLATE NOCASE, s.target_id", user=user)


def digest_subscriptions(db: Database) -> list[Subscription]:
    """Hourly and daily subscriptions that are not paused."""
    return _subs(db, "s.mode IN ('hourly', 'daily') AND s.paused_at IS NULL ORDER BY s.id")


def earlier_digests_alike(db: Database, sub: Subscription) -> list[Subscription]:
    """The running digest subscriptions of ``sub``'s conversation, in its mode, made before it."""
    return _subs(db, "s.target_id = :target AND s.mode = :mode AND s.id < :id "
                 "AND s.paused_at IS NULL ORDER BY s.id",
                 target=sub.target_id, mode=sub.mode, id=sub.id)


def pause_target(db: Database, target_id: str, *, reason: str, at: str) -> list[Subscription]:
    """Pause every subscription of a channel; returns the ones that were running until now."""
    paused = _subs(db, "s.target_id = :target AND s.paused_at IS NULL ORDER BY s.id",
                   target=target_id)
    db.execute("UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE target_id = ? "
               "AND paused_at IS NULL", [at, reason, target_id])
    forget_held(db, [sub.id for sub in paused])
    return paused


def resume_target(db: Database, target_id: str, *, at: str) -> list[Subscription]:
    """Resume a channel's paused subscriptions from ``at``, after the events stored by now
    (``LATEST``: digests do not replay the pause, nor list again what they listed)."""
    resumed = _subs(db, "s.target_id = :target AND s.paused_at IS NOT NULL ORDER BY s.id",
                    target=target_id)
    db.execute("UPDATE subscriptions SET paused_at = NULL, paused_reason = NULL, "
               f"last_digest_at = ?, last_digest_event = {LATEST} WHERE target_id = ? "
               "AND paused_at IS NOT NULL",
               [at, target_id])
    return resumed


def resume_paused_for(db: Database, target_id: str, *, reason: str,
                      since: str) -> list[Subscription]:
    """Resume a channel's subscriptions paused for ``reason`` at ``since`` or later, as if
    never paused (a digest covers the pause): the pause was a mistake, not the channel's."""
    where = "target_id = :target AND paused_reason = :reason AND paused_at >= :since"
    params = {"target": target_id, "reason": reason, "since": since}
    resumed = _subs(db, "s.target_id = :target AND s.paused_reason = :reason "
                    "AND s.paused_at >= :since ORDER BY s.id", **params)
    db.execute("UPDATE subscriptions SET paused_at = NULL, paused_reason = NULL WHERE " + where,
               params)
    return resumed


def paused_subscriptions(db: Database, *, user: str | None = None) -> list[Subscription]:
    """Paused subscriptions (all, or those ``user`` set up or gets), by topic."""
    where = "s.paused_at IS NOT NULL"
    if user is not None:
        where += " AND (s.target_id = :user OR s.created_by = :user)"
    return _subs(db, where + " ORDER BY t.name COLLATE NOCASE, s.target_id", user=user)


def subscriptions_set_up_by(db: Database, user: str) -> list[Subscription]:
    """The person's own DM subscriptions and the channel subscriptions they set up."""
    return _subs(db, "s.target_id = :user OR s.created_by = :user ORDER BY s.id", user=user)


def _subs(db: Database, where: str, **params: object) -> list[Subscription]:
    rows = db.query("SELECT s.id, s.topic_id, t.name AS topic, s.target_type, s.target_id, "
                    "s.mode, s.created_by, s.created_at, s.last_digest_at, s.paused_at, "
                    "s.paused_reason, s.notify, s.last_digest_event FROM subscriptions s "
                    "JOIN topics t ON t.id = s.topic_id WHERE " + where, params)
    return [Subscription(**{**row, "notify": notify_ids(row["notify"])}) for row in rows]


def set_last_digest(db: Database, subscription_id: int, at: str, event: int | None = None,
                    moved: Sequence[int] = ()) -> None:
    """The digest up to ``at`` is done, and took the story events up to ``event`` (if any);
    ``moved``: the moved first reports it listed as their story's start."""
    db.execute("UPDATE subscriptions SET last_digest_at = ?, "
               "last_digest_event = coalesce(?, last_digest_event) WHERE id = ?",
               [at, event, subscription_id])
    db.conn.executemany("INSERT OR IGNORE INTO digest_moved_reports (subscription_id, event_id) "
                        "VALUES (?, ?)", [(subscription_id, e) for e in moved])


LISTED_IN = ("coalesce((WITH RECURSIVE up(id, depth) AS (SELECT sa.folded_from, 0 UNION ALL "
             "SELECT s.folded_into, up.depth + 1 FROM up JOIN stories s ON s.id = up.id WHERE "
             "s.folded_into IS NOT NULL AND s.folded_at <= a.created_at AND up.depth < "
             f"{FOLDS}) SELECT id FROM up ORDER BY depth DESC LIMIT 1), sa.story_id)")
"""The story a quote digest's quote (``a``, its report ``sa``) was in when it was listed: from
the story its report was folded from, each fold made by then followed (a fold of a fold
too); the story holding it for a report never folded."""


def followed_in(db: Database, channels: Iterable[str]) -> tuple[frozenset[int], frozenset[int]]:
    """(topics, stories) these channels follow: the topics they subscribe to; the stories of
    those topics and those alerted there (a quote digest, which names no story, by the stories
    its quotes were in when listed), and the stories folded into any of them, whose reports
    theirs were when they were followed."""
    targets = sorted(set(channels))
    if not targets:
        return frozenset(), frozenset()
    marks = ",".join("?" * len(targets))
    topics = frozenset(r[0] for r in db.execute(
        f"SELECT topic_id FROM subscriptions WHERE target_type = 'channel' AND target_id IN "
        f"({marks})", targets))
    sent = f"a.status = 'sent' AND (a.channel IN ({marks}) OR a.posted_channel IN ({marks}))"
    stories = frozenset(r[0] for r in db.execute(
        f"WITH RECURSIVE {folds()}, reached(id) AS ("
        f"SELECT a.story_id FROM alerts a WHERE a.story_id IS NOT NULL AND {sent} "
        f"UNION SELECT {LISTED_IN} FROM alerts a JOIN quote_alert_items qi ON qi.alert_id = "
        f"a.id JOIN quotes q ON q.id = qi.quote_id JOIN story_articles sa ON sa.article_id = "
        f"q.article_id WHERE a.story_id IS NULL "
        f"AND a.kind = 'quote' AND {sent} "
        f"UNION SELECT st.story_id FROM story_topics st JOIN subscriptions s ON s.topic_id = "
        f"st.topic_id WHERE s.target_type = 'channel' AND s.target_id IN ({marks})) "
        "SELECT id FROM reached UNION SELECT f.id FROM folds f JOIN reached r ON "
        "r.id = f.folded_into", targets * 5))
    return topics, stories
