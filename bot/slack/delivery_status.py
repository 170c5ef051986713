"""What a newsroom sees when delivery fails: paused subscriptions and failed alerts, as lines
for `/wirewatch status` and as an App Home section."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlite_utils import Database

from bot.alerts.calls import UNKNOWN_CODE
from bot.alerts.mrkdwn import counted, fit, slack_date, within
from bot.alerts.pause import comeback, explain, quotes_label
from bot.alerts.token import TokenReport
from bot.models import HeldDigest
from bot.run_lines import failed_line
from storage.alerts import count_failed, failed_alerts
from storage.held_alerts import Held, count_held, held_alerts
from storage.held_digests import held_digests
from storage.quote_subscriptions import paused_quote_subscriptions
from storage.subscriptions import paused_subscriptions, subscriptions_set_up_by

MAX_LINES = 10
SECTION_CHARS = 2900
MORE_ROOM = 100  # the two headings and each "+N more" line
SLACK_CODE = re.compile(r"Slack answered (?:\d+ )?(\w+)")
UNKNOWN_SAID = "Slack keeps answering with an error wirewatch does not know"
ASK_SLACK = "status.slack.com may say why"
PAUSED_HEAD, FAILED_HEAD = "*Paused subscriptions*", "*Alerts that could not be posted* (latest)"


@dataclass(frozen=True)
class Viewer:
    """Who asks, and where: ``user`` typing in ``channel`` (None: in App Home); ``hidden``: the
    private channels they are not in (None: Slack did not say which, so no channel but
    ``channel``), whose subscriptions they set up are not theirs to see."""

    channel: str | None
    user: str | None
    hidden: frozenset[str] | None = frozenset()

    def sees(self, target: str) -> bool:
        """Whether a subscription the viewer set up, to ``target``, is shown to them."""
        return target in (self.channel, self.user) or \
            (self.hidden is not None and target not in self.hidden)


def delivery_lines(db: Database, token: TokenReport | None = None, *,
                   viewer: Viewer | None = None) -> list[str]:
    """The token (when refused), paused subscriptions, and failed alerts with Slack's reasons:
    all of them (for admins, ``viewer`` None), or only those of the viewer's channel, their
    direct messages and what they set up: what a private channel or someone's direct messages
    follow is theirs to know."""
    lines = []
    if token is not None and not token.ok:
        lines.append(f"• ⚠️ Slack refuses the bot token ({fit(token.reason or '', 60)}): no "
                     "alerts are being sent; reinstall the app or set a new SLACK_BOT_TOKEN")
    paused = _paused(db, None) if viewer is None else _paused_for(db, viewer)
    if paused:
        lines.append(f"• ⚠️ Paused subscriptions: {len(paused)}. {_comebacks(paused)}")
        lines += [f"    {label} {_to(target_type, target_id)}: {explain(reason)}"
                  for label, target_type, target_id, reason in paused[:MAX_LINES]]
    targets = None if viewer is None else _targets(db, viewer)
    lines += held_lines(held_alerts(db, said=UNKNOWN_CODE, targets=targets, limit=MAX_LINES))
    lines += held_digest_lines(held_digests(db, said=UNKNOWN_CODE, targets=targets))
    failed = count_failed(db)
    shown = failed_alerts(db, limit=5, targets=targets)
    elsewhere = " (those to other channels and people: admins see them)" \
        if viewer is not None and failed > len(shown) else ""
    lines.append(f"• {failed_line(failed)}{elsewhere}")
    lines += [f"    alert {a.id} to {_mention(a.channel)}: {fit(a.error or 'unknown', 80)}"
              for a in shown]
    return lines


def held_lines(found: Held) -> list[str]:
    """Each channel's next alert that Slack keeps answering with a code wirewatch does not
    know: tried again every few minutes while it lasts, it holds its channel's later alerts
    (``calls.unknown_answer``); since Slack first answered it so (since it was queued, when
    held before that was kept), the code, how many wait behind it; then the alerts held and
    their conversations, all of them."""
    held, waiting, conversations = found
    if not held:
        return []
    lines = [f"• ⚠️ Alerts held: {UNKNOWN_SAID}, so {counted(waiting, 'alert')} in "
             f"{counted(conversations, 'conversation')} wait; each is tried again every few "
             f"minutes while it lasts ({ASK_SLACK})"]
    for alert in held[:MAX_LINES]:
        behind = f" ({alert.behind} more behind it)" if alert.behind else ""
        since = f"held since {_when(alert.held_since)}" if alert.held_since else \
            f"waiting since {_when(alert.created_at)}"
        lines.append(f"    alert {alert.id} to {_mention(alert.channel)}, {since}: "
                     f"`{_code(alert.error)}`{behind}")
    return lines


def held_digest_lines(held: list[HeldDigest]) -> list[str]:
    """Each digest Slack keeps answering so (tried again with the alerts' backoff while it
    lasts, its later periods behind it): to whom, of what, since Slack first answered so, when
    it is tried next, the code."""
    if not held:
        return []
    lines = [f"• ⚠️ Digests held: {UNKNOWN_SAID}, so {counted(len(held), 'digest')} wait; each "
             f"is tried again every few minutes while it lasts ({ASK_SLACK})"]
    lines += [f"    *{fit(digest.topic, 100)}* to {_mention(digest.target_id)}, held since "
              f"{_when(digest.since)}{_next(digest.next_try)}: `{_code(digest.error)}`"
              for digest in held[:MAX_LINES]]
    return lines


def held_home_line(db: Database, targets: list[str]) -> str:
    """App Home's word of what Slack holds of ``targets``' (alerts and digests): the count and
    the advice; empty when nothing is held."""
    alerts = count_held(db, said=UNKNOWN_CODE, targets=targets)[0]
    digests = len(held_digests(db, said=UNKNOWN_CODE, targets=targets))
    if not alerts and not digests:
        return ""
    waiting = " and ".join(counted(n, what) for n, what in ((alerts, "alert"),
                                                             (digests, "digest")) if n)
    return (f"⚠️ *Held:* {waiting} wait: {UNKNOWN_SAID}; tried again while it lasts "
            f"({ASK_SLACK}; `/wirewatch status` lists them)")


def paused_home_section(db: Database, user: str, *,
                        hidden: frozenset[str] | None = frozenset()) -> list[dict]:
    """App Home blocks: ``user``'s paused subscriptions and failed alerts, but those of the
    private channels they are not in (``hidden``, as ``Viewer``); none when all is well.

    One section, within Slack's 3,000 characters: whole items only (a cut inside a mention, a
    link or an escape would garble it), the rest counted."""
    viewer = Viewer(None, user, hidden)
    paused = [p for p in _paused(db, user) if viewer.sees(p[2])]
    targets = [t for t in (user, *{s.target_id for s in subscriptions_set_up_by(db, user)})
               if viewer.sees(t)]
    failed = failed_alerts(db, targets=targets, limit=5)
    held = held_home_line(db, targets)
    if not paused and not failed and not held:
        return []
    paused_lines = [f"• {label} · {_where(target_type, target_id)} · {explain(reason)}"
                    for label, target_type, target_id, reason in paused[:MAX_LINES]]
    failed_lines = [f"• {_where('user' if a.channel == user else 'channel', a.channel)}: "
                    f"{fit(a.error or 'unknown', 80)}" for a in failed]
    comebacks = _comebacks(paused) if paused else ""
    room = SECTION_CHARS - len(comebacks) - len(held) - 2 * MORE_ROOM
    shown_paused = within(room, paused_lines)
    shown_failed = within(room - sum(len(line) + 1 for line in shown_paused), failed_lines)
    lines = [held] if held else []
    if paused:
        lines += [PAUSED_HEAD, *shown_paused]
        if len(shown_paused) < len(paused):
            lines.append(f"+{len(paused) - len(shown_paused)} more in `/wirewatch status`")
        lines.append(comebacks)
    if failed:
        lines += [FAILED_HEAD, *shown_failed]
        if len(shown_failed) < len(failed):
            lines.append(f"…and {len(failed) - len(shown_failed)} more: `/wirewatch status` "
                         "lists the latest")
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}]


def _paused(db: Database, user: str | None) -> list[tuple[str, str, str, str | None]]:
    """(what it follows, target type, target, reason) of each paused topic and quote
    subscription, all or ``user``'s."""
    return ([(f"*{fit(s.topic, 100)}*", s.target_type, s.target_id, s.paused_reason)
             for s in paused_subscriptions(db, user=user)]
            + [(quotes_label(q.query), q.target_type, q.target_id, q.paused_reason)
               for q in paused_quote_subscriptions(db, user=user)])


def _paused_for(db: Database, viewer: Viewer) -> list[tuple[str, str, str, str | None]]:
    """``_paused`` of the viewer's channel and of what the viewer gets or set up."""
    theirs = set(_paused(db, viewer.user)) if viewer.user else set()
    return [p for p in _paused(db, None)
            if (p in theirs and viewer.sees(p[2])) or p[2] == viewer.channel]


def _targets(db: Database, viewer: Viewer) -> list[str]:
    """The channel, the person, and the channels of the subscriptions they set up."""
    own = [s.target_id for s in subscriptions_set_up_by(db, viewer.user)] if viewer.user else []
    return list(dict.fromkeys(t for t in (viewer.channel, viewer.user, *own)
                              if t and viewer.sees(t)))


def _comebacks(paused: list[tuple[str, str, str, str | None]]) -> str:
    """How the paused subscriptions resume, each way said once."""
    return " ".join(dict.fromkeys(comeback(reason) for *_, reason in paused))


def _code(error: str) -> str:
    code = SLACK_CODE.search(error)
    return code.group(1) if code else "unknown"


def _next(iso: str) -> str:
    return f", next try {_when(iso)}" if iso else ""


def _when(iso: str) -> str:
    return slack_date(iso) or fit(iso, 40)


def _mention(target: str) -> str:
    return f"<@{target}>" if target.startswith(("U", "W")) else f"<#{target}>"


def _to(target_type: str, target_id: str) -> str:
    return f"to <@{target_id}> by direct message" if target_type == "user" else \
        f"in <#{target_id}>"


def _where(target_type: str, target_id: str) -> str:
    return "by direct message" if target_type == "user" else f"<#{target_id}>"
