"""What a newsroom sees when delivery fails: paused subscriptions and failed alerts, as lines
for `/wirewatch status` and as an App Home section."""

from __future__ import annotations

from sqlite_utils import Database

from bot.alerts.mrkdwn import fit
from bot.alerts.pause import COMEBACK, explain
from bot.alerts.token import TokenReport
from storage.alerts import count_failed, failed_alerts
from storage.subscriptions import paused_subscriptions, subscriptions_set_up_by

MAX_LINES = 10


def delivery_lines(db: Database, token: TokenReport | None = None) -> list[str]:
    """The token (when refused), paused subscriptions, and failed alerts with Slack's reasons."""
    lines = []
    if token is not None and not token.ok:
        lines.append(f"• ⚠️ Slack refuses the bot token ({fit(token.reason or '', 60)}): no "
                     "alerts are being sent; reinstall the app or set a new SLACK_BOT_TOKEN")
    paused = paused_subscriptions(db)
    if paused:
        lines.append(f"• ⚠️ Paused subscriptions: {len(paused)}. {COMEBACK}")
        lines += [f"    *{fit(s.topic, 100)}* in <#{s.target_id}>: {explain(s.paused_reason)}"
                  for s in paused[:MAX_LINES]]
    failed = count_failed(db)
    lines.append(f"• Failed alerts: {failed}")
    lines += [f"    alert {a.id} to <#{a.channel}>: {fit(a.error or 'unknown', 80)}"
              for a in failed_alerts(db, limit=5)]
    return lines


def paused_home_section(db: Database, user: str) -> list[dict]:
    """App Home blocks: ``user``'s paused subscriptions and failed alerts; none when all is well."""
    paused = paused_subscriptions(db, user=user)
    targets = [user, *{s.target_id for s in subscriptions_set_up_by(db, user)}]
    failed = failed_alerts(db, targets=targets, limit=5)
    if not paused and not failed:
        return []
    lines = []
    if paused:
        lines.append("*Paused subscriptions*")
        lines += [f"• *{fit(s.topic, 100)}* · {_where(s.target_type, s.target_id)} · "
                  f"{explain(s.paused_reason)}" for s in paused[:MAX_LINES]]
        if len(paused) > MAX_LINES:
            lines.append(f"+{len(paused) - MAX_LINES} more in `/wirewatch status`")
        lines.append(COMEBACK)
    if failed:
        lines.append("*Alerts that could not be posted* (latest)")
        lines += [f"• {_where('user' if a.channel == user else 'channel', a.channel)}: "
                  f"{fit(a.error or 'unknown', 80)}" for a in failed]
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)[:2900]}}]


def _where(target_type: str, target_id: str) -> str:
    return "by direct message" if target_type == "user" else f"<#{target_id}>"
