"""What `/wirewatch status` reports: sources, the last ingest, alerts waiting to go out."""

from __future__ import annotations

from sqlite_utils import Database

from bot.alerts.mrkdwn import fit
from bot.config import Settings
from storage.alerts import count_pending

MAX_SOURCES = 15


def status_lines(db: Database, settings: Settings) -> list[str]:
    mode = "Socket Mode" if settings.slack_app_token else "HTTP events"
    last = db.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]
    counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "stories", "topics", "subscriptions")}
    lines = [
        f"*wirewatch status* ({mode}, time zone {fit(settings.timezone, 60)})",
        f"• Last ingest: {last or 'nothing ingested yet'}",
        f"• Alerts waiting to be posted: {count_pending(db)}",
        f"• {counts['articles']} articles in {counts['stories']} stories; "
        f"{counts['topics']} topics; {counts['subscriptions']} subscriptions",
    ]
    return lines + source_lines(db)


def source_lines(db: Database) -> list[str]:
    """One line per source, flagged when unhealthy (empty until sources are configured)."""
    if not db["sources"].exists():
        return ["• Sources: none configured"]
    rows = list(db.query("SELECT * FROM sources ORDER BY id"))
    if not rows:
        return ["• Sources: none configured"]
    bad = [r for r in rows if r.get("unhealthy")]
    lines = [f"• Sources: {len(rows)} ({len(bad)} unhealthy)"]
    for row in rows[:MAX_SOURCES]:
        flag = "⚠️ unhealthy" if row.get("unhealthy") else "ok"
        where = fit(str(row.get("location") or row.get("id")), 200)
        error = f" ({fit(str(row['last_error']), 200)})" if row.get("unhealthy") and \
            row.get("last_error") else ""
        lines.append(f"    {row.get('kind') or 'source'} {where}: {flag}{error}")
    return lines
