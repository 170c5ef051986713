"""Who follows whose words: quote subscriptions, and the quote alerts queued in the outbox."""

from __future__ import annotations

from collections.abc import Sequence

from sqlite_utils import Database

from bot.models import DirectQuote, QuoteAlertLine, QuotePick, QuoteSubscription
from bot.models.alert_bounds import bounded_line
from storage.articles import shown_published
from storage.db import marks
from storage.subscriptions import notify_ids, notify_json

MODES = ("realtime", "hourly", "daily")


def subscribe_quotes(db: Database, *, query: str, target_type: str, target_id: str,
                     mode: str, created_by: str | None, at: str,
                     notify: Sequence[str] | None = None) -> str:
    """Follow the quotes a query selects; returns added, changed (mode or whom it notifies)
    or unchanged. ``notify`` replaces the list when given; None keeps it."""
    row = db.execute("SELECT id, mode, notify FROM quote_subscriptions WHERE query = ? AND "
                     "target_type = ? AND target_id = ?", [query, target_type, target_id]
                     ).fetchone()
    if row and row[1] == mode and (notify is None or notify_ids(row[2]) == tuple(notify)):
        return "unchanged"
    if row:
        if row[1] != mode:
            db.execute("UPDATE quote_subscriptions SET mode = ?, last_digest_at = ? "
                       "WHERE id = ?", [mode, at, row[0]])
        if notify is not None:
            db.execute("UPDATE quote_subscriptions SET notify = ? WHERE id = ?",
                       [notify_json(notify), row[0]])
        return "changed"
    db.execute(
        "INSERT INTO quote_subscriptions (query, target_type, target_id, mode, created_by, "
        "created_at, last_digest_at, notify) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [query, target_type, target_id, mode, created_by, at, at,
         None if notify is None else notify_json(notify)])
    return "added"


def find_quote_subscription(db: Database, *, query: str, target_type: str,
                            target_id: str) -> QuoteSubscription | None:
    """This target's subscription to this query, or None."""
    found = [_sub(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE query = ? AND target_type = ? AND "
        "target_id = ?", [query, target_type, target_id])]
    return found[0] if found else None


def quote_alert_notify(db: Database, alert_id: int) -> tuple[str, ...]:
    """Whom the channel quote subscriptions that picked a quote alert's quotes notify."""
    rows = db.execute("SELECT DISTINCT s.id, s.notify FROM quote_alert_items i JOIN "
                      "quote_subscriptions s ON s.id = i.subscription_id WHERE i.alert_id = ? "
                      "AND s.target_type = 'channel' AND s.notify IS NOT NULL ORDER BY s.id",
                      [alert_id]).fetchall()
    return tuple(dict.fromkeys(i for (_, value) in rows for i in notify_ids(value)))


def _sub(row: dict) -> QuoteSubscription:
    return QuoteSubscription(**{**row, "notify": notify_ids(row.get("notify"))})


def unsubscribe_quotes(db: Database, *, query: str, target_type: str, target_id: str) -> bool:
    row = db.execute("SELECT id FROM quote_subscriptions WHERE query = ? COLLATE NOCASE "
                     "AND target_type = ? AND target_id = ?",
                     [query, target_type, target_id]).fetchone()
    return remove_quote_subscription(db, row[0], target_id) if row else False


def remove_quote_subscription(db: Database, subscription_id: int, target_id: str) -> bool:
    """Remove a target's quote subscription and the quotes held for its next digest."""
    cursor = db.execute("DELETE FROM quote_subscriptions WHERE id = ? AND target_id = ?",
                        [subscription_id, target_id])
    if cursor.rowcount:
        db.execute("DELETE FROM quote_digest_items WHERE subscription_id = ?", [subscription_id])
    return cursor.rowcount > 0


def quote_subscriptions_of(db: Database, target_ids: list[str]) -> list[QuoteSubscription]:
    if not target_ids:
        return []
    return [_sub(r) for r in db.query(
        f"SELECT * FROM quote_subscriptions WHERE target_id IN ({marks(target_ids)}) "
        "ORDER BY query, id", target_ids)]


def quote_subscriptions_set_up_by(db: Database, user: str) -> list[QuoteSubscription]:
    """The person's own DM quote subscriptions and the channel ones they set up, by query."""
    return [_sub(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE target_id = :user OR created_by = :user "
        "ORDER BY query, id", {"user": user})]


def running_quote_subscriptions(db: Database) -> list[QuoteSubscription]:
    """Quote subscriptions that are not paused: the only ones that get alerts and digests."""
    return [_sub(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE paused_at IS NULL ORDER BY id")]


def pause_quote_target(db: Database, target_id: str, *, reason: str,
                       at: str) -> list[QuoteSubscription]:
    """Pause every quote subscription of a channel; returns the ones running until now."""
    paused = [_sub(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE target_id = ? AND paused_at IS NULL "
        "ORDER BY id", [target_id])]
    db.execute("UPDATE quote_subscriptions SET paused_at = ?, paused_reason = ? "
               "WHERE target_id = ? AND paused_at IS NULL", [at, reason, target_id])
    return paused


def resume_quote_target(db: Database, target_id: str, *, at: str) -> list[QuoteSubscription]:
    """Resume a channel's paused quote subscriptions from ``at`` (digests do not replay the
    pause; quotes held before it still go in the next one)."""
    resumed = [_sub(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE target_id = ? AND paused_at IS NOT NULL "
        "ORDER BY id", [target_id])]
    db.execute("UPDATE quote_subscriptions SET paused_at = NULL, paused_reason = NULL, "
               "last_digest_at = ? WHERE target_id = ? AND paused_at IS NOT NULL",
               [at, target_id])
    return resumed


def resume_quotes_paused_for(db: Database, target_id: str, *, reason: str,
                             since: str) -> list[QuoteSubscription]:
    """Resume a channel's quote subscriptions paused for ``reason`` at ``since`` or later, as
    if never paused (a digest covers the pause)."""
    where = "target_id = :target AND paused_reason = :reason AND paused_at >= :since"
    params = {"target": target_id, "reason": reason, "since": since}
    resumed = [_sub(r) for r in db.query(
        "SELECT * FROM quote_subscriptions WHERE " + where + " ORDER BY id", params)]
    db.execute("UPDATE quote_subscriptions SET paused_at = NULL, paused_reason = NULL WHERE "
               + where, params)
    return resumed


def paused_quote_subscriptions(db: Database, *, user: str | None = None) -> list[QuoteSubscription]:
    """Paused quote subscriptions (all, or those ``user`` set up or gets), by query."""
    where = "paused_at IS NOT NULL"
    if user is not None:
        where += " AND (target_id = :user OR created_by = :user)"
    return [_sub(r) for r in db.query(
        f"SELECT * FROM quote_subscriptions WHERE {where} ORDER BY query, target_id",
        {"user": user})]


def keep_for_digest(db: Database, items: list[QuotePick], at: str) -> None:
    """Hold picked quotes for their subscription's next digest."""
    db.conn.executemany(
        "INSERT OR IGNORE INTO quote_digest_items (subscription_id, quote_id, created_at) "
        "VALUES (?, ?, ?)", [(item.subscription_id, item.quote_id, at) for item in items])


def take_digest_items(db: Database, subscription_id: int, until: str) -> list[int]:
    """Quote ids held for a digest up to ``until``, in the order they came; removed, so the
    digest that takes them (in the same transaction) is the only one to carry them."""
    ids = [r[0] for r in db.execute(
        "SELECT quote_id FROM quote_digest_items WHERE subscription_id = ? AND created_at <= ? "
        "ORDER BY created_at, quote_id", [subscription_id, until])]
    db.execute("DELETE FROM quote_digest_items WHERE subscription_id = ? AND created_at <= ?",
               [subscription_id, until])
    return ids


def set_quote_digest(db: Database, subscription_id: int, until: str) -> None:
    db.execute("UPDATE quote_subscriptions SET last_digest_at = ? WHERE id = ?",
               [until, subscription_id])


def direct_quotes(db: Database, article_id: int) -> list[DirectQuote]:
    """The article's direct (and partly direct) quotes with a named speaker, in reading order."""
    return [DirectQuote(**r) for r in db.query(
        "SELECT id, text, speaker, speaker_role FROM quotes WHERE article_id = ? "
        "AND kind IN ('direct', 'mixed') AND speaker IS NOT NULL ORDER BY start, id", [article_id])]


def earlier_quotes(db: Database, story_id: int, article_id: int, speakers: list[str], *,
                   per_speaker: int = 200) -> list[str]:
    """Texts of the quotes the story's other articles carry, and the latest earlier quotes of
    these speakers anywhere (a rewrite filed as a story of its own repeats them too)."""
    texts = [r[0] for r in db.execute(
        "SELECT q.text FROM quotes q JOIN story_articles sa ON sa.article_id = q.article_id "
        "WHERE sa.story_id = ? AND q.article_id != ?", [story_id, article_id])]
    for speaker in speakers:
        texts += [r[0] for r in db.execute(
            "SELECT text FROM quotes WHERE speaker = ? AND article_id < ? "
            "ORDER BY id DESC LIMIT ?", [speaker, article_id, per_speaker])]
    return texts


def queue_quote_alert(db: Database, *, story_id: int | None, article_id: int | None, target: str,
                      items: list[QuotePick], at: str) -> int | None:
    """One outbox row for new quotes to a target: those an article brings, or (story and
    article None) a digest's. None when already queued there."""
    cursor = db.execute(
        "INSERT OR IGNORE INTO alerts (story_id, article_id, channel, kind, status, attempts, "
        "next_attempt_at, created_at) VALUES (?, ?, ?, 'quote', 'pending', 0, ?, ?)",
        [story_id, article_id, target, at, at])
    if cursor.rowcount == 0:
        return None
    alert_id = cursor.lastrowid
    db.conn.executemany(
        "INSERT OR IGNORE INTO quote_alert_items (alert_id, quote_id, subscription_id) "
        "VALUES (?, ?, ?)",
        [(alert_id, item.quote_id, item.subscription_id) for item in items])
    return alert_id


def quote_alert_rows(db: Database, alert_id: int) -> list[QuoteAlertLine]:
    """The quotes of one quote alert, with their article and the query that selected them."""
    return [bounded_line(QuoteAlertLine(**r)) for r in db.query(
        "SELECT q.text, q.speaker, q.speaker_role, a.title, a.source, a.url, "
        f"{shown_published('a')} AS published, "
        "s.query, s.mode, a.origin FROM quote_alert_items i JOIN quotes q ON q.id = i.quote_id "
        "JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN quote_subscriptions s ON s.id = i.subscription_id "
        "WHERE i.alert_id = ? ORDER BY q.start, q.id", [alert_id])]


def count_quote_subscriptions(db: Database) -> int:
    """How many quote subscriptions there are (the start-up banner: does anyone get alerts)."""
    return int(db.execute("SELECT count(*) FROM quote_subscriptions").fetchone()[0])
