"""What admins are told, in `/wirewatch status` and App Home, of another wirewatch posting with
this Slack app (``bot.alerts.instances``): the desk sees every alert twice until it stops."""

from __future__ import annotations

from datetime import datetime

from bot.alerts.instances import ANOTHER, Instances, Sighting
from bot.alerts.mrkdwn import slack_date

SHOWN = 3


def instance_lines(instances: Instances, now: datetime) -> list[str]:
    """One line per other poster seen in the last day (by this run or one before it, kept in
    the database), the latest first; none when alone."""
    seen = instances.sightings(now)
    return [_line(s, instances) for s in seen[:SHOWN]] + \
        ([f"    …and {len(seen) - SHOWN} more: the log names each"] if len(seen) > SHOWN else [])


def instance_section(instances: Instances, now: datetime) -> list[dict]:
    """App Home's block for admins: the same lines, or nothing."""
    lines = instance_lines(instances, now)
    if not lines:
        return []
    return [{"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(lines)}}]


def _line(seen: Sighting, instances: Instances) -> str:
    when = slack_date(seen.posted) or seen.ts
    install = instances.own_install()
    if seen.kind == ANOTHER:
        who = (f"another wirewatch database (instance `{seen.install[:12]}`; this one is "
               f"`{install[:12]}`) posts with this Slack app")
    else:
        who = (f"another run of this database (instance `{install[:12]}`, run "
               f"`{seen.boot[:12] or 'unknown'}`; this one is `{instances.boot}`), a restored "
               "backup or a copy of its file, posts with this Slack app")
    return (f"• ⚠️ {who}: latest in <#{seen.channel}> {when}. Each alert both follow is "
            "posted twice; stop it or give it a Slack app of its own (this one goes on posting)")
